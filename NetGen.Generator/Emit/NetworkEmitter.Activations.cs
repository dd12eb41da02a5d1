using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The element-wise layers: ReLU, Sigmoid, Tanh and LeakyReLU, forward and backward. Each backward pass uses what
    /// Forward kept: the layer's input for ReLU and LeakyReLU (the side of the kink), its output for Sigmoid
    /// (σ' = σ (1 - σ)) and Tanh (tanh' = 1 - tanh²), so that no exponential is computed twice.
    /// </summary>
    internal sealed partial class NetworkEmitter
    {
        /// <summary>The activation as it is declared: <c>ReLU</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>LeakyReLU(0.01)</c>.</summary>
        private static string ActivationName(LayerModel layer) => layer.Kind switch
        {
            LayerKind.Sigmoid => "Sigmoid",
            LayerKind.Tanh => "Tanh",
            LayerKind.LeakyReLU => "LeakyReLU(" + layer.Alpha.ToString("R", CultureInfo.InvariantCulture) + ")",
            LayerKind.Dropout => DropoutName(layer),
            _ => "ReLU",
        };

        /// <summary>A constant of the network's element type, as C# source: <c>0.01</c> or <c>0.01f</c>.</summary>
        private string ElementLiteral(double value) => KernelEmitter.ElementLiteral(value, _model.ElementType);

        private void EmitActivationForward(LayerModel layer)
        {
            if (layer.Kind == LayerKind.Dropout)
            {
                EmitDropoutForward(layer);
                return;
            }
            if (layer.Kind == LayerKind.ReLU)
            {
                EmitReLUForward(layer);
                return;
            }
            string y = "y" + layer.Index;
            string x = InputLocal(layer);
            string xName = InputName(layer);
            string name = ActivationName(layer);
            _w.Comment($"Layer {layer.Index}, {name}: Y{layer.Index} = {name}({xName})   ({Rows}, {layer.Outputs})");
            switch (layer.Kind)
            {
                // Always a vector kernel, whatever the strategy of the layer before: Forward, every Predict row count
                // and every thread's share then compute each element with the same arithmetic.
                case LayerKind.Sigmoid:
                    _w.Comment($"  Y{layer.Index}[n, j] = 1 / (1 + exp(-{xName}[n, j]))");
                    _w.Line(Kernels.SigmoidForward(Rows * layer.Outputs, x, y));
                    break;
                case LayerKind.Tanh:
                    _w.Comment($"  Y{layer.Index}[n, j] = tanh({xName}[n, j])");
                    _w.Line(Kernels.TanhForward(Rows * layer.Outputs, x, y));
                    break;
                default:
                    _w.Comment($"  Y{layer.Index}[n, j] = {xName}[n, j] > 0 ? {xName}[n, j] : {layer.Alpha.ToString("R", CultureInfo.InvariantCulture)} · {xName}[n, j]");
                    using (_w.For("e", Rows * layer.Outputs))
                    {
                        _w.Line($"{y}[e] = {x}[e] > 0 ? {x}[e] : {ElementLiteral(layer.Alpha)} * {x}[e];");
                    }
                    break;
            }
        }

        private void EmitActivationBackward(LayerModel layer)
        {
            if (layer.Kind == LayerKind.Dropout)
            {
                EmitDropoutBackward(layer);
                return;
            }
            if (layer.Kind == LayerKind.ReLU)
            {
                EmitReLUBackward(layer);
                return;
            }
            string dy = "dY" + layer.Index;
            string y = "y" + layer.Index;
            string yName = "Y" + layer.Index;
            string xName = InputName(layer);
            string x = InputLocal(layer);
            string dx = "d" + xName;
            string name = ActivationName(layer);
            switch (layer.Kind)
            {
                case LayerKind.Sigmoid:
                    _w.Comment($"Layer {layer.Index}, {name}, backward: dL/d{xName} = dL/d{yName} ⊙ {yName} ⊙ (1 - {yName})   ({Rows}, {layer.Outputs})");
                    _w.Comment($"  {dx}[n, j] = {dy}[n, j] · {yName}[n, j] · (1 - {yName}[n, j])   since σ'(x) = σ(x) (1 - σ(x))");
                    using (_w.For("e", Rows * layer.Outputs))
                    {
                        _w.Line($"{dx}[e] = {dy}[e] * {y}[e] * (1 - {y}[e]);");
                    }
                    break;
                case LayerKind.Tanh:
                    _w.Comment($"Layer {layer.Index}, {name}, backward: dL/d{xName} = dL/d{yName} ⊙ (1 - {yName}²)   ({Rows}, {layer.Outputs})");
                    _w.Comment($"  {dx}[n, j] = {dy}[n, j] · (1 - {yName}[n, j]²)   since tanh'(x) = 1 - tanh(x)²");
                    using (_w.For("e", Rows * layer.Outputs))
                    {
                        _w.Line($"{dx}[e] = {dy}[e] * (1 - {y}[e] * {y}[e]);");
                    }
                    break;
                default:
                    string alpha = layer.Alpha.ToString("R", CultureInfo.InvariantCulture);
                    _w.Comment($"Layer {layer.Index}, {name}, backward: dL/d{xName} = dL/d{yName} ⊙ ({xName} > 0 ? 1 : {alpha})   ({Rows}, {layer.Outputs})");
                    _w.Comment($"  {dx}[n, j] = {xName}[n, j] > 0 ? {dy}[n, j] : {alpha} · {dy}[n, j]");
                    using (_w.For("e", Rows * layer.Outputs))
                    {
                        _w.Line($"{dx}[e] = {x}[e] > 0 ? {dy}[e] : {ElementLiteral(layer.Alpha)} * {dy}[e];");
                    }
                    break;
            }
        }
    }
}
