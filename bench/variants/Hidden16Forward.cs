// DenseForward_64x1000x1600_Vector256 of NetGen.Benchmarks.ScaleHidden16Net, as the generator emitted it at f0baaff README: bench/ab_revision and bench/kernels --cold
// (bench/variants/copy_kernel ScaleHidden16Net DenseForward_64x1000x1600_Vector256 Hidden16Forward). Do not edit: write variants beside it.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Variants
{
    internal static class Hidden16Forward
    {
        private static Span<double> KernelScratch() => Support.Scratch();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Generated(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> y)
        {
            // Register tile: 4 rows × 3 vectors of 4 = 4 × 12 outputs in 12 accumulators.
            ref double xRef = ref MemoryMarshal.GetReference(x);
            ref double wRef = ref MemoryMarshal.GetReference(w);
            ref double yRef = ref MemoryMarshal.GetReference(y);
            Span<double> scratch = KernelScratch();
            // The 256 × 12 slice of w that every row block reads, copied contiguous (its rows are 1600 apart in w).
            Span<double> pack = scratch.Slice(0, 3072);
            ref double packRef = ref MemoryMarshal.GetReference(pack);
            // The 1000 terms are taken in blocks of 256: the 256 × 12 slice of w a tile reads stays in the L1
            // cache while every row block uses it. y starts as zero and each block adds its terms.
            y.Clear();
            for (int kc = 0; kc < 768; kc += 256)
            {
                for (int j = 0; j < 1596; j += 12)
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, kc * 1600 + j);
                    ref double packTo = ref packRef;
                    for (int k = 0; k < 256; k++)
                    {
                        Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                        Vector256.LoadUnsafe(ref bFrom, 4).StoreUnsafe(ref packTo, 4);
                        Vector256.LoadUnsafe(ref bFrom, 8).StoreUnsafe(ref packTo, 8);
                        bFrom = ref Unsafe.Add(ref bFrom, 1600);
                        packTo = ref Unsafe.Add(ref packTo, 12);
                    }
                    for (int m = 0; m < 64; m += 4)
                    {
                        // Fetch this tile's share of the next column tile's slice of B into L2 (the last full tile: the remaining columns).
                        int sliceRow = m / 4 * 16;
                        for (int kk = sliceRow; kk < sliceRow + 16 && kk < 256; kk++)
                        {
                            global::NetGen.Kernels.CachePrefetch.Lines(w.Slice((kc + kk) * 1600 + j + 12, Math.Min(12, 1600 - (j + 12))), 0, 3);
                        }
                        ref double cRow0 = ref Unsafe.Add(ref yRef, m * 1600 + j);
                        ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * 1600 + j);
                        ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * 1600 + j);
                        ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * 1600 + j);
                        Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                        Vector256<double> c0_1 = Vector256.LoadUnsafe(ref cRow0, 4);
                        Vector256<double> c0_2 = Vector256.LoadUnsafe(ref cRow0, 8);
                        Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                        Vector256<double> c1_1 = Vector256.LoadUnsafe(ref cRow1, 4);
                        Vector256<double> c1_2 = Vector256.LoadUnsafe(ref cRow1, 8);
                        Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                        Vector256<double> c2_1 = Vector256.LoadUnsafe(ref cRow2, 4);
                        Vector256<double> c2_2 = Vector256.LoadUnsafe(ref cRow2, 8);
                        Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                        Vector256<double> c3_1 = Vector256.LoadUnsafe(ref cRow3, 4);
                        Vector256<double> c3_2 = Vector256.LoadUnsafe(ref cRow3, 8);
                        ref double aK = ref Unsafe.Add(ref xRef, m * 1000 + kc);
                        ref double bK = ref packRef;
                        for (int k = 0; k < 256; k++)
                        {
                            Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                            Vector256<double> b1 = Vector256.LoadUnsafe(ref bK, 4);
                            Vector256<double> b2 = Vector256.LoadUnsafe(ref bK, 8);
                            Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                            c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
                            c0_2 = Fma.MultiplyAdd(a0, b2, c0_2);
                            Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1000));
                            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                            c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
                            c1_2 = Fma.MultiplyAdd(a1, b2, c1_2);
                            Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2000));
                            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                            c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
                            c2_2 = Fma.MultiplyAdd(a2, b2, c2_2);
                            Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3000));
                            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                            c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
                            c3_2 = Fma.MultiplyAdd(a3, b2, c3_2);
                            aK = ref Unsafe.Add(ref aK, 1);
                            bK = ref Unsafe.Add(ref bK, 12);
                        }
                        c0_0.StoreUnsafe(ref cRow0, 0);
                        c0_1.StoreUnsafe(ref cRow0, 4);
                        c0_2.StoreUnsafe(ref cRow0, 8);
                        c1_0.StoreUnsafe(ref cRow1, 0);
                        c1_1.StoreUnsafe(ref cRow1, 4);
                        c1_2.StoreUnsafe(ref cRow1, 8);
                        c2_0.StoreUnsafe(ref cRow2, 0);
                        c2_1.StoreUnsafe(ref cRow2, 4);
                        c2_2.StoreUnsafe(ref cRow2, 8);
                        c3_0.StoreUnsafe(ref cRow3, 0);
                        c3_1.StoreUnsafe(ref cRow3, 4);
                        c3_2.StoreUnsafe(ref cRow3, 8);
                    }
                }
                // The remaining columns, as 1 vector(s): 1596..1599.
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, kc * 1600 + 1596);
                    ref double packTo = ref packRef;
                    for (int k = 0; k < 256; k++)
                    {
                        Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                        bFrom = ref Unsafe.Add(ref bFrom, 1600);
                        packTo = ref Unsafe.Add(ref packTo, 4);
                    }
                    for (int m = 0; m < 64; m += 4)
                    {
                        ref double cRow0 = ref Unsafe.Add(ref yRef, m * 1600 + 1596);
                        ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * 1600 + 1596);
                        ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * 1600 + 1596);
                        ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * 1600 + 1596);
                        Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                        Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                        Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                        Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                        ref double aK = ref Unsafe.Add(ref xRef, m * 1000 + kc);
                        ref double bK = ref packRef;
                        for (int k = 0; k < 256; k++)
                        {
                            Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                            Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                            Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1000));
                            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                            Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2000));
                            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                            Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3000));
                            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                            aK = ref Unsafe.Add(ref aK, 1);
                            bK = ref Unsafe.Add(ref bK, 4);
                        }
                        c0_0.StoreUnsafe(ref cRow0, 0);
                        c1_0.StoreUnsafe(ref cRow1, 0);
                        c2_0.StoreUnsafe(ref cRow2, 0);
                        c3_0.StoreUnsafe(ref cRow3, 0);
                    }
                }
            }
            // The last 232 term(s): 768..999.
            {
                for (int j = 0; j < 1596; j += 12)
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, 1228800 + j);
                    ref double packTo = ref packRef;
                    for (int k = 0; k < 232; k++)
                    {
                        Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                        Vector256.LoadUnsafe(ref bFrom, 4).StoreUnsafe(ref packTo, 4);
                        Vector256.LoadUnsafe(ref bFrom, 8).StoreUnsafe(ref packTo, 8);
                        bFrom = ref Unsafe.Add(ref bFrom, 1600);
                        packTo = ref Unsafe.Add(ref packTo, 12);
                    }
                    for (int m = 0; m < 64; m += 4)
                    {
                        // Fetch this tile's share of the next column tile's slice of B into L2 (the last full tile: the remaining columns).
                        int sliceRow = m / 4 * 15;
                        for (int kk = sliceRow; kk < sliceRow + 15 && kk < 232; kk++)
                        {
                            global::NetGen.Kernels.CachePrefetch.Lines(w.Slice((768 + kk) * 1600 + j + 12, Math.Min(12, 1600 - (j + 12))), 0, 3);
                        }
                        ref double cRow0 = ref Unsafe.Add(ref yRef, m * 1600 + j);
                        ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * 1600 + j);
                        ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * 1600 + j);
                        ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * 1600 + j);
                        Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                        Vector256<double> c0_1 = Vector256.LoadUnsafe(ref cRow0, 4);
                        Vector256<double> c0_2 = Vector256.LoadUnsafe(ref cRow0, 8);
                        Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                        Vector256<double> c1_1 = Vector256.LoadUnsafe(ref cRow1, 4);
                        Vector256<double> c1_2 = Vector256.LoadUnsafe(ref cRow1, 8);
                        Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                        Vector256<double> c2_1 = Vector256.LoadUnsafe(ref cRow2, 4);
                        Vector256<double> c2_2 = Vector256.LoadUnsafe(ref cRow2, 8);
                        Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                        Vector256<double> c3_1 = Vector256.LoadUnsafe(ref cRow3, 4);
                        Vector256<double> c3_2 = Vector256.LoadUnsafe(ref cRow3, 8);
                        ref double aK = ref Unsafe.Add(ref xRef, m * 1000 + 768);
                        ref double bK = ref packRef;
                        for (int k = 0; k < 232; k++)
                        {
                            Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                            Vector256<double> b1 = Vector256.LoadUnsafe(ref bK, 4);
                            Vector256<double> b2 = Vector256.LoadUnsafe(ref bK, 8);
                            Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                            c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
                            c0_2 = Fma.MultiplyAdd(a0, b2, c0_2);
                            Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1000));
                            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                            c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
                            c1_2 = Fma.MultiplyAdd(a1, b2, c1_2);
                            Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2000));
                            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                            c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
                            c2_2 = Fma.MultiplyAdd(a2, b2, c2_2);
                            Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3000));
                            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                            c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
                            c3_2 = Fma.MultiplyAdd(a3, b2, c3_2);
                            aK = ref Unsafe.Add(ref aK, 1);
                            bK = ref Unsafe.Add(ref bK, 12);
                        }
                        c0_0.StoreUnsafe(ref cRow0, 0);
                        c0_1.StoreUnsafe(ref cRow0, 4);
                        c0_2.StoreUnsafe(ref cRow0, 8);
                        c1_0.StoreUnsafe(ref cRow1, 0);
                        c1_1.StoreUnsafe(ref cRow1, 4);
                        c1_2.StoreUnsafe(ref cRow1, 8);
                        c2_0.StoreUnsafe(ref cRow2, 0);
                        c2_1.StoreUnsafe(ref cRow2, 4);
                        c2_2.StoreUnsafe(ref cRow2, 8);
                        c3_0.StoreUnsafe(ref cRow3, 0);
                        c3_1.StoreUnsafe(ref cRow3, 4);
                        c3_2.StoreUnsafe(ref cRow3, 8);
                    }
                }
                // The remaining columns, as 1 vector(s): 1596..1599.
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, 1228800 + 1596);
                    ref double packTo = ref packRef;
                    for (int k = 0; k < 232; k++)
                    {
                        Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                        bFrom = ref Unsafe.Add(ref bFrom, 1600);
                        packTo = ref Unsafe.Add(ref packTo, 4);
                    }
                    for (int m = 0; m < 64; m += 4)
                    {
                        ref double cRow0 = ref Unsafe.Add(ref yRef, m * 1600 + 1596);
                        ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * 1600 + 1596);
                        ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * 1600 + 1596);
                        ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * 1600 + 1596);
                        Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                        Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                        Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                        Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                        ref double aK = ref Unsafe.Add(ref xRef, m * 1000 + 768);
                        ref double bK = ref packRef;
                        for (int k = 0; k < 232; k++)
                        {
                            Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                            Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                            c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                            Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1000));
                            c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                            Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2000));
                            c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                            Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3000));
                            c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                            aK = ref Unsafe.Add(ref aK, 1);
                            bK = ref Unsafe.Add(ref bK, 4);
                        }
                        c0_0.StoreUnsafe(ref cRow0, 0);
                        c1_0.StoreUnsafe(ref cRow1, 0);
                        c2_0.StoreUnsafe(ref cRow2, 0);
                        c3_0.StoreUnsafe(ref cRow3, 0);
                    }
                }
            }
        }
    }
}
