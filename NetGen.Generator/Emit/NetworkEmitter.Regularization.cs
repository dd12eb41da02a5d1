using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The regularizers. Weight decay: L2 for SGD and momentum (g + λ p, as <c>torch.optim.SGD(weight_decay=λ)</c>),
    /// decoupled for AdamW (p · (1 - lr λ) before Adam's update, as <c>torch.optim.AdamW</c>), on every parameter.
    /// The mean-reduced loss: the sum divided by the examples (cross-entropy) or the elements (squared error) that
    /// count, its gradient divided alike. Dropout: inverted dropout with a mask drawn from a SplitMix64 stream per
    /// layer, kept for Backward, all ones when <c>Training</c> is false.
    /// </summary>
    /// <remarks>
    /// The mask of a dropout layer with E = BatchSize × outputs elements, in the network's training Forward pass number
    /// P (counted from 0), takes the draws P·E .. P·E + E - 1 of its stream: draw k is SplitMix64's output k from the
    /// layer's start state s, z = mix(s + (k + 1)·γ). The stream is random access, so each thread of a threaded
    /// TrainStep draws its own rows' masks and the masks are those of one thread, bit for bit. A value is dropped when
    /// z &lt; ⌊p · 2⁶⁴⌋, which happens with probability p (to 2⁻⁶⁴).
    /// </remarks>
    internal sealed partial class NetworkEmitter
    {
        /// <summary>SplitMix64's increment, the golden ratio · 2⁶⁴ rounded to odd.</summary>
        private const string Gamma = "0x9E3779B97F4A7C15UL";

        /// <summary>The optimizer decays the weights: <c>WeightDecay</c> on [Sgd], [Momentum] or [AdamW].</summary>
        private bool Decayed => Optimizer.WeightDecay > 0;

        private bool MeanLoss => _model.Reduction == LossReduction.Mean;

        private bool HasDropout => _model.Layers.Any(l => l.Kind == LayerKind.Dropout);

        /// <summary>The first row of the batch the code being written works on (a thread's share starts there).</summary>
        private int _partFirstRow;

        // ---- Weight decay ----

        private void EmitWeightDecayConstant()
        {
            if (Decayed)
            {
                _w.Line($"const {_t} WeightDecay = {ElementLiteral(Optimizer.WeightDecay)};");
            }
        }

        /// <summary>Step for plain SGD with L2 weight decay, and its helper (which the threaded TrainStep calls too).</summary>
        private void EmitDecayedSgdStep()
        {
            string lambda = Real(Optimizer.WeightDecay);
            Doc($"One step of stochastic gradient descent with L2 weight decay λ = {lambda} on every parameter, weights and biases alike, as PyTorch's SGD(weight_decay={lambda}): W ← W - learningRate · (dL/dW + λ W). The gradients stay dL/dW.");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void Step(double learningRate)", "Step", writesWeights: true))
            {
                _w.Line(_model.ElementType == ElementType.Double ? "double rate = learningRate;" : "float rate = (float)learningRate;");
                foreach ((string parameter, string gradient, _) in OptimizedTensors)
                {
                    _w.Comment($"{parameter} ← {parameter} - learningRate · (dL/d{parameter} + λ {parameter})");
                    _w.Line($"DecayedSgdUpdate({GeneratedNames.Field(parameter)}, {GeneratedNames.Field(gradient)}, rate);");
                }
            }
            _w.Line();

            Doc($"p ← p - rate · (g + λ p) with λ = {lambda}, element by element, 512 or 256 bits at a time where the machine has them.");
            _w.Line(GeneratedCode);
            _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            using (_w.Block($"private static void DecayedSgdUpdate(Span<{_t}> p, ReadOnlySpan<{_t}> g, {_t} rate)"))
            {
                EmitWeightDecayConstant();
                _w.Line("int e = 0;");
                foreach (string vector in VectorWidths)
                {
                    using (_w.Block($"if ({vector}.IsHardwareAccelerated && p.Length - e >= {vector}<{_t}>.Count)"))
                    {
                        EmitVectorRefs("p", "g");
                        _w.Line($"{vector}<{_t}> rateV = {vector}.Create(rate);");
                        _w.Line($"{vector}<{_t}> decayV = {vector}.Create(WeightDecay);");
                        using (_w.Block($"for (; e <= p.Length - {vector}<{_t}>.Count; e += {vector}<{_t}>.Count)"))
                        {
                            _w.Line($"{vector}<{_t}> parameter = {vector}.LoadUnsafe(ref pRef, (nuint)e);");
                            _w.Line($"(parameter - rateV * ({vector}.LoadUnsafe(ref gRef, (nuint)e) + decayV * parameter)).StoreUnsafe(ref pRef, (nuint)e);");
                        }
                    }
                }
                using (_w.Block("for (; e < p.Length; e++)"))
                {
                    _w.Line("p[e] -= rate * (g[e] + WeightDecay * p[e]);");
                }
            }
            _w.Line();
        }

        // ---- The mean-reduced loss ----

        /// <summary>The number of terms a full batch's mean divides by: examples for cross-entropy, elements for squared error.</summary>
        private int MeanTerms => CrossEntropy ? Batch : Batch * _model.OutputSize;

        /// <summary>The terms of <c>_batchRows</c> rows, as C#: <c>_batchRows</c> or <c>(_batchRows * 10)</c>.</summary>
        private string BatchRowsTerms => CrossEntropy ? "_batchRows" : $"(_batchRows * {_model.OutputSize})";

        /// <summary>Returns the summed <c>loss</c>, divided by <paramref name="terms"/> for a mean.</summary>
        private void EmitLossReturn(string terms) =>
            _w.Line(MeanLoss ? $"return loss / {terms};" : "return loss;");

        private string ReductionText => MeanLoss
            ? (CrossEntropy ? "averaged over the examples (Reduction.Mean, as PyTorch's CrossEntropyLoss())" : "averaged over the examples and outputs (Reduction.Mean, as PyTorch's MSELoss())")
            : (CrossEntropy ? "summed over the batch" : "summed over the batch and the outputs");

        /// <summary>Declares the mean's factor for the loss gradient, when the loss is a mean: 2 / (rows · outputs) or 1 / rows.</summary>
        private void EmitMeanGradientScale()
        {
            if (!MeanLoss)
            {
                return;
            }
            _w.Comment(CrossEntropy
                ? "The mean over the examples that count (a short batch's rows) divides the gradient by their number."
                : "The mean over the elements that count (a short batch's rows × outputs) divides the gradient by their number.");
            _w.Line($"{_t} scale = ({_t})({(CrossEntropy ? "1.0" : "2.0")} / {BatchRowsTerms});");
        }

        // ---- Dropout ----

        private static string DropoutName(LayerModel layer) =>
            "Dropout(" + layer.Probability.ToString("R", CultureInfo.InvariantCulture) + ")";

        /// <summary>⌊p · 2⁶⁴⌋, the draws below which a value is dropped, computed without converting a double above 2⁶³.</summary>
        private static ulong DropBelow(double probability)
        {
            const double TwoTo64 = 18446744073709551616.0;
            return probability < 0.5
                ? (ulong)(long)(probability * TwoTo64)
                : (1UL << 63) + (ulong)(long)((probability - 0.5) * TwoTo64);
        }

        private static string Hex(ulong value) => "0x" + value.ToString("X16", CultureInfo.InvariantCulture) + "UL";

        /// <summary>The mask's rows the code being written works on: the whole buffer, or a thread's rows of it.</summary>
        private string MaskSpan(LayerModel layer)
        {
            string field = GeneratedNames.DropoutMask(layer.Index);
            return _partRows is null
                ? $"{field}.AsSpan()"
                : $"{field}.AsSpan({L(_partFirstRow * layer.Outputs)}, {L(Rows * layer.Outputs)})";
        }

        private void EmitDropoutForward(LayerModel layer)
        {
            string y = "y" + layer.Index;
            string x = InputLocal(layer);
            string xName = InputName(layer);
            string m = "M" + layer.Index;
            double p = layer.Probability;
            double keep = 1 / (1 - p);
            int elements = Batch * layer.Outputs;
            _w.Comment($"Layer {layer.Index}, {DropoutName(layer)}: Y{layer.Index} = {xName} ⊙ {m}   ({Rows}, {layer.Outputs}), inverted dropout");
            _w.Comment($"  {m}[n, j] = 0 with probability {Real(p)}, else 1 / (1 - {Real(p)}) = {Real(keep)}, so that E[Y{layer.Index}] = {xName}; all 1 when Training is false");
            using (_w.Block("if (Training)"))
            {
                string first = _partRows is null ? "" : $" + {L(_partFirstRow * layer.Outputs)}UL";
                _w.Comment($"This pass's draws of the layer's stream: {elements} per pass, dropped below ⌊{Real(p)} · 2⁶⁴⌋.");
                _w.Line($"DropoutMask({MaskSpan(layer)}, {GeneratedNames.DropoutStream(layer.Index)}, _dropoutPass * {L(elements)}UL{first}, {Hex(DropBelow(p))}, {ElementLiteral(keep)});");
            }
            using (_w.Block("else"))
            {
                _w.Line($"{MaskSpan(layer)}.Fill(1);");
            }
            _w.Line($"ApplyDropoutMask({x}, {MaskSpan(layer)}, {y});");
        }

        private void EmitDropoutBackward(LayerModel layer)
        {
            string dy = "dY" + layer.Index;
            string xName = InputName(layer);
            string m = "M" + layer.Index;
            _w.Comment($"Layer {layer.Index}, {DropoutName(layer)}, backward: dL/d{xName} = dL/dY{layer.Index} ⊙ {m}   ({Rows}, {layer.Outputs})");
            _w.Comment($"  the gradient flows through the units Forward kept, scaled as they were; a dropped unit passes none");
            _w.Line($"ApplyDropoutMask({dy}, {MaskSpan(layer)}, d{xName});");
        }

        /// <summary>At the start of a Forward that may train: the pass number this Forward's masks are drawn for.</summary>
        private void EmitDropoutPass()
        {
            if (!HasDropout)
            {
                return;
            }
            _w.Comment("Dropout: while training, each Forward draws the next pass of every dropout layer's stream.");
            using (_w.Block("if (Training)"))
            {
                _w.Line("_dropoutPass = _dropoutPasses++;");
            }
        }

        /// <summary>The dropout layers' state, Training, SeedDropout and the helpers.</summary>
        private void EmitDropoutMembers()
        {
            if (!HasDropout)
            {
                return;
            }
            _w.Comment("---- Dropout ----");
            _w.Comment("Each dropout layer keeps the mask of the last Forward for Backward, and draws it from its own SplitMix64 stream:");
            _w.Comment("pass P of the stream (the network's P-th training Forward) is its draws P·E .. P·E + E - 1, E the mask's elements.");
            foreach (LayerModel layer in Layers.Where(l => l.Kind == LayerKind.Dropout))
            {
                string shape = $"({Batch}, {layer.Outputs})";
                _w.Line($"private readonly {_t}[] {GeneratedNames.DropoutMask(layer.Index)} = new {_t}[{Batch} * {layer.Outputs}]; // M{layer.Index}, 0 or 1 / (1 - p)   {shape}");
                _w.Line($"private ulong {GeneratedNames.DropoutStream(layer.Index)} = DropoutStreamStart({layer.Seed.ToString(CultureInfo.InvariantCulture)}, {layer.Index}); // layer {layer.Index}'s stream, from its Seed");
            }
            _w.Line("private ulong _dropoutPasses; // training Forward passes so far");
            _w.Line("private ulong _dropoutPass; // the pass the last training Forward drew");
            _w.Line("private ulong _dropoutCheckedPass; // the pass CheckGradients holds every Forward to");
            _w.Line();

            Doc("Whether Forward (and so TrainStep) applies dropout: true, the default, while training; false to run Forward as inference, every dropout layer passing its input through unchanged, as PyTorch's module.eval(). Backward then passes the gradient through unchanged too. Predict never applies dropout.");
            _w.Line(GeneratedCode);
            _w.Line("public bool Training { get; set; } = true;");
            _w.Line();

            Doc("The training Forward passes that have drawn dropout masks since construction or the last <see cref=\"SeedDropout\"/>.");
            _w.Line(GeneratedCode);
            _w.Line("public ulong DropoutPasses => _dropoutPasses;");
            _w.Line();

            Doc("Restarts every dropout layer's mask stream from <paramref name=\"seed\"/> (instead of its <c>[Dropout(Seed = …)]</c>), as if the network were new: the next training Forward draws pass 0. Two networks seeded alike draw the same masks.");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void SeedDropout(int seed)", "SeedDropout", writesWeights: false))
            {
                foreach (LayerModel layer in Layers.Where(l => l.Kind == LayerKind.Dropout))
                {
                    _w.Line($"{GeneratedNames.DropoutStream(layer.Index)} = DropoutStreamStart(seed, {layer.Index});");
                }
                _w.Line("_dropoutPasses = 0;");
            }
            _w.Line();

            Doc("The start state of dropout layer <paramref name=\"layer\"/>'s stream for <paramref name=\"seed\"/>: SplitMix64's mix of the seed (high 32 bits) and the layer's number (low 32 bits), so that every layer and every seed has a stream of its own.");
            _w.Line(GeneratedCode);
            using (_w.Block("private static ulong DropoutStreamStart(int seed, int layer)"))
            {
                using (_w.Block("unchecked"))
                {
                    _w.Line($"ulong z = (((ulong)(uint)seed << 32) | (uint)layer) + {Gamma};");
                    _w.Line("z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;");
                    _w.Line("z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;");
                    _w.Line("return z ^ (z >> 31);");
                }
            }
            _w.Line();

            Doc("Fills <paramref name=\"mask\"/> with draws <paramref name=\"position\"/>, <paramref name=\"position\"/> + 1, … of the SplitMix64 stream that starts at <paramref name=\"stream\"/>: a draw below <paramref name=\"dropBelow\"/> (⌊p · 2⁶⁴⌋) drops its value (0), any other keeps it, scaled by <paramref name=\"keep\"/> = 1 / (1 - p).");
            _w.Line(GeneratedCode);
            _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            using (_w.Block($"private static void DropoutMask(Span<{_t}> mask, ulong stream, ulong position, ulong dropBelow, {_t} keep)"))
            {
                using (_w.Block("unchecked"))
                {
                    _w.Comment("SplitMix64 (Steele, Lea and Flood, 2014): state k is stream + k·γ, output k the mix of state k + 1.");
                    _w.Line($"ulong state = stream + position * {Gamma};");
                    using (_w.Block("for (int e = 0; e < mask.Length; e++)"))
                    {
                        _w.Line($"state += {Gamma};");
                        _w.Line("ulong z = state;");
                        _w.Line("z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;");
                        _w.Line("z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;");
                        _w.Line("z ^= z >> 31;");
                        _w.Line("mask[e] = z < dropBelow ? 0 : keep;");
                    }
                }
            }
            _w.Line();

            Doc("y = x ⊙ mask, element by element: a dropout layer's Forward (x its input) and Backward (x the gradient of its output).");
            _w.Line(GeneratedCode);
            _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
            using (_w.Block($"private static void ApplyDropoutMask(ReadOnlySpan<{_t}> x, ReadOnlySpan<{_t}> mask, Span<{_t}> y)"))
            {
                _w.Line("int e = 0;");
                foreach (string vector in VectorWidths)
                {
                    using (_w.Block($"if ({vector}.IsHardwareAccelerated && y.Length - e >= {vector}<{_t}>.Count)"))
                    {
                        _w.Line($"ref {_t} xRef = ref MemoryMarshal.GetReference(x);");
                        _w.Line($"ref {_t} maskRef = ref MemoryMarshal.GetReference(mask);");
                        _w.Line($"ref {_t} yRef = ref MemoryMarshal.GetReference(y);");
                        using (_w.Block($"for (; e <= y.Length - {vector}<{_t}>.Count; e += {vector}<{_t}>.Count)"))
                        {
                            _w.Line($"({vector}.LoadUnsafe(ref xRef, (nuint)e) * {vector}.LoadUnsafe(ref maskRef, (nuint)e)).StoreUnsafe(ref yRef, (nuint)e);");
                        }
                    }
                }
                using (_w.Block("for (; e < y.Length; e++)"))
                {
                    _w.Line("y[e] = x[e] * mask[e];");
                }
            }
            _w.Line();
        }
    }
}
