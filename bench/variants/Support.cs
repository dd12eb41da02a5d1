using System;

namespace NetGen.Bench.Variants
{
    /// <summary>What the copied kernels call besides NetGen.Runtime: the generated class's scratch buffer.</summary>
    internal static class Support
    {
        [ThreadStatic]
        private static double[]? t_scratch;

        public static Span<double> Scratch() => t_scratch ??= new double[1 << 16];
    }
}
