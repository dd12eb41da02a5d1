using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using NetGen.NumPy;

namespace NetGen.Benchmarks
{
    /// <summary>A double regression network of another shape than Fashion's: Tanh, 50 hidden units, 5 outputs.</summary>
    [Network(BatchSize = 32)]
    [Dense(300, 50, Bias = true)]
    [Tanh]
    [Dense(50, 5, Bias = true)]
    [SquaredErrorLoss]
    public partial class Tanh300Net
    {
    }

    /// <summary>
    /// Serving latency: <c>Predict</c> of 1, 8 and 64 rows beside ONNX Runtime running the same weights (the model
    /// <c>SaveOnnx</c> writes), both on one thread of the same process, over buffers allocated once. ONNX Runtime is
    /// the baseline, so the Ratio column is NetGen's time over ONNX Runtime's. Networks: Fashion-MNIST's
    /// 784-256-128-10 float32 ReLU with biases, question 7's 1000-100-10 double ReLU, and a 300-50-5 double Tanh.
    /// </summary>
    [MemoryDiagnoser]
    public class PredictBenchmarks
    {
        private Action _predict = null!;
        private InferenceSession _session = null!;
        private RunOptions _runOptions = null!;
        private OrtValue _input = null!;
        private OrtValue _output = null!;
        private string[] _inputNames = null!;
        private string[] _outputNames = null!;
        private OrtValue[] _inputs = null!;
        private OrtValue[] _outputs = null!;
        private string _modelPath = "";

        [Params("fashion-float", "q7-double", "tanh-double")]
        public string Network { get; set; } = "";

        [Params(1, 8, 64)]
        public int Rows { get; set; }

        [GlobalSetup]
        public void Setup()
        {
            _modelPath = Path.Combine(Path.GetTempPath(), $"netgen-predict-{Network}-{Environment.ProcessId}.onnx");
            var random = new LegacyRandom(1);
            switch (Network)
            {
                case "fashion-float":
                {
                    var net = new FashionOneThreadNet();
                    net.InitializeHe(1);
                    Fill(net.B1, random, 0.1);
                    Fill(net.B2, random, 0.1);
                    Fill(net.B3, random, 0.1);
                    net.SaveOnnx(_modelPath);
                    float[] x = Floats(Rows * FashionOneThreadNet.InputSize, random);
                    float[] y = new float[Rows * FashionOneThreadNet.OutputSize];
                    _predict = () => net.Predict(x, y);
                    OpenSession(OrtValue.CreateTensorValueFromMemory(x, new long[] { Rows, FashionOneThreadNet.InputSize }),
                        OrtValue.CreateTensorValueFromMemory(new float[y.Length], new long[] { Rows, FashionOneThreadNet.OutputSize }));
                    break;
                }
                case "q7-double":
                {
                    var net = new Question7Net();
                    random.StandardNormal(net.W1);
                    random.StandardNormal(net.W2);
                    net.SaveOnnx(_modelPath);
                    double[] x = Doubles(Rows * Question7Net.InputSize, random);
                    double[] y = new double[Rows * Question7Net.OutputSize];
                    _predict = () => net.Predict(x, y);
                    OpenSession(OrtValue.CreateTensorValueFromMemory(x, new long[] { Rows, Question7Net.InputSize }),
                        OrtValue.CreateTensorValueFromMemory(new double[y.Length], new long[] { Rows, Question7Net.OutputSize }));
                    break;
                }
                case "tanh-double":
                {
                    var net = new Tanh300Net();
                    net.InitializeXavier(1);
                    Fill(net.B1, random, 0.1);
                    Fill(net.B2, random, 0.1);
                    net.SaveOnnx(_modelPath);
                    double[] x = Doubles(Rows * Tanh300Net.InputSize, random);
                    double[] y = new double[Rows * Tanh300Net.OutputSize];
                    _predict = () => net.Predict(x, y);
                    OpenSession(OrtValue.CreateTensorValueFromMemory(x, new long[] { Rows, Tanh300Net.InputSize }),
                        OrtValue.CreateTensorValueFromMemory(new double[y.Length], new long[] { Rows, Tanh300Net.OutputSize }));
                    break;
                }
                default:
                    throw new ArgumentException($"Unknown network '{Network}'.");
            }
            _predict();
            OnnxRuntime();
        }

        private void OpenSession(OrtValue input, OrtValue output)
        {
            var options = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            _session = new InferenceSession(_modelPath, options);
            _runOptions = new RunOptions();
            _input = input;
            _output = output;
            _inputNames = new[] { "input" };
            // The first output: the network's output (a cross-entropy network's logits).
            _outputNames = new[] { "output" };
            _inputs = new[] { _input };
            _outputs = new[] { _output };
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _session?.Dispose();
            _runOptions?.Dispose();
            _input?.Dispose();
            _output?.Dispose();
            File.Delete(_modelPath);
        }

        [Benchmark]
        public void NetGenPredict() => _predict();

        [Benchmark(Baseline = true)]
        public void OnnxRuntime() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

        private static void Fill(Span<float> values, LegacyRandom random, double scale)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)(random.StandardNormal() * scale);
            }
        }

        private static void Fill(Span<double> values, LegacyRandom random, double scale)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = random.StandardNormal() * scale;
            }
        }

        private static float[] Floats(int length, LegacyRandom random)
        {
            var values = new float[length];
            Fill(values, random, 1);
            return values;
        }

        private static double[] Doubles(int length, LegacyRandom random)
        {
            var values = new double[length];
            random.StandardNormal(values);
            return values;
        }
    }
}
