using System.Collections.Generic;

namespace NetGen.Generator.Model
{
    /// <summary>The names of the regularizers' members: dropout's masks and streams, and the weight-decayed SGD update.</summary>
    internal static partial class GeneratedNames
    {
        /// <summary>The mask a dropout layer keeps for Backward: <c>_dropoutMask3</c> for layer 3.</summary>
        public static string DropoutMask(int layerIndex) => "_dropoutMask" + layerIndex;

        /// <summary>Where a dropout layer's SplitMix64 stream started: <c>_dropoutStream3</c> for layer 3.</summary>
        public static string DropoutStream(int layerIndex) => "_dropoutStream" + layerIndex;

        /// <summary>Members of networks with a dropout layer.</summary>
        public static readonly string[] DropoutFixedMembers =
        {
            "Training", "SeedDropout", "DropoutPasses", "_dropoutPasses", "_dropoutPass", "_dropoutCheckedPass",
            "DropoutMask", "DropoutStreamStart", "ApplyDropoutMask",
        };

        /// <summary>Members every network may declare for weight decay (the helper plain SGD calls with it).</summary>
        public static readonly string[] WeightDecayMembers = { "DecayedSgdUpdate" };

        /// <summary>The regularizers' members of a network with these layers.</summary>
        public static IEnumerable<string> RegularizationMembers(IReadOnlyList<LayerModel> layers)
        {
            foreach (string name in WeightDecayMembers)
            {
                yield return name;
            }
            bool dropout = false;
            foreach (LayerModel layer in layers)
            {
                if (layer.Kind == LayerKind.Dropout)
                {
                    dropout = true;
                    yield return DropoutMask(layer.Index);
                    yield return DropoutStream(layer.Index);
                }
            }
            if (dropout)
            {
                foreach (string name in DropoutFixedMembers)
                {
                    yield return name;
                }
            }
        }
    }
}
