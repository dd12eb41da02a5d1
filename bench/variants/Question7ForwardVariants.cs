using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Variants
{
    /// <summary>
    /// Variants of question 7's forward product (64 × 1000 × 100, Vector256 double), written with run-time bounds:
    /// <c>kb</c> terms per k block; <c>zeroFirst</c> starts the first block's accumulators at zero instead of
    /// clearing y and loading it; <c>pfPack</c> 1 or 2 fetches the next column tile's slice of W (PREFETCHT1, T0) while
    /// copying this one; <c>skipPack</c> leaves out every copy of W (wrong results: it shows what the copies cost). The
    /// last 4 columns take a tile of 8 rows × 1 vector (8 accumulators) where the generated kernel has 4 × 1.
    /// </summary>
    internal static class Question7ForwardVariants
    {
        private const int M = 64, KK = 1000, N = 100;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static unsafe void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> w, Span<double> y, int kb, bool zeroFirst, bool pf = false, bool skipPack = false, int pfPack = 0)
        {
            ref double xRef = ref MemoryMarshal.GetReference(x);
            ref double wRef = ref MemoryMarshal.GetReference(w);
            ref double yRef = ref MemoryMarshal.GetReference(y);
            ref double packRef = ref MemoryMarshal.GetReference(Support.Scratch());
            if (!zeroFirst) y.Clear();
            for (int kc = 0; kc < KK; kc += kb)
            {
                int kn = Math.Min(kb, KK - kc);
                bool first = zeroFirst && kc == 0;
                for (int j = 0; j < 96; j += 12)
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, kc * N + j);
                    ref double packTo = ref packRef;
                    int nextLast = Math.Min(j + 23, N - 1) - j;
                    for (int k = 0; k < (skipPack ? 0 : kn); k++)
                    {
                        if (pfPack == 1) { Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref bFrom, 12))); Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref bFrom, nextLast))); }
                        if (pfPack == 2) { Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref bFrom, 12))); Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref bFrom, nextLast))); }
                        Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref packTo, 0);
                        Vector256.LoadUnsafe(ref bFrom, 4).StoreUnsafe(ref packTo, 4);
                        Vector256.LoadUnsafe(ref bFrom, 8).StoreUnsafe(ref packTo, 8);
                        bFrom = ref Unsafe.Add(ref bFrom, N);
                        packTo = ref Unsafe.Add(ref packTo, 12);
                    }
                    for (int m = 0; m < M; m += 4)
                    {
                        if (pf)
                        {
                            int rowsPer = (kn + 15) / 16;
                            int sliceRow = m / 4 * rowsPer;
                            for (int kk = sliceRow; kk < sliceRow + rowsPer && kk < kn; kk++)
                                global::NetGen.Kernels.CachePrefetch.Lines(w.Slice((kc + kk) * N + j + 12, Math.Min(12, N - (j + 12))), 0, 3);
                        }
                        ref double cRow0 = ref Unsafe.Add(ref yRef, m * N + j);
                        ref double cRow1 = ref Unsafe.Add(ref yRef, (m + 1) * N + j);
                        ref double cRow2 = ref Unsafe.Add(ref yRef, (m + 2) * N + j);
                        ref double cRow3 = ref Unsafe.Add(ref yRef, (m + 3) * N + j);
                        Vector256<double> c0_0, c0_1, c0_2, c1_0, c1_1, c1_2, c2_0, c2_1, c2_2, c3_0, c3_1, c3_2;
                        if (first) { c0_0 = c0_1 = c0_2 = c1_0 = c1_1 = c1_2 = c2_0 = c2_1 = c2_2 = c3_0 = c3_1 = c3_2 = Vector256<double>.Zero; }
                        else
                        {
                            c0_0 = Vector256.LoadUnsafe(ref cRow0, 0); c0_1 = Vector256.LoadUnsafe(ref cRow0, 4); c0_2 = Vector256.LoadUnsafe(ref cRow0, 8);
                            c1_0 = Vector256.LoadUnsafe(ref cRow1, 0); c1_1 = Vector256.LoadUnsafe(ref cRow1, 4); c1_2 = Vector256.LoadUnsafe(ref cRow1, 8);
                            c2_0 = Vector256.LoadUnsafe(ref cRow2, 0); c2_1 = Vector256.LoadUnsafe(ref cRow2, 4); c2_2 = Vector256.LoadUnsafe(ref cRow2, 8);
                            c3_0 = Vector256.LoadUnsafe(ref cRow3, 0); c3_1 = Vector256.LoadUnsafe(ref cRow3, 4); c3_2 = Vector256.LoadUnsafe(ref cRow3, 8);
                        }
                        ref double aK = ref Unsafe.Add(ref xRef, m * KK + kc);
                        ref double bK = ref packRef;
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
                {
                    ref double bFrom = ref Unsafe.Add(ref wRef, kc * N + 96);
                    for (int k = 0; k < (skipPack ? 0 : kn); k++) { Vector256.LoadUnsafe(ref bFrom, 0).StoreUnsafe(ref Unsafe.Add(ref packRef, k * 4), 0); bFrom = ref Unsafe.Add(ref bFrom, N); }
                    for (int m = 0; m < M; m += 8)
                    {
                        ref double cRow0 = ref Unsafe.Add(ref yRef, m * N + 96);
                        Vector256<double> c0, c1, c2, c3, c4, c5, c6, c7;
                        if (first) { c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = Vector256<double>.Zero; }
                        else
                        {
                            c0 = Vector256.LoadUnsafe(ref cRow0, 0); c1 = Vector256.LoadUnsafe(ref cRow0, N); c2 = Vector256.LoadUnsafe(ref cRow0, 2 * N); c3 = Vector256.LoadUnsafe(ref cRow0, 3 * N);
                            c4 = Vector256.LoadUnsafe(ref cRow0, 4 * N); c5 = Vector256.LoadUnsafe(ref cRow0, 5 * N); c6 = Vector256.LoadUnsafe(ref cRow0, 6 * N); c7 = Vector256.LoadUnsafe(ref cRow0, 7 * N);
                        }
                        ref double aK = ref Unsafe.Add(ref xRef, m * KK + kc);
                        ref double bK = ref packRef;
                        for (int k = 0; k < kn; k++)
                        {
                            var b0 = Vector256.LoadUnsafe(ref bK, 0);
                            c0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 0)), b0, c0);
                            c1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, KK)), b0, c1);
                            c2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 2 * KK)), b0, c2);
                            c3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 3 * KK)), b0, c3);
                            c4 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 4 * KK)), b0, c4);
                            c5 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 5 * KK)), b0, c5);
                            c6 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 6 * KK)), b0, c6);
                            c7 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 7 * KK)), b0, c7);
                            aK = ref Unsafe.Add(ref aK, 1); bK = ref Unsafe.Add(ref bK, 4);
                        }
                        c0.StoreUnsafe(ref cRow0, 0); c1.StoreUnsafe(ref cRow0, N); c2.StoreUnsafe(ref cRow0, 2 * N); c3.StoreUnsafe(ref cRow0, 3 * N);
                        c4.StoreUnsafe(ref cRow0, 4 * N); c5.StoreUnsafe(ref cRow0, 5 * N); c6.StoreUnsafe(ref cRow0, 6 * N); c7.StoreUnsafe(ref cRow0, 7 * N);
                    }
                }
            }
        }
    }
}
