using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Variants
{
    /// <summary>
    /// Variants of the ×16 batch row's weight gradient dW = xᵀ · dY (1024 × 1000 × 100, Vector256 double, with the
    /// fused SGD step), blocked as the generated kernel is (row blocks of xᵀ copied, the dY slice a tile reads copied,
    /// 4 × 12 register tiles) but with the k block length, the loop order and dY's copy as parameters:
    /// <list type="bullet">
    /// <item><c>kb</c>: terms per k block (the generated kernel takes 64); dW is loaded and stored once per block.</item>
    /// <item><c>rowsOuter</c>: for each row block of dW, every k block in turn (its 64 rows of dW, 51 KiB, stay in L2
    /// from one k block to the next and take their step at once), instead of every row block for each k block.</item>
    /// <item><c>dYOnce</c>: dY copied once per call into tile slices (800 KiB), instead of again for every row block.</item>
    /// </list>
    /// Every output still adds its 1024 terms in order, so the sums are bit for bit the generated kernel's.
    /// </summary>
    internal static class Batch16WeightGradientVariants
    {
        private const int K = 1024, M = 1000, N = 100, MC = 64, Tiles = 8;

        [ThreadStatic]
        private static double[]? t_packB, t_packA;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(ReadOnlySpan<double> x, ReadOnlySpan<double> dY, Span<double> dW, Span<double> w, double rate,
            int kb, bool rowsOuter, bool dYOnce, bool panels = false, bool computeOnly = false, bool prefetch = false, bool skipPackA = false, int rowBlock = MC)
        {
            double[] packB = t_packB ??= new double[K * N];
            double[] packA = t_packA ??= new double[256 * K];
            dW.Clear();
            if (dYOnce)
            {
                for (int t = 0; t <= Tiles; t++)
                {
                    PackB(dY, packB.AsSpan(t * K * 12), 0, K, t);
                }
            }
            if (computeOnly)
            {
                // The same block's tiles again and again, nothing copied after the first: the tiles' own rate over
                // operands in L1 and L2 (wrong results).
                Block(x, dY, dW, packA, packB, kb, false, panels, 0, MC, 0, false);
                for (int i = 1; i < K / kb * ((M + MC - 1) / MC); i++)
                {
                    Block(x, dY, dW, packA, packB, kb, false, panels, 0, MC, 0, false, copyA: false, copyB: false);
                }
                return;
            }
            if (rowsOuter)
            {
                for (int mb = 0; mb < M; mb += rowBlock)
                {
                    int mc = Math.Min(rowBlock, M - mb);
                    for (int kc = 0; kc < K; kc += kb)
                    {
                        Block(x, dY, dW, packA, packB, kb, dYOnce, panels, mb, mc, kc, prefetch, copyA: !skipPackA);
                    }
                    Step(dW, w, rate, mb, mc);
                }
            }
            else
            {
                for (int kc = 0; kc < K; kc += kb)
                {
                    for (int mb = 0; mb < M; mb += rowBlock)
                    {
                        int mc = Math.Min(rowBlock, M - mb);
                        Block(x, dY, dW, packA, packB, kb, dYOnce, panels, mb, mc, kc, prefetch, copyA: !skipPackA);
                        if (kc + kb == K)
                        {
                            Step(dW, w, rate, mb, mc);
                        }
                    }
                }
            }
        }

        private static void Step(Span<double> dW, Span<double> w, double rate, int mb, int mc)
        {
            if (w.IsEmpty)
            {
                return;
            }
            Support.SgdStep(w.Slice(mb * N, mc * N), dW.Slice(mb * N, mc * N), rate);
        }

        // Tile t's slice of dY's terms kc..kc+kn (12 columns, the last tile 4) at `to`, k after k.
        private static void PackB(ReadOnlySpan<double> dY, Span<double> to, int kc, int kn, int t)
        {
            ref double from = ref Unsafe.Add(ref MemoryMarshal.GetReference(dY), kc * N + t * 12);
            ref double into = ref MemoryMarshal.GetReference(to);
            int width = t < Tiles ? 12 : 4;
            for (int k = 0; k < kn; k++)
            {
                Vector256.LoadUnsafe(ref from, 0).StoreUnsafe(ref into, 0);
                if (width == 12)
                {
                    Vector256.LoadUnsafe(ref from, 4).StoreUnsafe(ref into, 4);
                    Vector256.LoadUnsafe(ref from, 8).StoreUnsafe(ref into, 8);
                }
                from = ref Unsafe.Add(ref from, N);
                into = ref Unsafe.Add(ref into, width);
            }
        }

        private static void Block(ReadOnlySpan<double> x, ReadOnlySpan<double> dY, Span<double> dW, double[] packA, double[] packB,
            int kn, bool dYOnce, bool panels, int mb, int mc, int kc, bool prefetch, bool copyA = true, bool copyB = true)
        {
            if (!copyA)
            {
                // xᵀ's block as the last call left it (wrong results): what the copies of x cost.
            }
            else if (panels)
            {
                // Each 4-row tile's part, k after k: the tile reads it as one run.
                ref double from = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), kc * M + mb);
                ref double to = ref MemoryMarshal.GetArrayDataReference(packA);
                for (int k = 0; k < kn; k++)
                {
                    for (int m = 0; m < mc; m += 4)
                    {
                        Vector256.LoadUnsafe(ref from, (nuint)m).StoreUnsafe(ref to, (nuint)(m * kn + k * 4));
                    }
                    from = ref Unsafe.Add(ref from, M);
                }
            }
            else
            {
                for (int k = 0; k < kn; k++)
                {
                    x.Slice((kc + k) * M + mb, mc).CopyTo(packA.AsSpan(k * mc, mc));
                }
            }
            int aStride = panels ? 4 : mc;
            ref double aBase = ref MemoryMarshal.GetArrayDataReference(packA);
            ref double dWRef = ref MemoryMarshal.GetReference(dW);
            for (int t = 0; t <= Tiles; t++)
            {
                ref double bBase = ref MemoryMarshal.GetArrayDataReference(packB);
                if (dYOnce)
                {
                    bBase = ref Unsafe.Add(ref bBase, t * K * 12 + kc * (t < Tiles ? 12 : 4));
                }
                else if (copyB)
                {
                    PackB(dY, packB, kc, kn, t);
                }
                for (int m = 0; m < mc; m += 4)
                {
                    // This tile's share of the next row block's rows of x (its k block) and of dW, fetched into L2.
                    if (prefetch && mb + MC < M)
                    {
                        int tile = t * 16 + m / 4, nextRows = Math.Min(MC, M - mb - MC);
                        NetGen.Kernels.CachePrefetch.Lines(dW.Slice((mb + MC) * N, nextRows * N), tile * 6, 6);
                        for (int r = tile * kn / 144; r < (tile + 1) * kn / 144; r++)
                        {
                            NetGen.Kernels.CachePrefetch.Lines(x.Slice((kc + r) * M + mb + MC, nextRows), 0, 9);
                        }
                    }
                    ref double c = ref Unsafe.Add(ref dWRef, (mb + m) * N + t * 12);
                    ref double a = ref Unsafe.Add(ref aBase, panels ? m * kn : m);
                    if (t < Tiles)
                    {
                        Tile12(ref c, ref a, ref bBase, kn, aStride);
                    }
                    else
                    {
                        Tile4(ref c, ref a, ref bBase, kn, aStride);
                    }
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Tile12(ref double cRow0, ref double aK, ref double bK, int kn, int aStride)
        {
            ref double cRow1 = ref Unsafe.Add(ref cRow0, N);
            ref double cRow2 = ref Unsafe.Add(ref cRow0, 2 * N);
            ref double cRow3 = ref Unsafe.Add(ref cRow0, 3 * N);
            var c0_0 = Vector256.LoadUnsafe(ref cRow0, 0); var c0_1 = Vector256.LoadUnsafe(ref cRow0, 4); var c0_2 = Vector256.LoadUnsafe(ref cRow0, 8);
            var c1_0 = Vector256.LoadUnsafe(ref cRow1, 0); var c1_1 = Vector256.LoadUnsafe(ref cRow1, 4); var c1_2 = Vector256.LoadUnsafe(ref cRow1, 8);
            var c2_0 = Vector256.LoadUnsafe(ref cRow2, 0); var c2_1 = Vector256.LoadUnsafe(ref cRow2, 4); var c2_2 = Vector256.LoadUnsafe(ref cRow2, 8);
            var c3_0 = Vector256.LoadUnsafe(ref cRow3, 0); var c3_1 = Vector256.LoadUnsafe(ref cRow3, 4); var c3_2 = Vector256.LoadUnsafe(ref cRow3, 8);
            for (int k = 0; k < kn; k++)
            {
                var b0 = Vector256.LoadUnsafe(ref bK, 0); var b1 = Vector256.LoadUnsafe(ref bK, 4); var b2 = Vector256.LoadUnsafe(ref bK, 8);
                var a0 = Vector256.Create(Unsafe.Add(ref aK, 0));
                c0_0 = Fma.MultiplyAdd(a0, b0, c0_0); c0_1 = Fma.MultiplyAdd(a0, b1, c0_1); c0_2 = Fma.MultiplyAdd(a0, b2, c0_2);
                var a1 = Vector256.Create(Unsafe.Add(ref aK, 1));
                c1_0 = Fma.MultiplyAdd(a1, b0, c1_0); c1_1 = Fma.MultiplyAdd(a1, b1, c1_1); c1_2 = Fma.MultiplyAdd(a1, b2, c1_2);
                var a2 = Vector256.Create(Unsafe.Add(ref aK, 2));
                c2_0 = Fma.MultiplyAdd(a2, b0, c2_0); c2_1 = Fma.MultiplyAdd(a2, b1, c2_1); c2_2 = Fma.MultiplyAdd(a2, b2, c2_2);
                var a3 = Vector256.Create(Unsafe.Add(ref aK, 3));
                c3_0 = Fma.MultiplyAdd(a3, b0, c3_0); c3_1 = Fma.MultiplyAdd(a3, b1, c3_1); c3_2 = Fma.MultiplyAdd(a3, b2, c3_2);
                aK = ref Unsafe.Add(ref aK, aStride);
                bK = ref Unsafe.Add(ref bK, 12);
            }
            c0_0.StoreUnsafe(ref cRow0, 0); c0_1.StoreUnsafe(ref cRow0, 4); c0_2.StoreUnsafe(ref cRow0, 8);
            c1_0.StoreUnsafe(ref cRow1, 0); c1_1.StoreUnsafe(ref cRow1, 4); c1_2.StoreUnsafe(ref cRow1, 8);
            c2_0.StoreUnsafe(ref cRow2, 0); c2_1.StoreUnsafe(ref cRow2, 4); c2_2.StoreUnsafe(ref cRow2, 8);
            c3_0.StoreUnsafe(ref cRow3, 0); c3_1.StoreUnsafe(ref cRow3, 4); c3_2.StoreUnsafe(ref cRow3, 8);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Tile4(ref double cRow0, ref double aK, ref double bK, int kn, int aStride)
        {
            var c0 = Vector256.LoadUnsafe(ref cRow0, 0); var c1 = Vector256.LoadUnsafe(ref cRow0, N);
            var c2 = Vector256.LoadUnsafe(ref cRow0, 2 * N); var c3 = Vector256.LoadUnsafe(ref cRow0, 3 * N);
            for (int k = 0; k < kn; k++)
            {
                var b0 = Vector256.LoadUnsafe(ref bK, 0);
                c0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 0)), b0, c0);
                c1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 1)), b0, c1);
                c2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 2)), b0, c2);
                c3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 3)), b0, c3);
                aK = ref Unsafe.Add(ref aK, aStride);
                bK = ref Unsafe.Add(ref bK, 4);
            }
            c0.StoreUnsafe(ref cRow0, 0); c1.StoreUnsafe(ref cRow0, N); c2.StoreUnsafe(ref cRow0, 2 * N); c3.StoreUnsafe(ref cRow0, 3 * N);
        }
    }
}
