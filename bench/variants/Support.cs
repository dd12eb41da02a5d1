using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Bench.Variants
{
    /// <summary>What the copied kernels call besides NetGen.Runtime: the generated class's scratch buffer.</summary>
    internal static class Support
    {
        [ThreadStatic]
        private static double[]? t_scratch;

        public static Span<double> Scratch() => t_scratch ??= new double[1 << 16];

        /// <summary>p ← p - rate · g, rounded as the generated SgdUpdate rounds it (the product, then the difference).</summary>
        public static void SgdStep(Span<double> p, ReadOnlySpan<double> g, double rate)
        {
            Vector256<double> rateV = Vector256.Create(rate);
            ref double pRef = ref MemoryMarshal.GetReference(p);
            ref double gRef = ref MemoryMarshal.GetReference(g);
            int e = 0;
            for (; e <= p.Length - 4; e += 4)
            {
                (Vector256.LoadUnsafe(ref pRef, (nuint)e) - rateV * Vector256.LoadUnsafe(ref gRef, (nuint)e)).StoreUnsafe(ref pRef, (nuint)e);
            }
            for (; e < p.Length; e++)
            {
                p[e] -= rate * g[e];
            }
        }
    }
}
