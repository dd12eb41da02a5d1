using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The <see cref="CodeStrategy.Kernels"/> strategy's part of the story: Forward, Backward and Step keep their
    /// formulas as comments and call one shape-specialized kernel per product, written at the end of the class by
    /// <see cref="KernelEmitter"/>.
    /// </summary>
    internal sealed partial class NetworkEmitter
    {
        private KernelEmitter? _kernelEmitter;

        private KernelEmitter Kernels => _kernelEmitter ??= new KernelEmitter(_w, _model.ElementType) { WeightGradientSteps = FusedSgd, Prefetches = _runtimeReferenced };

        private void EmitDenseForwardKernels(LayerModel layer)
        {
            int k = layer.ParameterIndex;
            _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}): Y{layer.Index} = {ForwardFormula(layer)}   ({Rows}, {layer.Inputs}) · ({layer.Inputs}, {layer.Outputs}) → ({Rows}, {layer.Outputs})");
            _w.Comment($"  Y{layer.Index}[n, j] = {(layer.Bias ? $"B{k}[j] + " : "")}Σᵢ {InputName(layer)}[n, i] · W{k}[i, j]");
            _w.Line(Kernels.DenseForward(Rows, layer, InputLocal(layer), "w" + k, layer.Bias ? "b" + k : null, "y" + layer.Index));
        }

        private void EmitDenseBackwardKernels(LayerModel layer)
        {
            int k = layer.ParameterIndex;
            string dy = "dY" + layer.Index;
            string xName = InputName(layer);
            _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}), backward.");
            _w.Comment($"dL/dW{k} = {xName}ᵀ · dL/d{dy.Substring(1)}   ({layer.Inputs}, {Batch}) · ({Batch}, {layer.Outputs}) → ({layer.Inputs}, {layer.Outputs})");
            _w.Comment($"  dW{k}[i, j] = Σₙ {xName}[n, i] · {dy}[n, j]");
            _w.Line(Kernels.DenseWeightGradient(Batch, layer, InputLocal(layer), dy, "gradW" + k));
            EmitBiasGradientKernel(layer);
            if (layer.Index == 1)
            {
                _w.Comment("dL/dX is not needed: X is data, not a parameter.");
                return;
            }
            EmitInputGradientKernel(layer, "");
        }

        private void EmitBiasGradientKernel(LayerModel layer)
        {
            if (layer.Bias)
            {
                string dy = "dY" + layer.Index;
                _w.Comment($"dL/dB{layer.ParameterIndex} = Σₙ {dy}[n, :]   (the bias is added to every row)");
                _w.Line(Kernels.DenseBiasGradient(Batch, layer, dy, "gradB" + layer.ParameterIndex));
            }
        }

        /// <summary>dL/dX = dL/dY · Wᵀ of a layer after the first; <paramref name="note"/> ends the formula's line.</summary>
        private void EmitInputGradientKernel(LayerModel layer, string note)
        {
            int k = layer.ParameterIndex;
            string dy = "dY" + layer.Index;
            string xName = InputName(layer);
            _w.Comment($"dL/d{xName} = dL/d{dy.Substring(1)} · W{k}ᵀ   ({Batch}, {layer.Outputs}) · ({layer.Outputs}, {layer.Inputs}) → ({Batch}, {layer.Inputs}){note}");
            _w.Comment($"  d{xName}[n, i] = Σⱼ {dy}[n, j] · W{k}[i, j]");
            _w.Line(Kernels.DenseInputGradient(Batch, layer, dy, "w" + k, "d" + xName));
        }

        /// <summary>
        /// A Dense layer's backward pass and SGD step for <see cref="EmitBackwardAndStep"/>: dL/dX first, from W as
        /// Forward used it, then dL/dW with W's update after each block of its rows, then dL/dB and B's update.
        /// </summary>
        private void EmitDenseBackwardAndStepKernels(LayerModel layer)
        {
            int k = layer.ParameterIndex;
            string dy = "dY" + layer.Index;
            string xName = InputName(layer);
            _w.Comment($"Layer {layer.Index}, Dense({layer.Inputs}, {layer.Outputs}), backward and step.");
            if (layer.Index > 1)
            {
                EmitInputGradientKernel(layer, $", before W{k} changes");
            }
            _w.Comment($"dL/dW{k} = {xName}ᵀ · dL/d{dy.Substring(1)}   ({layer.Inputs}, {Batch}) · ({Batch}, {layer.Outputs}) → ({layer.Inputs}, {layer.Outputs}), and W{k} ← W{k} - learningRate · dL/dW{k} block by block of rows");
            _w.Comment($"  dW{k}[i, j] = Σₙ {xName}[n, i] · {dy}[n, j];   W{k}[i, j] -= rate · dW{k}[i, j]");
            _w.Line(Kernels.DenseWeightGradient(Batch, layer, InputLocal(layer), dy, "gradW" + k, GeneratedNames.Field(GeneratedNames.Weights(k)), "rate"));
            EmitBiasGradientKernel(layer);
            if (layer.Bias)
            {
                EmitUpdateKernel(GeneratedNames.Bias(k), GeneratedNames.BiasGradient(k), layer.Outputs);
            }
            if (layer.Index == 1)
            {
                _w.Comment("dL/dX is not needed: X is data, not a parameter.");
            }
        }

        private void EmitUpdateKernel(string parameter, string gradient, int length)
        {
            _w.Comment($"{parameter} ← {parameter} - learningRate · dL/d{parameter}");
            _w.Line(Kernels.SgdUpdate(length, GeneratedNames.Field(parameter), GeneratedNames.Field(gradient), "rate"));
        }

        private void EmitKernels() => _kernelEmitter?.EmitAll();
    }
}
