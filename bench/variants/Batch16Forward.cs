// DenseForward_1024x1000x100_Vector256 of NetGen.Benchmarks.ScaleBatch16Net, as the generator emitted it at 165aacf Tests: the dropout, serving and threaded TrainStep a
// (bench/variants/copy_kernel ScaleBatch16Net DenseForward_1024x1000x100_Vector256 Batch16Forward). Do not edit: write variants beside it.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Variants
{
    internal static class Batch16Forward
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
            // Every column tile's 256 × 12 slice of a k block of w, copied contiguous one after another (its rows are 100 apart in w).
            Span<double> pack = scratch.Slice(0, 25600);
            ref double packRef = ref MemoryMarshal.GetReference(pack);
            // The 1000 terms are taken in blocks of 256: the 256 × 12 slice of w a tile reads stays in the L1
            // cache while every row block uses it. y starts as zero and each block adds its terms.
            y.Clear();
            for (int kc = 0; kc < 768; kc += 256)
            {
                // Copy every column tile's slice of this k block of w, once for all the row blocks below.
                for (int j = 0; j < 96; j += 12)
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, kc * 100 + j);
                    ref double packTo = ref Unsafe.Add(ref packRef, (j / 12) * 3072);
                    for (int k = 0; k < 256; k++)
                    {
                        Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                        Vector256.LoadUnsafe(ref bFrom, 4).StoreUnsafe(ref packTo, 4);
                        Vector256.LoadUnsafe(ref bFrom, 8).StoreUnsafe(ref packTo, 8);
                        bFrom = ref Unsafe.Add(ref bFrom, 100);
                        packTo = ref Unsafe.Add(ref packTo, 12);
                    }
                }
                // The remaining columns' slice, after the full tiles'.
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, kc * 100 + 96);
                    ref double packTo = ref Unsafe.Add(ref packRef, 24576);
                    for (int k = 0; k < 256; k++)
                    {
                        Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                        bFrom = ref Unsafe.Add(ref bFrom, 100);
                        packTo = ref Unsafe.Add(ref packTo, 4);
                    }
                }
                for (int mb = 0; mb < 1024; mb += 64)
                {
                    // Rows mb..mb + 63: their 256 terms of x stay in L2 while every column tile reads them.
                    for (int j = 0; j < 96; j += 12)
                    {
                        ref double slice = ref Unsafe.Add(ref packRef, (j / 12) * 3072);
                        for (int m = mb; m < mb + 64; m += 4)
                        {
                            ref double cRow0 = ref Unsafe.Add(ref yRef, m * 100 + j);
                            ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * 100 + j);
                            ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * 100 + j);
                            ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * 100 + j);
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
                            ref double bK = ref slice;
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
                    // The remaining columns, as 1 vector(s): 96..99.
                    {
                        ref double slice = ref Unsafe.Add(ref packRef, 24576);
                        for (int m = mb; m < mb + 64; m += 4)
                        {
                            ref double cRow0 = ref Unsafe.Add(ref yRef, m * 100 + 96);
                            ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * 100 + 96);
                            ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * 100 + 96);
                            ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * 100 + 96);
                            Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                            Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                            Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                            Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                            ref double aK = ref Unsafe.Add(ref xRef, m * 1000 + kc);
                            ref double bK = ref slice;
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
            }
            // The last 232 term(s): 768..999.
            {
                // Copy every column tile's slice of this k block of w, once for all the row blocks below.
                for (int j = 0; j < 96; j += 12)
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, 76800 + j);
                    ref double packTo = ref Unsafe.Add(ref packRef, (j / 12) * 2784);
                    for (int k = 0; k < 232; k++)
                    {
                        Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                        Vector256.LoadUnsafe(ref bFrom, 4).StoreUnsafe(ref packTo, 4);
                        Vector256.LoadUnsafe(ref bFrom, 8).StoreUnsafe(ref packTo, 8);
                        bFrom = ref Unsafe.Add(ref bFrom, 100);
                        packTo = ref Unsafe.Add(ref packTo, 12);
                    }
                }
                // The remaining columns' slice, after the full tiles'.
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, 76800 + 96);
                    ref double packTo = ref Unsafe.Add(ref packRef, 22272);
                    for (int k = 0; k < 232; k++)
                    {
                        Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                        bFrom = ref Unsafe.Add(ref bFrom, 100);
                        packTo = ref Unsafe.Add(ref packTo, 4);
                    }
                }
                for (int mb = 0; mb < 1024; mb += 64)
                {
                    // Rows mb..mb + 63: their 232 terms of x stay in L2 while every column tile reads them.
                    for (int j = 0; j < 96; j += 12)
                    {
                        ref double slice = ref Unsafe.Add(ref packRef, (j / 12) * 2784);
                        for (int m = mb; m < mb + 64; m += 4)
                        {
                            ref double cRow0 = ref Unsafe.Add(ref yRef, m * 100 + j);
                            ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * 100 + j);
                            ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * 100 + j);
                            ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * 100 + j);
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
                            ref double bK = ref slice;
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
                    // The remaining columns, as 1 vector(s): 96..99.
                    {
                        ref double slice = ref Unsafe.Add(ref packRef, 22272);
                        for (int m = mb; m < mb + 64; m += 4)
                        {
                            ref double cRow0 = ref Unsafe.Add(ref yRef, m * 100 + 96);
                            ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * 100 + 96);
                            ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * 100 + 96);
                            ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * 100 + 96);
                            Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                            Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                            Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                            Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                            ref double aK = ref Unsafe.Add(ref xRef, m * 1000 + 768);
                            ref double bK = ref slice;
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
}
