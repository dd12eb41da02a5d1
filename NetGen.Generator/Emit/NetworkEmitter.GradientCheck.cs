using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Writes <c>CheckGradients</c>: every analytic gradient that <c>Backward</c> computes, compared with a central
    /// finite difference of <c>Loss</c>, and the worst relative error of each parameter tensor.
    /// </summary>
    /// <remarks>
    /// <para>For one entry w of a parameter, with a = dL/dw from Backward:</para>
    /// <code>
    /// n = (L(w + h) - L(w - h)) / s     s = (w + h) - (w - h) as stored, so rounding of w ± h is no error
    /// δ = u (m (|L(w + h)| + |L(w - h)|) + 2 Σ |Y · dL/dY|) / s
    /// error = max(0, |a - n| - δ) / (|a| + |n|)
    /// </code>
    /// <para>δ is what rounding alone can do to n. u is the unit roundoff of the network's element type (2⁻⁵³ for
    /// double, 2⁻²⁴ for float). The loss sums m = batch × outputs non-negative terms left to right, which comes within
    /// (m - 1)·u·L of their exact sum (the standard bound for recursive summation). Each Dense output Y is rounded by
    /// about u of itself, which moves L by up to u·|Y · dL/dY|; the Σ runs over every Dense output of the unperturbed
    /// Forward and Backward, and counts twice, once for each side of the difference.</para>
    /// <para>The reported error is the smallest r for which |a - n| ≤ δ + r (|a| + |n|): the allclose test, with δ as
    /// its absolute tolerance. A plain |a - n| / (|a| + |n|), with any fixed floor, measures the finite difference
    /// rather than Backward wherever a gradient is small next to the loss: the rounding noise of n is absolute, about
    /// u·L/h, and entries whose gradient is 10⁻³ of their neighbours' then report 10⁻⁵ or more for a correct
    /// Backward. Subtracting δ removes that noise and nothing a wrong formula produces, whose error has the size of
    /// the gradient itself.</para>
    /// <para>ReLU makes L piecewise smooth. A step that moves a ReLU input across 0 measures the slope of two pieces
    /// at once; the check compares the sign of every ReLU input after each perturbed Forward with the unperturbed
    /// one and, when one changed, retries with steps 10, 100 and 1000 times smaller.</para>
    /// <para>Every entry is restored to its saved value in a <c>finally</c>, so bit for bit, and Forward runs once
    /// more at the end so that the activations belong to the unperturbed parameters again.</para>
    /// </remarks>
    internal sealed partial class NetworkEmitter
    {
        private const string CheckResultType = "(string Parameter, double WorstRelativeError, int WorstIndex, double Analytic, double Numeric)";

        private bool SinglePrecision => _model.ElementType == ElementType.Single;

        private IEnumerable<(string Name, string Values, string Gradient)> ParameterTensors
        {
            get
            {
                foreach (LayerModel layer in DenseLayers)
                {
                    int k = layer.ParameterIndex;
                    yield return (GeneratedNames.Weights(k), GeneratedNames.Field(GeneratedNames.Weights(k)), GeneratedNames.Field(GeneratedNames.WeightsGradient(k)));
                    if (layer.Bias)
                    {
                        yield return (GeneratedNames.Bias(k), GeneratedNames.Field(GeneratedNames.Bias(k)), GeneratedNames.Field(GeneratedNames.BiasGradient(k)));
                    }
                }
            }
        }

        private void EmitGradientCheck()
        {
            string defaultEpsilon = SinglePrecision ? "1e-3" : "1e-6";
            _w.Line("/// <summary>");
            _w.Line("/// Checks <see cref=\"Backward\"/> against central finite differences of <see cref=\"Loss\"/> on one batch, and");
            _w.Line("/// returns the worst relative error of each parameter tensor. Runs Forward and Backward first (overwriting the");
            _w.Line("/// gradients and activations, as <see cref=\"TrainStep\"/> does before its update); then, for each checked entry w,");
            _w.Line("/// n = (L(w + h) - L(w - h)) / ((w + h) - (w - h)) with h = <paramref name=\"epsilon\"/>, and");
            _w.Line("/// error = max(0, |a - n| - δ) / (|a| + |n|) with a = dL/dw and δ = u (m (|L(w + h)| + |L(w - h)|) + 2 Σ |Y · dL/dY|) / ((w + h) - (w - h)),");
            _w.Line($"/// what rounding alone can do to n: u = {UnitRoundoffName} is the unit roundoff of {_t}, m = {LossTerms} the terms each loss sums, and the Σ runs over every Dense output.");
            if (HasKinks)
            {
                _w.Line("/// A step that moves a ReLU input across 0 is retried up to three times, each time 10 times smaller.");
            }
            _w.Line("/// Every parameter is restored exactly; the activations are recomputed for the restored parameters.");
            _w.Line("/// </summary>");
            _w.Line($"/// <param name=\"x\">The input batch, ({Batch}, {_model.InputSize}) row-major.</param>");
            _w.Line(CrossEntropy
                ? $"/// <param name=\"labels\">The class index of each example, {Batch} values in [0, {_model.OutputSize}).</param>"
                : $"/// <param name=\"target\">The target batch, ({Batch}, {_model.OutputSize}) row-major.</param>");
            _w.Line(SinglePrecision
                ? "/// <param name=\"epsilon\">The step h added to and subtracted from each entry; in float, much smaller steps drown in rounding.</param>"
                : "/// <param name=\"epsilon\">The step h added to and subtracted from each entry.</param>");
            _w.Line("/// <param name=\"maxEntriesPerParameter\">How many entries of each tensor to check: all of them by default; fewer for large layers,");
            _w.Line("/// spread over the tensor by a stride that shares no factor with its length, so that they fall in different rows and columns.</param>");
            _w.Line("/// <returns>One row per tensor in the order W1, B1, W2, …: its name, its worst error, the row-major index of that entry, and");
            _w.Line("/// the analytic and numeric gradients there.</returns>");
            _w.Line(GeneratedCode);
            using (_w.Block($"public {CheckResultType}[] CheckGradients(ReadOnlySpan<{_t}> x, {TargetParameter}, double epsilon = {defaultEpsilon}, int maxEntriesPerParameter = int.MaxValue)"))
            {
                using (_w.Block("if (!(epsilon > 0) || double.IsInfinity(epsilon))"))
                {
                    _w.Line("throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, \"The finite-difference step must be positive and finite.\");");
                }
                using (_w.Block("if (maxEntriesPerParameter < 1)"))
                {
                    _w.Line("throw new ArgumentOutOfRangeException(nameof(maxEntriesPerParameter), maxEntriesPerParameter, \"At least one entry of each parameter must be checked.\");");
                }
                if (HasDropout)
                {
                    _w.Comment("Every Forward of the check draws the same dropout masks (those of the next pass), so that L is one function of the parameters.");
                    _w.Line("_dropoutCheckedPass = _dropoutPasses;");
                }
                _w.Line("Forward(x);");
                _w.Line($"Backward(x, {TargetArgument});");
                _w.Line("double sensitivity = RoundingSensitivity();");
                if (HasKinks)
                {
                    _w.Line("bool[] reluSigns = ReLUSigns();");
                }
                _w.Line($"{CheckResultType}[] results =");
                _w.Line("{");
                foreach ((string name, string values, string gradient) in ParameterTensors)
                {
                    _w.Line($"    CheckGradient(\"{name}\", {values}, {gradient}, x, {TargetArgument}, epsilon, maxEntriesPerParameter, sensitivity{(HasKinks ? ", reluSigns" : "")}),");
                }
                _w.Line("};");
                EmitSameDropoutPass();
                _w.Line("Forward(x);");
                _w.Line("return results;");
            }
            _w.Line();

            Doc("Checks one parameter tensor for <see cref=\"CheckGradients\"/>: perturbs each checked entry by ±epsilon, restores it, and keeps the worst entry.");
            _w.Line(GeneratedCode);
            using (_w.Block($"private {CheckResultType} CheckGradient(string parameter, Span<{_t}> values, ReadOnlySpan<{_t}> gradient, ReadOnlySpan<{_t}> x, {TargetParameter}, double epsilon, int maxEntries, double sensitivity{(HasKinks ? ", bool[] reluSigns" : "")})"))
            {
                _w.Comment($"Rounding (u = {UnitRoundoffName}): L sums m = {LossTerms} non-negative terms left to right, so a computed loss is within m·u·L of");
                _w.Comment("its exact sum, and rounding each Dense output by u of itself moves L by up to u·sensitivity. Both at w + h and");
                _w.Comment("at w - h: the central difference n is only known to δ = u (m (|L₊| + |L₋|) + 2 sensitivity) / step.");
                _w.Line($"const double unitRoundoff = {UnitRoundoff};");
                _w.Line("int count = global::System.Math.Min(values.Length, maxEntries);");
                _w.Line("int stride = values.Length / count;");
                using (_w.Block("while (GreatestCommonDivisor(stride, values.Length) != 1)"))
                {
                    _w.Line("stride++;");
                }
                _w.Line("double worstError = -1, worstDifference = 0, worstAnalytic = 0, worstNumeric = 0;");
                _w.Line("int worstIndex = 0;");
                using (_w.Block("for (int e = 0; e < count; e++)"))
                {
                    _w.Line("int index = (int)((long)e * stride % values.Length);");
                    _w.Line($"{_t} original = values[index];");
                    _w.Line("double lossPlus = 0, lossMinus = 0, step = 0;");
                    if (HasKinks)
                    {
                        EmitCentralDifferenceAvoidingKinks();
                    }
                    else
                    {
                        EmitCentralDifference("epsilon", checkKinks: false);
                    }
                    using (_w.Block("if (!(step > 0))"))
                    {
                        _w.Line("throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $\"The step is too small to change {parameter}[{index}] = {original}.\");");
                    }
                    _w.Line("double analytic = gradient[index];");
                    _w.Line("double numeric = (lossPlus - lossMinus) / step;");
                    _w.Line($"double resolution = unitRoundoff * ({LossTerms} * (global::System.Math.Abs(lossPlus) + global::System.Math.Abs(lossMinus)) + 2 * sensitivity) / step;");
                    _w.Line("double difference = global::System.Math.Abs(analytic - numeric);");
                    _w.Comment("Not (difference <= resolution), so that a NaN gradient or loss is reported as NaN, never as 0.");
                    _w.Line("double error = !(difference <= resolution) ? (difference - resolution) / (global::System.Math.Abs(analytic) + global::System.Math.Abs(numeric)) : 0;");
                    using (_w.Block("if (!double.IsNaN(worstError) && (double.IsNaN(error) || error > worstError || (error == worstError && difference > worstDifference)))"))
                    {
                        _w.Line("worstError = error;");
                        _w.Line("worstDifference = difference;");
                        _w.Line("worstIndex = index;");
                        _w.Line("worstAnalytic = analytic;");
                        _w.Line("worstNumeric = numeric;");
                    }
                }
                _w.Line("return (parameter, worstError, worstIndex, worstAnalytic, worstNumeric);");
                _w.Line();
                using (_w.Block("int GreatestCommonDivisor(int a, int b)"))
                {
                    using (_w.Block("while (b != 0)"))
                    {
                        _w.Line("int remainder = a % b;");
                        _w.Line("a = b;");
                        _w.Line("b = remainder;");
                    }
                    _w.Line("return a;");
                }
            }
            _w.Line();

            EmitRoundingSensitivity();
            if (HasKinks)
            {
                EmitReLUSigns();
            }
        }

        private void EmitRoundingSensitivity()
        {
            Doc("Σ |Y · dL/dY| over every Dense output of the last <see cref=\"Forward\"/> and <see cref=\"Backward\"/>: how far L can move when each output is rounded by one unit of roundoff of itself.");
            _w.Line(GeneratedCode);
            using (_w.Block("private double RoundingSensitivity()"))
            {
                _w.Line("double sum = 0;");
                foreach (LayerModel layer in DenseLayers)
                {
                    using (_w.Block($"for (int e = 0; e < {Batch * layer.Outputs}; e++)"))
                    {
                        _w.Line($"sum += global::System.Math.Abs({(SinglePrecision ? "(double)" : "")}{GeneratedNames.Field("Y" + layer.Index)}[e] * {GeneratedNames.Field("dY" + layer.Index)}[e]);");
                    }
                }
                _w.Line("return sum;");
            }
            _w.Line();
        }

        /// <summary>Sets lossPlus, lossMinus and step from two Forward passes at original ± <paramref name="h"/>, restoring the entry in a finally.</summary>
        private void EmitCentralDifference(string h, bool checkKinks)
        {
            using (_w.Block("try"))
            {
                _w.Line($"values[index] = {Narrow($"original + {h}")};");
                _w.Line("step = values[index];");
                EmitSameDropoutPass();
                _w.Line("Forward(x);");
                _w.Line($"lossPlus = Loss({TargetArgument});");
                if (checkKinks)
                {
                    _w.Line("smooth = SameReLUSigns(reluSigns);");
                }
                _w.Line($"values[index] = {Narrow($"original - {h}")};");
                _w.Line("step -= values[index];");
                EmitSameDropoutPass();
                _w.Line("Forward(x);");
                _w.Line($"lossMinus = Loss({TargetArgument});");
                if (checkKinks)
                {
                    _w.Line("smooth &= SameReLUSigns(reluSigns);");
                }
            }
            using (_w.Block("finally"))
            {
                _w.Line("values[index] = original;");
            }
        }

        private void EmitCentralDifferenceAvoidingKinks()
        {
            _w.Comment("A step that changes the sign of a ReLU input crosses a kink, where L has no derivative and the central");
            _w.Comment("difference is no estimate of one: retry, up to three times, with a step ten times smaller.");
            _w.Line("double h = epsilon;");
            using (_w.Block("for (int attempt = 0; ; attempt++)"))
            {
                _w.Line("bool smooth;");
                EmitCentralDifference("h", checkKinks: true);
                using (_w.Block($"if (smooth || attempt == 3 || {Narrow("original + h / 10")} == original)"))
                {
                    _w.Line("break;");
                }
                _w.Line("h /= 10;");
            }
        }

        private void EmitReLUSigns()
        {
            List<LayerModel> relus = Layers.Where(HasKinkAtZero).ToList();
            int total = relus.Sum(l => Batch * l.Outputs);

            Doc("Which ReLU and LeakyReLU inputs of the last <see cref=\"Forward\"/> are positive, layer after layer: the side of each kink.");
            _w.Line(GeneratedCode);
            using (_w.Block("private bool[] ReLUSigns()"))
            {
                _w.Line($"bool[] signs = new bool[{total}];");
                int offset = 0;
                foreach (LayerModel relu in relus)
                {
                    string input = GeneratedNames.Field("Y" + (relu.Index - 1));
                    using (_w.Block($"for (int e = 0; e < {Batch * relu.Outputs}; e++)"))
                    {
                        _w.Line($"signs[{(offset == 0 ? "" : offset + " + ")}e] = {input}[e] > 0;");
                    }
                    offset += Batch * relu.Outputs;
                }
                _w.Line("return signs;");
            }
            _w.Line();

            Doc("Whether the last <see cref=\"Forward\"/> left every ReLU input on the side of its kink that <paramref name=\"signs\"/> records.");
            _w.Line(GeneratedCode);
            using (_w.Block("private bool SameReLUSigns(bool[] signs)"))
            {
                int offset = 0;
                foreach (LayerModel relu in relus)
                {
                    string input = GeneratedNames.Field("Y" + (relu.Index - 1));
                    using (_w.Block($"for (int e = 0; e < {Batch * relu.Outputs}; e++)"))
                    {
                        using (_w.Block($"if (({input}[e] > 0) != signs[{(offset == 0 ? "" : offset + " + ")}e])"))
                        {
                            _w.Line("return false;");
                        }
                    }
                    offset += Batch * relu.Outputs;
                }
                _w.Line("return true;");
            }
            _w.Line();
        }

        private bool HasKinks => Layers.Any(HasKinkAtZero);

        /// <summary>Before a Forward of the check: the dropout pass of its first Forward again.</summary>
        private void EmitSameDropoutPass()
        {
            if (HasDropout)
            {
                _w.Line("_dropoutPasses = _dropoutCheckedPass;");
            }
        }

        /// <summary>An activation whose slope jumps where its input crosses 0, so that L has a kink there.</summary>
        private static bool HasKinkAtZero(LayerModel layer) => layer.Kind is LayerKind.ReLU or LayerKind.LeakyReLU;

        /// <summary>The terms the loss adds up: one per output element (the cross-entropy's per-example terms are fewer).</summary>
        private int LossTerms => Batch * _model.OutputSize;

        private string UnitRoundoff => SinglePrecision ? "5.9604644775390625E-08" : "1.1102230246251565E-16";

        private string UnitRoundoffName => SinglePrecision ? "2⁻²⁴" : "2⁻⁵³";

        private string Narrow(string expression) => SinglePrecision ? $"(float)({expression})" : expression;
    }
}
