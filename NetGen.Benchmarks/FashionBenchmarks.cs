using System;
using BenchmarkDotNet.Attributes;
using NetGen.NumPy;

namespace NetGen.Benchmarks
{
    /// <summary>The Fashion-MNIST network of <c>NetGen.Sample fashion</c>: 784-256-128-10, ReLU, biases, Adam, float32, TrainStep on one thread.</summary>
    [Network(BatchSize = 64, Precision = Precision.Single)]
    [Dense(784, 256, Bias = true)]
    [ReLU]
    [Dense(256, 128, Bias = true)]
    [ReLU]
    [Dense(128, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class FashionOneThreadNet
    {
    }

    /// <summary>The same network with TrainStep on two threads.</summary>
    [Network(BatchSize = 64, Precision = Precision.Single, Threads = 2)]
    [Dense(784, 256, Bias = true)]
    [ReLU]
    [Dense(256, 128, Bias = true)]
    [ReLU]
    [Dense(128, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class FashionTwoThreadNet
    {
    }

    /// <summary>
    /// One Adam TrainStep of the Fashion-MNIST network on one and on two threads, cycling through 16 batches of
    /// image-like inputs (half the pixels 0, the rest uniform in [0, 1)) and random labels, as training feeds it new
    /// data every step. bench/fashion_side_by_side times the whole 10-epoch run against NumPy.
    /// </summary>
    [MemoryDiagnoser]
    public class FashionStepBenchmarks
    {
        private const int Batches = 16;
        private readonly float[][] _x = new float[Batches][];
        private readonly int[][] _labels = new int[Batches][];
        private FashionOneThreadNet _one = null!;
        private FashionTwoThreadNet _two = null!;
        private int _next;

        [Params("fashion-step-1-thread", "fashion-step-2-threads")]
        public string Workload { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            var random = new LegacyRandom(0);
            for (int b = 0; b < Batches; b++)
            {
                _x[b] = new float[64 * 784];
                _labels[b] = new int[64];
                for (int e = 0; e < _x[b].Length; e++)
                {
                    double u = random.NextDouble();
                    _x[b][e] = u < 0.5 ? 0f : (float)random.NextDouble();
                }
                for (int n = 0; n < 64; n++)
                {
                    _labels[b][n] = (int)random.RandInt(0, 10);
                }
            }
            _one = new FashionOneThreadNet();
            _one.InitializeHe(1);
            _two = new FashionTwoThreadNet();
            _two.InitializeHe(1);
        }

        [Benchmark(Description = "TrainStep")]
        public double TrainStep()
        {
            int b = _next++ % Batches;
            return Workload == "fashion-step-2-threads"
                ? _two.TrainStep(_x[b], _labels[b], 1e-3)
                : _one.TrainStep(_x[b], _labels[b], 1e-3);
        }
    }
}
