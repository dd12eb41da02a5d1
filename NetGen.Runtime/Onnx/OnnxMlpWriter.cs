using System;
using System.Collections.Generic;

namespace NetGen.Onnx
{
    /// <summary>Builds the ONNX model of a network's inference graph (see <see cref="OnnxMlp"/> for what it holds).</summary>
    internal static class OnnxMlpWriter
    {
        /// <summary>The name of the graph's input.</summary>
        public const string InputName = "input";

        /// <summary>The name of the graph's output: what <c>Forward</c> returns.</summary>
        public const string OutputName = "output";

        /// <summary>The name of a cross-entropy network's second output, <c>Softmax(output, axis = 1)</c>.</summary>
        public const string ProbabilitiesName = "probabilities";

        /// <summary>The name of the dynamic batch dimension.</summary>
        public const string BatchDimension = "N";

        /// <summary>Writes the model; <paramref name="rawData"/> gives the little-endian bytes of parameter tensor k.</summary>
        public static byte[] Write(MlpDescription network, Func<int, byte[]> rawData)
        {
            int dataType = network.ElementType == MlpElementType.Double ? OnnxDataType.Double : OnnxDataType.Float;
            var graph = new GraphProto { Name = network.NetworkName };
            graph.Input.Add(Value(InputName, dataType, network.InputSize));

            // The last layer that has a node: its output is the graph's output.
            int lastWritten = -1;
            for (int i = 0; i < network.Layers.Count; i++)
            {
                if (network.Layers[i].Kind != MlpLayerKind.Dropout)
                {
                    lastWritten = i;
                }
            }

            string current = InputName;
            int denseIndex = 0;
            int tensorIndex = 0;
            for (int i = 0; i < network.Layers.Count; i++)
            {
                MlpLayer layer = network.Layers[i];
                int number = i + 1;
                if (layer.Kind == MlpLayerKind.Dropout)
                {
                    continue;
                }
                string output = i == lastWritten ? OutputName : "Y" + number;
                var node = new NodeProto { Name = $"layer{number}_{OpType(layer.Kind)}", OpType = OpType(layer.Kind) };
                node.Input.Add(current);
                node.Output.Add(output);
                switch (layer.Kind)
                {
                    case MlpLayerKind.Dense:
                        denseIndex++;
                        string weights = "W" + denseIndex;
                        graph.Initializer.Add(Tensor(weights, dataType, rawData(tensorIndex++), layer.Inputs, layer.Outputs));
                        node.Input.Add(weights);
                        if (layer.Bias)
                        {
                            string bias = "B" + denseIndex;
                            graph.Initializer.Add(Tensor(bias, dataType, rawData(tensorIndex++), layer.Outputs));
                            node.Input.Add(bias);
                        }
                        node.Attribute.Add(AttributeProto.Of("alpha", 1f));
                        node.Attribute.Add(AttributeProto.Of("beta", 1f));
                        node.Attribute.Add(AttributeProto.Of("transA", 0L));
                        node.Attribute.Add(AttributeProto.Of("transB", 0L));
                        break;
                    case MlpLayerKind.LeakyRelu:
                        node.Attribute.Add(AttributeProto.Of("alpha", (float)layer.Alpha));
                        break;
                }
                graph.Node.Add(node);
                current = output;
            }
            if (current == InputName)
            {
                // Unreachable for a valid description (it has a Dense layer), kept so a graph always has an output node.
                throw new InvalidOperationException("A network without layers cannot be written.");
            }
            graph.Output.Add(Value(OutputName, dataType, network.OutputSize));

            if (network.CrossEntropy)
            {
                var softmax = new NodeProto { Name = "probabilities_Softmax", OpType = "Softmax" };
                softmax.Input.Add(OutputName);
                softmax.Output.Add(ProbabilitiesName);
                softmax.Attribute.Add(AttributeProto.Of("axis", 1L));
                graph.Node.Add(softmax);
                graph.Output.Add(Value(ProbabilitiesName, dataType, network.OutputSize));
            }

            var model = new ModelProto
            {
                IrVersion = OnnxMlp.IrVersion,
                ProducerName = OnnxMlp.ProducerName,
                ProducerVersion = OnnxMlp.ProducerVersion,
                DocString = $"{network.NetworkName}: {network}" + (network.CrossEntropy
                    ? "; 'output' holds the logits, 'probabilities' their softmax over the classes."
                    : "; 'output' holds the last layer's values."),
                Graph = graph,
            };
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxMlp.Opset });
            return model.ToBytes();
        }

        private static string OpType(MlpLayerKind kind) => kind switch
        {
            MlpLayerKind.Dense => "Gemm",
            MlpLayerKind.Relu => "Relu",
            MlpLayerKind.Sigmoid => "Sigmoid",
            MlpLayerKind.Tanh => "Tanh",
            MlpLayerKind.LeakyRelu => "LeakyRelu",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No ONNX operator for this layer kind."),
        };

        private static ValueInfoProto Value(string name, int dataType, int features) => new()
        {
            Name = name,
            IsTensor = true,
            ElemType = dataType,
            Shape = new List<Dimension> { new() { Param = BatchDimension }, new() { Value = features } },
        };

        private static TensorProto Tensor(string name, int dataType, byte[] raw, params long[] dims)
        {
            var tensor = new TensorProto { Name = name, DataType = dataType, RawData = raw };
            tensor.Dims.AddRange(dims);
            return tensor;
        }
    }
}
