using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>How a Dense layer's arithmetic is written out.</summary>
    internal enum CodeStrategy
    {
        /// <summary>Plain loops with literal bounds, written inline in Forward and Backward.</summary>
        Loops,
    }

    /// <summary>Chooses the code strategy for a layer from its sizes. One small function, tested on its own.</summary>
    internal static class CodeStrategies
    {
        public static CodeStrategy For(int batchSize, LayerModel layer) => CodeStrategy.Loops;
    }
}
