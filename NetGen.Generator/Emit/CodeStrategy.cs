using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>How a Dense layer's arithmetic is written out.</summary>
    internal enum CodeStrategy
    {
        /// <summary>Plain loops with literal bounds, written inline in Forward and Backward.</summary>
        Loops,

        /// <summary>
        /// Calls to blocked, vectorized kernels specialized for the layer's sizes (AVX-512 or AVX2 + FMA, with a
        /// scalar fallback), written after the story by <see cref="KernelEmitter"/>. The formulas stay in Forward and
        /// Backward as comments.
        /// </summary>
        Kernels,
    }

    /// <summary>Chooses the code strategy for a layer from its sizes. One small function, tested on its own.</summary>
    internal static class CodeStrategies
    {
        /// <summary>
        /// Multiply-adds in one product (batch × inputs × outputs) from which a layer gets kernels: below it the
        /// kernels' dispatch and tile set-up cost more than the arithmetic they speed up.
        /// </summary>
        public const long KernelsMinimumMultiplyAdds = 1024;

        /// <summary>
        /// Outputs a layer needs for kernels: every vectorized dimension of its kernels runs along the outputs, and
        /// fewer than four leave not even one 256-bit vector of doubles.
        /// </summary>
        public const int KernelsMinimumOutputs = 4;

        public static CodeStrategy For(int batchSize, LayerModel layer) =>
            layer.Outputs >= KernelsMinimumOutputs && (long)batchSize * layer.Inputs * layer.Outputs >= KernelsMinimumMultiplyAdds
                ? CodeStrategy.Kernels
                : CodeStrategy.Loops;
    }
}
