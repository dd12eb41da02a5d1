using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>How a Dense layer's arithmetic is written out.</summary>
    internal enum CodeStrategy
    {
        /// <summary>Plain loops with literal bounds, written inline in Forward and Backward.</summary>
        Loops,

        /// <summary>
        /// Calls to blocked, vectorized kernels specialized for the layer's sizes (AVX-512, AVX2 + FMA or 128-bit
        /// vectors, with a scalar fallback), written after the story by <see cref="KernelEmitter"/>. The formulas stay in Forward and
        /// Backward as comments.
        /// </summary>
        Kernels,

        /// <summary>
        /// Straight-line code, one assignment per element, in the layer's own <c>Layer{i}Forward</c> and
        /// <c>Layer{i}Backward</c> methods, indexed as in the derivation: <c>y[0, 0] = x[0, 0] * w[0, 0] + x[0, 1] * w[1, 0];</c>.
        /// </summary>
        Unrolled,
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

        /// <summary>
        /// The largest batch size, input count and output count of a layer written as straight-line code. Each unrolled
        /// line is a sum along one of the three (Y along the inputs, dL/dX along the outputs, dL/dW along the batch),
        /// so the bound keeps every line to 4 products, short enough to read as one formula, and every layer to at
        /// most 3 × 4 × 4 = 48 lines (52 with a bias): the code grows with the number of layers, not of weights.
        /// The layer of the assignment's questions 1–6 (batch 2, Dense(2, 3)) is within it.
        /// </summary>
        public const int UnrolledMaximumSize = 4;

        public static CodeStrategy For(int batchSize, LayerModel layer) =>
            System.Math.Max(batchSize, System.Math.Max(layer.Inputs, layer.Outputs)) <= UnrolledMaximumSize ? CodeStrategy.Unrolled
            : layer.Outputs >= KernelsMinimumOutputs && (long)batchSize * layer.Inputs * layer.Outputs >= KernelsMinimumMultiplyAdds
            ? CodeStrategy.Kernels
            : CodeStrategy.Loops;
    }
}
