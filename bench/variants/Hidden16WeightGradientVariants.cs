using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Variants
{
    /// <summary>
    /// Variants of the ×16 hidden row's weight gradient with plain SGD's step, dW = xᵀ · dY (1000 × 64 × 1600,
    /// Vector256 double), blocked as the generated kernel is (64-row blocks of xᵀ copied, each column tile's 64 × 12
    /// slice of dY copied, 4 × 12 register tiles over all 64 terms), with the step taken in one of three places:
    /// <list type="bullet">
    /// <item><c>Block</c>: over each 64-row block of dW once its tiles are stored, as the copy in
    /// Hidden16WeightGradient.cs (9655615) does (the block is 819 KB, larger than a 512 KiB L2, so the step reads dW
    /// back from L3).</item>
    /// <item><c>Tile</c>: by each tile from its accumulators, right after storing them (the same rounding: the
    /// product rate · dW, then the difference).</item>
    /// <item><c>TileFetched</c>: as <c>Tile</c>, with the tile's rows of w fetched into L2 before its terms run.</item>
    /// <item><c>TileFetchedAhead</c>: as <c>Tile</c>, each tile fetching the next tile's rows of w (and of dW) into L2:
    /// what the generator emits since (<c>stepInTile</c>).</item>
    /// </list>
    /// </summary>
    internal static class Hidden16WeightGradientVariants
    {
        public enum StepAt { Block, Tile, TileFetched, TileFetchedAhead }

        private const int K = 64, M = 1000, N = 1600, MC = 64, Tiles = 133;

        [ThreadStatic]
        private static double[]? t_packA, t_packB;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(ReadOnlySpan<double> x, ReadOnlySpan<double> dY, Span<double> dW, Span<double> w, double rate, StepAt at, int rowBlock = MC)
        {
            double[] packA = t_packA ??= new double[MC * K];
            double[] packB = t_packB ??= new double[K * 12];
            ref double aBase = ref MemoryMarshal.GetArrayDataReference(packA);
            ref double bBase = ref MemoryMarshal.GetArrayDataReference(packB);
            ref double dWRef = ref MemoryMarshal.GetReference(dW);
            ref double wRef = ref MemoryMarshal.GetReference(w);
            Vector256<double> rateV = Vector256.Create(rate);
            for (int mb = 0; mb < M; mb += rowBlock)
            {
                int mc = Math.Min(rowBlock, M - mb);
                for (int k = 0; k < K; k++)
                {
                    x.Slice(k * M + mb, mc).CopyTo(packA.AsSpan(k * mc, mc));
                }
                for (int t = 0; t <= Tiles; t++)
                {
                    int j = t * 12, width = t < Tiles ? 12 : 4;
                    ref double from = ref Unsafe.Add(ref MemoryMarshal.GetReference(dY), j);
                    ref double into = ref bBase;
                    for (int k = 0; k < K; k++)
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
                    for (int m = 0; m < mc; m += 4)
                    {
                        int at0 = (mb + m) * N + j;
                        if (at == StepAt.TileFetched)
                        {
                            for (int r = 0; r < 4; r++)
                            {
                                NetGen.Kernels.CachePrefetch.Lines(w.Slice(at0 + r * N, width), 0, 3);
                            }
                        }
                        if (at == StepAt.TileFetchedAhead)
                        {
                            int next = m + 4 < mc ? at0 + 4 * N : mb * N + j + 12;
                            if (next + 3 * N + 12 <= w.Length)
                            {
                                for (int r = 0; r < 4; r++)
                                {
                                    NetGen.Kernels.CachePrefetch.Lines(w.Slice(next + r * N, 12), 0, 3);
                                    NetGen.Kernels.CachePrefetch.Lines(dW.Slice(next + r * N, 12), 0, 3);
                                }
                            }
                        }
                        if (width == 12)
                        {
                            Tile12(ref Unsafe.Add(ref dWRef, at0), ref Unsafe.Add(ref wRef, at0), ref Unsafe.Add(ref aBase, m), ref bBase, mc, at != StepAt.Block, rateV);
                        }
                        else
                        {
                            Tile4(ref Unsafe.Add(ref dWRef, at0), ref Unsafe.Add(ref wRef, at0), ref Unsafe.Add(ref aBase, m), ref bBase, mc, at != StepAt.Block, rateV);
                        }
                    }
                }
                if (at == StepAt.Block)
                {
                    Support.SgdStep(w.Slice(mb * N, mc * N), dW.Slice(mb * N, mc * N), rate);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Store(Vector256<double> c, ref double dW, ref double w, bool step, Vector256<double> rateV, int offset)
        {
            c.StoreUnsafe(ref dW, (nuint)offset);
            if (step)
            {
                (Vector256.LoadUnsafe(ref w, (nuint)offset) - rateV * c).StoreUnsafe(ref w, (nuint)offset);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Tile12(ref double c0, ref double w0, ref double aK, ref double bK, int aStride, bool step, Vector256<double> rateV)
        {
            Vector256<double> c0_0 = default, c0_1 = default, c0_2 = default, c1_0 = default, c1_1 = default, c1_2 = default;
            Vector256<double> c2_0 = default, c2_1 = default, c2_2 = default, c3_0 = default, c3_1 = default, c3_2 = default;
            for (int k = 0; k < K; k++)
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
            Store(c0_0, ref c0, ref w0, step, rateV, 0); Store(c0_1, ref c0, ref w0, step, rateV, 4); Store(c0_2, ref c0, ref w0, step, rateV, 8);
            Store(c1_0, ref c0, ref w0, step, rateV, N); Store(c1_1, ref c0, ref w0, step, rateV, N + 4); Store(c1_2, ref c0, ref w0, step, rateV, N + 8);
            Store(c2_0, ref c0, ref w0, step, rateV, 2 * N); Store(c2_1, ref c0, ref w0, step, rateV, 2 * N + 4); Store(c2_2, ref c0, ref w0, step, rateV, 2 * N + 8);
            Store(c3_0, ref c0, ref w0, step, rateV, 3 * N); Store(c3_1, ref c0, ref w0, step, rateV, 3 * N + 4); Store(c3_2, ref c0, ref w0, step, rateV, 3 * N + 8);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Tile4(ref double c0, ref double w0, ref double aK, ref double bK, int aStride, bool step, Vector256<double> rateV)
        {
            Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
            for (int k = 0; k < K; k++)
            {
                var b0 = Vector256.LoadUnsafe(ref bK, 0);
                s0 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 0)), b0, s0);
                s1 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 1)), b0, s1);
                s2 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 2)), b0, s2);
                s3 = Fma.MultiplyAdd(Vector256.Create(Unsafe.Add(ref aK, 3)), b0, s3);
                aK = ref Unsafe.Add(ref aK, aStride);
                bK = ref Unsafe.Add(ref bK, 4);
            }
            Store(s0, ref c0, ref w0, step, rateV, 0); Store(s1, ref c0, ref w0, step, rateV, N);
            Store(s2, ref c0, ref w0, step, rateV, 2 * N); Store(s3, ref c0, ref w0, step, rateV, 3 * N);
        }
    }
}
