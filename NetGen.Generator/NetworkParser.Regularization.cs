using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator
{
    /// <summary>The regularizers: dropout layers and where they may stand, and the loss's reduction.</summary>
    internal static partial class NetworkParser
    {
        /// <summary>PyTorch's default dropout probability, the default of <c>DropoutAttribute(probability)</c>.</summary>
        private const double DefaultDropoutProbability = 0.5;

        /// <summary>A Dropout's probability and seed, when they are constants.</summary>
        private static bool TryReadDropout(AttributeData attribute, out double probability, out int seed)
        {
            probability = DefaultDropoutProbability;
            seed = 0;
            ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
            if (attribute.AttributeConstructor is null || arguments.Length != 1 || ToDouble(arguments[0].Value) is not double p)
            {
                return false;
            }
            probability = p;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Seed")
                {
                    if (argument.Value.Value is not int value)
                    {
                        return false;
                    }
                    seed = value;
                }
            }
            return true;
        }

        /// <summary>
        /// Adds a Dropout layer: the identity on the previous layer's outputs, with its mask. Reports a probability
        /// outside [0, 1) (NG0040) and a dropout with nothing to act on or right after another one (NG0041).
        /// </summary>
        private static void AddDropout(
            NetGenAttribute attribute, int index, LayerModel? previous, bool previousKnown,
            List<LayerModel> layers, List<NetGenAttribute> layerAttributes, List<bool> outputsKnown, List<DiagnosticInfo> diagnostics)
        {
            bool readable = TryReadDropout(attribute.Data, out double probability, out int seed);
            if (!readable)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.UnreadableAttribute, attribute.Location, attribute.ToString()));
            }
            else if (!(probability >= 0 && probability < 1))
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.DropoutProbabilityOutOfRange, ConstructorArgumentLocation(attribute, 0, "probability"),
                    Number(index), attribute.ToString(), Real(probability)));
            }

            if (previous is null)
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.MisplacedDropout, attribute.Location, Number(index), attribute.ToString(),
                    "comes before any Dense layer, so there are no hidden units to drop; put [Dropout] after a Dense layer or its activation"));
            }
            else if (previous.Kind == LayerKind.Dropout)
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.MisplacedDropout, attribute.Location, Number(index), attribute.ToString(),
                    $"directly follows layer {Number(previous.Index)}, another dropout, {layerAttributes[previous.Index - 1]}; two in a row keep a value with probability (1 - p)(1 - q), so declare one [Dropout] with that combined probability"));
            }

            int size = previous?.Outputs ?? 0;
            layers.Add(new LayerModel(LayerKind.Dropout, index, 0, size, size, false) { Probability = probability, Seed = seed });
            layerAttributes.Add(attribute);
            outputsKnown.Add(previous is not null && previousKnown);
        }

        /// <summary>
        /// A Dropout right before the loss would drop the network's outputs themselves (the predictions, or the logits
        /// a softmax reads), so that the loss compares randomly zeroed outputs with the targets (NG0041).
        /// </summary>
        private static void CheckDropoutBeforeLoss(List<LayerModel> layers, List<NetGenAttribute> layerAttributes, List<DiagnosticInfo> diagnostics)
        {
            if (layers.Count < 2)
            {
                return;
            }
            LayerModel last = layers[layers.Count - 1];
            LayerModel previous = layers[layers.Count - 2];
            if (last.Kind != LayerKind.Dropout || previous.Kind == LayerKind.Dropout)
            {
                return;
            }
            diagnostics.Add(Report(
                DiagnosticDescriptors.MisplacedDropout, layerAttributes[last.Index - 1].Location, Number(last.Index), layerAttributes[last.Index - 1].ToString(),
                "is the last layer, so it would drop the network's outputs themselves and the loss would compare randomly zeroed outputs with the targets; put [Dropout] between hidden layers, before a Dense layer"));
        }

        /// <summary>The loss's <c>Reduction</c>: Sum unless it says Mean. Reports a value that is neither (NG0042).</summary>
        private static LossReduction ReadReduction(NetGenAttribute loss, List<DiagnosticInfo> diagnostics)
        {
            LossReduction reduction = LossReduction.Sum;
            foreach (KeyValuePair<string, TypedConstant> argument in loss.Data.NamedArguments)
            {
                if (argument.Key != "Reduction")
                {
                    continue;
                }
                if (argument.Value.Kind == TypedConstantKind.Error || argument.Value.Value is not int value)
                {
                    diagnostics.Add(Report(DiagnosticDescriptors.UnreadableAttribute, loss.Location, loss.ToString()));
                    continue;
                }
                // The values of NetGen.Reduction: Sum = 0, Mean = 1.
                if (value is 0 or 1)
                {
                    reduction = value == 0 ? LossReduction.Sum : LossReduction.Mean;
                }
                else
                {
                    diagnostics.Add(Report(
                        DiagnosticDescriptors.UnknownReduction, NamedArgumentLocation(loss, "Reduction"),
                        loss.ToString(), "(Reduction)" + Number(value)));
                }
            }
            return reduction;
        }

        private static string DescribeDropout(NetGenAttribute attribute)
        {
            if (!TryReadDropout(attribute.Data, out double probability, out int seed))
            {
                return "Dropout";
            }
            return "Dropout(" + Real(probability) + (seed != 0 ? ", Seed = " + Number(seed) : "") + ")";
        }

        private static string DescribeLoss(NetGenAttribute attribute)
        {
            string name = attribute.Role.ToString();
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.Data.NamedArguments)
            {
                if (argument.Key == "Reduction" && argument.Value.Value is int value)
                {
                    string text = value == 0 ? "Reduction.Sum" : value == 1 ? "Reduction.Mean" : "(Reduction)" + Number(value);
                    return name + "(Reduction = " + text + ")";
                }
            }
            return name;
        }
    }
}
