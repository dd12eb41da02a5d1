using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// TrainStep on several threads (<c>[Network(Threads = 2)]</c>). A step has three phases, and each thread takes an
    /// equal share of each:
    /// <list type="number">
    /// <item>Terms of the first layer. Y1 = X · W1 (+ B1) is the largest product; a thread sums the terms of a band of
    /// rows of W1 (Σᵢ X[n, i] · W1[i, j] over its i), the band it alone steps in the last phase: W1 and its optimizer
    /// state never move between the cores' caches. The shares' sums are added up in the next phase.</item>
    /// <item>Rows of the batch. The examples of a batch do not meet until a weight gradient sums over them: each
    /// thread runs its rows through the rest of the network, computes their loss gradient and carries it back to the
    /// first layer (dL/dY = dL/dY' · Wᵀ and the activations' derivatives go row by row).</item>
    /// <item>Parameters. dL/dW[i, :] = Σₙ X[n, i] · dL/dY[n, :] needs every example but only row i of W: each thread
    /// computes its band of rows of every dL/dW (for W1, the band it summed in phase 0) and at once
    /// takes the optimizer step on the same band of W and of the optimizer's state. The first thread also does the
    /// biases.</item>
    /// </list>
    /// The threads meet after each phase. Apart from Y1's sum, split into the threads' shares and added up in another
    /// order, every element is computed with the same operations in the same order as on one thread. Forward runs
    /// phase 0 and the forward half of phase 1 (phase 3 of <c>RunPart</c>); Loss, Backward and Step keep running on
    /// the caller's thread.
    /// </summary>
    internal sealed partial class NetworkEmitter
    {
        private bool Threaded => _model.Threads > 1;

        /// <summary>
        /// Compiled optimized at the first call, like the kernels: a training run calls these a few thousand times, and
        /// tiered compilation would run them unoptimized, then instrumented, for the first two epochs of Fashion-MNIST
        /// (a quarter slower than the rest).
        /// </summary>
        private const string JitNow = "[MethodImpl(MethodImplOptions.AggressiveOptimization)]";

        private int Threads => _model.Threads;

        private string TargetBufferLength => CrossEntropy ? L(Batch) : L(Batch * _model.OutputSize);

        private static string L(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>The first item and the count of thread <paramref name="part"/>'s share of <paramref name="items"/>.</summary>
        private (int First, int Count) Share(int items, int part)
        {
            int first = (int)((long)items * part / Threads);
            int next = (int)((long)items * (part + 1) / Threads);
            return (first, next - first);
        }

        private LayerModel FirstDense => _model.Layers[0];

        private string OptimizerName => Optimizer.Kind switch
        {
            OptimizerKind.Adam => Optimizer.Decoupled ? "AdamW" : "Adam",
            OptimizerKind.Momentum => "SGD-with-momentum",
            _ => "SGD",
        };

        // ---- The public entry points ----

        private void EmitThreadedTrainStep()
        {
            Doc($"Forward, loss, backward and one {OptimizerName} step on one batch, on {Threads} threads: each takes a share of the batch's rows, then a band of rows of every weight matrix (see <see cref=\"TrainStepOnThreads\"/>). Gives the numbers Forward, Loss, Backward and Step give in turn, up to the rounding of the first layer's sum, which the threads split. Returns the loss before the update.");
            _w.Line(GeneratedCode);
            _w.Line(JitNow);
            using (GuardedMethod($"public double TrainStep(ReadOnlySpan<{_t}> x, {TargetParameter}, double learningRate)", "TrainStep", writesWeights: true))
            {
                CheckInput();
                if (CrossEntropy)
                {
                    CheckLabels();
                }
                else
                {
                    CheckTarget();
                }
                _w.Comment("Phases 0 and 2 read the batch from every thread: a span cannot cross threads, so it is copied once.");
                _w.Line("x.CopyTo(_threadInput);");
                _w.Line($"{TargetArgument}.CopyTo(_threadTarget);");
                _w.Line("return TrainStepOnThreads(learningRate);");
            }
            _w.Line();
        }

        private void EmitThreadedForward()
        {
            Doc($"Runs the network on one batch, on {Threads} threads. <paramref name=\"x\"/> is ({Batch}, {_model.InputSize}) row-major. Returns the output ({Batch}, {_model.OutputSize}){(CrossEntropy ? ", the logits before softmax" : "")}, and keeps every activation for <see cref=\"Backward\"/>. Each thread sums the first layer over its band of W{FirstDense.ParameterIndex}'s rows, then takes its rows of the batch through the other layers; the numbers are those of one thread up to the rounding of the first layer's sum.");
            _w.Line(GeneratedCode);
            _w.Line(JitNow);
            using (GuardedMethod($"public ReadOnlySpan<{_t}> Forward(ReadOnlySpan<{_t}> x)", "Forward", writesWeights: false))
            {
                CheckInput();
                _w.Comment("Every thread reads the batch: a span cannot cross threads, so it is copied once.");
                _w.Line("x.CopyTo(_threadInput);");
                EmitDropoutPass();
                _w.Line($"TrainingThreads threads = _threads ??= new TrainingThreads({Threads - 1});");
                _w.Comment($"Phase 0, as in TrainStep: each thread sums Y{FirstDense.Index} = X · W{FirstDense.ParameterIndex} over its band of W{FirstDense.ParameterIndex}'s rows.");
                _w.Line("threads.Run(this, 0);");
                _w.Comment("Then each thread adds up the shares of its rows of the batch and runs them through the other layers.");
                _w.Line("threads.Run(this, 3);");
                _w.Line($"return {GeneratedNames.Field("Y" + Last.Index)};");
            }
            _w.Line();
        }

        private void EmitThreadedTrainStepRows()
        {
            int inputs = _model.InputSize;
            int outputs = _model.OutputSize;
            Doc($"Forward, loss, backward and one {OptimizerName} step on a batch of <paramref name=\"rows\"/> examples (1 ≤ rows ≤ {Batch}), on {Threads} threads; the padding rows contribute nothing. Returns the loss of those rows before the update.");
            _w.Line(GeneratedCode);
            _w.Line(JitNow);
            using (GuardedMethod($"public double TrainStep(ReadOnlySpan<{_t}> x, {TargetParameter}, double learningRate, int rows)", "TrainStep", writesWeights: true))
            {
                _w.Line("CheckRows(rows);");
                _w.Line($"CheckRowsLength(x.Length, rows, {inputs}, \"x\", \"InputSize\");");
                if (CrossEntropy)
                {
                    _w.Line("CheckLength(labels.Length, rows, \"labels\", \"rows class indexes\");");
                    using (_w.Block("for (int n = 0; n < rows; n++)"))
                    {
                        CheckLabel();
                    }
                }
                else
                {
                    _w.Line($"CheckRowsLength(target.Length, rows, {outputs}, \"target\", \"OutputSize\");");
                }
                using (_w.Block($"if (rows == {Batch})"))
                {
                    _w.Line($"return TrainStep(x, {TargetArgument}, learningRate);");
                }
                _w.Line("x.CopyTo(_threadInput);");
                _w.Line("_threadInput.AsSpan(x.Length).Clear();");
                _w.Line($"{TargetArgument}.CopyTo(_threadTarget);");
                _w.Line($"_threadTarget.AsSpan({TargetArgument}.Length).Clear();");
                _w.Line("_batchRows = rows;");
                using (_w.Block("try"))
                {
                    _w.Line("return TrainStepOnThreads(learningRate);");
                }
                using (_w.Block("finally"))
                {
                    _w.Line($"_batchRows = {Batch};");
                }
            }
            _w.Line();
        }

        // ---- The phases ----

        private void EmitThreads()
        {
            if (!Threaded)
            {
                return;
            }
            _w.Comment($"---- TrainStep and Forward on {Threads} threads ----");
            _w.Comment("The batch as TrainStep or Forward received it, and the optimizer's scalars for the step, where every thread reads them.");
            _w.Line($"private readonly ArraySegment<{_t}> _threadInput = Aligned({L(Batch * _model.InputSize)});");
            _w.Line($"private readonly {TargetElement}[] _threadTarget = new {TargetElement}[{TargetBufferLength}];");
            if (Optimizer.Kind == OptimizerKind.Adam)
            {
                _w.Line($"private {_t} _threadStepSize;");
                _w.Line($"private {_t} _threadCorrection2Sqrt;");
                if (Decayed)
                {
                    _w.Line($"private {_t} _threadDecay;");
                }
            }
            else
            {
                _w.Line($"private {_t} _threadRate;");
            }
            _w.Comment($"Phase 0's shares of Y{FirstDense.Index} = X · W{FirstDense.ParameterIndex} from {(Threads == 2 ? "thread 2" : $"threads 2..{Threads}")}, ({Batch}, {FirstDense.Outputs}) each; thread 1's share is summed in Y{FirstDense.Index} itself.");
            _w.Line($"private readonly ArraySegment<{_t}> _threadPartial = Aligned({L((Threads - 1) * Batch * FirstDense.Outputs)});");
            _w.Comment("Each thread's share of the loss, from phase 1.");
            _w.Line($"private readonly double[] _threadLoss = new double[{Threads}];");
            _w.Line("private TrainingThreads? _threads;");
            _w.Line();

            EmitTrainStepOnThreads();
            EmitRunPart();
            for (int part = 0; part < Threads; part++)
            {
                EmitFirstLayerPart(part);
            }
            for (int part = 0; part < Threads; part++)
            {
                EmitRowsPart(part, train: true);
            }
            for (int part = 0; part < Threads; part++)
            {
                EmitRowsPart(part, train: false);
            }
            for (int part = 0; part < Threads; part++)
            {
                EmitTrainParametersPart(part);
            }
            EmitTrainingThreadsClass();
        }

        private void EmitTrainStepOnThreads()
        {
            Doc("TrainStep on the batch in <c>_threadInput</c> and <c>_threadTarget</c>, whose first <c>_batchRows</c> rows are examples, in three phases that every thread shares: terms of the first layer's sum, rows of the batch, bands of the parameters.");
            _w.Line(GeneratedCode);
            _w.Line(JitNow);
            using (_w.Block("private double TrainStepOnThreads(double learningRate)"))
            {
                EmitDropoutPass();
                _w.Line($"TrainingThreads threads = _threads ??= new TrainingThreads({Threads - 1});");
                _w.Comment($"Phase 0: each thread sums Y{FirstDense.Index} = X · W{FirstDense.ParameterIndex} over its band of W{FirstDense.ParameterIndex}'s rows, the band it steps in phase 2.");
                _w.Line("threads.Run(this, 0);");
                _w.Comment("Phase 1: examples do not interact until a weight gradient sums over them, so each thread runs its own");
                _w.Comment("rows of the batch (adding up phase 0's shares of them), through the other layers, and carries their loss");
                _w.Comment("gradient back to the first layer.");
                _w.Line("threads.Run(this, 1);");
                _w.Comment("The loss of the batch's examples, summed by each thread over its rows in phase 1.");
                _w.Line("double loss = " + string.Join(" + ", Enumerable.Range(0, Threads).Select(t => $"_threadLoss[{t}]")) + ";");
                if (MeanLoss)
                {
                    _w.Comment("The mean over the examples that count.");
                    _w.Line($"loss /= {BatchRowsTerms};");
                }
                if (Optimizer.Kind == OptimizerKind.Adam)
                {
                    EmitAdamStepScalars("_threadStepSize", "_threadCorrection2Sqrt", Decayed ? "_threadDecay" : null);
                }
                else
                {
                    _w.Line(_model.ElementType == ElementType.Double ? "_threadRate = learningRate;" : "_threadRate = (float)learningRate;");
                }
                _w.Comment("Phase 2: dL/dW[i, :] = Σₙ X[n, i] · dL/dY[n, :] needs every example but only row i of W, so each thread");
                _w.Comment("computes its band of rows of every dL/dW and steps the same band of W.");
                _w.Line("threads.Run(this, 2);");
                _w.Line("return loss;");
            }
            _w.Line();
        }

        private void EmitRunPart()
        {
            Doc("Runs thread <paramref name=\"part\"/>'s share of TrainStep's phase <paramref name=\"phase\"/>; called by <see cref=\"TrainingThreads\"/>.");
            _w.Line(GeneratedCode);
            _w.Line(JitNow);
            using (_w.Block("private void RunPart(int phase, int part)"))
            {
                foreach ((int phase, string method) in new[] { (0, "FirstLayerPart"), (1, "TrainRowsPart"), (2, "TrainParametersPart"), (3, "ForwardRowsPart") })
                {
                    using (_w.Block($"if (phase == {phase})"))
                    {
                        using (_w.Block("switch (part)"))
                        {
                            for (int part = 0; part < Threads; part++)
                            {
                                _w.Line($"case {part}: {method}{part}(); return;");
                            }
                        }
                    }
                }
                _w.Line("throw new ArgumentOutOfRangeException(nameof(part), part, $\"TrainStep has no part {part} of phase {phase}.\");");
            }
            _w.Line();
        }

        private void EmitFirstLayerPart(int part)
        {
            LayerModel layer = FirstDense;
            (int first, int terms) = Share(layer.Inputs, part);
            int k = layer.ParameterIndex;
            int outputs = layer.Outputs;
            string y = part == 0 ? "y" + layer.Index : "share";
            Doc(terms == 0
                ? $"TrainStep's phase 0 for thread {part + 1} of {Threads}: W{k} has fewer rows than there are threads; none are this thread's, so its share is {(part == 0 && layer.Bias ? $"B{k}" : "zero")}."
                : $"TrainStep's phase 0 for thread {part + 1} of {Threads}: the terms i = {first}..{first + terms - 1} of Y{layer.Index} = X · W{k}{(part == 0 && layer.Bias ? $" + B{k}" : "")}, for every example{(part == 0 ? $", into Y{layer.Index}" : ", into its share of _threadPartial")}.");
            _w.Line(GeneratedCode);
            _w.Line(JitNow);
            using (_w.Block($"private void FirstLayerPart{part}()"))
            {
                _w.Line(part == 0
                    ? $"Span<{_t}> {y} = {GeneratedNames.Field("Y" + layer.Index)};"
                    : $"Span<{_t}> {y} = _threadPartial.AsSpan({L((part - 1) * Batch * outputs)}, {L(Batch * outputs)});");
                bool bias = part == 0 && layer.Bias;
                if (terms == 0)
                {
                    if (bias)
                    {
                        using (_w.For("n", Batch))
                        {
                            _w.Line($"{GeneratedNames.Field(GeneratedNames.Bias(k))}.CopyTo({y}.Slice(n * {L(outputs)}, {L(outputs)}));");
                        }
                    }
                    else
                    {
                        _w.Line($"{y}.Clear();");
                    }
                }
                else
                {
                    _w.Line($"ReadOnlySpan<{_t}> x = _threadInput;");
                    Local("ReadOnlySpan", GeneratedNames.Weights(k));
                    if (bias)
                    {
                        Local("ReadOnlySpan", GeneratedNames.Bias(k));
                    }
                    _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {outputs}), terms {first}..{first + terms - 1}: {(bias ? $"B{k} + " : "")}X[:, {first}..{first + terms - 1}] · W{k}[{first}..{first + terms - 1}, :]   ({Batch}, {terms}) · ({terms}, {outputs}) → ({Batch}, {outputs})");
                    _w.Comment($"  {(part == 0 ? "Y" + layer.Index : "share")}[n, j] = {(bias ? $"B{k}[j] + " : "")}Σᵢ X[n, i] · W{k}[i, j]   for {first} ≤ i < {first + terms}");
                    _w.Line(Kernels.DenseForwardTerms(Batch, layer, first, terms, "x", "w" + k, bias ? "b" + k : null, y));
                }
            }
            _w.Line();
        }

        /// <summary>
        /// A thread's rows of the batch after phase 0: the rest of the forward pass and, for TrainStep (<paramref name="train"/>),
        /// the loss, its gradient and the chain rule back to the first layer; for Forward, nothing more.
        /// </summary>
        private void EmitRowsPart(int part, bool train)
        {
            (int first, int rows) = Share(Batch, part);
            int outputs = _model.OutputSize;
            Doc(train
                ? $"TrainStep's phase 1 for examples {first}..{first + rows - 1} of the batch (thread {part + 1} of {Threads}): Forward after the first layer and the loss gradient on these rows only, then the chain rule back to the first layer. The spans below are these rows of every buffer."
                : $"Forward's second phase for examples {first}..{first + rows - 1} of the batch (thread {part + 1} of {Threads}): the layers after the first on these rows only. The spans below are these rows of every buffer.");
            _w.Line(GeneratedCode);
            _w.Line(JitNow);
            using (_w.Block($"private void {(train ? "TrainRowsPart" : "ForwardRowsPart")}{part}()"))
            {
                if (train)
                {
                    _w.Line(CrossEntropy
                        ? $"ReadOnlySpan<int> labels = new ReadOnlySpan<int>(_threadTarget, {L(first)}, {L(rows)});"
                        : $"ReadOnlySpan<{_t}> target = new ReadOnlySpan<{_t}>(_threadTarget, {L(first * outputs)}, {L(rows * outputs)});");
                }
                foreach (LayerModel layer in Layers)
                {
                    if (layer.Kind == LayerKind.Dense && layer != FirstDense)
                    {
                        Local("ReadOnlySpan", GeneratedNames.Weights(layer.ParameterIndex));
                        if (layer.Bias)
                        {
                            Local("ReadOnlySpan", GeneratedNames.Bias(layer.ParameterIndex));
                        }
                    }
                    RowsLocal("Y" + layer.Index, first, rows, layer.Outputs);
                    if (train)
                    {
                        RowsLocal("dY" + layer.Index, first, rows, layer.Outputs);
                    }
                }

                _partRows = rows;
                _partFirstRow = first;
                try
                {
                    int o = FirstDense.Outputs;
                    string sum = string.Join(" + ", Enumerable.Range(1, Threads - 1).Select(t => (t - 1) * Batch * o + first * o).Select(offset => offset == 0 ? "shares[e]" : $"shares[{L(offset)} + e]"));
                    _w.Comment($"Layer {FirstDense.Index}, Dense({FirstDense.Inputs}, {o}): phase 0 left Y{FirstDense.Index} = X · W{FirstDense.ParameterIndex}{(FirstDense.Bias ? $" + B{FirstDense.ParameterIndex}" : "")} in {Threads} shares, one per band of W{FirstDense.ParameterIndex}'s rows; these rows add them up.");
                    _w.Line($"ReadOnlySpan<{_t}> shares = _threadPartial;");
                    using (_w.For("e", rows * o))
                    {
                        _w.Line($"y{FirstDense.Index}[e] += {sum};");
                    }
                    foreach (LayerModel layer in Layers.Skip(1))
                    {
                        _w.Line();
                        if (layer.Kind == LayerKind.Dense)
                        {
                            EmitDenseForwardKernels(layer);
                        }
                        else
                        {
                            EmitActivationForward(layer);
                        }
                    }
                    if (train)
                    {
                        EmitRowsBackward(part, first, rows);
                    }
                }
                finally
                {
                    _partRows = null;
                    _partFirstRow = 0;
                }
            }
            _w.Line();
        }

        /// <summary>TrainStep's phase 1 after the forward pass, on a thread's rows: the loss and its gradient, then dL/dY back to the first layer.</summary>
        private void EmitRowsBackward(int part, int first, int rows)
        {
            int outputs = _model.OutputSize;
            _w.Line();
            _w.Line("double loss = 0;");
            EmitLossGradient(lossFirstRow: first);
            _w.Line($"_threadLoss[{part}] = loss;");
            string index = L(Last.Index);
            _w.Comment("Rows past a short batch's last example are padding: they add nothing to any gradient.");
            using (_w.Block($"if (_batchRows < {L(first + rows)})"))
            {
                _w.Line(first == 0
                    ? $"dY{index}.Slice(_batchRows * {L(outputs)}).Clear();"
                    : $"dY{index}.Slice(global::System.Math.Max(_batchRows - {L(first)}, 0) * {L(outputs)}).Clear();");
            }
            for (int i = _model.Layers.Count - 1; i >= 0; i--)
            {
                LayerModel layer = _model.Layers[i];
                if (layer.Kind != LayerKind.Dense)
                {
                    _w.Line();
                    EmitActivationBackward(layer);
                }
                else if (layer.Index > 1)
                {
                    int k = layer.ParameterIndex;
                    string dy = "dY" + layer.Index;
                    string xName = InputName(layer);
                    _w.Line();
                    _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}), backward, these rows: dL/d{xName} = dL/d{dy.Substring(1)} · W{k}ᵀ   ({rows}, {layer.Outputs}) · ({layer.Outputs}, {layer.Inputs}) → ({rows}, {layer.Inputs})");
                    _w.Comment($"  d{xName}[n, i] = Σⱼ {dy}[n, j] · W{k}[i, j]   (dL/dW{k} waits for phase 2: it sums over every row)");
                    _w.Line(Kernels.DenseInputGradient(rows, layer, dy, "w" + k, "d" + xName));
                }
            }
        }

        /// <summary>Declares the rows of a (batch, width) buffer a thread's share works on: <c>Span&lt;float&gt; y1 = new Span&lt;float&gt;(_y1, 0, 8192);</c>.</summary>
        private void RowsLocal(string buffer, int first, int rows, int width) =>
            _w.Line($"Span<{_t}> {LocalName(buffer)} = {GeneratedNames.Field(buffer)}.AsSpan({L(first * width)}, {L(rows * width)}); // rows {first}..{first + rows - 1}");

        private void EmitTrainParametersPart(int part)
        {
            var bands = DenseLayers.Select(layer => (Layer: layer, Band: Share(layer.Inputs, part))).ToList();
            string description = string.Join(", ", bands.Where(b => b.Band.Count > 0).Select(b => $"rows {b.Band.First}..{b.Band.First + b.Band.Count - 1} of W{b.Layer.ParameterIndex}"));
            bool biases = part == 0 && DenseLayers.Any(l => l.Bias);
            Doc($"TrainStep's phase 2 for thread {part + 1} of {Threads}: {(description.Length == 0 ? "no rows of any weight matrix" : description)}: their dL/dW, summed over the whole batch, and their {OptimizerName} step{(biases ? "; and every bias" : "")}.");
            _w.Line(GeneratedCode);
            _w.Line(JitNow);
            using (_w.Block($"private void TrainParametersPart{part}()"))
            {
                _w.Line($"ReadOnlySpan<{_t}> x = _threadInput;");
                foreach ((LayerModel layer, _) in bands)
                {
                    if (layer.Index > 1)
                    {
                        Local("ReadOnlySpan", "Y" + (layer.Index - 1));
                    }
                    Local("ReadOnlySpan", "dY" + layer.Index);
                    Local("Span", GeneratedNames.WeightsGradient(layer.ParameterIndex));
                    if (layer.Bias && part == 0)
                    {
                        Local("Span", GeneratedNames.BiasGradient(layer.ParameterIndex));
                    }
                }
                if (Optimizer.Kind == OptimizerKind.Adam)
                {
                    _w.Line($"{_t} stepSize = _threadStepSize;");
                    _w.Line($"{_t} correction2Sqrt = _threadCorrection2Sqrt;");
                    if (Decayed)
                    {
                        _w.Line($"{_t} decay = _threadDecay;");
                    }
                }
                else
                {
                    _w.Line($"{_t} rate = _threadRate;");
                }
                foreach ((LayerModel layer, (int first, int count)) in bands)
                {
                    int k = layer.ParameterIndex;
                    string dy = "dY" + layer.Index;
                    string xName = InputName(layer);
                    _w.Line();
                    if (count == 0)
                    {
                        _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}): W{k} has fewer rows than there are threads; none are this thread's.");
                        continue;
                    }
                    _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}), rows {first}..{first + count - 1}: dL/dW{k} = {xName}ᵀ · dL/d{dy.Substring(1)}   ({count}, {Batch}) · ({Batch}, {layer.Outputs}) → ({count}, {layer.Outputs})");
                    _w.Comment($"  dW{k}[i, j] = Σₙ {xName}[n, i] · {dy}[n, j]   for {first} ≤ i < {first + count}");
                    _w.Line(Kernels.DenseWeightGradientRows(Batch, layer, first, count, InputLocal(layer), dy, "gradW" + k));
                    _w.Comment($"The same rows of W{k} take their {OptimizerName} step.");
                    _w.Line(UpdateCall(GeneratedNames.Weights(k), GeneratedNames.WeightsGradient(k), first * layer.Outputs, count * layer.Outputs, layer.Inputs * layer.Outputs));
                }
                if (biases)
                {
                    foreach (LayerModel layer in DenseLayers.Where(l => l.Bias))
                    {
                        int k = layer.ParameterIndex;
                        string dy = "dY" + layer.Index;
                        _w.Line();
                        _w.Comment($"dL/dB{k} = Σₙ {dy}[n, :]   (the bias is added to every row), then B{k}'s step");
                        _w.Line(Kernels.DenseBiasGradient(Batch, layer, dy, "gradB" + k));
                        _w.Line(UpdateCall(GeneratedNames.Bias(k), GeneratedNames.BiasGradient(k), 0, layer.Outputs, layer.Outputs));
                    }
                }
            }
            _w.Line();
        }

        /// <summary>The optimizer's update of elements [offset, offset + length) of a parameter and its state.</summary>
        private string UpdateCall(string parameter, string gradient, int offset, int length, int total)
        {
            string start = L(offset);
            string Slice(string buffer) => length == total
                ? GeneratedNames.Field(buffer)
                : $"{GeneratedNames.Field(buffer)}.AsSpan({start}, {L(length)})";

            return Optimizer.Kind switch
            {
                OptimizerKind.Adam => $"AdamUpdate({Slice(parameter)}, {Slice(gradient)}, {Slice(GeneratedNames.AdamFirstMoment(parameter))}, {Slice(GeneratedNames.AdamSecondMoment(parameter))}, stepSize, correction2Sqrt{(Decayed ? ", decay" : "")});",
                OptimizerKind.Momentum => $"MomentumUpdate({Slice(parameter)}, {Slice(gradient)}, {Slice(GeneratedNames.Velocity(parameter))}, {ElementLiteral(Optimizer.Momentum)}, rate);",
                _ when Decayed => $"DecayedSgdUpdate({Slice(parameter)}, {Slice(gradient)}, rate);",
                _ => Kernels.SgdUpdate(length, Slice(parameter), Slice(gradient), "rate"),
            };
        }

        // ---- The threads ----

        private void EmitTrainingThreadsClass()
        {
            string network = _model.ClassName;
            _w.Line("/// <summary>");
            _w.Line("/// The threads TrainStep runs on besides the caller's. <see cref=\"Run\"/> hands each worker its part of a phase,");
            _w.Line("/// runs part 0 on the calling thread and returns when every part is done. Between phases a worker spins for up to");
            _w.Line("/// a millisecond (a training loop asks again within microseconds), then sleeps until woken. A worker holds the");
            _w.Line("/// network only while it runs a part; the workers end when the network is collected.");
            _w.Line("/// </summary>");
            _w.Line(GeneratedCode);
            using (_w.Block("private sealed class TrainingThreads"))
            {
                _w.Line("private readonly Worker[] _workers;");
                _w.Line();
                using (_w.Block("public TrainingThreads(int workers)"))
                {
                    _w.Line("_workers = new Worker[workers];");
                    using (_w.Block("for (int i = 0; i < workers; i++)"))
                    {
                        _w.Line("_workers[i] = new Worker(i + 1);");
                    }
                }
                _w.Line();
                using (_w.Block("~TrainingThreads()"))
                {
                    using (_w.Block("foreach (Worker worker in _workers)"))
                    {
                        _w.Line("worker.Stop();");
                    }
                }
                _w.Line();
                Doc("Runs every part of <paramref name=\"phase\"/>: parts 1.. on the workers, part 0 here; returns when all are done.");
                _w.Line(JitNow);
                using (_w.Block($"public void Run({network} network, int phase)"))
                {
                    using (_w.Block("foreach (Worker worker in _workers)"))
                    {
                        _w.Line("worker.Start(network, phase);");
                    }
                    _w.Line("global::System.Exception? failure = null;");
                    using (_w.Block("try"))
                    {
                        _w.Line("network.RunPart(phase, 0);");
                    }
                    using (_w.Block("finally"))
                    {
                        _w.Comment("Every worker is waited for, even if part 0 failed: none may still be writing when Run returns.");
                        using (_w.Block("foreach (Worker worker in _workers)"))
                        {
                            _w.Line("failure ??= worker.Wait();");
                        }
                    }
                    using (_w.Block("if (failure is not null)"))
                    {
                        _w.Line("throw new global::System.InvalidOperationException(\"A TrainStep thread failed: \" + failure.Message, failure);");
                    }
                }
                _w.Line();
                _w.Line("/// <summary>One worker thread and the handshake with the caller: a request counter, a completion counter and a");
                _w.Line("/// semaphore for when it sleeps.</summary>");
                using (_w.Block("private sealed class Worker"))
                {
                    _w.Line("private readonly int _part;");
                    _w.Line("private readonly global::System.Threading.SemaphoreSlim _wake = new global::System.Threading.SemaphoreSlim(0);");
                    _w.Line($"private {network}? _network;");
                    _w.Line("private int _phase;");
                    _w.Line("private global::System.Exception? _failure;");
                    _w.Line("private volatile int _requested;");
                    _w.Line("private volatile int _completed;");
                    _w.Line("private volatile bool _stopping;");
                    _w.Line("private int _sleeping;");
                    _w.Line();
                    using (_w.Block("public Worker(int part)"))
                    {
                        _w.Line("_part = part;");
                        _w.Line($"var thread = new global::System.Threading.Thread(Loop) {{ IsBackground = true, Name = \"{network}.TrainStep part \" + part }};");
                        _w.Line("thread.Start();");
                    }
                    _w.Line();
                    _w.Line(JitNow);
                    using (_w.Block($"public void Start({network} network, int phase)"))
                    {
                        _w.Line("_network = network;");
                        _w.Line("_phase = phase;");
                        _w.Comment("The volatile write publishes the two fields above to the worker.");
                        _w.Line("_requested = _requested + 1;");
                        _w.Line("Wake();");
                    }
                    _w.Line();
                    Doc("Waits until the worker has finished the part last started; returns what it threw, if anything.");
                    _w.Line(JitNow);
                    using (_w.Block("public global::System.Exception? Wait()"))
                    {
                        _w.Line("int requested = _requested;");
                        _w.Line("var spin = new global::System.Threading.SpinWait();");
                        using (_w.Block("while (_completed != requested)"))
                        {
                            _w.Line("spin.SpinOnce(-1);");
                        }
                        _w.Line("global::System.Exception? failure = _failure;");
                        _w.Line("_failure = null;");
                        _w.Line("return failure;");
                    }
                    _w.Line();
                    using (_w.Block("public void Stop()"))
                    {
                        _w.Line("_stopping = true;");
                        _w.Line("Wake();");
                    }
                    _w.Line();
                    Doc("Releases the worker if it went to sleep; the exchange pairs with the one in Loop, so that a request is never missed.");
                    using (_w.Block("private void Wake()"))
                    {
                        using (_w.Block("if (global::System.Threading.Interlocked.Exchange(ref _sleeping, 0) == 1)"))
                        {
                            _w.Line("_wake.Release();");
                        }
                    }
                    _w.Line();
                    _w.Line(JitNow);
                    using (_w.Block("private void Loop()"))
                    {
                        _w.Line("int seen = 0;");
                        using (_w.Block("while (true)"))
                        {
                            _w.Line("long spinUntil = global::System.Diagnostics.Stopwatch.GetTimestamp() + global::System.Diagnostics.Stopwatch.Frequency / 1000;");
                            using (_w.Block("while (_requested == seen && !_stopping)"))
                            {
                                using (_w.Block("if (global::System.Diagnostics.Stopwatch.GetTimestamp() < spinUntil)"))
                                {
                                    _w.Line("global::System.Threading.Thread.SpinWait(20);");
                                    _w.Line("continue;");
                                }
                                _w.Comment("Announce the sleep, then look again: a request made before the announcement is seen here, one");
                                _w.Comment("made after it finds the flag and releases the semaphore.");
                                _w.Line("global::System.Threading.Interlocked.Exchange(ref _sleeping, 1);");
                                using (_w.Block("if (_requested == seen && !_stopping)"))
                                {
                                    _w.Line("_wake.Wait();");
                                }
                                using (_w.Block("else if (global::System.Threading.Interlocked.Exchange(ref _sleeping, 0) == 0)"))
                                {
                                    _w.Comment("The caller took the flag and releases the semaphore: take that release.");
                                    _w.Line("_wake.Wait();");
                                }
                                _w.Line("spinUntil = global::System.Diagnostics.Stopwatch.GetTimestamp() + global::System.Diagnostics.Stopwatch.Frequency / 1000;");
                            }
                            using (_w.Block("if (_stopping)"))
                            {
                                _w.Line("return;");
                            }
                            _w.Line("seen = _requested;");
                            using (_w.Block("try"))
                            {
                                _w.Line("_network!.RunPart(_phase, _part);");
                            }
                            using (_w.Block("catch (global::System.Exception exception)"))
                            {
                                _w.Line("_failure = exception;");
                            }
                            _w.Line("_network = null;");
                            _w.Line("_completed = seen;");
                        }
                    }
                }
            }
            _w.Line();
        }
    }
}
