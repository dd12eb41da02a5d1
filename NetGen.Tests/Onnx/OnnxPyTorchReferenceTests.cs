using System;
using System.IO;
using NetGen.Onnx;
using Xunit;
using static NetGen.Tests.Onnx.OnnxTestFiles;

namespace NetGen.Tests.Onnx
{
    /// <summary>
    /// ONNX models torch.onnx.export wrote (torch 1.13; References/onnx/make_onnx_refs.py) load with the generated
    /// <c>LoadOnnx</c>, and <c>Forward</c> then gives the outputs PyTorch computed for the same inputs: within 1e-5 of
    /// the largest output for float networks, 1e-12 for double networks. <c>Predict</c> gives them too, for all the
    /// rows at once and for each row on its own.
    /// </summary>
    public sealed class OnnxPyTorchReferenceTests
    {
        private const double FloatTolerance = 1e-5;
        private const double DoubleTolerance = 1e-12;

        [Theory]
        [InlineData("relu_bias_float_op13")] // Gemm(transB = 1) → Relu → Gemm
        [InlineData("relu_bias_float_op9")]
        [InlineData("relu_bias_float_typed_op13", "relu_bias_float_op13")] // float_data instead of raw_data
        [InlineData("gemm_transb0_float_op13", "relu_bias_float_op13")] // Gemm(transB = 0), weights (in, out)
        [InlineData("identity_relu_float_op13", "relu_bias_float_op13")] // an Identity node after the Relu
        [InlineData("flatten_relu_float_op13")] // nn.Flatten() first
        [InlineData("dropout_relu_float_op13")] // nn.Dropout, gone in eval mode
        [InlineData("matmul_add_float_op13")] // MatMul + Add
        public void ReluFloat(string model, string? data = null) => CheckFloat(new OnnxReluFloatNet(), model, data);

        [Fact]
        public void ReluDouble() => CheckDouble(new OnnxReluDoubleNet(), "relu_bias_double_op17");

        [Fact]
        public void SigmoidWithoutBiasFloat_MatMulAtOpset9() => CheckFloat(new OnnxSigmoidNoBiasFloatNet(), "sigmoid_nobias_float_op9");

        [Theory]
        [InlineData("sigmoid_bias_double_op9")]
        [InlineData("matmul_add_double_op17")] // Add(bias, MatMul(x, W)): the bias first
        public void SigmoidDouble(string model) => CheckDouble(new OnnxSigmoidDoubleNet(), model);

        [Theory]
        [InlineData("tanh_bias_double_op17")]
        [InlineData("tanh_bias_double_typed_op17", "tanh_bias_double_op17")] // double_data instead of raw_data
        public void TanhDouble(string model, string? data = null) => CheckDouble(new OnnxTanhDoubleNet(), model, data);

        [Fact]
        public void TanhWithoutBiasFloat() => CheckFloat(new OnnxTanhNoBiasFloatNet(), "tanh_nobias_float_op13");

        [Fact]
        public void LeakyReluFloat() => CheckFloat(new OnnxLeakyFloatNet(), "leaky_bias_float_op17");

        [Fact]
        public void LeakyReluWithoutBiasDouble() => CheckDouble(new OnnxLeakyNoBiasDoubleNet(), "leaky_nobias_double_op13");

        [Fact]
        public void GemmThenMatMul_BiasOnTheFirstLayerOnly() => CheckFloat(new OnnxMixedBiasFloatNet(), "mixed_bias_float_op17");

        [Fact]
        public void ClassifierEndingInSoftmax_LoadsIntoACrossEntropyNetwork_WhoseForwardGivesTheLogits() =>
            CheckFloat(new OnnxClassifierFloatNet(), "classifier_softmax_float_op13", expectedFile: "classifier_softmax_float_op13.logits.npy");

        [Fact]
        public void HigherRankInput_FlattenedFirst_Loads()
        {
            // flatten_relu_float_op13 with its input declared (batch, 1, 5): Flatten(axis = 1) makes it (batch, 5).
            ModelProto model = ModelProto.Parse(File.ReadAllBytes(Reference("flatten_relu_float_op13.onnx")));
            model.Graph!.Input[0].Shape!.Insert(1, new Dimension { Value = 1 });
            Assert.Equal("(batch, 1, 5)", model.Graph.Input[0].ShapeText);
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("rank3.onnx");
            File.WriteAllBytes(path, model.ToBytes());

            var net = new OnnxReluFloatNet();
            net.LoadOnnx(path);

            double error = RelativeError(ToDouble(net.Forward(ToSingle(Npy("flatten_relu_float_op13.input.npy")))), Npy("flatten_relu_float_op13.output.npy"));
            Assert.True(error <= FloatTolerance, $"relative error {error}");
        }

        [Fact]
        public void ParametersInConstantNodes_Load()
        {
            // relu_bias_float_op13 with every initializer moved into a Constant node at the start of the graph.
            ModelProto model = ModelProto.Parse(File.ReadAllBytes(Reference("relu_bias_float_op13.onnx")));
            GraphProto graph = model.Graph!;
            var constants = new System.Collections.Generic.List<NodeProto>();
            foreach (TensorProto tensor in graph.Initializer)
            {
                var constant = new NodeProto { Name = "Constant_" + tensor.Name, OpType = "Constant" };
                constant.Output.Add(tensor.Name);
                constant.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeType.Tensor, T = tensor });
                constants.Add(constant);
            }
            graph.Initializer.Clear();
            graph.Node.InsertRange(0, constants);
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("constants.onnx");
            File.WriteAllBytes(path, model.ToBytes());

