using System.Collections.Generic;

namespace NetGen.Generator.Model
{
    /// <summary>
    /// The names NetGen adds to a network class. The parser checks user members against them (NG0013); the emitter
    /// uses the same functions, so the two can never disagree.
    /// </summary>
    internal static partial class GeneratedNames
    {
        public static string Weights(int parameterIndex) => "W" + parameterIndex;

        public static string Bias(int parameterIndex) => "B" + parameterIndex;

        public static string WeightsGradient(int parameterIndex) => "GradW" + parameterIndex;

        public static string BiasGradient(int parameterIndex) => "GradB" + parameterIndex;

        /// <summary>The backing array of a buffer: <c>W1</c> is stored in <c>_w1</c>, <c>dY2</c> in <c>_dY2</c>.</summary>
        public static string Field(string bufferName) => "_" + char.ToLowerInvariant(bufferName[0]) + bufferName.Substring(1);

        public static readonly string[] FixedMembers =
        {
            "BatchSize", "InputSize", "OutputSize", "ParameterCount", "ParameterBytes", "GradientBytes", "ActivationBytes",
            "Forward", "Loss", "Backward", "Step", "TrainStep", "Output", "CheckLength",
        };

        /// <summary>Every member name the generated part of <paramref name="model"/> declares.</summary>
        public static IEnumerable<string> All(IReadOnlyList<LayerModel> layers)
        {
            foreach (string name in FixedMembers)
            {
                yield return name;
            }
            foreach (string name in TrainingMembers(layers))
            {
                yield return name;
            }
            foreach (LayerModel layer in layers)
            {
                string y = "Y" + layer.Index;
                string dy = "dY" + layer.Index;
                yield return Field(y);
                yield return Field(dy);
                if (layer.Kind != LayerKind.Dense)
                {
                    continue;
                }
                foreach (string name in new[]
                {
                    Weights(layer.ParameterIndex), WeightsGradient(layer.ParameterIndex),
                    Bias(layer.ParameterIndex), BiasGradient(layer.ParameterIndex),
                })
                {
                    yield return name;
                    yield return Field(name);
                }
            }
        }
    }
}
