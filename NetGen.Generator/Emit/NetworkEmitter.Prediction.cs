using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Predictions for serving: <c>Predict(inputs, outputs)</c> on any whole number of rows, for cross-entropy networks
    /// also <c>PredictProbabilities</c>, <c>PredictClass</c> and <c>PredictClasses</c>, and <c>TakeSnapshot()</c>, an
    /// immutable copy of the weights with the same methods.
    /// </summary>
    /// <remarks>
    /// <para>Inference is a function of the weights and the inputs alone: the prediction methods read the weights and
    /// write only the caller's outputs and scratch space of the calling thread (one array per thread, allocated at the
    /// thread's first call), so any number of threads may predict with one instance at once. They share no buffer
    /// with Forward, which keeps its activations for Backward.</para>
    /// <para>Rows are taken in passes of <c>BatchSize</c> rows through the batch's own kernels, then what is left in
    /// passes of 8, 4, 2 and 1 rows. Each pass runs every layer on its rows: a few rows share one pass over each weight
    /// matrix, held in registers as a tile of all their rows (see the kernels' few-row tiles), so that one example
    /// streams each matrix once. Every pass computes each output with the same operations in the same order as
    /// Forward's kernels and loops, so Predict's rows equal Forward's.</para>
    /// </remarks>
    internal sealed partial class NetworkEmitter
    {
        /// <summary>The row counts of Predict's passes besides BatchSize, largest first.</summary>
        private static readonly int[] FewRowPasses = { 8, 4, 2, 1 };

        private IEnumerable<int> PredictPasses =>
            new[] { Batch }.Concat(FewRowPasses.Where(r => r < Batch));

        /// <summary>The widest output of a layer before the last: the width of Predict's two scratch regions.</summary>
        private int HiddenWidth => Layers.Take(_model.Layers.Count - 1).Select(l => l.Outputs).DefaultIfEmpty(0).Max();

        private int ScratchRegion => Batch * HiddenWidth;

        /// <summary>Predict's scratch per thread: two regions a layer's output alternates between, and one batch of outputs.</summary>
        private int ScratchLength => 2 * ScratchRegion + Batch * _model.OutputSize;

        /// <summary>The parameters as the prediction methods take them: <c>ReadOnlySpan&lt;float&gt; w1, ReadOnlySpan&lt;float&gt; b1, …</c>.</summary>
        private string WeightParameters => string.Join(", ", ParameterNames.Select(p => $"ReadOnlySpan<{_t}> {LocalName(p)}"));

        private IEnumerable<string> ParameterNames
        {
            get
            {
                foreach (LayerModel layer in DenseLayers)
                {
                    yield return GeneratedNames.Weights(layer.ParameterIndex);
                    if (layer.Bias)
                    {
                        yield return GeneratedNames.Bias(layer.ParameterIndex);
                    }
                }
            }
        }

        private string WeightArguments(bool fields) =>
            string.Join(", ", ParameterNames.Select(p => fields ? GeneratedNames.Field(p) : LocalName(p)));

        private void EmitPrediction()
        {
            _w.Comment("---- Predictions: any number of rows, from any number of threads ----");
            _w.Comment("Predict reads the weights and writes only its outputs and the calling thread's scratch, never Forward's buffers.");
            _w.Line("[ThreadStatic]");
            _w.Line($"private static ArraySegment<{_t}> t_predictScratch;");
            _w.Line();

            EmitPredictionApi(snapshot: false);
            EmitTakeSnapshot();
            EmitSnapshotClass();
            EmitPredictionCore();
        }

        /// <summary>
        /// The public prediction methods, on the network (<paramref name="snapshot"/> false: reading its weight arrays,
        /// with the check that no training step wrote them meanwhile) or on <c>Snapshot</c> (its own immutable copies).
        /// </summary>
        private void EmitPredictionApi(bool snapshot)
        {
            int inputs = _model.InputSize;
            int outputs = _model.OutputSize;
            string weights = WeightArguments(fields: true);
            string owner = snapshot ? "this snapshot's weights" : "the network's weights";
            string concurrency = snapshot
                ? "Safe to call from any number of threads at once: a snapshot never changes."
                : "Safe to call from any number of threads at once while no training method runs on this instance; if TrainStep, Step, LoadWeights or an initializer writes the weights meanwhile, it throws <see cref=\"InvalidOperationException\"/> (its outputs would mix old and new weights): predict from a <see cref=\"TakeSnapshot\"/> while training goes on.";

            void Read(string method, string call)
            {
                if (snapshot)
                {
                    _w.Line(call);
                    return;
                }
                _w.Line($"int version = WeightsVersionBeforeRead(\"{method}\");");
                _w.Line(call);
                _w.Line($"CheckWeightsUnchanged(version, \"{method}\");");
            }

            Doc($"Runs {owner} on every row of <paramref name=\"inputs\"/>, any whole number of rows of {inputs} values, row-major, and writes each row's {outputs} output{(outputs == 1 ? "" : "s")}{(CrossEntropy ? " (the logits, before softmax)" : "")} to <paramref name=\"outputs\"/> (rows x {outputs}). Dropout-free inference with the batch's arithmetic: row for row, the numbers Forward gives. {concurrency} Allocates nothing after the calling thread's first call.");
            _w.Line(GeneratedCode);
            using (_w.Block($"public void Predict(ReadOnlySpan<{_t}> inputs, Span<{_t}> outputs)"))
            {
                _w.Line($"int rows = CheckPredictLengths(inputs.Length, outputs.Length, {outputs}, \"outputs\");");
                Read("Predict", $"PredictCore(inputs, outputs, rows, PredictScratch(), {weights});");
            }
            _w.Line();

            if (!CrossEntropy)
            {
                return;
            }

            Doc($"Like <see cref=\"Predict\"/>, then a softmax on every row: <paramref name=\"probabilities\"/> (rows x {outputs}) gets each row's class probabilities, computed stably as exp(y - max y) / Σ exp(y - max y). {concurrency}");
            _w.Line(GeneratedCode);
            using (_w.Block($"public void PredictProbabilities(ReadOnlySpan<{_t}> inputs, Span<{_t}> probabilities)"))
            {
                _w.Line($"int rows = CheckPredictLengths(inputs.Length, probabilities.Length, {outputs}, \"probabilities\");");
                Read("PredictProbabilities", $"PredictCore(inputs, probabilities, rows, PredictScratch(), {weights});");
                _w.Line("SoftmaxRows(probabilities);");
            }
            _w.Line();

            Doc($"The class of one example: <paramref name=\"input\"/> holds its {inputs} features; returns the index of its largest logit (the first, on ties, as NumPy's argmax). {concurrency}");
            _w.Line(GeneratedCode);
            using (_w.Block($"public int PredictClass(ReadOnlySpan<{_t}> input)"))
            {
                _w.Line($"CheckLength(input.Length, {inputs}, \"input\", \"InputSize = {inputs}, one example\");");
                _w.Line($"Span<{_t}> scratch = PredictScratch();");
                _w.Line($"Span<{_t}> logits = scratch.Slice({2 * ScratchRegion}, {outputs});");
                Read("PredictClass", $"PredictRows1(input, logits, scratch, {weights});");
                _w.Line("return ArgMax(logits);");
            }
            _w.Line();

            Doc($"The class of every row of <paramref name=\"inputs\"/> (any whole number of rows of {inputs} values) into <paramref name=\"classes\"/>, one per row: the index of the row's largest logit. {concurrency}");
            _w.Line(GeneratedCode);
            using (_w.Block($"public void PredictClasses(ReadOnlySpan<{_t}> inputs, Span<int> classes)"))
            {
                _w.Line($"int rows = CheckPredictLengths(inputs.Length, classes.Length, 1, \"classes\");");
                _w.Line($"Span<{_t}> scratch = PredictScratch();");
                if (!snapshot)
                {
                    _w.Line("int version = WeightsVersionBeforeRead(\"PredictClasses\");");
                }
                using (_w.Block($"for (int n = 0; n < rows; n += {Batch})"))
                {
                    _w.Line($"int count = global::System.Math.Min({Batch}, rows - n);");
                    _w.Line($"Span<{_t}> logits = scratch.Slice({2 * ScratchRegion}, count * {outputs});");
                    _w.Line($"PredictCore(inputs.Slice(n * {inputs}, count * {inputs}), logits, count, scratch, {weights});");
                    using (_w.Block("for (int r = 0; r < count; r++)"))
                    {
                        _w.Line($"classes[n + r] = ArgMax(logits.Slice(r * {outputs}, {outputs}));");
                    }
                }
                if (!snapshot)
                {
                    _w.Line("CheckWeightsUnchanged(version, \"PredictClasses\");");
                }
            }
            _w.Line();
        }

        private void EmitTakeSnapshot()
        {
            Doc("An immutable copy of the weights with the prediction methods: serve predictions from it on any number of threads while training goes on with this instance. Take it on the training thread between steps (it throws if a training method runs on another thread) and publish it, e.g. in a volatile field; each call copies every parameter once.");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public Snapshot TakeSnapshot()", "TakeSnapshot", writesWeights: false))
            {
                _w.Line($"return new Snapshot({WeightArguments(fields: true)});");
            }
            _w.Line();
        }

        private void EmitSnapshotClass()
        {
            string network = _model.ClassName;
            Doc($"The weights of a {network} at one moment, with its prediction methods. Never changes, so every method is safe on any number of threads at once. Made by <see cref=\"TakeSnapshot\"/>.");
            _w.Line(GeneratedCode);
            using (_w.Block("public sealed class Snapshot"))
            {
                foreach (string p in ParameterNames)
                {
                    _w.Line($"private readonly ArraySegment<{_t}> {GeneratedNames.Field(p)};");
                }
                _w.Line();
                using (_w.Block($"internal Snapshot({WeightParameters})"))
                {
                    foreach (string p in ParameterNames)
                    {
                        _w.Line($"{GeneratedNames.Field(p)} = Aligned({LocalName(p)}.Length);");
                        _w.Line($"{LocalName(p)}.CopyTo({GeneratedNames.Field(p)});");
                    }
                }
                _w.Line();
                foreach (string p in ParameterNames)
                {
                    Doc($"{p} as it was when the snapshot was taken, in the network's layout.");
                    _w.Line($"public ReadOnlySpan<{_t}> {p} => {GeneratedNames.Field(p)};");
                    _w.Line();
                }
                EmitPredictionApi(snapshot: true);
            }
            _w.Line();
        }

        private void EmitPredictionCore()
        {
            int inputs = _model.InputSize;
            int outputs = _model.OutputSize;

            KernelEmitter.EmitThreadScratchAccessor(_w, _t, "PredictScratch", "t_predictScratch", ScratchLength);

            Doc("Checks Predict's spans: inputs of whole rows and one output row per input row. Returns the rows.");
            _w.Line(GeneratedCode);
            using (_w.Block("private static int CheckPredictLengths(int inputs, int outputs, int outputsPerRow, string outputsName)"))
            {
                _w.Line($"int rows = inputs / {inputs};");
                using (_w.Block($"if (rows * {inputs} != inputs)"))
                {
                    _w.Line($"throw new ArgumentException($\"inputs must hold a whole number of rows of InputSize = {inputs} values, row-major, but it holds {{inputs}} ({{inputs % {inputs}}} past the last whole row).\", \"inputs\");");
                }
                using (_w.Block("if ((long)rows * outputsPerRow != outputs)"))
                {
                    _w.Line("throw new ArgumentException($\"{outputsName} must hold {(long)rows * outputsPerRow} values ({rows} rows of inputs x {outputsPerRow}), but it holds {outputs}.\", outputsName);");
                }
                _w.Line("return rows;");
            }
            _w.Line();

            Doc($"Predict's rows in passes: {string.Join(", ", PredictPasses.Select((r, i) => i == 0 ? $"{r} at a time" : r.ToString(System.Globalization.CultureInfo.InvariantCulture)))} for what is left.");
            _w.Line(GeneratedCode);
            using (_w.Block($"private static void PredictCore(ReadOnlySpan<{_t}> inputs, Span<{_t}> outputs, int rows, Span<{_t}> scratch, {WeightParameters})"))
            {
                _w.Line("int n = 0;");
                string args = WeightArguments(fields: false);
                foreach (int pass in PredictPasses)
                {
                    string header = pass == Batch || pass == FewRowPasses[0]
                        ? $"for (; rows - n >= {pass}; n += {pass})"
                        : $"if (rows - n >= {pass})";
                    using (_w.Block(header))
                    {
                        _w.Line($"PredictRows{pass}(inputs.Slice(n * {inputs}, {pass * inputs}), outputs.Slice(n * {outputs}, {pass * outputs}), scratch, {args});");
                        if (!header.StartsWith("for", System.StringComparison.Ordinal))
                        {
                            _w.Line($"n += {pass};");
                        }
                    }
                }
            }
            _w.Line();

            foreach (int pass in PredictPasses)
            {
                EmitPredictRows(pass);
            }

            if (CrossEntropy)
            {
                Doc("Softmax of every row in place: exp(y - max y) / Σ exp(y - max y), summed in double.");
                _w.Line(GeneratedCode);
                using (_w.Block($"private static void SoftmaxRows(Span<{_t}> values)"))
                {
                    using (_w.Block($"for (int start = 0; start < values.Length; start += {outputs})"))
                    {
                        _w.Line($"Span<{_t}> row = values.Slice(start, {outputs});");
                        EmitRowMax();
                        _w.Line("double sum = 0;");
                        using (_w.For("j", outputs))
                        {
                            _w.Line("double e = global::System.Math.Exp(row[j] - max);");
                            _w.Line($"row[j] = ({_t})e;");
                            _w.Line("sum += e;");
                        }
                        using (_w.For("j", outputs))
                        {
                            _w.Line($"row[j] = ({_t})(row[j] / sum);");
                        }
                    }
                }
                _w.Line();

                Doc("The index of the largest value, the first on ties (NumPy's argmax).");
                _w.Line(GeneratedCode);
                using (_w.Block($"private static int ArgMax(ReadOnlySpan<{_t}> row)"))
                {
                    _w.Line("int best = 0;");
                    using (_w.Block("for (int j = 1; j < row.Length; j++)"))
                    {
                        using (_w.Block("if (row[j] > row[best])"))
                        {
                            _w.Line("best = j;");
                        }
                    }
                    _w.Line("return best;");
                }
                _w.Line();
            }
        }

        /// <summary>
        /// A written-out layer's sums as a loop, in the order its lines add them (Σᵢ from i = 0, then the bias), so that
        /// Predict's rows equal Forward's to the last bit.
        /// </summary>
        private void EmitDenseForwardUnrolledOrder(LayerModel layer, int rows)
        {
            int k = layer.ParameterIndex;
            string x = InputLocal(layer);
            string y = "y" + layer.Index;
            int inputs = layer.Inputs;
            int outputs = layer.Outputs;
            _w.Comment($"Layer {layer.Index}, Dense({inputs}, {outputs}): Y{layer.Index} = {ForwardFormula(layer)}   ({rows}, {inputs}) · ({inputs}, {outputs}) → ({rows}, {outputs}), summed as Layer{layer.Index}Forward writes it out");
            using (_w.For("n", rows))
            {
                using (_w.For("j", outputs))
                {
                    _w.Line($"{_t} sum = {x}[n * {inputs}] * w{k}[j];");
                    using (_w.Block($"for (int i = 1; i < {inputs}; i++)"))
                    {
                        _w.Line($"sum += {x}[n * {inputs} + i] * w{k}[i * {outputs} + j];");
                    }
                    _w.Line($"{y}[n * {outputs} + j] = sum{(layer.Bias ? $" + b{k}[j]" : "")};");
                }
            }
        }

        /// <summary>One pass of Predict over <paramref name="rows"/> rows: every layer, as Forward writes it, on those rows.</summary>
        private void EmitPredictRows(int rows)
        {
            Doc($"Predict's pass over {rows} row{(rows == 1 ? "" : "s")}: x is ({rows}, {_model.InputSize}), y gets ({rows}, {_model.OutputSize}); the hidden layers' outputs alternate between two regions of the thread's scratch.");
            _w.Line(GeneratedCode);
            using (_w.Block($"private static void PredictRows{rows}(ReadOnlySpan<{_t}> x, Span<{_t}> y, Span<{_t}> scratch, {WeightParameters})"))
            {
                // The layers that compute alternate between the two regions; a dropout layer is the identity at inference,
                // so its output is its input.
                int computed = 0;
                foreach (LayerModel layer in Layers)
                {
                    string local = "y" + layer.Index;
                    if (layer == Last)
                    {
                        _w.Line($"Span<{_t}> {local} = y;");
                    }
                    else if (layer.Kind == LayerKind.Dropout)
                    {
                        _w.Line($"Span<{_t}> {local} = {InputLocal(layer)}; // {DropoutName(layer)} is the identity at inference");
                    }
                    else
                    {
                        int offset = computed++ % 2 * ScratchRegion;
                        _w.Line($"Span<{_t}> {local} = scratch.Slice({offset}, {rows * layer.Outputs});");
                    }
                }
                _partRows = rows;
                try
                {
                    foreach (LayerModel layer in Layers)
                    {
                        if (layer.Kind == LayerKind.Dropout)
                        {
                            continue;
                        }
                        _w.Line();
                        if (layer.Kind != LayerKind.Dense)
                        {
                            EmitActivationForward(layer);
                        }
                        else if (CodeStrategies.For(Batch, layer) == CodeStrategy.Kernels)
                        {
                            EmitDenseForwardKernels(layer);
                        }
                        else if (CodeStrategies.For(Batch, layer) == CodeStrategy.Unrolled)
                        {
                            EmitDenseForwardUnrolledOrder(layer, rows);
                        }
                        else
                        {
                            int k = layer.ParameterIndex;
                            _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}): Y{layer.Index} = {ForwardFormula(layer)}   ({rows}, {layer.Inputs}) · ({layer.Inputs}, {layer.Outputs}) → ({rows}, {layer.Outputs})");
                            DenseLoops.Forward(_w, _t, rows, layer.Inputs, layer.Outputs, layer.Inputs, InputLocal(layer), "w" + k, layer.Bias ? "b" + k : null, "y" + layer.Index);
                        }
                    }
                }
                finally
                {
                    _partRows = null;
                }
            }
            _w.Line();
        }
    }
}
