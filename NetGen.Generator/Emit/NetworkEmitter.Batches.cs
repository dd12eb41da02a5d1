using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Short batches and accuracy. A dataset's last batch is usually shorter than <c>BatchSize</c> (10,000 test images
    /// are 156 batches of 64 and one of 16). The overloads with a <c>rows</c> argument take only that many examples:
    /// Forward copies them into a zero-padded batch, Loss and CountCorrect read only the first <c>rows</c> rows of the
    /// output, and Backward clears the loss gradient of the padding rows, so that they add nothing to any gradient.
    /// Every example is counted exactly once, by the same network.
    /// </summary>
    internal sealed partial class NetworkEmitter
    {
        private string TargetElement => CrossEntropy ? "int" : _t;

        private void EmitShortBatches()
        {
            int inputs = _model.InputSize;
            int outputs = _model.OutputSize;

            _w.Comment("Short batches: the examples past 'rows' are zero padding, whose loss gradient Backward clears.");
            _w.Line($"private {_t}[]? _paddedInput;");
            _w.Line($"private {TargetElement}[]? _paddedTarget;");
            _w.Line($"private int _batchRows = {Batch};");
            _w.Line();

            Doc($"Runs the network on the first <paramref name=\"rows\"/> examples of a batch, 1 ≤ rows ≤ {Batch}: <paramref name=\"x\"/> is (rows, {inputs}) row-major. Returns the output of those rows, (rows, {outputs}).");
            _w.Line(GeneratedCode);
            using (GuardedMethod($"public ReadOnlySpan<{_t}> Forward(ReadOnlySpan<{_t}> x, int rows)", "Forward", writesWeights: false))
            {
                _w.Line("CheckRows(rows);");
                _w.Line($"CheckRowsLength(x.Length, rows, {inputs}, \"x\", \"InputSize\");");
                using (_w.Block($"if (rows == {Batch})"))
                {
                    _w.Line("return Forward(x);");
                }
                _w.Line("Forward(PadInput(x));");
                _w.Line($"return {GeneratedNames.Field("Y" + Last.Index)}.AsSpan(0, rows * {outputs});");
            }
            _w.Line();

            EmitRowsLoss();

            Doc($"Backward for a batch of <paramref name=\"rows\"/> examples, after <see cref=\"Forward(ReadOnlySpan{{{_t}}}, int)\"/> on the same rows: the padding rows contribute nothing to the gradients.");
            _w.Line(GeneratedCode);
            using (GuardedMethod($"public void Backward(ReadOnlySpan<{_t}> x, {TargetParameter}, int rows)", "Backward", writesWeights: false))
            {
                _w.Line("CheckRows(rows);");
                _w.Line($"CheckRowsLength(x.Length, rows, {inputs}, \"x\", \"InputSize\");");
                _w.Line(CrossEntropy
                    ? "CheckLength(labels.Length, rows, \"labels\", \"rows class indexes\");"
                    : $"CheckRowsLength(target.Length, rows, {outputs}, \"target\", \"OutputSize\");");
                using (_w.Block($"if (rows == {Batch})"))
                {
                    _w.Line($"Backward(x, {TargetArgument});");
                    _w.Line("return;");
                }
                _w.Line($"{TargetElement}[] paddedTarget = _paddedTarget ??= new {TargetElement}[{(CrossEntropy ? Batch : Batch * outputs)}];");
                _w.Line($"{TargetArgument}.CopyTo(paddedTarget);");
                _w.Line($"paddedTarget.AsSpan({TargetArgument}.Length).Clear();");
                _w.Line("_batchRows = rows;");
                using (_w.Block("try"))
                {
                    _w.Line("Backward(PadInput(x), paddedTarget);");
                }
                using (_w.Block("finally"))
                {
                    _w.Line($"_batchRows = {Batch};");
                }
            }
            _w.Line();

            if (Threaded)
            {
                EmitThreadedTrainStepRows();
            }
            else
            {
                EmitTrainStepRows();
            }

            if (CrossEntropy)
            {
                EmitCountCorrect();
            }

            EmitPadInput();
        }

        private void EmitTrainStepRows()
        {
            Doc($"Forward, loss, backward and one optimizer step on a batch of <paramref name=\"rows\"/> examples (1 ≤ rows ≤ {Batch}). Returns the loss of those rows before the update.");
            _w.Line(GeneratedCode);
            using (GuardedMethod($"public double TrainStep(ReadOnlySpan<{_t}> x, {TargetParameter}, double learningRate, int rows)", "TrainStep", writesWeights: true))
            {
                _w.Line("Forward(x, rows);");
                _w.Line($"double loss = Loss({TargetArgument}, rows);");
                _w.Line($"Backward(x, {TargetArgument}, rows);");
                _w.Line("Step(learningRate);");
                _w.Line("return loss;");
            }
            _w.Line();
        }

        private void EmitPadInput()
        {
            int inputs = _model.InputSize;
            _w.Line(GeneratedCode);
            using (_w.Block($"private {_t}[] PadInput(ReadOnlySpan<{_t}> x)"))
            {
                _w.Line($"{_t}[] padded = _paddedInput ??= new {_t}[{Batch * inputs}];");
                _w.Line("x.CopyTo(padded);");
                _w.Line("padded.AsSpan(x.Length).Clear();");
                _w.Line("return padded;");
            }
            _w.Line();

            _w.Line(GeneratedCode);
            using (_w.Block("private static void CheckRows(int rows)"))
            {
                using (_w.Block($"if (rows < 1 || rows > {Batch})"))
                {
                    _w.Line($"throw new ArgumentOutOfRangeException(nameof(rows), rows, \"rows must be between 1 and BatchSize = {Batch}.\");");
                }
            }
            _w.Line();
        }

        private void EmitRowsLoss()
        {
            int outputs = _model.OutputSize;
            string y = GeneratedNames.Field("Y" + Last.Index);
            if (CrossEntropy)
            {
                Doc($"Softmax cross-entropy of the first <paramref name=\"rows\"/> examples of the last Forward, {(MeanLoss ? "averaged over them" : "summed over them")}. <paramref name=\"labels\"/> holds rows class indexes in [0, {outputs}).");
                _w.Line(GeneratedCode);
                using (GuardedMethod("public double Loss(ReadOnlySpan<int> labels, int rows)", "Loss", writesWeights: false))
                {
                    _w.Line("CheckRows(rows);");
                    _w.Line("CheckLength(labels.Length, rows, \"labels\", \"rows class indexes\");");
                    _w.Line($"ReadOnlySpan<{_t}> y = {y};");
                    _w.Line("double loss = 0;");
                    using (_w.Block("for (int n = 0; n < rows; n++)"))
                    {
                        CheckLabel();
                        _w.Line($"ReadOnlySpan<{_t}> row = y.Slice(n * {outputs}, {outputs});");
                        EmitRowMax();
                        _w.Line("double sum = 0;");
                        using (_w.For("j", outputs))
                        {
                            _w.Line("sum += global::System.Math.Exp(row[j] - max);");
                        }
                        _w.Line("loss -= (row[labels[n]] - max) - global::System.Math.Log(sum);");
                    }
                    EmitLossReturn("rows");
                }
            }
            else
            {
                Doc($"Squared error of the first <paramref name=\"rows\"/> examples of the last Forward against <paramref name=\"target\"/> (rows, {outputs}), {(MeanLoss ? "averaged over their rows × outputs elements" : "summed over them")}.");
                _w.Line(GeneratedCode);
                using (GuardedMethod($"public double Loss(ReadOnlySpan<{_t}> target, int rows)", "Loss", writesWeights: false))
                {
                    _w.Line("CheckRows(rows);");
                    _w.Line($"CheckRowsLength(target.Length, rows, {outputs}, \"target\", \"OutputSize\");");
                    _w.Line($"ReadOnlySpan<{_t}> y = {y};");
                    _w.Line("double loss = 0;");
                    using (_w.Block("for (int e = 0; e < target.Length; e++)"))
                    {
                        _w.Line("double difference = y[e] - target[e];");
                        _w.Line("loss += difference * difference;");
                    }
                    EmitLossReturn("target.Length");
                }
            }
            _w.Line();
        }

        private void EmitCountCorrect()
        {
            int outputs = _model.OutputSize;
            Doc($"How many of the {Batch} examples of the last Forward the network classifies right: those whose largest logit (the first, on ties, as NumPy's argmax) is at their label.");
            _w.Line(GeneratedCode);
            _w.Line($"public int CountCorrect(ReadOnlySpan<int> labels) => CountCorrect(labels, {Batch});");
            _w.Line();
            Doc($"How many of the first <paramref name=\"rows\"/> examples of the last Forward the network classifies right: argmax of the logits equals the label.");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public int CountCorrect(ReadOnlySpan<int> labels, int rows)", "CountCorrect", writesWeights: false))
            {
                _w.Line("CheckRows(rows);");
                _w.Line("CheckLength(labels.Length, rows, \"labels\", \"rows class indexes\");");
                _w.Line($"ReadOnlySpan<{_t}> y = {GeneratedNames.Field("Y" + Last.Index)};");
                _w.Line("int correct = 0;");
                using (_w.Block("for (int n = 0; n < rows; n++)"))
                {
                    using (_w.Block($"if (ArgMax(y.Slice(n * {outputs}, {outputs})) == labels[n])"))
                    {
                        _w.Line("correct++;");
                    }
                }
                _w.Line("return correct;");
            }
            _w.Line();
        }

        /// <summary>The line in Backward, after the loss gradient, that clears the gradient of a short batch's padding rows.</summary>
        private void EmitPaddingGradientCleared()
        {
            string index = Last.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _w.Comment($"Rows past a short batch's last example are padding (see Backward with 'rows'): they add nothing to any gradient.");
            using (_w.Block($"if (_batchRows < {Batch})"))
            {
                _w.Line($"dY{index}.Slice(_batchRows * {_model.OutputSize}).Clear();");
            }
        }
    }
}
