using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NetGen.NumPy;
using Xunit;
using static NetGen.Tests.Onnx.OnnxTestFiles;

namespace NetGen.Tests.Onnx
{
    /// <summary>
    /// <c>SaveOnnx</c> of every network in <c>snapshots/</c>: ONNX Runtime runs the file and gives <c>Forward</c>'s
    /// outputs (within 1e-5 of the largest output for float networks, 1e-12 for double ones), also for fewer rows than
    /// the batch; a cross-entropy network's <c>probabilities</c> output is the softmax of its logits; <c>LoadOnnx</c>
    /// of the file restores every parameter bit for bit; and <c>onnx.checker</c> (python3-onnx) accepts every file.
    /// </summary>
    public sealed class OnnxRuntimeTests
    {
        private const double FloatTolerance = 1e-5;
        private const double DoubleTolerance = 1e-12;

        public static TheoryData<string> Networks()
        {
            var data = new TheoryData<string>();
            foreach (var network in SnapshotNetworks.All)
            {
                data.Add(network.FullName);
            }
            return data;
        }

        [Fact]
        public void EverySnapshotNetwork_IsDeclaredHere()
        {
            Assert.Equal(SnapshotNetworks.ApprovedSnapshotNetworks(), SnapshotNetworks.All.Select(n => n.FullName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void SaveOnnx_RunsInOnnxRuntime_WithForwardsOutputs(string fullName)
        {
            object net = SnapshotNetworks.Create(fullName);
            (int batch, int inputs, int outputs) = SnapshotNetworks.Sizes(net);
            bool crossEntropy = SnapshotNetworks.All.Single(n => n.FullName == fullName).Source.Contains("SoftmaxCrossEntropyLoss");
            FillParameters(net, 11);
            var x = new double[batch * inputs];
            new LegacyRandom(12).StandardNormal(x);

            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("model.onnx");
            double[] forward;
            double tolerance;
            if (net is IOnnxFloatNet single)
            {
                // Predict: Forward's rows bit for bit, and inference (no dropout) for the networks with [Dropout].
                float[] predicted = new float[batch * outputs];
                single.Predict(ToSingle(x), predicted);
                forward = ToDouble(predicted);
                single.SaveOnnx(path);
                tolerance = FloatTolerance;
            }
            else
            {
                var wide = (IOnnxDoubleNet)net;
                forward = new double[batch * outputs];
                wide.Predict(x, forward);
                wide.SaveOnnx(path);
                tolerance = DoubleTolerance;
            }

            using var session = new InferenceSession(path);
            Assert.Equal(new[] { "input" }, session.InputMetadata.Keys.ToArray());
            Assert.Equal(crossEntropy ? new[] { "output", "probabilities" } : new[] { "output" }, session.OutputMetadata.Keys.ToArray());
            foreach (int rows in new[] { batch, Math.Max(1, batch / 2 - 1) })
            {
                Dictionary<string, double[]> results = Run(session, net is IOnnxFloatNet, x.AsSpan(0, rows * inputs).ToArray(), rows, inputs);
                double[] expected = forward.AsSpan(0, rows * outputs).ToArray();
                double error = RelativeError(results["output"], expected);
                Assert.True(error <= tolerance, $"{fullName}, {rows} rows: ONNX Runtime's output differs from Forward's by {error} of the largest output");
                if (crossEntropy)
                {
                    double probabilityError = RelativeError(results["probabilities"], Softmax(expected, outputs));
                    Assert.True(probabilityError <= tolerance, $"{fullName}, {rows} rows: probabilities differ from softmax(Forward) by {probabilityError}");
                }
            }
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void SaveOnnx_ThenLoadOnnx_RestoresEveryParameterExactly(string fullName)
        {
            object saved = SnapshotNetworks.Create(fullName);
            FillParameters(saved, 21);
            object loaded = SnapshotNetworks.Create(fullName);
            FillParameters(loaded, 22);
            Assert.NotEqual(ParameterBits(saved), ParameterBits(loaded));

            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("model.onnx");
            if (saved is IOnnxFloatNet single)
            {
                single.SaveOnnx(path);
                ((IOnnxFloatNet)loaded).LoadOnnx(path);
            }
            else
            {
                ((IOnnxDoubleNet)saved).SaveOnnx(path);
                ((IOnnxDoubleNet)loaded).LoadOnnx(path);
            }

            Assert.Equal(ParameterBits(saved), ParameterBits(loaded));
        }

        [Theory]
        [InlineData("relu_bias_float_op13")]
        [InlineData("sigmoid_nobias_float_op9")]
        [InlineData("tanh_bias_double_op17")]
        [InlineData("leaky_nobias_double_op13")]
        [InlineData("matmul_add_float_op13")]
        public void PyTorchsModel_ThroughNetGen_RunsInOnnxRuntime_WithPyTorchsOutputs(string model)
        {
            // PyTorch → LoadOnnx → SaveOnnx → ONNX Runtime: NetGen's file computes what PyTorch's model computed.
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("resaved.onnx");
            bool single = model.Contains("_float_", StringComparison.Ordinal);
            IOnnxFloatNet? floatNet = model switch
            {
                "relu_bias_float_op13" or "matmul_add_float_op13" => new OnnxReluFloatNet(),
                "sigmoid_nobias_float_op9" => new OnnxSigmoidNoBiasFloatNet(),
                _ => null,
            };
            IOnnxDoubleNet? doubleNet = model switch
            {
                "tanh_bias_double_op17" => new OnnxTanhDoubleNet(),
                "leaky_nobias_double_op13" => new OnnxLeakyNoBiasDoubleNet(),
                _ => null,
            };
            if (single)
            {
                floatNet!.LoadOnnx(Reference(model + ".onnx"));
                floatNet.SaveOnnx(path);
            }
            else
            {
                doubleNet!.LoadOnnx(Reference(model + ".onnx"));
                doubleNet.SaveOnnx(path);
            }
            double[] x = Npy(model + ".input.npy");
            double[] expected = Npy(model + ".output.npy");
            using var session = new InferenceSession(path);
            int rows = 5;
            Dictionary<string, double[]> results = Run(session, single, x, rows, x.Length / rows);
            double error = RelativeError(results["output"], expected);
            // ONNX's LeakyRelu alpha is a float attribute: PyTorch's float64 model used 0.1 itself, ONNX Runtime uses
            // (float)0.1 = 0.100000001490116..., 1.5e-8 relative on the negative side, so that model matches within 1e-8.
            double tolerance = single ? FloatTolerance : model.Contains("leaky", StringComparison.Ordinal) ? 1e-8 : DoubleTolerance;
            Assert.True(error <= tolerance, $"{model}: ONNX Runtime differs from PyTorch by {error} of the largest output");

            // PyTorch's own file in ONNX Runtime gives the same outputs as NetGen's file. (Not for the opset-13 float64
            // LeakyRelu: ONNX Runtime 1.31 implements LeakyRelu for DOUBLE only from opset 16; SaveOnnx writes opset 17.)
            if (model == "leaky_nobias_double_op13")
            {
                return;
            }
            using var original = new InferenceSession(Reference(model + ".onnx"));
            string outputName = original.OutputMetadata.Keys.Single();
            Dictionary<string, double[]> direct = Run(original, single, x, rows, x.Length / rows);
            Assert.True(RelativeError(results["output"], direct[outputName]) <= (single ? FloatTolerance : DoubleTolerance),
                $"{model}: ONNX Runtime runs NetGen's file and PyTorch's differently");
        }

        [Fact]
        public void SaveOnnx_FilesPassOnnxChecker()
        {
            using var directory = new OnnxTemporaryDirectory();
            var paths = new List<string>();
            foreach (var network in SnapshotNetworks.All)
            {
                object net = SnapshotNetworks.Create(network.FullName);
                FillParameters(net, 31);
                string path = directory.File(network.FullName + ".onnx");
                if (net is IOnnxFloatNet single)
                {
                    single.SaveOnnx(path);
                }
                else
                {
                    ((IOnnxDoubleNet)net).SaveOnnx(path);
                }
                paths.Add(path);
            }

            (int exitCode, string output) = OnnxChecker.Check(paths);

            Assert.True(exitCode == 0, $"onnx.checker refused a file SaveOnnx wrote:\n{output}");
            foreach (string path in paths)
            {
                Assert.Contains("checked " + path, output);
            }
        }

        [Fact]
        public void OnnxChecker_RefusesAnInvalidModel()
        {
            // The check above can fail: the same checker refuses a model whose Gemm reads an input no one defines.
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("invalid.onnx");
            var net = new OnnxReluFloatNet();
            net.SaveOnnx(path);
            byte[] bytes = File.ReadAllBytes(path);
            ReplaceAscii(bytes, "Y1", "Z1"); // the first Gemm now writes "Z1", so nothing computes the "Y1" the Relu reads
            File.WriteAllBytes(path, bytes);

            (int exitCode, string output) = OnnxChecker.Check(new[] { path });

            Assert.NotEqual(0, exitCode);
            Assert.True(output.Contains("ValidationError") && output.Contains("layer2_Relu"), output);
        }

        private static void ReplaceAscii(byte[] bytes, string from, string to)
        {
            byte[] pattern = System.Text.Encoding.ASCII.GetBytes(from);
            for (int i = 0; i + pattern.Length <= bytes.Length; i++)
            {
                if (bytes.AsSpan(i, pattern.Length).SequenceEqual(pattern))
                {
                    System.Text.Encoding.ASCII.GetBytes(to).CopyTo(bytes, i);
                    return;
                }
            }
            throw new InvalidOperationException($"'{from}' is not in the model.");
        }

        private static Dictionary<string, double[]> Run(InferenceSession session, bool single, double[] x, int rows, int inputs)
        {
            NamedOnnxValue input = single
                ? NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(ToSingle(x), new[] { rows, inputs }))
                : NamedOnnxValue.CreateFromTensor("input", new DenseTensor<double>(x, new[] { rows, inputs }));
            using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(new[] { input });
            var outputs = new Dictionary<string, double[]>();
            foreach (DisposableNamedOnnxValue result in results)
            {
                int[] dimensions = single ? result.AsTensor<float>().Dimensions.ToArray() : result.AsTensor<double>().Dimensions.ToArray();
                Assert.Equal(rows, dimensions[0]);
                outputs[result.Name] = single
                    ? result.AsEnumerable<float>().Select(v => (double)v).ToArray()
                    : result.AsEnumerable<double>().ToArray();
            }
            return outputs;
        }

        private static double[] Softmax(double[] logits, int classes)
        {
            var probabilities = new double[logits.Length];
            for (int row = 0; row < logits.Length / classes; row++)
            {
                ReadOnlySpan<double> z = logits.AsSpan(row * classes, classes);
                double max = z.ToArray().Max();
                double sum = 0;
                for (int j = 0; j < classes; j++)
                {
                    sum += Math.Exp(z[j] - max);
                }
                for (int j = 0; j < classes; j++)
                {
                    probabilities[row * classes + j] = Math.Exp(z[j] - max) / sum;
                }
            }
            return probabilities;
        }
    }

    /// <summary>Runs <c>onnx.checker.check_model</c> (Debian's python3-onnx, installed by .ci/install) on files.</summary>
    internal static class OnnxChecker
    {
        private const string Script =
            "import sys, onnx\n" +
            "for path in sys.argv[1:]:\n" +
            "    onnx.checker.check_model(onnx.load(path), full_check=True)\n" +
            "    print('checked ' + path)\n";

        public static (int ExitCode, string Output) Check(IEnumerable<string> paths)
        {
            // Debian's interpreter first: python3-onnx installs the module for it, whatever else is on PATH.
            string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            foreach (string path in paths)
            {
                start.ArgumentList.Add(path);
            }
            using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start.");
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            string all = output + error.Result;
            if (all.Contains("No module named 'onnx'"))
            {
                throw new InvalidOperationException($"{python} has no onnx module: install Debian's python3-onnx (.ci/install does).\n{all}");
            }
            return (process.ExitCode, all);
        }
    }
}
