using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The <see cref="CodeStrategy.Unrolled"/> strategy: a small Dense layer is written out as straight-line code, one
    /// assignment per element, in two methods of its own (<c>Layer1Forward</c>, <c>Layer1Backward</c>) that index the
    /// matrices as the derivation does: <c>y[0, 0] = x[0, 0] * w[0, 0] + x[0, 1] * w[1, 0];</c>.
    /// Forward and Backward keep their formula comments and call these methods.
    /// </summary>
    /// <remarks>
    /// Names: a network of one layer is the layer of the assignment's questions 1–6 and uses the derivation's names
    /// (<c>x</c>, <c>w</c>, <c>b</c>, <c>y</c>, <c>dx</c>, <c>dw</c>, <c>db</c>, <c>dy</c>). A deeper network numbers
    /// them as the rest of the generated file does (<c>y2</c>, <c>w2</c>, <c>y3</c>, <c>dY2</c>, <c>dW2</c>,
    /// <c>dY3</c>). When the first layer is unrolled, Backward also computes dL/dX (questions 3–5) into a
    /// <c>GradX</c> buffer; X is data, so nothing updates it, and large first layers skip it.
    /// </remarks>
    internal sealed partial class NetworkEmitter
    {
        private bool IsUnrolled(LayerModel layer) =>
            layer.Kind == LayerKind.Dense && CodeStrategies.For(Batch, layer) == CodeStrategy.Unrolled;

        /// <summary>Whether Backward computes dL/dX: only when the first layer is unrolled.</summary>
        private bool KeepsInputGradient => IsUnrolled(_model.Layers[0]);

        /// <summary>Elements of the dL/dX buffer, counted with the activations in the memory report.</summary>
        private long InputGradientElements => KeepsInputGradient ? (long)Batch * _model.InputSize : 0;

        private bool SingleLayer => _model.Layers.Count == 1;

        // ---- Forward and Backward: a formula comment and a call. ----

        // The calls pass the spans that Forward and Backward declare for every layer (x, w1, b1, y1; dY1, gradW1,
        // gradB1), except W1 and dL/dX in Backward, which only an unrolled first layer reads, passed as fields.

        private void EmitDenseForwardUnrolled(LayerModel layer)
        {
            int k = layer.ParameterIndex;
            _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}): Y{layer.Index} = {ForwardFormula(layer)}   ({Batch}, {layer.Inputs}) · ({layer.Inputs}, {layer.Outputs}) → ({Batch}, {layer.Outputs})");
            _w.Comment($"  written out element by element in {ForwardMethod(layer)}");
            var arguments = new List<string> { InputLocal(layer), LocalName(GeneratedNames.Weights(k)) };
            if (layer.Bias)
            {
                arguments.Add(LocalName(GeneratedNames.Bias(k)));
            }
            arguments.Add(LocalName("Y" + layer.Index));
            _w.Line($"{ForwardMethod(layer)}({string.Join(", ", arguments)});");
        }

        private void EmitDenseBackwardUnrolled(LayerModel layer)
        {
            int k = layer.ParameterIndex;
            string xName = InputName(layer);
            string dy = "dL/dY" + layer.Index;
            _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}), backward: dL/d{xName} = {dy} · W{k}ᵀ, dL/dW{k} = {xName}ᵀ · {dy}{(layer.Bias ? $", dL/dB{k} = Σₙ {dy}[n, :]" : "")}");
            _w.Comment($"  written out element by element in {BackwardMethod(layer)}");
            var arguments = new List<string>
            {
                InputLocal(layer),
                layer.Index == 1 ? GeneratedNames.Field(GeneratedNames.Weights(k)) : LocalName(GeneratedNames.Weights(k)),
                "dY" + layer.Index,
                layer.Index == 1 ? InputGradientField : "d" + xName,
                LocalName(GeneratedNames.WeightsGradient(k)),
            };
            if (layer.Bias)
            {
                arguments.Add(LocalName(GeneratedNames.BiasGradient(k)));
            }
            _w.Line($"{BackwardMethod(layer)}({string.Join(", ", arguments)});");
        }

        private const string InputGradientField = "_gradX";

        private static string ForwardMethod(LayerModel layer) => $"Layer{layer.Index}Forward";

        private static string BackwardMethod(LayerModel layer) => $"Layer{layer.Index}Backward";

        // ---- The unrolled layers' members, written after TrainStep. ----

        private void EmitUnrolledLayers()
        {
            List<LayerModel> layers = _model.Layers.Where(IsUnrolled).ToList();
            if (layers.Count == 0)
            {
                return;
            }
            _w.Comment("---- Small layers, written out element by element: one line per element of each matrix. ----");
            _w.Line();
            if (KeepsInputGradient)
            {
                EmitInputGradientBuffer();
            }
            foreach (LayerModel layer in layers)
            {
                EmitUnrolledForward(layer);
                EmitUnrolledBackward(layer);
            }
            EmitMatrixViews();
        }

        private void EmitInputGradientBuffer()
        {
            string shape = $"({Batch}, {_model.InputSize})";
            _w.Line($"private readonly {_t}[] {InputGradientField} = new {_t}[{Batch} * {_model.InputSize}]; // dL/dX   {shape}");
            _w.Line();
            Doc($"dL/dX, the gradient of the loss with respect to the input batch, {shape} row-major, written by <see cref=\"Backward\"/>. Computed because the first layer is small enough to be written out; X is data, so <see cref=\"Step\"/> never uses it.");
            _w.Line(GeneratedCode);
            _w.Line($"public ReadOnlySpan<{_t}> GradX => {InputGradientField};");
            _w.Line();
        }

        private void EmitUnrolledForward(LayerModel layer)
        {
            string x = InputView(layer);
            string w = WeightView(layer);
            string b = BiasView(layer);
            string y = OutputView(layer);
            string formula = $"{MathName(y)} = {MathName(x)} · {MathName(w)}" + (layer.Bias ? $" + {MathName(b)}" : "");

            Doc($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}), forward, one line per element: {formula}{ClassNames(layer)}.");
            _w.Line(GeneratedCode);
            string parameters = $"ReadOnlySpan<{_t}> input, ReadOnlySpan<{_t}> weights, " + (layer.Bias ? $"ReadOnlySpan<{_t}> bias, " : "") + $"Span<{_t}> output";
            using (_w.Block($"private static void {ForwardMethod(layer)}({parameters})"))
            {
                View(readOnly: true, x, "input", Batch, layer.Inputs);
                View(readOnly: true, w, "weights", layer.Inputs, layer.Outputs);
                if (layer.Bias)
                {
                    Vector(readOnly: true, b, "bias", layer.Outputs);
                }
                View(readOnly: false, y, "output", Batch, layer.Outputs);
                _w.Line();
                _w.Comment($"{formula}: {y}[n, j] = Σᵢ {x}[n, i] · {w}[i, j]" + (layer.Bias ? $" + {b}[j]" : ""));
                for (int n = 0; n < Batch; n++)
                {
                    for (int j = 0; j < layer.Outputs; j++)
                    {
                        IEnumerable<string> terms = Enumerable.Range(0, layer.Inputs).Select(i => $"{x}[{n}, {i}] * {w}[{i}, {j}]");
                        if (layer.Bias)
                        {
                            terms = terms.Append($"{b}[{j}]");
                        }
                        _w.Line($"{y}[{n}, {j}] = {string.Join(" + ", terms)};");
                    }
                }
            }
            _w.Line();
        }

        private void EmitUnrolledBackward(LayerModel layer)
        {
            string x = InputView(layer);
            string w = WeightView(layer);
            string b = BiasView(layer);
            string y = OutputView(layer);
            string dx = Gradient(x);
            string dw = Gradient(w);
            string db = Gradient(b);
            string dy = Gradient(y);

            Doc($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}), backward, one line per element: dL/d{MathName(x)}, dL/d{MathName(w)}{(layer.Bias ? $" and dL/d{MathName(b)}" : "")} from dL/d{MathName(y)}{ClassNames(layer)}.");
            _w.Line(GeneratedCode);
            string parameters = $"ReadOnlySpan<{_t}> input, ReadOnlySpan<{_t}> weights, ReadOnlySpan<{_t}> outputGradient, Span<{_t}> inputGradient, Span<{_t}> weightsGradient"
                + (layer.Bias ? $", Span<{_t}> biasGradient" : "");
            using (_w.Block($"private static void {BackwardMethod(layer)}({parameters})"))
            {
                View(readOnly: true, x, "input", Batch, layer.Inputs);
                View(readOnly: true, w, "weights", layer.Inputs, layer.Outputs);
                View(readOnly: true, dy, "outputGradient", Batch, layer.Outputs);
                View(readOnly: false, dx, "inputGradient", Batch, layer.Inputs);
                View(readOnly: false, dw, "weightsGradient", layer.Inputs, layer.Outputs);
                if (layer.Bias)
                {
                    Vector(readOnly: false, db, "biasGradient", layer.Outputs);
                }

                _w.Line();
                _w.Comment($"dL/d{MathName(x)} = dL/d{MathName(y)} · {MathName(w)}ᵀ: {dx}[n, i] = Σⱼ {dy}[n, j] · {w}[i, j]");
                for (int n = 0; n < Batch; n++)
                {
                    for (int i = 0; i < layer.Inputs; i++)
                    {
                        _w.Line($"{dx}[{n}, {i}] = {Sum(layer.Outputs, j => $"{dy}[{n}, {j}] * {w}[{i}, {j}]")};");
                    }
                }

                _w.Line();
                _w.Comment($"dL/d{MathName(w)} = {MathName(x)}ᵀ · dL/d{MathName(y)}: {dw}[i, j] = Σₙ {x}[n, i] · {dy}[n, j]");
                for (int i = 0; i < layer.Inputs; i++)
                {
                    for (int j = 0; j < layer.Outputs; j++)
                    {
                        _w.Line($"{dw}[{i}, {j}] = {Sum(Batch, n => $"{x}[{n}, {i}] * {dy}[{n}, {j}]")};");
                    }
                }

                if (layer.Bias)
                {
                    _w.Line();
                    _w.Comment($"dL/d{MathName(b)} = Σₙ dL/d{MathName(y)}[n, :]: {db}[j] = Σₙ {dy}[n, j]");
                    for (int j = 0; j < layer.Outputs; j++)
                    {
                        _w.Line($"{db}[{j}] = {Sum(Batch, n => $"{dy}[{n}, {j}]")};");
                    }
                }
            }
            _w.Line();
        }

        private static string Sum(int count, System.Func<int, string> term) =>
            string.Join(" + ", Enumerable.Range(0, count).Select(term));

        /// <summary>Declares a matrix view: <c>ReadOnlyMatrix w = new ReadOnlyMatrix(weights, 3); // W   (2, 3)</c>.</summary>
        private void View(bool readOnly, string name, string source, int rows, int columns)
        {
            string type = readOnly ? "ReadOnlyMatrix" : "Matrix";
            _w.Line($"{type} {name} = new {type}({source}, {columns}); // {Described(name)}   ({rows}, {columns})");
        }

        /// <summary>Declares a bias vector: <c>ReadOnlySpan&lt;double&gt; b = bias; // B   (3)</c>.</summary>
        private void Vector(bool readOnly, string name, string source, int length) =>
            _w.Line($"{(readOnly ? "ReadOnlySpan" : "Span")}<{_t}> {name} = {source}; // {Described(name)}   ({length})");

        /// <summary>A view's comment: <c>X</c> for <c>x</c>, <c>dL/dY2</c> for <c>dY2</c>.</summary>
        private static string Described(string view) => IsGradient(view) ? "dL/" + MathName(view) : MathName(view);

        private static bool IsGradient(string view) => view.Length > 1 && view[0] == 'd' && !char.IsDigit(view[1]);

        /// <summary>For a one-layer network, whose views drop the layer numbers: what the rest of the class calls them.</summary>
        private string ClassNames(LayerModel layer) =>
            SingleLayer ? $" (Y{layer.Index}, W{layer.ParameterIndex}{(layer.Bias ? $", B{layer.ParameterIndex}" : "")} elsewhere in this class)" : "";

        private string InputView(LayerModel layer) => InputLocal(layer);

        private string WeightView(LayerModel layer) => SingleLayer ? "w" : "w" + layer.ParameterIndex;

        private string BiasView(LayerModel layer) => SingleLayer ? "b" : "b" + layer.ParameterIndex;

        private string OutputView(LayerModel layer) => SingleLayer ? "y" : "y" + layer.Index;

        /// <summary>The gradient's name: <c>dx</c> beside <c>x</c> in a one-layer network, <c>dW2</c> beside <c>w2</c> in a deeper one.</summary>
        private string Gradient(string view) =>
            SingleLayer ? "d" + view : "d" + char.ToUpperInvariant(view[0]) + view.Substring(1);

        /// <summary>How a view is written in formulas: <c>x</c> → <c>X</c>, <c>dW2</c> → <c>dW2</c>.</summary>
        private static string MathName(string view) => IsGradient(view)
            ? "d" + char.ToUpperInvariant(view[1]) + view.Substring(2)
            : char.ToUpperInvariant(view[0]) + view.Substring(1);

        private void EmitMatrixViews()
        {
            Doc("A row-major matrix over a span, indexed as in the formulas: <c>m[row, column]</c>.");
            _w.Line(GeneratedCode);
            using (_w.Block("private readonly ref struct Matrix"))
            {
                _w.Line($"private readonly Span<{_t}> _elements;");
                _w.Line("private readonly int _columns;");
                _w.Line();
                using (_w.Block($"public Matrix(Span<{_t}> elements, int columns)"))
                {
                    _w.Line("_elements = elements;");
                    _w.Line("_columns = columns;");
                }
                _w.Line();
                _w.Line($"public ref {_t} this[int row, int column] => ref _elements[row * _columns + column];");
            }
            _w.Line();
            Doc("A read-only <see cref=\"Matrix\"/>.");
            _w.Line(GeneratedCode);
            using (_w.Block("private readonly ref struct ReadOnlyMatrix"))
            {
                _w.Line($"private readonly ReadOnlySpan<{_t}> _elements;");
                _w.Line("private readonly int _columns;");
                _w.Line();
                using (_w.Block($"public ReadOnlyMatrix(ReadOnlySpan<{_t}> elements, int columns)"))
                {
                    _w.Line("_elements = elements;");
                    _w.Line("_columns = columns;");
                }
                _w.Line();
                _w.Line($"public {_t} this[int row, int column] => _elements[row * _columns + column];");
            }
            _w.Line();
        }
    }
}
