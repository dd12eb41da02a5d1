using System;
using System.IO;
using NetGen.Onnx;
using Xunit;
using static NetGen.Tests.Onnx.OnnxTestFiles;

namespace NetGen.Tests.Onnx
{
    /// <summary>
    /// Malformed files and models that differ from the declaration: <c>LoadOnnx</c> throws an
    /// <see cref="OnnxFormatException"/> whose message names the file and the problem (the ONNX node and the NetGen
    /// layer for a mismatch), and the network keeps every parameter. The models are PyTorch's exports, some changed
    /// with the onnx package (References/onnx/bad, see make_onnx_refs.py), some changed here byte by byte.
    /// </summary>
    public sealed class LoadOnnxErrorTests
    {
        [Theory]
        [InlineData("bad/unknown_operator_elu", "ONNX node '/1/Relu' (Elu) is operator 'Elu', which NetGen does not support")]
        [InlineData("bad/float16_weights", "initializer '0.weight' (used by ONNX node '/0/Gemm' (Gemm)) as FLOAT16 values; NetGen reads FLOAT and DOUBLE")]
        [InlineData("bad/int64_weights", "initializer '0.weight' (used by ONNX node '/0/Gemm' (Gemm)) as INT64 values")]
        [InlineData("bad/gemm_alpha_2", "ONNX node '/0/Gemm' (Gemm) has alpha = 2, which scales the product")]
        [InlineData("bad/short_raw_data", "gives initializer '0.weight' (used by ONNX node '/0/Gemm' (Gemm)) of shape (7, 5) 136 bytes of raw_data, but 35 FLOAT values take 140")]
        [InlineData("bad/weight_as_input", "has 2 graph inputs that are not initializers ('input', '0.weight')")]
        public void MalformedOrUnsupportedFile_IsRefused(string model, string expected) =>
            AssertRefused(new OnnxReluFloatNet(), Reference(model + ".onnx"), expected);

        [Fact]
        public void WrongLayerSize_NamesTheNodeAndTheLayer() => AssertRefused(
            new OnnxWrongSizeNet(), Reference("relu_bias_float_op13.onnx"),
            "does not match OnnxWrongSizeNet: ONNX node '/0/Gemm' (Gemm) is a Dense layer with 5 inputs and 7 outputs and a bias (weight '0.weight' of shape (7, 5) with transB = 1, bias '0.bias' of shape (7)), but layer 1 of OnnxWrongSizeNet is [Dense(5, 8, Bias = true)].");

        [Fact]
        public void WrongInputSize_NamesTheGraphInput() => AssertRefused(
            new OnnxWrongInputNet(), Reference("relu_bias_float_op13.onnx"),
            "graph input 'input' has shape (batch, 5), 5 features per row, but layer 1 of OnnxWrongInputNet, [Dense(6, 7, Bias = true)], takes 6.");

        [Fact]
        public void WrongActivation_NamesTheNodeAndTheLayer() => AssertRefused(
            new OnnxWrongActivationNet(), Reference("relu_bias_float_op13.onnx"),
            "ONNX node '/1/Relu' (Relu) is a ReLU, but layer 2 of OnnxWrongActivationNet is [Tanh].");

        [Fact]
        public void BiasInTheModel_ButNotDeclared() => AssertRefused(
            new OnnxMissingBiasNet(), Reference("relu_bias_float_op13.onnx"),
            "ONNX node '/2/Gemm' (Gemm) adds a bias ('2.bias'), but layer 3 of OnnxMissingBiasNet is [Dense(7, 3)], which has none (declare Bias = true to load it).");

        [Fact]
        public void BiasDeclared_ButMissingFromTheModel() => AssertRefused(
            new OnnxSigmoidDoubleNet(), Reference("sigmoid_nobias_float_op9.onnx"),
            "ONNX node '/0/MatMul' (MatMul) has no bias, but layer 1 of OnnxSigmoidDoubleNet is [Dense(4, 6, Bias = true)], which adds one");