            CheckFloat(new OnnxReluFloatNet(), "relu_bias_float_op13", expectedFile: null, path: path);
        }

        [Fact]
        public void FloatModel_IntoDoubleNetwork_IsWidenedExactly()
        {
            // PyTorch computed in float; the double network computes with the same (widened) weights in double.
            var net = new OnnxReluDoubleNet();
            net.LoadOnnx(Reference("relu_bias_float_op13.onnx"));
            double[] x = Npy("relu_bias_float_op13.input.npy");
            double error = RelativeError(net.Forward(x), Npy("relu_bias_float_op13.output.npy"));
            Assert.True(error <= FloatTolerance, $"relative error {error}");
            Assert.Equal((double)new OnnxReluFloatNetLoaded("relu_bias_float_op13").W1[0], net.W1[0]);
        }

        [Fact]
        public void DoubleModel_IntoFloatNetwork_IsRoundedToNearest()
        {
            var net = new OnnxReluFloatNet();
            net.LoadOnnx(Reference("relu_bias_double_op17.onnx"));
            var wide = new OnnxReluDoubleNet();
            wide.LoadOnnx(Reference("relu_bias_double_op17.onnx"));
            for (int i = 0; i < wide.W1.Length; i++)
            {
                Assert.Equal((float)wide.W1[i], net.W1[i]);
            }
            double error = RelativeError(ToDouble(net.Forward(ToSingle(Npy("relu_bias_double_op17.input.npy")))), Npy("relu_bias_double_op17.output.npy"));
            Assert.True(error <= FloatTolerance, $"relative error {error}");
        }

        [Fact]
        public void GemmTransB1_WeightsArrive_TransposedIntoTheNetworksLayout()
        {
            // PyTorch's Linear(5, 7).weight is (7, 5); the network's W1 is (5, 7): W1[i, j] = weight[j, i].
            var transB1 = new OnnxReluFloatNetLoaded("relu_bias_float_op13");
            var transB0 = new OnnxReluFloatNetLoaded("gemm_transb0_float_op13");
            Assert.Equal(transB1.W1.ToArray(), transB0.W1.ToArray());
            Assert.Equal(transB1.W2.ToArray(), transB0.W2.ToArray());
        }

        private static void CheckFloat(IOnnxFloatNet net, string model, string? data = null, string? expectedFile = null, string? path = null)
        {
            FillParameters(net, 3);
            net.LoadOnnx(path ?? Reference(model + ".onnx"));
            data ??= model;
            float[] x = ToSingle(Npy(data + ".input.npy"));
            double[] expected = Npy(expectedFile ?? data + ".output.npy");
            double error = RelativeError(ToDouble(net.Forward(x)), expected);
            Assert.True(error <= FloatTolerance, $"{model}: largest difference {error} of the largest output");

            var predicted = new float[expected.Length];
            net.Predict(x, predicted);
            error = RelativeError(ToDouble(predicted), expected);
            Assert.True(error <= FloatTolerance, $"{model}: Predict's largest difference {error} of the largest output");
            int inputs = x.Length / Rows;
            int outputs = expected.Length / Rows;
            for (int row = 0; row < Rows; row++)
            {
                var one = new float[outputs];
                net.Predict(x.AsSpan(row * inputs, inputs), one);
                error = RelativeError(ToDouble(one), expected.AsSpan(row * outputs, outputs));
                Assert.True(error <= FloatTolerance, $"{model}: Predict of row {row} alone differs by {error}");
            }
        }

        /// <summary>The rows of every reference input (make_onnx_refs.py's ROWS).</summary>
        private const int Rows = 5;

        private static void CheckDouble(IOnnxDoubleNet net, string model, string? data = null)
        {
            FillParameters(net, 3);
            net.LoadOnnx(Reference(model + ".onnx"));
            data ??= model;
            double[] x = Npy(data + ".input.npy");
            double[] expected = Npy(data + ".output.npy");
            double error = RelativeError(net.Forward(x), expected);
            Assert.True(error <= DoubleTolerance, $"{model}: largest difference {error} of the largest output");

            var predicted = new double[expected.Length];
            net.Predict(x, predicted);
            error = RelativeError(predicted, expected);
            Assert.True(error <= DoubleTolerance, $"{model}: Predict's largest difference {error} of the largest output");
            int inputs = x.Length / Rows;
            int outputs = expected.Length / Rows;
            for (int row = 0; row < Rows; row++)
            {
                var one = new double[outputs];
                net.Predict(x.AsSpan(row * inputs, inputs), one);
                error = RelativeError(one, expected.AsSpan(row * outputs, outputs));
                Assert.True(error <= DoubleTolerance, $"{model}: Predict of row {row} alone differs by {error}");
            }
        }

        /// <summary>A float network with a reference model loaded.</summary>
        private sealed class OnnxReluFloatNetLoaded
        {
            private readonly OnnxReluFloatNet _net = new();

            public OnnxReluFloatNetLoaded(string model) => _net.LoadOnnx(Reference(model + ".onnx"));

            public Span<float> W1 => _net.W1;

            public Span<float> W2 => _net.W2;
        }
    }
}
