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
            "Forward", "Loss", "Backward", "Step", "TrainStep", "BackwardAndStep", "Output", "CheckLength", "CheckRowsLength", "Aligned",
            // Predictions (any row count, thread-safe) and the guard that keeps training methods to one caller at a time.
            "Predict", "PredictProbabilities", "PredictClass", "PredictClasses", "TakeSnapshot", "Snapshot",
            "PredictCore", "PredictScratch", "CheckPredictLengths", "SoftmaxRows", "ArgMax", "t_predictScratch",
            "KernelScratch", "t_kernelScratch",
            "EnterGuard", "ExitGuard", "WeightsVersionBeforeRead", "CheckWeightsUnchanged", "WeightsChanged",
            "_guardThread", "_guardMethod", "_weightsVersion",
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
            foreach (string name in RegularizationMembers(layers))
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

        /// <summary>
        /// Members the emitter declares besides <see cref="FixedMembers"/> and the buffers: the gradient check, the input
        /// gradient kept by written-out first layers, and the matrix views of written-out code.
        /// </summary>
        public static readonly string[] HelperMembers =
        {
            "CheckGradients", "CheckGradient", "RoundingSensitivity", "ReLUSigns", "SameReLUSigns",
            "GradX", "_gradX", "Matrix", "ReadOnlyMatrix",
            // Generated when the compilation references NetGen.Runtime (the NetGen package does).
            "SaveWeights", "LoadWeights", "CopyParametersTo", "CopyParametersFrom", "SaveOnnx", "LoadOnnx",
        };

        /// <summary>
        /// Name prefixes of the kernels specialized for one shape (<c>DenseForward_64x1000x100</c>, <c>SgdUpdate_320</c>):
        /// a user member starting with one of them could collide with a kernel.
        /// </summary>
        public static readonly string[] KernelPrefixes =
        {
            "DenseForward_", "DenseForwardWithBias_", "DenseWeightGradient_", "DenseBiasGradient_", "DenseInputGradient_", "SgdUpdate_",
            "ReLUForward_", "ReLUBackward_",
            // The threads' shares of TrainStep and Forward: FirstLayerPart0, TrainRowsPart0, TrainParametersPart1, ForwardRowsPart1, ...
            "FirstLayerPart", "TrainRowsPart", "TrainParametersPart", "ForwardRowsPart",
            // Predict's passes over 64, 8, 4, 2 or 1 rows: PredictRows64, PredictRows1, ...
            "PredictRows",
        };

        /// <summary>The methods of a written-out Dense layer: <c>Layer1Forward</c>, <c>Layer1Backward</c>.</summary>
        public static IEnumerable<string> LayerMethods(IReadOnlyList<LayerModel> layers)
        {
            foreach (LayerModel layer in layers)
            {
                if (layer.Kind == LayerKind.Dense)
                {
                    yield return "Layer" + layer.Index + "Forward";
                    yield return "Layer" + layer.Index + "Backward";
                }
            }
        }

        /// <summary>
        /// Whether a member named <c>name</c> in a network with these layers collides with the generated part: the test
        /// behind NG0013 and NG0019. Conservative: it also reserves names that only some code strategies declare.
        /// </summary>
        public static System.Func<string, bool> ReservedFor(IReadOnlyList<LayerModel> layers)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            names.UnionWith(All(layers));
            names.UnionWith(HelperMembers);
            names.UnionWith(LayerMethods(layers));
            return name => names.Contains(name) || System.Array.Exists(KernelPrefixes, prefix => name.StartsWith(prefix, System.StringComparison.Ordinal));
        }
    }
}