        [Fact]
        public void FewerLayersInTheModel_NamesTheFirstLayerWithoutANode() => AssertRefused(
            new OnnxExtraLayerNet(), Reference("relu_bias_float_op13.onnx"),
            "the ONNX graph ends after ONNX node '/2/Gemm' (Gemm), but OnnxExtraLayerNet declares 5 layers: layer 4, [ReLU], has no node in the model.");

        [Fact]
        public void MoreLayersInTheModel_NamesTheFirstNodeWithoutALayer() => AssertRefused(
            new OnnxTooFewLayersNet(), Reference("relu_bias_float_op13.onnx"),
            "ONNX node '/1/Relu' (Relu) is a ReLU, after the node of OnnxTooFewLayersNet's last layer (layer 1, [Dense(5, 7, Bias = true)]): the model has more layers than the 1 OnnxTooFewLayersNet declares.");

        [Fact]
        public void WrongLeakyReluAlpha() => AssertRefused(
            new OnnxWrongAlphaNet(), Reference("leaky_bias_float_op17.onnx"),
            "ONNX node '/1/LeakyRelu' (LeakyRelu) is a LeakyReLU with alpha 0.1, but layer 2 of OnnxWrongAlphaNet is [LeakyReLU(0.2)]");

        [Fact]
        public void SoftmaxIntoASquaredErrorNetwork_IsRefused()
        {
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("classifier.onnx");
            var classifier = new OnnxClassifierFloatNet();
            classifier.SaveOnnx(path); // Gemm, Relu, Gemm, then Softmax for the probabilities output
            var squaredError = new OnnxClassifierSquaredErrorNet();
            AssertRefused(squaredError, path, "ONNX node 'probabilities_Softmax' (Softmax) ends the model with a Softmax, but OnnxClassifierSquaredErrorNet has a squared-error loss");
        }

        [Fact]
        public void EveryTruncation_IsRefused()
        {
            byte[] bytes = File.ReadAllBytes(Reference("relu_bias_float_op13.onnx"));
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("truncated.onnx");
            var net = new OnnxReluFloatNet();
            FillParameters(net, 5);
            long[] before = ParameterBits(net);
            for (int length = 0; length < bytes.Length; length++)
            {
                File.WriteAllBytes(path, bytes.AsSpan(0, length).ToArray());
                OnnxFormatException error = Assert.Throws<OnnxFormatException>(() => net.LoadOnnx(path));
                Assert.StartsWith(path, error.Message);
                Assert.Equal(before, ParameterBits(net));
            }
        }

        [Fact]
        public void TruncatedInsideTheGraph_SaysWhereTheDataEnds()
        {
            byte[] bytes = File.ReadAllBytes(Reference("relu_bias_float_op13.onnx"));
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("truncated.onnx");
            File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());
            // The file: ir_version, producer_name, producer_version, then the graph (field 7): 680 bytes from byte 22.
            AssertRefused(new OnnxReluFloatNet(), path,
                "is not a valid ONNX model: ModelProto: field 7 of ModelProto says it holds 680 bytes from byte 22, but only 331 remain (the file is truncated or corrupted).");
        }

        [Fact]
        public void EmptyFile_IsRefused()
        {
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("empty.onnx");
            File.WriteAllBytes(path, Array.Empty<byte>());
            AssertRefused(new OnnxReluFloatNet(), path, "is empty");
        }

        [Fact]
        public void NpyFile_IsNotAnOnnxModel()
        {
            AssertRefused(new OnnxReluFloatNet(), Reference("relu_bias_float_op13.input.npy"), "is not a valid ONNX model");
        }

        [Fact]
        public void OpsetOutsideNineToEighteen_IsRefused()
        {
            ModelProto model = ModelProto.Parse(File.ReadAllBytes(Reference("relu_bias_float_op13.onnx")));
            model.OpsetImport[0].Version = 8;
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("opset8.onnx");
            File.WriteAllBytes(path, model.ToBytes());
            AssertRefused(new OnnxReluFloatNet(), path, "uses version 8 of the default operator set; NetGen reads versions 9 to 18");
        }

