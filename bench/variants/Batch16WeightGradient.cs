// DenseWeightGradient_1024x1000x100_Vector256 of NetGen.Benchmarks.ScaleBatch16Net, as the generator emitted it at 9655615 Review: one ColumnTiles for copied and in-place k bl
// (bench/variants/copy_kernel ScaleBatch16Net DenseWeightGradient_1024x1000x100_Vector256 Batch16WeightGradient). Do not edit: write variants beside it.
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Variants
{
    internal static class Batch16WeightGradient
    {
        private static Span<double> KernelScratch() => Support.Scratch();

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Generated(ReadOnlySpan<double> x, ReadOnlySpan<double> dY, Span<double> dW, Span<double> w, double rate)
        {
            // Register tile: 4 rows × 3 vectors of 4 = 4 × 12 outputs in 12 accumulators.
            ref double xRef = ref MemoryMarshal.GetReference(x);
            ref double dYRef = ref MemoryMarshal.GetReference(dY);
            ref double dWRef = ref MemoryMarshal.GetReference(dW);
            // An empty w (Backward) asks for dW alone; otherwise (TrainStep) w takes its SGD step as dW's rows are stored.
            bool step = !w.IsEmpty;
            ref double wRef = ref MemoryMarshal.GetReference(w);
            Vector256<double> rateV = Vector256.Create(rate);
            Span<double> scratch = KernelScratch();
            // The 64 × 12 slice of dY that every row block reads, copied contiguous (its rows are 100 apart in dY).
            Span<double> pack = scratch.Slice(0, 768);
            ref double packRef = ref MemoryMarshal.GetReference(pack);
            // Blocks of 64 rows of the 1000 × 64 part of x that a k block reads, copied contiguous: its rows of k terms lie 1000 apart in x.
            Span<double> packA = scratch.Slice(768, 4096);
            ref double packARef = ref MemoryMarshal.GetReference(packA);
            // The 1024 terms are taken in blocks of 64: the 64 × 12 slice of dY a tile reads stays in the L1
            // cache while every row block uses it. dW starts as zero and each block adds its terms.
            dW.Clear();
            for (int kc = 0; kc < 960; kc += 64)
            {
                for (int mb = 0; mb < 960; mb += 64)
                {
                    // The block after this one: the rows the tiles below fetch into L2 ahead (none after row 999).
                    int nextStart = mb + 64;
                    int nextRows = Math.Min(64, 1000 - nextStart);
                    for (int k = 0; k < 64; k++)
                    {
                        x.Slice((kc + k) * 1000 + mb, 64).CopyTo(packA.Slice(k * 64, 64));
                    }
                    for (int j = 0; j < 96; j += 12)
                    {
                        ref double bFrom = ref Unsafe.Add(ref dYRef, kc * 100 + j);
                        ref double packTo = ref packRef;
                        for (int k = 0; k < 64; k++)
                        {
                            Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                            Vector256.LoadUnsafe(ref bFrom, 4).StoreUnsafe(ref packTo, 4);
                            Vector256.LoadUnsafe(ref bFrom, 8).StoreUnsafe(ref packTo, 8);
                            bFrom = ref Unsafe.Add(ref bFrom, 100);
                            packTo = ref Unsafe.Add(ref packTo, 12);
                        }
                        for (int m = mb; m < mb + 64; m += 4)
                        {
                            // Fetch this tile's share of the next block's rows of C and of A into L2.
                            if (nextRows > 0)
                            {
                                int tile = j / 12 * 16 + (m - mb) / 4;
                                global::NetGen.Kernels.CachePrefetch.Lines(dW.Slice(nextStart * 100, nextRows * 100), tile * 6, 6);
                                if (tile < 64)
                                {
                                    global::NetGen.Kernels.CachePrefetch.Lines(x.Slice((kc + tile) * 1000 + nextStart, nextRows), 0, 9);
                                }
                            }
                            ref double cRow0 = ref Unsafe.Add(ref dWRef, m * 100 + j);
                            ref double cRow1 = ref Unsafe.Add(ref dWRef, (m + 1) * 100 + j);
                            ref double cRow2 = ref Unsafe.Add(ref dWRef, (m + 2) * 100 + j);
                            ref double cRow3 = ref Unsafe.Add(ref dWRef, (m + 3) * 100 + j);
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
                            ref double aK = ref Unsafe.Add(ref packARef, (m - mb));
                            ref double bK = ref packRef;
                            for (int k = 0; k < 64; k++)
                            {
                                Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                                Vector256<double> b1 = Vector256.LoadUnsafe(ref bK, 4);
                                Vector256<double> b2 = Vector256.LoadUnsafe(ref bK, 8);
                                Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                                c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
                                c0_2 = Fma.MultiplyAdd(a0, b2, c0_2);
                                Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1));
                                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                                c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
                                c1_2 = Fma.MultiplyAdd(a1, b2, c1_2);
                                Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2));
                                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                                c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
                                c2_2 = Fma.MultiplyAdd(a2, b2, c2_2);
                                Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3));
                                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                                c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
                                c3_2 = Fma.MultiplyAdd(a3, b2, c3_2);
                                aK = ref Unsafe.Add(ref aK, 64);
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
                        ref double bFrom = ref Unsafe.Add(ref dYRef, kc * 100 + 96);
                        ref double packTo = ref packRef;
                        for (int k = 0; k < 64; k++)
                        {
                            Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                            bFrom = ref Unsafe.Add(ref bFrom, 100);
                            packTo = ref Unsafe.Add(ref packTo, 4);
                        }
                        for (int m = mb; m < mb + 64; m += 4)
                        {
                            // Fetch this tile's share of the next block's rows of C and of A into L2.
                            if (nextRows > 0)
                            {
                                int tile = 128 + (m - mb) / 4;
                                global::NetGen.Kernels.CachePrefetch.Lines(dW.Slice(nextStart * 100, nextRows * 100), tile * 6, 6);
                                if (tile < 64)
                                {
                                    global::NetGen.Kernels.CachePrefetch.Lines(x.Slice((kc + tile) * 1000 + nextStart, nextRows), 0, 9);
                                }
                            }
                            ref double cRow0 = ref Unsafe.Add(ref dWRef, m * 100 + 96);
                            ref double cRow1 = ref Unsafe.Add(ref dWRef, (m + 1) * 100 + 96);
                            ref double cRow2 = ref Unsafe.Add(ref dWRef, (m + 2) * 100 + 96);
                            ref double cRow3 = ref Unsafe.Add(ref dWRef, (m + 3) * 100 + 96);
                            Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                            Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                            Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                            Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                            ref double aK = ref Unsafe.Add(ref packARef, (m - mb));
                            ref double bK = ref packRef;
                            for (int k = 0; k < 64; k++)
                            {
                                Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                                Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                                Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1));
                                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                                Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2));
                                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                                Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3));
                                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                                aK = ref Unsafe.Add(ref aK, 64);
                                bK = ref Unsafe.Add(ref bK, 4);
                            }
                            c0_0.StoreUnsafe(ref cRow0, 0);
                            c1_0.StoreUnsafe(ref cRow1, 0);
                            c2_0.StoreUnsafe(ref cRow2, 0);
                            c3_0.StoreUnsafe(ref cRow3, 0);
                        }
                    }
                }
                // The last 40 row(s) of xᵀ as one block: 960..999.
                {
                    for (int k = 0; k < 64; k++)
                    {
                        x.Slice((kc + k) * 1000 + 960, 40).CopyTo(packA.Slice(k * 40, 40));
                    }
                    for (int j = 0; j < 96; j += 12)
                    {
                        ref double bFrom = ref Unsafe.Add(ref dYRef, kc * 100 + j);
                        ref double packTo = ref packRef;
                        for (int k = 0; k < 64; k++)
                        {
                            Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                            Vector256.LoadUnsafe(ref bFrom, 4).StoreUnsafe(ref packTo, 4);
                            Vector256.LoadUnsafe(ref bFrom, 8).StoreUnsafe(ref packTo, 8);
                            bFrom = ref Unsafe.Add(ref bFrom, 100);
                            packTo = ref Unsafe.Add(ref packTo, 12);
                        }
                        for (int m = 960; m < 960 + 40; m += 4)
                        {
                            ref double cRow0 = ref Unsafe.Add(ref dWRef, m * 100 + j);
                            ref double cRow1 = ref Unsafe.Add(ref dWRef, (m + 1) * 100 + j);
                            ref double cRow2 = ref Unsafe.Add(ref dWRef, (m + 2) * 100 + j);
                            ref double cRow3 = ref Unsafe.Add(ref dWRef, (m + 3) * 100 + j);
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
                            ref double aK = ref Unsafe.Add(ref packARef, (m - 960));
                            ref double bK = ref packRef;
                            for (int k = 0; k < 64; k++)
                            {
                                Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                                Vector256<double> b1 = Vector256.LoadUnsafe(ref bK, 4);
                                Vector256<double> b2 = Vector256.LoadUnsafe(ref bK, 8);
                                Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                                c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
                                c0_2 = Fma.MultiplyAdd(a0, b2, c0_2);
                                Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1));
                                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                                c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
                                c1_2 = Fma.MultiplyAdd(a1, b2, c1_2);
                                Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2));
                                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                                c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
                                c2_2 = Fma.MultiplyAdd(a2, b2, c2_2);
                                Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3));
                                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                                c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
                                c3_2 = Fma.MultiplyAdd(a3, b2, c3_2);
                                aK = ref Unsafe.Add(ref aK, 40);
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
                        ref double bFrom = ref Unsafe.Add(ref dYRef, kc * 100 + 96);
                        ref double packTo = ref packRef;
                        for (int k = 0; k < 64; k++)
                        {
                            Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                            bFrom = ref Unsafe.Add(ref bFrom, 100);
                            packTo = ref Unsafe.Add(ref packTo, 4);
                        }
                        for (int m = 960; m < 960 + 40; m += 4)
                        {
                            ref double cRow0 = ref Unsafe.Add(ref dWRef, m * 100 + 96);
                            ref double cRow1 = ref Unsafe.Add(ref dWRef, (m + 1) * 100 + 96);
                            ref double cRow2 = ref Unsafe.Add(ref dWRef, (m + 2) * 100 + 96);
                            ref double cRow3 = ref Unsafe.Add(ref dWRef, (m + 3) * 100 + 96);
                            Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                            Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                            Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                            Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                            ref double aK = ref Unsafe.Add(ref packARef, (m - 960));
                            ref double bK = ref packRef;
                            for (int k = 0; k < 64; k++)
                            {
                                Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                                Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                                Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1));
                                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                                Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2));
                                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                                Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3));
                                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                                aK = ref Unsafe.Add(ref aK, 40);
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
            // The last block of 64 terms, 960..1023, stores dW's whole sums: w ← w - rate · dW.
            {
                for (int mb = 0; mb < 960; mb += 64)
                {
                    // The block after this one: the rows the tiles below fetch into L2 ahead (none after row 999).
                    int nextStart = mb + 64;
                    int nextRows = Math.Min(64, 1000 - nextStart);
                    for (int k = 0; k < 64; k++)
                    {
                        x.Slice((960 + k) * 1000 + mb, 64).CopyTo(packA.Slice(k * 64, 64));
                    }
                    for (int j = 0; j < 96; j += 12)
                    {
                        ref double bFrom = ref Unsafe.Add(ref dYRef, 96000 + j);
                        ref double packTo = ref packRef;
                        for (int k = 0; k < 64; k++)
                        {
                            Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                            Vector256.LoadUnsafe(ref bFrom, 4).StoreUnsafe(ref packTo, 4);
                            Vector256.LoadUnsafe(ref bFrom, 8).StoreUnsafe(ref packTo, 8);
                            bFrom = ref Unsafe.Add(ref bFrom, 100);
                            packTo = ref Unsafe.Add(ref packTo, 12);
                        }
                        for (int m = mb; m < mb + 64; m += 4)
                        {
                            // Fetch this tile's share of the next block's rows of C and of A into L2.
                            if (nextRows > 0)
                            {
                                int tile = j / 12 * 16 + (m - mb) / 4;
                                global::NetGen.Kernels.CachePrefetch.Lines(dW.Slice(nextStart * 100, nextRows * 100), tile * 6, 6);
                                if (tile < 64)
                                {
                                    global::NetGen.Kernels.CachePrefetch.Lines(x.Slice((960 + tile) * 1000 + nextStart, nextRows), 0, 9);
                                }
                            }
                            ref double cRow0 = ref Unsafe.Add(ref dWRef, m * 100 + j);
                            ref double cRow1 = ref Unsafe.Add(ref dWRef, (m + 1) * 100 + j);
                            ref double cRow2 = ref Unsafe.Add(ref dWRef, (m + 2) * 100 + j);
                            ref double cRow3 = ref Unsafe.Add(ref dWRef, (m + 3) * 100 + j);
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
                            ref double aK = ref Unsafe.Add(ref packARef, (m - mb));
                            ref double bK = ref packRef;
                            for (int k = 0; k < 64; k++)
                            {
                                Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                                Vector256<double> b1 = Vector256.LoadUnsafe(ref bK, 4);
                                Vector256<double> b2 = Vector256.LoadUnsafe(ref bK, 8);
                                Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                                c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
                                c0_2 = Fma.MultiplyAdd(a0, b2, c0_2);
                                Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1));
                                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                                c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
                                c1_2 = Fma.MultiplyAdd(a1, b2, c1_2);
                                Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2));
                                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                                c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
                                c2_2 = Fma.MultiplyAdd(a2, b2, c2_2);
                                Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3));
                                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                                c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
                                c3_2 = Fma.MultiplyAdd(a3, b2, c3_2);
                                aK = ref Unsafe.Add(ref aK, 64);
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
                        ref double bFrom = ref Unsafe.Add(ref dYRef, 96000 + 96);
                        ref double packTo = ref packRef;
                        for (int k = 0; k < 64; k++)
                        {
                            Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                            bFrom = ref Unsafe.Add(ref bFrom, 100);
                            packTo = ref Unsafe.Add(ref packTo, 4);
                        }
                        for (int m = mb; m < mb + 64; m += 4)
                        {
                            // Fetch this tile's share of the next block's rows of C and of A into L2.
                            if (nextRows > 0)
                            {
                                int tile = 128 + (m - mb) / 4;
                                global::NetGen.Kernels.CachePrefetch.Lines(dW.Slice(nextStart * 100, nextRows * 100), tile * 6, 6);
                                if (tile < 64)
                                {
                                    global::NetGen.Kernels.CachePrefetch.Lines(x.Slice((960 + tile) * 1000 + nextStart, nextRows), 0, 9);
                                }
                            }
                            ref double cRow0 = ref Unsafe.Add(ref dWRef, m * 100 + 96);
                            ref double cRow1 = ref Unsafe.Add(ref dWRef, (m + 1) * 100 + 96);
                            ref double cRow2 = ref Unsafe.Add(ref dWRef, (m + 2) * 100 + 96);
                            ref double cRow3 = ref Unsafe.Add(ref dWRef, (m + 3) * 100 + 96);
                            Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                            Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                            Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                            Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                            ref double aK = ref Unsafe.Add(ref packARef, (m - mb));
                            ref double bK = ref packRef;
                            for (int k = 0; k < 64; k++)
                            {
                                Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                                Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                                Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1));
                                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                                Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2));
                                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                                Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3));
                                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                                aK = ref Unsafe.Add(ref aK, 64);
                                bK = ref Unsafe.Add(ref bK, 4);
                            }
                            c0_0.StoreUnsafe(ref cRow0, 0);
                            c1_0.StoreUnsafe(ref cRow1, 0);
                            c2_0.StoreUnsafe(ref cRow2, 0);
                            c3_0.StoreUnsafe(ref cRow3, 0);
                        }
                    }
                    // w ← w - rate · dW over the 64 row(s) just stored, rounded as SgdUpdate rounds it (the product, then the difference).
                    if (step)
                    {
                        ref double pFrom = ref Unsafe.Add(ref wRef, mb * 100);
                        ref double gFrom = ref Unsafe.Add(ref dWRef, mb * 100);
                        int e = 0;
                        for (; e < 6400; e += 16)
                        {
                            (Vector256.LoadUnsafe(ref pFrom, (nuint)e) - rateV * Vector256.LoadUnsafe(ref gFrom, (nuint)e)).StoreUnsafe(ref pFrom, (nuint)e);
                            (Vector256.LoadUnsafe(ref pFrom, (nuint)(e + 4)) - rateV * Vector256.LoadUnsafe(ref gFrom, (nuint)(e + 4))).StoreUnsafe(ref pFrom, (nuint)(e + 4));
                            (Vector256.LoadUnsafe(ref pFrom, (nuint)(e + 8)) - rateV * Vector256.LoadUnsafe(ref gFrom, (nuint)(e + 8))).StoreUnsafe(ref pFrom, (nuint)(e + 8));
                            (Vector256.LoadUnsafe(ref pFrom, (nuint)(e + 12)) - rateV * Vector256.LoadUnsafe(ref gFrom, (nuint)(e + 12))).StoreUnsafe(ref pFrom, (nuint)(e + 12));
                        }
                    }
                }
                // The last 40 row(s) of xᵀ as one block: 960..999.
                {
                    for (int k = 0; k < 64; k++)
                    {
                        x.Slice((960 + k) * 1000 + 960, 40).CopyTo(packA.Slice(k * 40, 40));
                    }
                    for (int j = 0; j < 96; j += 12)
                    {
                        ref double bFrom = ref Unsafe.Add(ref dYRef, 96000 + j);
                        ref double packTo = ref packRef;
                        for (int k = 0; k < 64; k++)
                        {
                            Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                            Vector256.LoadUnsafe(ref bFrom, 4).StoreUnsafe(ref packTo, 4);
                            Vector256.LoadUnsafe(ref bFrom, 8).StoreUnsafe(ref packTo, 8);
                            bFrom = ref Unsafe.Add(ref bFrom, 100);
                            packTo = ref Unsafe.Add(ref packTo, 12);
                        }
                        for (int m = 960; m < 960 + 40; m += 4)
                        {
                            ref double cRow0 = ref Unsafe.Add(ref dWRef, m * 100 + j);
                            ref double cRow1 = ref Unsafe.Add(ref dWRef, (m + 1) * 100 + j);
                            ref double cRow2 = ref Unsafe.Add(ref dWRef, (m + 2) * 100 + j);
                            ref double cRow3 = ref Unsafe.Add(ref dWRef, (m + 3) * 100 + j);
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
                            ref double aK = ref Unsafe.Add(ref packARef, (m - 960));
                            ref double bK = ref packRef;
                            for (int k = 0; k < 64; k++)
                            {
                                Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                                Vector256<double> b1 = Vector256.LoadUnsafe(ref bK, 4);
                                Vector256<double> b2 = Vector256.LoadUnsafe(ref bK, 8);
                                Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                                c0_1 = Fma.MultiplyAdd(a0, b1, c0_1);
                                c0_2 = Fma.MultiplyAdd(a0, b2, c0_2);
                                Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1));
                                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                                c1_1 = Fma.MultiplyAdd(a1, b1, c1_1);
                                c1_2 = Fma.MultiplyAdd(a1, b2, c1_2);
                                Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2));
                                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                                c2_1 = Fma.MultiplyAdd(a2, b1, c2_1);
                                c2_2 = Fma.MultiplyAdd(a2, b2, c2_2);
                                Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3));
                                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                                c3_1 = Fma.MultiplyAdd(a3, b1, c3_1);
                                c3_2 = Fma.MultiplyAdd(a3, b2, c3_2);
                                aK = ref Unsafe.Add(ref aK, 40);
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
                        ref double bFrom = ref Unsafe.Add(ref dYRef, 96000 + 96);
                        ref double packTo = ref packRef;
                        for (int k = 0; k < 64; k++)
                        {
                            Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                            bFrom = ref Unsafe.Add(ref bFrom, 100);
                            packTo = ref Unsafe.Add(ref packTo, 4);
                        }
                        for (int m = 960; m < 960 + 40; m += 4)
                        {
                            ref double cRow0 = ref Unsafe.Add(ref dWRef, m * 100 + 96);
                            ref double cRow1 = ref Unsafe.Add(ref dWRef, (m + 1) * 100 + 96);
                            ref double cRow2 = ref Unsafe.Add(ref dWRef, (m + 2) * 100 + 96);
                            ref double cRow3 = ref Unsafe.Add(ref dWRef, (m + 3) * 100 + 96);
                            Vector256<double> c0_0 = Vector256.LoadUnsafe(ref cRow0, 0);
                            Vector256<double> c1_0 = Vector256.LoadUnsafe(ref cRow1, 0);
                            Vector256<double> c2_0 = Vector256.LoadUnsafe(ref cRow2, 0);
                            Vector256<double> c3_0 = Vector256.LoadUnsafe(ref cRow3, 0);
                            ref double aK = ref Unsafe.Add(ref packARef, (m - 960));
                            ref double bK = ref packRef;
                            for (int k = 0; k < 64; k++)
                            {
                                Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0);
                                Vector256<double> a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0);
                                Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, 1));
                                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0);
                                Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2));
                                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0);
                                Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3));
                                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0);
                                aK = ref Unsafe.Add(ref aK, 40);
                                bK = ref Unsafe.Add(ref bK, 4);
                            }
                            c0_0.StoreUnsafe(ref cRow0, 0);
                            c1_0.StoreUnsafe(ref cRow1, 0);
                            c2_0.StoreUnsafe(ref cRow2, 0);
                            c3_0.StoreUnsafe(ref cRow3, 0);
                        }
                    }
                    // w ← w - rate · dW over the 40 row(s) just stored, rounded as SgdUpdate rounds it (the product, then the difference).
                    if (step)
                    {
                        ref double pFrom = ref Unsafe.Add(ref wRef, 96000);
                        ref double gFrom = ref Unsafe.Add(ref dWRef, 96000);
                        int e = 0;
                        for (; e < 4000; e += 16)
                        {
                            (Vector256.LoadUnsafe(ref pFrom, (nuint)e) - rateV * Vector256.LoadUnsafe(ref gFrom, (nuint)e)).StoreUnsafe(ref pFrom, (nuint)e);
                            (Vector256.LoadUnsafe(ref pFrom, (nuint)(e + 4)) - rateV * Vector256.LoadUnsafe(ref gFrom, (nuint)(e + 4))).StoreUnsafe(ref pFrom, (nuint)(e + 4));
                            (Vector256.LoadUnsafe(ref pFrom, (nuint)(e + 8)) - rateV * Vector256.LoadUnsafe(ref gFrom, (nuint)(e + 8))).StoreUnsafe(ref pFrom, (nuint)(e + 8));
                            (Vector256.LoadUnsafe(ref pFrom, (nuint)(e + 12)) - rateV * Vector256.LoadUnsafe(ref gFrom, (nuint)(e + 12))).StoreUnsafe(ref pFrom, (nuint)(e + 12));
                        }
                    }
                }
            }
        }
    }
}
