using System.Collections.Generic;

namespace NetGen.Generator.Model
{
    /// <summary>The names of the optimizers' state, short batches, accuracy and weight initialization.</summary>
    internal static partial class GeneratedNames
    {
        /// <summary>The momentum buffer of a parameter: <c>VelocityW1</c>, stored in <c>_velocityW1</c>.</summary>
        public static string Velocity(string parameter) => "Velocity" + parameter;

        /// <summary>Adam's first moment of a parameter: <c>AdamMW1</c>, stored in <c>_adamMW1</c>.</summary>
        public static string AdamFirstMoment(string parameter) => "AdamM" + parameter;

        /// <summary>Adam's second moment of a parameter: <c>AdamVW1</c>, stored in <c>_adamVW1</c>.</summary>
        public static string AdamSecondMoment(string parameter) => "AdamV" + parameter;

        /// <summary>Members every network declares for optimizers, short batches, accuracy and initialization.</summary>
        public static readonly string[] TrainingFixedMembers =
        {
            "ResetOptimizer", "OptimizerSteps", "_optimizerSteps", "MomentumUpdate", "AdamUpdate",
            "CountCorrect", "CheckRows", "PadInput", "_paddedInput", "_paddedTarget", "_batchRows",
            "InitializeHe", "InitializeXavier", "InitializeUniform",
            // TrainStep on several threads ([Network(Threads = …)]): its copies of the batch, the step's scalars, the
            // threads and the dispatch; the shares are FirstLayerPart0.., TrainRowsPart0.., TrainParametersPart0.., ForwardRowsPart0.. (see KernelPrefixes).
            "_threadInput", "_threadTarget", "_threadPartial", "_threadLoss", "_threadRate", "_threadStepSize", "_threadCorrection2Sqrt", "_threads",
            "TrainStepOnThreads", "RunPart", "TrainingThreads",
        };

        /// <summary>The fixed training members and the optimizer state buffers of every Dense layer.</summary>
        public static IEnumerable<string> TrainingMembers(IReadOnlyList<LayerModel> layers)
        {
            foreach (string name in TrainingFixedMembers)
            {
                yield return name;
            }
            foreach (LayerModel layer in layers)
            {
                if (layer.Kind != LayerKind.Dense)
                {
                    continue;
                }
                foreach (string parameter in new[] { Weights(layer.ParameterIndex), Bias(layer.ParameterIndex) })
                {
                    yield return Field(Velocity(parameter));
                    yield return Field(AdamFirstMoment(parameter));
                    yield return Field(AdamSecondMoment(parameter));
                }
            }
        }
    }
}
