using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Variants
{
    /// <summary>A variant of the 64 × 1000 × 1600 forward product (Vector256 double).</summary>
    internal static class Hidden16ForwardVariants
    {
        private const int M = 64, KK = 1000, N = 1600, KB = 256;

        // Panel variant: per k block, per panel of NC columns (tiles of 12), copy the panel's tiles (KB x 12 each, contiguous) reading
        // each row's NC columns in one run, then run every row tile over each of the panel's tiles.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Panel(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> y, int nc, bool prefetch)
        {
            ref double xRef = ref MemoryMarshal.GetReference(x);
            ref double wRef = ref MemoryMarshal.GetReference(w);
            ref double yRef = ref MemoryMarshal.GetReference(y);
            Span<double> scratch = Support.Scratch();
            ref double packRef = ref MemoryMarshal.GetReference(scratch);
            y.Clear();
            for (int kc = 0; kc < KK; kc += KB)
            {
                int kn = Math.Min(KB, KK - kc);
                for (int jp = 0; jp < 1596; jp += nc)
                {
                    int tiles = Math.Min(nc, 1596 - jp) / 12;
                    // copy: row by row, tile by tile
                    ref double bRow = ref Unsafe.Add(ref wRef, kc * N + jp);
                    for (int k = 0; k < kn; k++)
                    {
                        ref double packTo = ref Unsafe.Add(ref packRef, k * 12);
                        for (int t = 0; t < tiles; t++)
                        {
                            Vector256.LoadUnsafe(ref bRow, (nuint)(t * 12)).StoreUnsafe(ref packTo, 0);
                            Vector256.LoadUnsafe(ref bRow, (nuint)(t * 12 + 4)).StoreUnsafe(ref packTo, 4);
                            Vector256.LoadUnsafe(ref bRow, (nuint)(t * 12 + 8)).StoreUnsafe(ref packTo, 8);
                            packTo = ref Unsafe.Add(ref packTo, kn * 12);
                        }
                        bRow = ref Unsafe.Add(ref bRow, N);
                    }
                    for (int t = 0; t < tiles; t++)
                    {
                        int j = jp + t * 12;
                        ref double bBase = ref Unsafe.Add(ref packRef, t * kn * 12);
                        for (int m = 0; m < M; m += 4)
                        {
                            if (prefetch)
                            {
                                // this tile's share of the next panel's rows (the next panel in this k block, or the next k block's first)
                                int tileIndex = t * 16 + m / 4;
                                int nextJp = jp + nc, nextKc = kc;
                                if (nextJp >= 1596) { nextJp = 0; nextKc = kc + KB; }
                                if (nextKc < KK)
                                {
                                    int nextKn = Math.Min(KB, KK - nextKc);
                                    int rowsPer = (nextKn + tiles * 16 - 1) / (tiles * 16);
                                    int width = Math.Min(nc, 1600 - nextJp);
                                    for (int kk = tileIndex * rowsPer; kk < tileIndex * rowsPer + rowsPer && kk < nextKn; kk++)
                                        global::NetGen.Kernels.CachePrefetch.Lines(w.Slice((nextKc + kk) * N + nextJp, width), 0, global::NetGen.Kernels.CachePrefetch.LineCount(width * 8));
                                }
                            }
                            ref double cRow0 = ref Unsafe.Add(ref yRef, m * N + j);
                            ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * N + j);
                            ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * N + j);
                            ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * N + j);
                            var c0_0 = Vector256.LoadUnsafe(ref cRow0, 0); var c0_1 = Vector256.LoadUnsafe(ref cRow0, 4); var c0_2 = Vector256.LoadUnsafe(ref cRow0, 8);
                            var c1_0 = Vector256.LoadUnsafe(ref cRow1, 0); var c1_1 = Vector256.LoadUnsafe(ref cRow1, 4); var c1_2 = Vector256.LoadUnsafe(ref cRow1, 8);
                            var c2_0 = Vector256.LoadUnsafe(ref cRow2, 0); var c2_1 = Vector256.LoadUnsafe(ref cRow2, 4); var c2_2 = Vector256.LoadUnsafe(ref cRow2, 8);
                            var c3_0 = Vector256.LoadUnsafe(ref cRow3, 0); var c3_1 = Vector256.LoadUnsafe(ref cRow3, 4); var c3_2 = Vector256.LoadUnsafe(ref cRow3, 8);
                            ref double aK = ref Unsafe.Add(ref xRef, m * KK + kc);
                            ref double bK = ref bBase;
                            for (int k = 0; k < kn; k++)
                            {
                                var b0 = Vector256.LoadUnsafe(ref bK, 0); var b1 = Vector256.LoadUnsafe(ref bK, 4); var b2 = Vector256.LoadUnsafe(ref bK, 8);
                                var a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0); c0_1 = Fma.MultiplyAdd(a0, b1, c0_1); c0_2 = Fma.MultiplyAdd(a0, b2, c0_2);
                                var a1 = Vector256.Create(Unsafe.Add(ref aK, KK));
                                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0); c1_1 = Fma.MultiplyAdd(a1, b1, c1_1); c1_2 = Fma.MultiplyAdd(a1, b2, c1_2);
                                var a2 = Vector256.Create(Unsafe.Add(ref aK, 2 * KK));
                                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0); c2_1 = Fma.MultiplyAdd(a2, b1, c2_1); c2_2 = Fma.MultiplyAdd(a2, b2, c2_2);
                                var a3 = Vector256.Create(Unsafe.Add(ref aK, 3 * KK));
                                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0); c3_1 = Fma.MultiplyAdd(a3, b1, c3_1); c3_2 = Fma.MultiplyAdd(a3, b2, c3_2);
                                aK = ref Unsafe.Add(ref aK, 1); bK = ref Unsafe.Add(ref bK, 12);
                            }
                            c0_0.StoreUnsafe(ref cRow0, 0); c0_1.StoreUnsafe(ref cRow0, 4); c0_2.StoreUnsafe(ref cRow0, 8);
                            c1_0.StoreUnsafe(ref cRow1, 0); c1_1.StoreUnsafe(ref cRow1, 4); c1_2.StoreUnsafe(ref cRow1, 8);
                            c2_0.StoreUnsafe(ref cRow2, 0); c2_1.StoreUnsafe(ref cRow2, 4); c2_2.StoreUnsafe(ref cRow2, 8);
                            c3_0.StoreUnsafe(ref cRow3, 0); c3_1.StoreUnsafe(ref cRow3, 4); c3_2.StoreUnsafe(ref cRow3, 8);
                        }
                    }
                }
                // tail columns 1596..1599, 1 vector
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, kc * N + 1596);
                    for (int k = 0; k < kn; k++) { Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref Unsafe.Add(ref packRef, k * 4), 0); bFrom = ref Unsafe.Add(ref bFrom, N); }
                    for (int m = 0; m < M; m += 4)
                    {
                        ref double cRow0 = ref Unsafe.Add(ref yRef, m * N + 1596);
                        ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * N + 1596);
                        ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * N + 1596);
                        ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * N + 1596);
                        var c0 = Vector256.LoadUnsafe(ref cRow0, 0); var c1 = Vector256.LoadUnsafe(ref cRow1, 0); var c2 = Vector256.LoadUnsafe(ref cRow2, 0); var c3 = Vector256.LoadUnsafe(ref cRow3, 0);
                        ref double aK = ref Unsafe.Add(ref xRef, m * KK + kc);
                        ref double bK = ref packRef;
                        for (int k = 0; k < kn; k++)
                        {
                            var b0 = Vector256.LoadUnsafe(ref bK, 0);
                            c0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 0)), b0, c0);
                            c1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, KK)), b0, c1);
                            c2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 2 * KK)), b0, c2);
                            c3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 3 * KK)), b0, c3);
                            aK = ref Unsafe.Add(ref aK, 1); bK = ref Unsafe.Add(ref bK, 4);
                        }
                        c0.StoreUnsafe(ref cRow0, 0); c1.StoreUnsafe(ref cRow1, 0); c2.StoreUnsafe(ref cRow2, 0); c3.StoreUnsafe(ref cRow3, 0);
                    }
                }
            }
        }
    }
}
