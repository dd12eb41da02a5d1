using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator
{
    /// <summary>The activations besides ReLU, and the optimizer attributes.</summary>
    internal static partial class NetworkParser
    {
        /// <summary>PyTorch's default slope of a leaky ReLU, the default of <c>LeakyReLUAttribute(alpha)</c>.</summary>
        private const double DefaultLeakyReLUAlpha = 0.01;

        private static LayerKind ActivationKind(AttributeRole role) => role switch
        {
            AttributeRole.Sigmoid => LayerKind.Sigmoid,
            AttributeRole.Tanh => LayerKind.Tanh,
            AttributeRole.LeakyReLU => LayerKind.LeakyReLU,
            _ => LayerKind.ReLU,
        };

        /// <summary>The slope of <c>[LeakyReLU(alpha)]</c>; the constructor's default when it cannot be read.</summary>
        private static double ReadLeakyReLUAlpha(AttributeData attribute)
        {
            ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
            return arguments.Length == 1 && ToDouble(arguments[0].Value) is double alpha ? alpha : DefaultLeakyReLUAlpha;
        }

        /// <summary>
        /// The optimizer the class declares with <c>[Sgd]</c>, <c>[Momentum(μ)]</c> or <c>[Adam(...)]</c>; plain SGD when
        /// it declares none. Reports a second optimizer (NG0031) and hyperparameters out of range (NG0030).
        /// </summary>
        private static OptimizerModel ReadOptimizer(string className, List<NetGenAttribute> attributes, List<Diagnostic> diagnostics)
        {
            List<NetGenAttribute> optimizers = attributes.Where(a => a.IsOptimizer).ToList();
            if (optimizers.Count == 0)
            {
                return OptimizerModel.Sgd;
            }
            foreach (NetGenAttribute extra in optimizers.Skip(1))
            {
                diagnostics.Add(Report(DiagnosticDescriptors.SeveralOptimizers, extra.Location, className, extra.ToString(), optimizers[0].ToString()));
            }

            NetGenAttribute optimizer = optimizers[0];
            double weightDecay = ReadWeightDecay(className, optimizer, diagnostics);
            switch (optimizer.Role)
            {
                case AttributeRole.Momentum:
                {
                    ImmutableArray<TypedConstant> arguments = optimizer.Data.ConstructorArguments;
                    double momentum = arguments.Length == 1 && ToDouble(arguments[0].Value) is double value ? value : 0.9;
                    CheckFraction(className, optimizer, "momentum", momentum, ConstructorArgumentLocation(optimizer, 0, "momentum"), diagnostics);
                    return OptimizerModel.WithMomentum(momentum) with { WeightDecay = weightDecay };
                }
                case AttributeRole.Adam:
                case AttributeRole.AdamW:
                {
                    double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
                    foreach (KeyValuePair<string, TypedConstant> argument in optimizer.Data.NamedArguments)
                    {
                        if (ToDouble(argument.Value.Value) is not double value)
                        {
                            continue;
                        }
                        switch (argument.Key)
                        {
                            case "Beta1":
                                beta1 = value;
                                CheckFraction(className, optimizer, "Beta1", value, NamedArgumentLocation(optimizer, "Beta1"), diagnostics);
                                break;
                            case "Beta2":
                                beta2 = value;
                                CheckFraction(className, optimizer, "Beta2", value, NamedArgumentLocation(optimizer, "Beta2"), diagnostics);
                                break;
                            case "Epsilon":
                                epsilon = value;
                                if (!(value > 0) || double.IsInfinity(value))
                                {
                                    diagnostics.Add(Report(
                                        DiagnosticDescriptors.OptimizerArgumentOutOfRange, NamedArgumentLocation(optimizer, "Epsilon"),
                                        className, optimizer.ToString(), "Epsilon", Real(value), "a positive, finite number such as 1e-8"));
                                }
                                break;
                        }
                    }
                    bool decoupled = optimizer.Role == AttributeRole.AdamW;
                    return OptimizerModel.Adam(beta1, beta2, epsilon) with { WeightDecay = weightDecay, Decoupled = decoupled };
                }
                default:
                    return OptimizerModel.Sgd with { WeightDecay = weightDecay };
            }
        }

        /// <summary>PyTorch's default weight decay of AdamW; SGD and momentum have none unless it is given.</summary>
        private const double DefaultAdamWWeightDecay = 0.01;

        /// <summary>The optimizer's <c>WeightDecay</c>; reports one that is negative, NaN or infinite (NG0030).</summary>
        private static double ReadWeightDecay(string className, NetGenAttribute optimizer, List<DiagnosticInfo> diagnostics)
        {
            double weightDecay = optimizer.Role == AttributeRole.AdamW ? DefaultAdamWWeightDecay : 0;
            foreach (KeyValuePair<string, TypedConstant> argument in optimizer.Data.NamedArguments)
            {
                if (argument.Key != "WeightDecay" || ToDouble(argument.Value.Value) is not double value)
                {
                    continue;
                }
                if (value >= 0 && !double.IsInfinity(value))
                {
                    weightDecay = value;
                    continue;
                }
                diagnostics.Add(Report(
                    DiagnosticDescriptors.OptimizerArgumentOutOfRange, NamedArgumentLocation(optimizer, "WeightDecay"),
                    className, optimizer.ToString(), "WeightDecay", Real(value), "a non-negative, finite number such as 1e-4 (0 is none)"));
            }
            return weightDecay;
        }

        /// <summary>Momentum and Adam's decays must lie in [0, 1): at 1 or above the running averages never forget.</summary>
        private static void CheckFraction(
            string className, NetGenAttribute optimizer, string name, double value, Location? location, List<Diagnostic> diagnostics)
        {
            if (value >= 0 && value < 1)
            {
                return;
            }
            diagnostics.Add(Report(
                DiagnosticDescriptors.OptimizerArgumentOutOfRange, location,
                className, optimizer.ToString(), name, Real(value), "a number in [0, 1), such as 0.9"));
        }

        /// <summary>An attribute argument as a double: <c>0.9</c>, <c>0.9f</c> and <c>1</c> all read.</summary>
        private static double? ToDouble(object? value) => value switch
        {
            double d => d,
            float f => f,
            int i => i,
            _ => null,
        };

        private static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
