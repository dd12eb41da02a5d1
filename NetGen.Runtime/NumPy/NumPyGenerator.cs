using System;

namespace NetGen.NumPy
{
    /// <summary>
    /// NumPy's modern generator, <c>rng = np.random.default_rng(seed)</c>: a <see cref="Pcg64"/> bit
    /// generator seeded through <see cref="SeedSequence"/>, with <c>rng.random()</c>,
    /// <c>rng.standard_normal()</c> and <c>rng.integers()</c> reproduced to the last bit.
    /// </summary>
    /// <remarks>
    /// Normals use NumPy's 256-layer ziggurat (<c>random_standard_normal</c> in distributions.c):
    /// one 64-bit draw gives the layer (low 8 bits), the sign (next bit) and a 52-bit magnitude;
    /// most draws are accepted at once, the rest go through the wedge test or, for the base layer,
    /// Marsaglia's exponential tail sampler. Bounded integers use Lemire's method on the bit
    /// generator's buffered 32-bit halves when the range fits in 32 bits. Instances are not
    /// thread-safe.
    /// </remarks>
    public sealed class NumPyGenerator
    {
        /// <summary>Creates the generator of <c>np.random.default_rng(seed)</c>.</summary>
        public NumPyGenerator(ulong seed)
            : this(new Pcg64(seed))
        {
        }

        /// <summary>Creates <c>np.random.Generator(bitGenerator)</c> over an existing bit generator.</summary>
        public NumPyGenerator(Pcg64 bitGenerator)
        {
            BitGenerator = bitGenerator ?? throw new ArgumentNullException(nameof(bitGenerator));
        }

        /// <summary>The bit generator this generator draws from (shared, not copied).</summary>
        public Pcg64 BitGenerator { get; }

        /// <summary>Returns a uniform double in [0, 1), as <c>rng.random()</c> does.</summary>
        public double NextDouble() => BitGenerator.NextDouble();

        /// <summary>Returns a standard normal value, as <c>rng.standard_normal()</c> does.</summary>
        public double StandardNormal()
        {
            while (true)
            {
                ulong bits = BitGenerator.NextUInt64();
                int layer = (int)(bits & 0xFF);
                bits >>= 8;
                bool negative = (bits & 1) != 0;
                ulong magnitude = (bits >> 1) & 0x000FFFFFFFFFFFFFUL;

                double x = magnitude * ZigguratTables.Wi[layer];
                if (negative)
                {
                    x = -x;
                }

                if (magnitude < ZigguratTables.Ki[layer])
                {
                    // Inside the layer's rectangle: about 99.3% of draws end here.
                    return x;
                }

                if (layer == 0)
                {
                    return SampleTail(tailIsNegative: ((magnitude >> 8) & 1) != 0);
                }

                // Wedge between the rectangle and the curve: accept if a uniform height
                // within the layer falls under the density.
                double height = (ZigguratTables.Fi[layer - 1] - ZigguratTables.Fi[layer]) * BitGenerator.NextDouble()
                    + ZigguratTables.Fi[layer];
                if (height < Math.Exp(-0.5 * x * x))
                {
                    return x;
                }
            }
        }

        /// <summary>
        /// Fills <paramref name="destination"/> with standard normal values in order, equal to
        /// <c>rng.standard_normal(shape)</c> read in C order.
        /// </summary>
        public void StandardNormal(Span<double> destination)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = StandardNormal();
            }
        }

        /// <summary>
        /// Returns a uniform integer in [<paramref name="low"/>, <paramref name="high"/>), as
        /// <c>rng.integers(low, high)</c> does for its default 64-bit integer type.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="low"/> is not below <paramref name="high"/>.</exception>
        public long Integers(long low, long high)
        {
            (ulong offset, ulong range) = BoundedIntegers.ClosedRange(low, high);
            return unchecked((long)BoundedIntegers.Next(BitGenerator, offset, range, BoundedIntegers.Method.Lemire));
        }

        /// <summary>
        /// Fills <paramref name="destination"/> with uniform integers in [<paramref name="low"/>,
        /// <paramref name="high"/>), equal to <c>rng.integers(low, high, destination.Length)</c>.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="low"/> is not below <paramref name="high"/>.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range does not fit in <see cref="int"/>.</exception>
        public void Integers(long low, long high, Span<int> destination)
        {
            (ulong offset, ulong range) = BoundedIntegers.ClosedRange(low, high);
            BoundedIntegers.RequireInt32Range(low, high);
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = unchecked((int)(long)BoundedIntegers.Next(BitGenerator, offset, range, BoundedIntegers.Method.Lemire));
            }
        }

        /// <summary>
        /// Samples |x| beyond <see cref="ZigguratTables.R"/> with Marsaglia's method: x = R + e₁/R with e₁,
        /// e₂ exponential, accepted when 2·e₂ &gt; (e₁/R)². Exponentials are <c>-log1p(-u)</c> so that u = 0
        /// cannot produce log(0).
        /// </summary>
        private double SampleTail(bool tailIsNegative)
        {
            while (true)
            {
                double xx = -ZigguratTables.InverseR * Log1P.Compute(-BitGenerator.NextDouble());
                double yy = -Log1P.Compute(-BitGenerator.NextDouble());
                if (yy + yy > xx * xx)
                {
                    return tailIsNegative ? -(ZigguratTables.R + xx) : ZigguratTables.R + xx;
                }
            }
        }
    }
}
