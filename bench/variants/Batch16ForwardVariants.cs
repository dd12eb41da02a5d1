using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Variants
{
    /// <summary>
    /// A variant of the 1024 × 1000 × 100 forward product (Vector256 double), blocked over rows as the generated kernel
    /// is (per k block of 256 terms, W's slices copied once, then the rows in blocks of <c>mc</c>, each over every
    /// slice), but copying the k block of W row by row, each row of W read as one run, where the generated kernel
    /// copies it slice by slice (96 bytes of each row at a time).
    /// </summary>
    internal static class Batch16ForwardVariants
    {
        private const int M = 1024, KK = 1000, N = 100, KB = 256, Tiles = 8;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void RowBlocks(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> y, int mc)
        {
            ref double xRef = ref MemoryMarshal.GetReference(x);
            ref double wRef = ref MemoryMarshal.GetReference(w);
            ref double yRef = ref MemoryMarshal.GetReference(y);
            ref double packRef = ref MemoryMarshal.GetReference(Support.Scratch());
            y.Clear();
            for (int kc = 0; kc < KK; kc += KB)
            {
                int kn = Math.Min(KB, KK - kc);
                // Copy the k block of W: tile t's slice (kn × 12) at t · kn · 12, the last 4 columns (kn × 4) after them.
                ref double bRow = ref Unsafe.Add(ref wRef, kc * N);
                for (int k = 0; k < kn; k++)
                {
                    for (int t = 0; t < Tiles; t++)
                    {
                        ref double to = ref Unsafe.Add(ref packRef, t * kn * 12 + k * 12);
                        Vector256.LoadUnsafe(ref bRow, (nuint)(t * 12)).StoreUnsafe(ref to, 0);
                        Vector256.LoadUnsafe(ref bRow, (nuint)(t * 12 + 4)).StoreUnsafe(ref to, 4);
                        Vector256.LoadUnsafe(ref bRow, (nuint)(t * 12 + 8)).StoreUnsafe(ref to, 8);
                    }
                    Vector256.LoadUnsafe(ref bRow, 96).StoreUnsafe(ref Unsafe.Add(ref packRef, Tiles * kn * 12 + k * 4), 0);
                    bRow = ref Unsafe.Add(ref bRow, N);
                }
                for (int mb = 0; mb < M; mb += mc)
                {
                    for (int t = 0; t < Tiles; t++)
                    {
                        int j = t * 12;
                        ref double bBase = ref Unsafe.Add(ref packRef, t * kn * 12);
                        for (int m = mb; m < mb + mc; m += 4)
                        {
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
                                aK = ref Unsafe.Add(ref aK, 1);
                                bK = ref Unsafe.Add(ref bK, 12);
                            }
                            c0_0.StoreUnsafe(ref cRow0, 0); c0_1.StoreUnsafe(ref cRow0, 4); c0_2.StoreUnsafe(ref cRow0, 8);
                            c1_0.StoreUnsafe(ref cRow1, 0); c1_1.StoreUnsafe(ref cRow1, 4); c1_2.StoreUnsafe(ref cRow1, 8);
                            c2_0.StoreUnsafe(ref cRow2, 0); c2_1.StoreUnsafe(ref cRow2, 4); c2_2.StoreUnsafe(ref cRow2, 8);
                            c3_0.StoreUnsafe(ref cRow3, 0); c3_1.StoreUnsafe(ref cRow3, 4); c3_2.StoreUnsafe(ref cRow3, 8);
                        }
                    }
                    ref double tail = ref Unsafe.Add(ref packRef, Tiles * kn * 12);
                    for (int m = mb; m < mb + mc; m += 4)
                    {
                        ref double cRow0 = ref Unsafe.Add(ref yRef, m * N + 96);
                        var c0 = Vector256.LoadUnsafe(ref cRow0, 0); var c1 = Vector256.LoadUnsafe(ref cRow0, N);
                        var c2 = Vector256.LoadUnsafe(ref cRow0, 2 * N); var c3 = Vector256.LoadUnsafe(ref cRow0, 3 * N);
                        ref double aK = ref Unsafe.Add(ref xRef, m * KK + kc);
                        ref double bK = ref tail;
                        for (int k = 0; k < kn; k++)
                        {
                            var b0 = Vector256.LoadUnsafe(ref bK, 0);
                            c0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 0)), b0, c0);
                            c1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, KK)), b0, c1);
                            c2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 2 * KK)), b0, c2);
                            c3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 3 * KK)), b0, c3);
                            aK = ref Unsafe.Add(ref aK, 1);
                            bK = ref Unsafe.Add(ref bK, 4);
                        }
                        c0.StoreUnsafe(ref cRow0, 0); c1.StoreUnsafe(ref cRow0, N); c2.StoreUnsafe(ref cRow0, 2 * N); c3.StoreUnsafe(ref cRow0, 3 * N);
                    }
                }
            }
        }
    }
}
