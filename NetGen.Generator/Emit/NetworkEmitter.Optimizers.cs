using System.Collections.Generic;
using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Step for the optimizers that keep state: SGD with momentum (one velocity buffer per parameter) and Adam (first
    /// and second moment buffers per parameter and a step count for the bias correction), in the formulas PyTorch's
    /// <c>torch.optim.SGD(momentum=μ)</c> and <c>torch.optim.Adam</c> use. Plain SGD stays in <see cref="EmitStep"/>.
    /// Each update is one vectorized helper, called once per parameter tensor.
    /// </summary>
    internal sealed partial class NetworkEmitter
    {
        private OptimizerModel Optimizer => _model.Optimizer;

        /// <summary>Every parameter tensor: its name (<c>W1</c>, <c>B1</c>), its gradient's name and its length.</summary>
        private IEnumerable<(string Parameter, string Gradient, int Length)> OptimizedTensors
        {
            get
            {
                foreach (LayerModel layer in DenseLayers)
                {
                    int k = layer.ParameterIndex;
                    yield return (GeneratedNames.Weights(k), GeneratedNames.WeightsGradient(k), layer.Inputs * layer.Outputs);
                    if (layer.Bias)
                    {
                        yield return (GeneratedNames.Bias(k), GeneratedNames.BiasGradient(k), layer.Outputs);
                    }
                }
            }
        }

        private string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>Step, its state and its helper for <see cref="OptimizerKind.Momentum"/> and <see cref="OptimizerKind.Adam"/>.</summary>
        private void EmitOptimizerStep()
        {
            if (Optimizer.Kind == OptimizerKind.Momentum)
            {
                EmitMomentumStep();
            }
            else
            {
                EmitAdamStep();
            }
        }

        private void EmitMomentumStep()
        {
            string mu = Real(Optimizer.Momentum);
            _w.Comment($"SGD with momentum μ = {mu}: one velocity per parameter, zero before the first step.");
            foreach ((string parameter, _, int length) in OptimizedTensors)
            {
                _w.Line($"private readonly ArraySegment<{_t}> {GeneratedNames.Field(GeneratedNames.Velocity(parameter))} = Aligned({length}); // v of {parameter}");
            }
            _w.Line();
            Doc(Decayed
                ? $"One step of SGD with momentum μ = {mu} and L2 weight decay λ = {Real(Optimizer.WeightDecay)} on every parameter, weights and biases alike, as PyTorch's SGD(momentum={mu}, weight_decay={Real(Optimizer.WeightDecay)}): v ← μ v + (dL/dW + λ W), then W ← W - learningRate · v."
                : $"One step of SGD with momentum μ = {mu} on every parameter, as PyTorch's SGD(momentum={mu}): v ← μ v + dL/dW, then W ← W - learningRate · v.");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void Step(double learningRate)", "Step", writesWeights: true))
            {
                _w.Line(_model.ElementType == ElementType.Double ? "double rate = learningRate;" : "float rate = (float)learningRate;");
                foreach ((string parameter, string gradient, _) in OptimizedTensors)
                {
                    _w.Comment(Decayed
                        ? $"v{parameter} ← μ v{parameter} + (dL/d{parameter} + λ {parameter});  {parameter} ← {parameter} - learningRate · v{parameter}"
                        : $"v{parameter} ← μ v{parameter} + dL/d{parameter};  {parameter} ← {parameter} - learningRate · v{parameter}");
                    _w.Line($"MomentumUpdate({GeneratedNames.Field(parameter)}, {GeneratedNames.Field(gradient)}, {GeneratedNames.Field(GeneratedNames.Velocity(parameter))}, {ElementLiteral(Optimizer.Momentum)}, rate);");
                }
            }
            _w.Line();

            Doc($"v ← μ v + {(Decayed ? "(g + λ p)" : "g")}; p ← p - rate · v, element by element, 512, 256 or 128 bits at a time where the machine has them. A velocity below {FlushBelowText} is set to zero (see <c>FlushBelow</c>).");
            _w.Line(GeneratedCode);
            _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            using (_w.Block($"private static void MomentumUpdate(Span<{_t}> p, ReadOnlySpan<{_t}> g, Span<{_t}> v, {_t} momentum, {_t} rate)"))
            {
                EmitFlushBelowConstant();
                EmitWeightDecayConstant();
                _w.Line("int e = 0;");
                foreach (string vector in VectorWidths)
                {
                    using (_w.Block($"if ({vector}.IsHardwareAccelerated && p.Length - e >= {vector}<{_t}>.Count)"))
                    {
                        EmitVectorRefs("p", "g", "v");
                        _w.Line($"{vector}<{_t}> momentumV = {vector}.Create(momentum);");
                        _w.Line($"{vector}<{_t}> rateV = {vector}.Create(rate);");
                        using (_w.Block($"for (; e <= p.Length - {vector}<{_t}>.Count; e += {vector}<{_t}>.Count)"))
                        {
                            _w.Line(Decayed
                                ? $"{vector}<{_t}> velocity = momentumV * {vector}.LoadUnsafe(ref vRef, (nuint)e) + ({vector}.LoadUnsafe(ref gRef, (nuint)e) + {vector}.Create(WeightDecay) * {vector}.LoadUnsafe(ref pRef, (nuint)e));"
                                : $"{vector}<{_t}> velocity = momentumV * {vector}.LoadUnsafe(ref vRef, (nuint)e) + {vector}.LoadUnsafe(ref gRef, (nuint)e);");
                            _w.Line($"velocity = {vector}.ConditionalSelect({vector}.GreaterThanOrEqual({vector}.Abs(velocity), {vector}.Create(FlushBelow)), velocity, {vector}<{_t}>.Zero);");
                            _w.Line("velocity.StoreUnsafe(ref vRef, (nuint)e);");
                            _w.Line($"({vector}.LoadUnsafe(ref pRef, (nuint)e) - rateV * velocity).StoreUnsafe(ref pRef, (nuint)e);");
                        }
                    }
                }
                using (_w.Block("for (; e < p.Length; e++)"))
                {
                    _w.Line(Decayed ? $"{_t} velocity = momentum * v[e] + (g[e] + WeightDecay * p[e]);" : $"{_t} velocity = momentum * v[e] + g[e];");
                    _w.Line($"v[e] = {_math}.Abs(velocity) >= FlushBelow ? velocity : 0;");
                    _w.Line("p[e] -= rate * v[e];");
                }
            }
            _w.Line();
        }

        private void EmitAdamStep()
        {
            string b1 = Real(Optimizer.Beta1), b2 = Real(Optimizer.Beta2), eps = Real(Optimizer.Epsilon);
            _w.Comment($"Adam, β₁ = {b1}, β₂ = {b2}, ε = {eps}: first and second moments per parameter, zero before the first step.");
            foreach ((string parameter, _, int length) in OptimizedTensors)
            {
                _w.Line($"private readonly ArraySegment<{_t}> {GeneratedNames.Field(GeneratedNames.AdamFirstMoment(parameter))} = Aligned({length}); // m of {parameter}");
                _w.Line($"private readonly ArraySegment<{_t}> {GeneratedNames.Field(GeneratedNames.AdamSecondMoment(parameter))} = Aligned({length}); // v of {parameter}");
            }
            _w.Line("private long _optimizerSteps; // t, the steps taken so far, for the bias correction");
            _w.Line();
            Doc("The number of optimizer steps taken since construction or the last <see cref=\"ResetOptimizer\"/>: Adam's t.");
            _w.Line(GeneratedCode);
            _w.Line("public long OptimizerSteps => _optimizerSteps;");
            _w.Line();

            Doc(Decayed
                ? $"One step of AdamW on every parameter, weights and biases alike, as PyTorch's AdamW(betas=({b1}, {b2}), eps={eps}, weight_decay={Real(Optimizer.WeightDecay)}): with t counting steps from 1, W ← W · (1 - learningRate · λ) first, then m ← β₁ m + (1 - β₁) g, v ← β₂ v + (1 - β₂) g², W ← W - learningRate / (1 - β₁ᵗ) · m / (√v / √(1 - β₂ᵗ) + ε)."
                : $"One step of Adam on every parameter, as PyTorch's Adam(betas=({b1}, {b2}), eps={eps}): with t counting steps from 1, m ← β₁ m + (1 - β₁) g, v ← β₂ v + (1 - β₂) g², W ← W - learningRate / (1 - β₁ᵗ) · m / (√v / √(1 - β₂ᵗ) + ε).");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void Step(double learningRate)", "Step", writesWeights: true))
            {
                EmitAdamStepScalars($"{_t} stepSize", $"{_t} correction2Sqrt", Decayed ? $"{_t} decay" : null);
                foreach ((string parameter, string gradient, _) in OptimizedTensors)
                {
                    _w.Comment(Decayed
                        ? $"m, v of {parameter} from dL/d{parameter}; {parameter} ← {parameter} · (1 - learningRate · λ) - stepSize · m / (√v / √(1 - β₂ᵗ) + ε)"
                        : $"m, v of {parameter} from dL/d{parameter}; {parameter} ← {parameter} - stepSize · m / (√v / √(1 - β₂ᵗ) + ε)");
                    _w.Line($"AdamUpdate({GeneratedNames.Field(parameter)}, {GeneratedNames.Field(gradient)}, {GeneratedNames.Field(GeneratedNames.AdamFirstMoment(parameter))}, {GeneratedNames.Field(GeneratedNames.AdamSecondMoment(parameter))}, stepSize, correction2Sqrt{(Decayed ? ", decay" : "")});");
                }
            }
            _w.Line();

            Doc($"m ← m + (1 - β₁)(g - m); v ← β₂ v + (1 - β₂) g²; p ← {(Decayed ? "p · decay" : "p")} - stepSize · m / (√v / correction2Sqrt + ε), element by element, 512, 256 or 128 bits at a time where the machine has them. A moment below {FlushBelowText} is set to zero (see <c>FlushBelow</c>).");
            _w.Line(GeneratedCode);
            _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            using (_w.Block($"private static void AdamUpdate(Span<{_t}> p, ReadOnlySpan<{_t}> g, Span<{_t}> m, Span<{_t}> v, {_t} stepSize, {_t} correction2Sqrt{(Decayed ? $", {_t} decay" : "")})"))
            {
                _w.Line($"const {_t} OneMinusBeta1 = {ElementLiteral(1 - Optimizer.Beta1)};");
                _w.Line($"const {_t} Beta2 = {ElementLiteral(Optimizer.Beta2)};");
                _w.Line($"const {_t} OneMinusBeta2 = {ElementLiteral(1 - Optimizer.Beta2)};");
                _w.Line($"const {_t} Epsilon = {ElementLiteral(Optimizer.Epsilon)};");
                EmitFlushBelowConstant();
                _w.Line("int e = 0;");
                foreach (string vector in VectorWidths)
                {
                    using (_w.Block($"if ({vector}.IsHardwareAccelerated && p.Length - e >= {vector}<{_t}>.Count)"))
                    {
                        EmitVectorRefs("p", "g", "m", "v");
                        _w.Line($"{vector}<{_t}> stepSizeV = {vector}.Create(stepSize);");
                        _w.Line($"{vector}<{_t}> correction2SqrtV = {vector}.Create(correction2Sqrt);");
                        if (Decayed)
                        {
                            _w.Line($"{vector}<{_t}> decayV = {vector}.Create(decay);");
                        }
                        using (_w.Block($"for (; e <= p.Length - {vector}<{_t}>.Count; e += {vector}<{_t}>.Count)"))
                        {
                            _w.Line($"{vector}<{_t}> gradient = {vector}.LoadUnsafe(ref gRef, (nuint)e);");
                            _w.Line($"{vector}<{_t}> first = {vector}.LoadUnsafe(ref mRef, (nuint)e);");
                            _w.Line($"first += {vector}.Create(OneMinusBeta1) * (gradient - first);");
                            _w.Line($"first = {vector}.ConditionalSelect({vector}.GreaterThanOrEqual({vector}.Abs(first), {vector}.Create(FlushBelow)), first, {vector}<{_t}>.Zero);");
                            _w.Line($"{vector}<{_t}> second = {vector}.Create(Beta2) * {vector}.LoadUnsafe(ref vRef, (nuint)e) + {vector}.Create(OneMinusBeta2) * (gradient * gradient);");
                            _w.Line($"second = {vector}.ConditionalSelect({vector}.GreaterThanOrEqual(second, {vector}.Create(FlushBelow)), second, {vector}<{_t}>.Zero);");
                            _w.Line("first.StoreUnsafe(ref mRef, (nuint)e);");
                            _w.Line("second.StoreUnsafe(ref vRef, (nuint)e);");
                            _w.Line($"{vector}<{_t}> denominator = {vector}.Sqrt(second) / correction2SqrtV + {vector}.Create(Epsilon);");
                            _w.Line(Decayed
                                ? $"({vector}.LoadUnsafe(ref pRef, (nuint)e) * decayV - stepSizeV * first / denominator).StoreUnsafe(ref pRef, (nuint)e);"
                                : $"({vector}.LoadUnsafe(ref pRef, (nuint)e) - stepSizeV * first / denominator).StoreUnsafe(ref pRef, (nuint)e);");
                        }
                    }
                }
                using (_w.Block("for (; e < p.Length; e++)"))
                {
                    _w.Line($"{_t} gradient = g[e];");
                    _w.Line($"{_t} first = m[e] + OneMinusBeta1 * (gradient - m[e]);");
                    _w.Line($"m[e] = {_math}.Abs(first) >= FlushBelow ? first : 0;");
                    _w.Line($"{_t} second = Beta2 * v[e] + OneMinusBeta2 * (gradient * gradient);");
                    _w.Line("v[e] = second >= FlushBelow ? second : 0;");
                    _w.Line(Decayed
                        ? $"p[e] = p[e] * decay - stepSize * m[e] / ({_math}.Sqrt(v[e]) / correction2Sqrt + Epsilon);"
                        : $"p[e] -= stepSize * m[e] / ({_math}.Sqrt(v[e]) / correction2Sqrt + Epsilon);");
                }
            }
            _w.Line();
        }

        /// <summary>
        /// Counts Adam's step and writes its two scalars for the step into <paramref name="stepSize"/> and
        /// <paramref name="correction2Sqrt"/> (declarations or fields): Step and the threaded TrainStep share them. For
        /// AdamW also the factor 1 - learningRate · λ every parameter is multiplied by, into <paramref name="decay"/>.
        /// </summary>
        private void EmitAdamStepScalars(string stepSize, string correction2Sqrt, string? decay = null)
        {
            _w.Line("_optimizerSteps++;");
            _w.Comment("The bias corrections are computed once per step in double, as PyTorch computes them in Python floats.");
            _w.Line($"double correction1 = 1 - global::System.Math.Pow({Real(Optimizer.Beta1)}, _optimizerSteps);");
            _w.Line($"double correction2 = 1 - global::System.Math.Pow({Real(Optimizer.Beta2)}, _optimizerSteps);");
            string narrow = _model.ElementType == ElementType.Single ? "(float)" : "";
            _w.Line($"{stepSize} = {narrow}(learningRate / correction1);");
            _w.Line($"{correction2Sqrt} = {narrow}global::System.Math.Sqrt(correction2);");
            if (decay is not null)
            {
                _w.Comment("AdamW's decoupled weight decay shrinks every parameter first, as PyTorch's param.mul_(1 - lr * weight_decay).");
                _w.Line($"{decay} = {narrow}(1 - learningRate * {Real(Optimizer.WeightDecay)});");
            }
        }

        /// <summary>
        /// The optimizer state below which a value is set to zero. A weight that stops receiving gradient (an input
        /// pixel that is always 0, a ReLU unit that no longer fires) sees its moment or velocity shrink by β₁ or μ per
        /// step until it is a subnormal number, where m + (1 - β₁)(0 - m) rounds back to m: it stays there, and every
        /// instruction that touches a subnormal number takes a slow path on x64 (Adam on Fashion-MNIST slowed by half
        /// within two epochs). Flushing at 1e-30 (float) or 1e-300 (double), far above the subnormal range, changes a
        /// step by less than 1e-22 of the learning rate.
        /// </summary>
        private string FlushBelowText => _model.ElementType == ElementType.Single ? "1e-30" : "1e-300";

        private void EmitFlushBelowConstant()
        {
            _w.Comment("State below this is set to zero before it decays into subnormal numbers, which stick (a step of decay rounds back");
            _w.Comment("to the same number) and slow down every instruction that touches them; a step changes by under 1e-22 of the rate.");
            _w.Line($"const {_t} FlushBelow = {FlushBelowText}{(_model.ElementType == ElementType.Single ? "f" : "")};");
        }

        /// <summary>
        /// The vector types the element-by-element updates run with, widest first: 512 bits take what they can (with
        /// AVX-512 they also take half the instructions, which matters when moments decay into subnormal numbers, each
        /// instruction then paying for a slow path), 256 bits the rest, then 128 bits (all a NativeAOT app published for
        /// the baseline x64 instruction set has), a scalar loop the last few elements. Every width
        /// computes each element with the same operations in the same order, so the results do not depend on it.
        /// </summary>
        private static readonly string[] VectorWidths = { "Vector512", "Vector256", "Vector128" };

        private void EmitVectorRefs(params string[] spans)
        {
            foreach (string span in spans)
            {
                _w.Line($"ref {_t} {span}Ref = ref MemoryMarshal.GetReference({span});");
            }
        }

        private void EmitResetOptimizer()
        {
            if (Optimizer.Kind == OptimizerKind.Sgd)
            {
                Doc("Forgets the optimizer's state. Plain SGD keeps none, so there is nothing to do; the method exists so that every network can be reset alike.");
                _w.Line(GeneratedCode);
                using (GuardedMethod("public void ResetOptimizer()", "ResetOptimizer", writesWeights: false))
                {
                }
                _w.Line();
                return;
            }
            Doc("Forgets the optimizer's state: zeroes every moment or velocity buffer (and Adam's step count), as a new optimizer would start.");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void ResetOptimizer()", "ResetOptimizer", writesWeights: false))
            {
                foreach ((string parameter, _, _) in OptimizedTensors)
                {
                    if (Optimizer.Kind == OptimizerKind.Momentum)
                    {
                        _w.Line($"{GeneratedNames.Field(GeneratedNames.Velocity(parameter))}.AsSpan().Clear();");
                    }
                    else
                    {
                        _w.Line($"{GeneratedNames.Field(GeneratedNames.AdamFirstMoment(parameter))}.AsSpan().Clear();");
                        _w.Line($"{GeneratedNames.Field(GeneratedNames.AdamSecondMoment(parameter))}.AsSpan().Clear();");
                    }
                }
                if (Optimizer.Kind == OptimizerKind.Adam)
                {
                    _w.Line("_optimizerSteps = 0;");
                }
            }
            _w.Line();
        }
    }
}
