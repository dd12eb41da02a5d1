using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// <c>SaveOnnx</c> and <c>LoadOnnx</c>: the network's inference graph as an ONNX model, and an ONNX model's
    /// parameters (for example from <c>torch.onnx.export</c>) into the network. The code hands the network's layers
    /// (a <c>NetGen.Onnx.MlpDescription</c>) and its parameter arrays to <c>NetGen.Onnx.OnnxMlp</c> in NetGen.Runtime,
    /// so it is written only when the compilation references that library, as the weight file methods are.
    /// </summary>
    internal sealed partial class NetworkEmitter
    {
        private const string OnnxMlp = "global::NetGen.Onnx.OnnxMlp";
        private const string OnnxNamespace = "global::NetGen.Onnx";

        private void EmitOnnx()
        {
            if (!_runtimeReferenced)
            {
                return;
            }
            EmitSaveOnnx();
            EmitLoadOnnx();
        }

        /// <summary>The initializers as the model holds them: <c>W1 (5, 7), B1 (7)</c>.</summary>
        private string OnnxInitializerList => string.Join(", ", ParameterFiles.Select(p => $"{p.Name} ({p.ShapeArguments})"));

        private string OnnxElementName => WeightsAreSingle ? "FLOAT" : "DOUBLE";

        private void EmitSaveOnnx()
        {
            _w.Line("/// <summary>");
            _w.Line($"/// Writes the network's inference graph to <paramref name=\"path\"/> as an ONNX model: IR version 8, default opset 17,");
            _w.Line($"/// producer NetGen. Its input <c>input</c> is {OnnxElementName} (N, {_model.InputSize}) with a dynamic batch dimension N; each Dense layer");
            _w.Line($"/// is a <c>Gemm</c> (transB = 0) with the initializers {OnnxInitializerList}, as the network holds them (inputs, outputs);");
            _w.Line("/// each activation is its ONNX operator (LeakyReLU's alpha becomes a float attribute).");
            if (CrossEntropy)
            {
                _w.Line($"/// The output <c>output</c> (N, {_model.OutputSize}) holds the logits, what <see cref=\"Forward(ReadOnlySpan{{{_t}}})\"/> returns; a second output");
                _w.Line($"/// <c>probabilities</c> (N, {_model.OutputSize}) holds their softmax over the classes (<c>Softmax(axis = 1)</c>).");
            }
            else
            {
                _w.Line($"/// The output <c>output</c> (N, {_model.OutputSize}) is what <see cref=\"Forward(ReadOnlySpan{{{_t}}})\"/> returns.");
            }
            _w.Line("/// ONNX Runtime runs the file with any number of rows; <see cref=\"LoadOnnx\"/> reads it back exactly.");
            _w.Line("/// </summary>");
            _w.Line("/// <param name=\"path\">The file to write (replaced if it exists).</param>");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void SaveOnnx(string path)", "SaveOnnx", writesWeights: false))
            {
                EmitPathNullCheck();
                string arrays = string.Join(", ", ParameterFiles.Select(p => GeneratedNames.Field(p.Name) + ".ToArray()"));
                _w.Line($"{OnnxMlp}.Save(path, Describe(), new[] {{ {arrays} }});");
                _w.Line();
                EmitOnnxDescription();
            }
            _w.Line();
        }

        private void EmitLoadOnnx()
        {
            string className = _model.ClassName;
            _w.Line("/// <summary>");
            _w.Line($"/// Reads every parameter ({OnnxInitializerList}) from the ONNX model in <paramref name=\"path\"/>, for example one");
            _w.Line("/// <c>torch.onnx.export</c> wrote for the same layers: Gemm (transB 0 or 1) or MatMul with or without Add per Dense layer, the");
            _w.Line("/// activations' operators, Identity, Dropout and Flatten nodes, FLOAT or DOUBLE initializers (raw or typed data)" + (WeightsAreSingle ? ", DOUBLE rounded to float," : ","));
            _w.Line("/// default opsets 9 to 18. Weights stored (outputs, inputs), as PyTorch's Linear holds them (Gemm with transB = 1), are transposed");
            _w.Line("/// into this network's (inputs, outputs). The graph is checked against this network's layers (order, sizes, activations, LeakyReLU's alpha,");
            _w.Line("/// biases) and every tensor is read before any parameter changes: on any problem the exception names the ONNX node and");
            _w.Line("/// the layer, and the network keeps its parameters.");
            _w.Line("/// </summary>");
            _w.Line("/// <param name=\"path\">The ONNX file.</param>");
            _w.Line($"/// <exception cref=\"{IO}.FileNotFoundException\">The file does not exist.</exception>");
            _w.Line($"/// <exception cref=\"{OnnxNamespace}.OnnxFormatException\">The file is not a valid ONNX model, uses what NetGen does not read, or differs from {className}'s layers.</exception>");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void LoadOnnx(string path)", "LoadOnnx", writesWeights: true))
            {
                EmitPathNullCheck();
                _w.Comment("Everything is read and checked first; the parameters change only once the whole model matched.");
                _w.Line($"{_t}[][] loaded = {OnnxMlp}.{(WeightsAreSingle ? "ReadSingle" : "ReadDouble")}(path, Describe());");
                int index = 0;
                foreach (ParameterFile parameter in ParameterFiles)
                {
                    _w.Line($"loaded[{index++}].AsSpan().CopyTo({GeneratedNames.Field(parameter.Name)});");
                }
                _w.Line();
                EmitOnnxDescription();
            }
            _w.Line();
        }

        /// <summary>The local function that describes the network's layers to NetGen.Onnx.</summary>
        private void EmitOnnxDescription()
        {
            _w.Line($"static {OnnxNamespace}.MlpDescription Describe() => new {OnnxNamespace}.MlpDescription(");
            var arguments = new List<string>
            {
                $"\"{_model.ClassName}\"",
                $"{OnnxNamespace}.MlpElementType.{(WeightsAreSingle ? "Float" : "Double")}",
                $"crossEntropy: {(CrossEntropy ? "true" : "false")}",
            };
            arguments.AddRange(Layers.Select(OnnxLayer));
            for (int i = 0; i < arguments.Count; i++)
            {
                _w.Line($"    {arguments[i]}{(i == arguments.Count - 1 ? ");" : ",")}");
            }
        }

        private static string OnnxLayer(LayerModel layer)
        {
            string type = OnnxNamespace + ".MlpLayer";
            return layer.Kind switch
            {
                LayerKind.Dense => $"{type}.Dense({layer.Inputs}, {layer.Outputs}, bias: {(layer.Bias ? "true" : "false")})",
                LayerKind.ReLU => $"{type}.Relu()",
                LayerKind.Sigmoid => $"{type}.Sigmoid()",
                LayerKind.Tanh => $"{type}.Tanh()",
                LayerKind.LeakyReLU => $"{type}.LeakyRelu({layer.Alpha.ToString("R", CultureInfo.InvariantCulture)})",
                // The identity at inference: SaveOnnx writes no node for it, LoadOnnx accepts a Dropout node or none.
                LayerKind.Dropout => $"{type}.Dropout({layer.Probability.ToString("R", CultureInfo.InvariantCulture)})",
                _ => throw new System.InvalidOperationException($"No ONNX description for layer kind {layer.Kind}."),
            };
        }

        private void EmitPathNullCheck()
        {
            using (_w.Block("if (path is null)"))
            {
                _w.Line("throw new ArgumentNullException(nameof(path));");
            }
        }
    }
}