        [Fact]
        public void HigherRankInput_WithoutFlatten_IsRefused()
        {
            ModelProto model = ModelProto.Parse(File.ReadAllBytes(Reference("relu_bias_float_op13.onnx")));
            model.Graph!.Input[0].Shape!.Insert(1, new Dimension { Value = 1 });
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("rank3.onnx");
            File.WriteAllBytes(path, model.ToBytes());
            AssertRefused(new OnnxReluFloatNet(), path, "ONNX node '/0/Gemm' (Gemm) multiplies a rank-3 tensor; a Flatten(axis = 1) must make the input (batch, features) first.");
        }

        [Fact]
        public void ExternalData_IsRefused()
        {
            ModelProto model = ModelProto.Parse(File.ReadAllBytes(Reference("relu_bias_float_op13.onnx")));
            TensorProto weight = model.Graph!.Initializer[0];
            weight.RawData = null;
            weight.IsExternal = true; // data_location = EXTERNAL: the values would be in another file
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("external.onnx");
            File.WriteAllBytes(path, model.ToBytes());
            AssertRefused(new OnnxReluFloatNet(), path, "stores initializer '0.weight' (used by ONNX node '/0/Gemm' (Gemm)) in an external file");
        }

        [Fact]
        public void DoubleBeyondFloatsRange_IsRefusedByAFloatNetwork()
        {
            var wide = new OnnxTinyDoubleNet();
            wide.W1[3] = 1e300;
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("huge.onnx");
            wide.SaveOnnx(path);
            AssertRefused(new OnnxTinyFloatNet(), path, "initializer 'W1' holds 1E+300 at flat index 3, beyond the range of float; OnnxTinyFloatNet is a single-precision network.");
        }

        [Fact]
        public void MissingFile_ThrowsFileNotFound()
        {
            var net = new OnnxReluFloatNet();
            Assert.Throws<FileNotFoundException>(() => net.LoadOnnx(Path.Combine(Path.GetTempPath(), "netgen-no-such-model.onnx")));
            Assert.Throws<ArgumentNullException>(() => net.LoadOnnx(null!));
        }

        [Fact]
        public void CorruptedBytes_AreRefusedOrRead_NeverAnotherException()
        {
            // Every single-byte change of a valid model either still loads or throws OnnxFormatException; a failed
            // load leaves the parameters as they were.
            byte[] bytes = File.ReadAllBytes(Reference("relu_bias_float_op13.onnx"));
            var net = new OnnxReluFloatNet();
            int refused = 0;
            foreach (byte replacement in new byte[] { 0x00, 0xFF, 0x7F, 0x80 })
            {
                for (int i = 0; i < bytes.Length; i++)
                {
                    byte[] corrupted = (byte[])bytes.Clone();
                    corrupted[i] = replacement;
                    FillParameters(net, 9);
                    long[] before = ParameterBits(net);
                    try
                    {
                        OnnxMlp.ReadSingle(corrupted, Describe(), "corrupted.onnx");
                    }
                    catch (OnnxFormatException)
                    {
                        refused++;
                        Assert.Equal(before, ParameterBits(net));
                    }
                }
            }
            Assert.True(refused > bytes.Length, $"only {refused} of {4 * bytes.Length} corrupted models were refused");
        }

        private static MlpDescription Describe() => new(
            "OnnxReluFloatNet", MlpElementType.Float, crossEntropy: false,
            MlpLayer.Dense(5, 7, bias: true), MlpLayer.Relu(), MlpLayer.Dense(7, 3, bias: true));

        private static void AssertRefused(object net, string path, string expected)
        {
            FillParameters(net, 7);
            long[] before = ParameterBits(net);
            OnnxFormatException error = Assert.Throws<OnnxFormatException>(() =>
            {
                if (net is IOnnxFloatNet single)
                {
                    single.LoadOnnx(path);
                }
                else
                {
                    ((IOnnxDoubleNet)net).LoadOnnx(path);
                }
            });
            Assert.StartsWith(path, error.Message);
            Assert.Contains(expected, error.Message);
            Assert.Equal(before, ParameterBits(net));
        }
    }
}
