using System;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Register tiles for products of few rows: one example, or the handful that Predict's last passes take. The
    /// batch's tiles hold 4 to 8 rows and walk the columns in narrow strips, k-blocked so that a strip of B stays in
    /// L1 for the next row block. With at most <see cref="FewRowsMaximum"/> rows there is no next row block: the tile
    /// holds every row and as many columns as the registers allow, and streams B once, row after row, from
    /// whichever cache holds it.
    /// </summary>
    internal sealed partial class KernelEmitter
    {
        /// <summary>Products with at most this many rows (m) take one tile of all their rows.</summary>
        public const int FewRowsMaximum = 8;

        /// <summary>
        /// The tile of a product with <paramref name="m"/> ≤ <see cref="FewRowsMaximum"/> rows: all m rows, and V vectors
        /// such that the m · V accumulators, V operands and a broadcast (and, in a tier without a fused multiply-add,
        /// the product waiting to be added) fit the tier's registers, spread evenly over
        /// the columns' <paramref name="chunks"/> vectors (16 vectors of one row become two tiles of 8, not 15 and 1).
        /// </summary>
        private static (int Rows, int Vectors) FewRowsTile(Tier tier, int m, int chunks)
        {
            // One row uses each operand vector once, so the JIT folds its load into the multiply-add: the registers
            // are left to the accumulators (all of a 256-wide float row in one tile, W streamed once, contiguously).
            int most = m == 1 && tier.Fused
                ? Math.Max(1, tier.Registers * 3 / 4)
                : Math.Max(1, (tier.Registers - (tier.Fused ? 1 : 2)) / (m + 1));
            int tiles = (chunks + most - 1) / most;
            int vectors = (chunks + tiles - 1) / tiles;
            return (m, Math.Max(1, vectors));
        }
    }
}
