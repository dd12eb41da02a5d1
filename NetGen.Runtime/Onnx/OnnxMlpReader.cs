using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Onnx
{
    /// <summary>
    /// Reads an ONNX model as a sequential MLP and checks it against a network's declaration: parses the protobuf,
    /// checks the IR and opset versions, follows the one chain of nodes from the graph's input to its output, turns it
    /// into Dense layers and activations, compares those with the declared layers and returns the parameters in the
    /// network's layout. Nothing is returned unless every check passed.
    /// </summary>
    internal static class OnnxMlpReader
    {
        private static readonly string[] Supported =
        {
            "Gemm", "MatMul", "Add", "Relu", "Sigmoid", "Tanh", "LeakyRelu", "Identity", "Dropout", "Flatten", "Constant", "Softmax", "LogSoftmax",
        };

        /// <summary>What the model holds, layer by layer: a Dense layer or an activation, and the node(s) it came from.</summary>
        private sealed class Step
        {
            public MlpLayerKind Kind;
            public string Node = "";
            public int Inputs;
            public int Outputs;
            public double[]? Weights;
            public double[]? Bias;
            public string WeightsName = "";
            public string BiasName = "";
            public string Source = "";
            public float Alpha;
        }

        public static double[][] Read(ReadOnlySpan<byte> bytes, MlpDescription network, string source, out string[] tensorNames)
        {
            if (network is null)
            {
                throw new ArgumentNullException(nameof(network));
            }
            source ??= "ONNX model";
            if (bytes.Length == 0)
            {
                throw new OnnxFormatException($"{source} is empty; an ONNX model holds at least a graph.");
            }
            ModelProto model;
            try
            {
                model = ModelProto.Parse(bytes);
            }
            catch (OnnxFormatException e)
            {
                throw new OnnxFormatException($"{source} is not a valid ONNX model: {e.Message}", e);
            }
            var steps = new Interpreter(model, network, source).Run();
            return Match(steps, network, source, out tensorNames);
        }

        private static double[][] Match(List<Step> steps, MlpDescription network, string source, out string[] tensorNames)
        {
            var declared = new List<(int Number, MlpLayer Layer)>();
            for (int i = 0; i < network.Layers.Count; i++)
            {
                if (network.Layers[i].Kind != MlpLayerKind.Dropout)
                {
                    declared.Add((i + 1, network.Layers[i]));
                }
            }
            string name = network.NetworkName;
            string prefix = $"{source} does not match {name}: ";
            for (int k = 0; k < Math.Max(steps.Count, declared.Count); k++)
            {
                if (k >= steps.Count)
                {
                    (int missingNumber, MlpLayer missing) = declared[k];
                    string after = steps.Count == 0 ? "holds no Dense layer or activation" : $"ends after ONNX node {steps[steps.Count - 1].Node}";
                    throw new OnnxFormatException(
                        $"{prefix}the ONNX graph {after}, but {name} declares {declared.Count} layers: layer {missingNumber}, {missing}, has no node in the model.");
                }
                Step step = steps[k];
                if (k >= declared.Count)
                {
                    (int lastNumber, MlpLayer last) = declared[declared.Count - 1];
                    throw new OnnxFormatException(
                        $"{prefix}ONNX node {step.Node} is {Describe(step)}, after the node of {name}'s last layer (layer {lastNumber}, {last}): the model has more layers than the {declared.Count} {name} declares.");
                }
                (int number, MlpLayer layer) = declared[k];
                string but = $", but layer {number} of {name} is {layer}";
                if (step.Kind != layer.Kind)
                {
                    throw new OnnxFormatException($"{prefix}ONNX node {step.Node} is {Describe(step)}{but}.");
                }
                if (step.Kind == MlpLayerKind.Dense)
                {
                    if (step.Inputs != layer.Inputs || step.Outputs != layer.Outputs)
                    {
                        throw new OnnxFormatException($"{prefix}ONNX node {step.Node} is {Describe(step)}{but}.");
                    }
                    if (step.Bias is not null && !layer.Bias)
                    {
                        throw new OnnxFormatException(
                            $"{prefix}ONNX node {step.Node} adds a bias ('{step.BiasName}'){but}, which has none (declare Bias = true to load it).");
                    }
                    if (step.Bias is null && layer.Bias)
                    {
                        throw new OnnxFormatException(
                            $"{prefix}ONNX node {step.Node} has no bias{but}, which adds one (the model would leave B{DenseNumber(network, number)} undefined).");
                    }
                }
                if (step.Kind == MlpLayerKind.LeakyRelu && step.Alpha != (float)layer.Alpha)
                {
                    throw new OnnxFormatException(
                        $"{prefix}ONNX node {step.Node} is a LeakyReLU with alpha {Float(step.Alpha)}{but} (ONNX stores alpha as a float: the model's must equal (float){MlpLayer.Number(layer.Alpha)}).");
                }
            }

            var parameters = new List<double[]>();
            var names = new List<string>();
            foreach (Step step in steps.Where(s => s.Kind == MlpLayerKind.Dense))
            {
                parameters.Add(step.Weights!);
                names.Add(step.WeightsName);
                if (step.Bias is not null)
                {
                    parameters.Add(step.Bias);
                    names.Add(step.BiasName);
                }
            }
            tensorNames = names.ToArray();
            return parameters.ToArray();
        }

        private static int DenseNumber(MlpDescription network, int layerNumber) =>
            network.Layers.Take(layerNumber).Count(l => l.Kind == MlpLayerKind.Dense);

        private static string Describe(Step step) => step.Kind switch
        {
            MlpLayerKind.Dense => $"a Dense layer with {step.Inputs} inputs and {step.Outputs} outputs{(step.Bias is null ? " and no bias" : " and a bias")} ({step.Source})",
            MlpLayerKind.Relu => "a ReLU",
            MlpLayerKind.Sigmoid => "a Sigmoid",
            MlpLayerKind.Tanh => "a Tanh",
            _ => $"a LeakyReLU with alpha {Float(step.Alpha)}",
        };

        /// <summary>A float attribute as it was written: <c>0.1</c>, not its double expansion.</summary>
        private static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>Follows the graph from its input to its output.</summary>
        private sealed class Interpreter
        {
            private readonly ModelProto _model;
            private readonly GraphProto _graph;
            private readonly MlpDescription _network;
            private readonly string _source;
            private readonly Dictionary<string, TensorProto> _parameters = new(StringComparer.Ordinal);
            private readonly long _opset;

            public Interpreter(ModelProto model, MlpDescription network, string source)
            {
                _model = model;
                _network = network;
                _source = source;
                if (model.Graph is null)
                {
                    throw Fail("holds no graph (ModelProto.graph, field 7, is missing), so it is not an ONNX model");
                }
                _graph = model.Graph;
                if (model.IrVersion < 3)
                {
                    throw Fail(model.IrVersion == 0
                        ? "states no IR version (ModelProto.ir_version), so it is not an ONNX model"
                        : $"has IR version {model.IrVersion}; NetGen reads IR version 3 and later");
                }
                OperatorSetIdProto? opset = model.OpsetImport.FirstOrDefault(o => o.Domain.Length == 0 || o.Domain == "ai.onnx");
                if (opset is null)
                {
                    throw Fail("imports no version of the default operator set (ai.onnx)");
                }
                if (opset.Version < OnnxMlp.OldestOpset || opset.Version > OnnxMlp.NewestOpset)
                {
                    throw Fail($"uses version {opset.Version} of the default operator set; NetGen reads versions {OnnxMlp.OldestOpset} to {OnnxMlp.NewestOpset}");
                }
                _opset = opset.Version;
            }

            private OnnxFormatException Fail(string problem) => new($"{_source} {problem}.");

            private OnnxFormatException NodeFail(string node, string problem) => new($"{_source}: ONNX node {node} {problem}.");

            public List<Step> Run()
            {
                if (_graph.SparseInitializerCount > 0)
                {
                    throw Fail("holds sparse initializers, which NetGen does not read");
                }
                foreach (TensorProto tensor in _graph.Initializer)
                {
                    if (!_parameters.TryAdd(tensor.Name, tensor))
                    {
                        throw Fail($"holds two initializers named '{tensor.Name}'");
                    }
                }

                List<ValueInfoProto> inputs = _graph.Input.Where(i => !_parameters.ContainsKey(i.Name)).ToList();
                if (inputs.Count != 1)
                {
                    throw Fail(inputs.Count == 0
                        ? "has no graph input besides its initializers; a network takes one input"
                        : $"has {inputs.Count} graph inputs that are not initializers ({string.Join(", ", inputs.Select(i => "'" + i.Name + "'"))}); a NetGen network has one input, and every parameter must be an initializer");
                }
                ValueInfoProto input = inputs[0];
                int rank = CheckInput(input);

                var steps = new List<Step>();
                string current = input.Name;
                var chain = new HashSet<string>(StringComparer.Ordinal) { current };
                string? terminal = null;
                string last = $"graph input '{input.Name}'";
                for (int index = 0; index < _graph.Node.Count; index++)
                {
                    NodeProto node = _graph.Node[index];
                    string label = node.Name.Length > 0 ? $"'{node.Name}' ({node.OpType})" : $"#{index} ({node.OpType}, unnamed)";
                    if (node.Domain.Length > 0 && node.Domain != "ai.onnx")
                    {
                        throw NodeFail(label, $"is operator '{node.OpType}' of domain '{node.Domain}', which NetGen does not support; it reads {string.Join(", ", Supported)} of the default domain");
                    }
                    if (node.OpType == "Constant")
                    {
                        AddConstant(node, label);
                        continue;
                    }
                    if (Array.IndexOf(Supported, node.OpType) < 0)
                    {
                        throw NodeFail(label, $"is operator '{node.OpType}', which NetGen does not support; it reads {string.Join(", ", Supported)}");
                    }
                    if (node.Output.Count == 0 || node.Output[0].Length == 0)
                    {
                        throw NodeFail(label, "has no output");
                    }
                    if (!node.Input.Contains(current))
                    {
                        throw NodeFail(label, $"does not take the output of {last} ('{current}'); NetGen reads sequential networks, one chain of nodes from the input to the output");
                    }
                    if (terminal is not null)
                    {
                        throw NodeFail(label, $"follows {terminal}; a Softmax must be the last node of the chain");
                    }
                    if (node.Input[0] != current && node.OpType != "Add")
                    {
                        throw NodeFail(label, $"takes the chain's value '{current}' as input {node.Input.IndexOf(current) + 1}, not as its first input");
                    }
                    foreach (AttributeProto attribute in node.Attribute)
                    {
                        if (node.Attribute.FindAll(a => a.Name == attribute.Name).Count > 1)
                        {
                            throw NodeFail(label, $"has two attributes named '{attribute.Name}'");
                        }
                        if (attribute.IsReference)
                        {
                            throw NodeFail(label, $"refers its attribute '{attribute.Name}' to a function's attribute, which NetGen does not read");
                        }
                    }

                    Step? matMulBefore = _matMulBefore;
                    _matMulBefore = null;
                    switch (node.OpType)
                    {
                        case "Gemm":
                            RequireRank2(label, rank);
                            steps.Add(Gemm(node, label));
                            break;
                        case "MatMul":
                            RequireRank2(label, rank);
                            _matMulBefore = MatMul(node, label);
                            steps.Add(_matMulBefore);
                            break;
                        case "Add":
                            AddBias(node, label, matMulBefore, current);
                            break;
                        case "Relu":
                            steps.Add(new Step { Kind = MlpLayerKind.Relu, Node = label });
                            break;
                        case "Sigmoid":
                            steps.Add(new Step { Kind = MlpLayerKind.Sigmoid, Node = label });
                            break;
                        case "Tanh":
                            steps.Add(new Step { Kind = MlpLayerKind.Tanh, Node = label });
                            break;
                        case "LeakyRelu":
                            steps.Add(new Step { Kind = MlpLayerKind.LeakyRelu, Node = label, Alpha = FloatAttribute(node, label, "alpha", 0.01f) });
                            break;
                        case "Identity":
                        case "Dropout":
                            break;
                        case "Flatten":
                            long axis = IntAttribute(node, label, "axis", 1);
                            if (axis != 1 && !(axis == -1 && rank == 2))
                            {
                                throw NodeFail(label, $"flattens from axis {axis}; NetGen reads Flatten(axis = 1), which keeps the batch dimension");
                            }
                            rank = 2;
                            break;
                        default: // Softmax, LogSoftmax
                            if (!_network.CrossEntropy)
                            {
                                throw NodeFail(label, $"ends the model with a {node.OpType}, but {_network.NetworkName} has a squared-error loss: its output is the last layer's values, not probabilities");
                            }
                            long softmaxAxis = IntAttribute(node, label, "axis", _opset >= 13 ? -1 : 1);
                            if (rank != 2 || (softmaxAxis != 1 && softmaxAxis != -1))
                            {
                                throw NodeFail(label, $"takes the {node.OpType} over axis {softmaxAxis}; NetGen reads it over the classes, axis 1 of (batch, classes)");
                            }
                            terminal = $"ONNX node {label}";
                            break;
                    }
                    current = node.Output[0];
                    chain.Add(current);
                    last = $"ONNX node {label}";
                }

                if (!_graph.Output.Any(o => o.Name == current))
                {
                    throw Fail(_graph.Output.Count == 0
                        ? "has no graph output"
                        : $"has graph output(s) {string.Join(", ", _graph.Output.Select(o => "'" + o.Name + "'"))}, but its chain of nodes ends in '{current}' ({last})");
                }
                foreach (ValueInfoProto output in _graph.Output)
                {
                    if (!chain.Contains(output.Name))
                    {
                        throw Fail($"has graph output '{output.Name}', which no node of the chain from '{input.Name}' computes");
                    }
                }
                return steps;
            }

            /// <summary>Checks the graph input's type and shape; returns its rank (2 when no shape is stated).</summary>
            private int CheckInput(ValueInfoProto input)
            {
                string what = $"graph input '{input.Name}'";
                if (!input.IsTensor)
                {
                    throw Fail($"has {what} that is not a tensor");
                }
                if (input.ElemType != OnnxDataType.Float && input.ElemType != OnnxDataType.Double)
                {
                    throw Fail($"has {what} of element type {OnnxDataType.Name(input.ElemType)}; NetGen networks take FLOAT or DOUBLE inputs");
                }
                if (input.Shape is null)
                {
                    return 2;
                }
                if (input.Shape.Count < 2)
                {
                    throw Fail($"has {what} of shape {input.ShapeText}; a network takes a batch of rows, (batch, {_network.InputSize})");
                }
                long features = 1;
                foreach (Dimension dim in input.Shape.Skip(1))
                {
                    if (dim.Value is not long value)
                    {
                        return input.Shape.Count;
                    }
                    features = value < 0 || value > int.MaxValue ? -1 : Math.Min(features * value, long.MaxValue / int.MaxValue);
                    if (features < 0)
                    {
                        throw Fail($"has {what} of shape {input.ShapeText}, with a dimension of {value}");
                    }
                }
                if (features != _network.InputSize)
                {
                    throw new OnnxFormatException(
                        $"{_source} does not match {_network.NetworkName}: {what} has shape {input.ShapeText}, {features} features per row, but layer 1 of {_network.NetworkName}, {_network.Layers[0]}, takes {_network.InputSize}.");
                }
                return input.Shape.Count;
            }

            private void RequireRank2(string label, int rank)
            {
                if (rank != 2)
                {
                    throw NodeFail(label, $"multiplies a rank-{rank} tensor; a Flatten(axis = 1) must make the input (batch, features) first");
                }
            }

            private Step Gemm(NodeProto node, string label)
            {
                if (node.Input.Count < 2 || node.Input.Count > 3)
                {
                    throw NodeFail(label, $"has {node.Input.Count} inputs; Gemm takes 2 or 3");
                }
                if (IntAttribute(node, label, "transA", 0) != 0)
                {
                    throw NodeFail(label, "has transA = 1, which transposes the data; NetGen reads Gemm with transA = 0");
                }
                float alpha = FloatAttribute(node, label, "alpha", 1f);
                if (alpha != 1f)
                {
                    throw NodeFail(label, $"has alpha = {Float(alpha)}, which scales the product; NetGen reads Gemm with alpha = 1");
                }
                long transB = IntAttribute(node, label, "transB", 0);
                if (transB != 0 && transB != 1)
                {
                    throw NodeFail(label, $"has transB = {transB}; it is 0 or 1");
                }
                bool hasBias = node.Input.Count == 3 && node.Input[2].Length > 0;
                float beta = FloatAttribute(node, label, "beta", 1f);
                if (hasBias && beta != 1f)
                {
                    throw NodeFail(label, $"has beta = {Float(beta)}, which scales the bias; NetGen reads Gemm with beta = 1");
                }
                TensorProto b = Parameter(node, label, 1, "B");
                if (b.Dims.Count != 2)
                {
                    throw NodeFail(label, $"multiplies by '{b.Name}' of shape {Shape(b)}; a Dense layer's weight is a matrix");
                }
                int rows = Dim(b, 0, label);
                int columns = Dim(b, 1, label);
                double[] values = Values(b, label);
                var step = new Step { Kind = MlpLayerKind.Dense, Node = label, WeightsName = b.Name };
                if (transB == 1)
                {
                    step.Inputs = columns;
                    step.Outputs = rows;
                    step.Weights = Transpose(values, rows, columns);
                }
                else
                {
                    step.Inputs = rows;
                    step.Outputs = columns;
                    step.Weights = values;
                }
                step.Source = $"weight '{b.Name}' of shape {Shape(b)} with transB = {transB}";
                if (hasBias)
                {
                    TensorProto c = Parameter(node, label, 2, "C");
                    SetBias(step, c, label);
                }
                return step;
            }

            private Step MatMul(NodeProto node, string label)
            {
                if (node.Input.Count != 2)
                {
                    throw NodeFail(label, $"has {node.Input.Count} inputs; MatMul takes 2");
                }
                TensorProto b = Parameter(node, label, 1, "B");
                if (b.Dims.Count != 2)
                {
                    throw NodeFail(label, $"multiplies by '{b.Name}' of shape {Shape(b)}; a Dense layer's weight is a matrix");
                }
                return new Step
                {
                    Kind = MlpLayerKind.Dense,
                    Node = label,
                    WeightsName = b.Name,
                    Inputs = Dim(b, 0, label),
                    Outputs = Dim(b, 1, label),
                    Weights = Values(b, label),
                    Source = $"weight '{b.Name}' of shape {Shape(b)}",
                };
            }

            /// <summary>The Dense layer of a MatMul that was the last node of the chain, waiting for its Add.</summary>
            private Step? _matMulBefore;

            private void AddBias(NodeProto node, string label, Step? previous, string current)
            {
                if (previous is null)
                {
                    throw NodeFail(label, "adds to a value that is not a MatMul's product; NetGen reads Add only as the bias of the MatMul before it");
                }
                if (node.Input.Count != 2)
                {
                    throw NodeFail(label, $"has {node.Input.Count} inputs; Add takes 2");
                }
                int other = node.Input[0] == current ? 1 : 0;
                if (node.Input[other] == current)
                {
                    throw NodeFail(label, "adds the chain's value to itself, which is not a bias");
                }
                TensorProto c = Parameter(node, label, other, "bias");
                SetBias(previous, c, label);
                previous.Node += $" + {label}";
            }

            private void SetBias(Step step, TensorProto c, string label)
            {
                bool vector = c.Dims.Count == 1 || (c.Dims.Count == 2 && c.Dims[0] == 1);
                if (!vector || c.Dims[c.Dims.Count - 1] != step.Outputs)
                {
                    throw NodeFail(label, $"adds '{c.Name}' of shape {Shape(c)}; a bias of a layer with {step.Outputs} outputs has shape ({step.Outputs}) or (1, {step.Outputs})");
                }
                step.Bias = Values(c, label);
                step.BiasName = c.Name;
                step.Source += $", bias '{c.Name}' of shape {Shape(c)}";
            }

            private TensorProto Parameter(NodeProto node, string label, int index, string role)
            {
                string name = node.Input[index];
                if (!_parameters.TryGetValue(name, out TensorProto? tensor))
                {
                    throw NodeFail(label, $"takes its {role} input '{name}' from neither an initializer nor a Constant node; NetGen loads parameters only from initializers");
                }
                return tensor;
            }

            private void AddConstant(NodeProto node, string label)
            {
                AttributeProto? value = node.FindAttribute("value");
                if (value?.T is null || node.Output.Count != 1)
                {
                    throw NodeFail(label, "is a Constant without a tensor 'value'; NetGen reads Constant nodes that hold a tensor");
                }
                TensorProto tensor = value.T;
                tensor.Name = node.Output[0];
                if (!_parameters.TryAdd(tensor.Name, tensor))
                {
                    throw NodeFail(label, $"defines '{tensor.Name}', which an initializer or another node defines too");
                }
            }

            private float FloatAttribute(NodeProto node, string label, string name, float fallback)
            {
                AttributeProto? attribute = node.FindAttribute(name);
                if (attribute is null)
                {
                    return fallback;
                }
                if (attribute.Type != AttributeType.Float && attribute.Type != AttributeType.Undefined)
                {
                    throw NodeFail(label, $"has attribute '{name}' of type {attribute.Type}; it is a float");
                }
                return attribute.F;
            }

            private long IntAttribute(NodeProto node, string label, string name, long fallback)
            {
                AttributeProto? attribute = node.FindAttribute(name);
                if (attribute is null)
                {
                    return fallback;
                }
                if (attribute.Type != AttributeType.Int && attribute.Type != AttributeType.Undefined)
                {
                    throw NodeFail(label, $"has attribute '{name}' of type {attribute.Type}; it is an int");
                }
                return attribute.I;
            }

            private int Dim(TensorProto tensor, int axis, string label)
            {
                long dim = tensor.Dims[axis];
                if (dim <= 0 || dim > int.MaxValue)
                {
                    throw NodeFail(label, $"uses '{tensor.Name}' of shape {Shape(tensor)}, with an empty or oversized dimension");
                }
                return (int)dim;
            }

            /// <summary>A tensor's values as doubles, checked against its dims and data type.</summary>
            private double[] Values(TensorProto tensor, string label)
            {
                string what = $"initializer '{tensor.Name}' (used by ONNX node {label})";
                if (tensor.IsExternal)
                {
                    throw Fail($"stores {what} in an external file, which NetGen does not read; save the model with its data inside (onnx.save_model(model, path, save_as_external_data=False))");
                }
                if (tensor.IsSegment)
                {
                    throw Fail($"splits {what} into segments, which NetGen does not read");
                }
                if (tensor.DataType != OnnxDataType.Float && tensor.DataType != OnnxDataType.Double)
                {
                    throw Fail($"holds {what} as {OnnxDataType.Name(tensor.DataType)} values; NetGen reads FLOAT and DOUBLE");
                }
                long count = 1;
                foreach (long dim in tensor.Dims)
                {
                    if (dim < 0 || dim > int.MaxValue || (count *= dim) > Array.MaxLength)
                    {
                        throw Fail($"gives {what} the shape {Shape(tensor)}, which no array holds");
                    }
                }
                bool isDouble = tensor.DataType == OnnxDataType.Double;
                int size = isDouble ? 8 : 4;
                // The stored values are counted before anything is allocated, so a corrupted shape cannot ask for memory.
                if (tensor.RawData is byte[] raw)
                {
                    if (raw.LongLength != count * size)
                    {
                        throw Fail($"gives {what} of shape {Shape(tensor)} {raw.Length} bytes of raw_data, but {count} {OnnxDataType.Name(tensor.DataType)} values take {count * size}");
                    }
                    var fromRaw = new double[count];
                    for (int i = 0; i < fromRaw.Length; i++)
                    {
                        fromRaw[i] = isDouble
                            ? BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(8 * i))
                            : BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(4 * i));
                    }
                    return fromRaw;
                }
                int typed = isDouble ? tensor.DoubleData.Count : tensor.FloatData.Count;
                if (typed != count)
                {
                    string field = isDouble ? "double_data" : "float_data";
                    throw Fail($"gives {what} of shape {Shape(tensor)} {typed} values in {field} and no raw_data, but the shape needs {count}");
                }
                var values = new double[count];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = isDouble ? tensor.DoubleData[i] : tensor.FloatData[i];
                }
                return values;
            }

            private static string Shape(TensorProto tensor) =>
                tensor.Dims.Count == 1 ? $"({tensor.Dims[0]})" : "(" + string.Join(", ", tensor.Dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";

            private static double[] Transpose(double[] values, int rows, int columns)
            {
                var transposed = new double[values.Length];
                for (int r = 0; r < rows; r++)
                {
                    for (int c = 0; c < columns; c++)
                    {
                        transposed[c * rows + r] = values[r * columns + c];
                    }
                }
                return transposed;
            }
        }
    }
}
