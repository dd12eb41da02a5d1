using System;
using BenchmarkDotNet.Attributes;
using NetGen.NumPy;

namespace NetGen.Benchmarks
{
    /// <summary>A large float32 network: 256 examples, 4096-4096-4096-10, ReLU, no biases, Adam, TrainStep on one thread.</summary>
    [Network(BatchSize = 256, Precision = Precision.Single)]
    [Dense(4096, 4096)]
    [ReLU]
    [Dense(4096, 4096)]
    [ReLU]
    [Dense(4096, 10)]
    [SoftmaxCrossEntropyLoss]
    [Adam(Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
    public partial class Adam4096OneThreadNet
    {
    }

    /// <summary>The same network with TrainStep on two threads.</summary>
    [Network(BatchSize = 256, Precision = Precision.Single, Threads = 2)]
    [Dense(4096, 4096)]
    [ReLU]
    [Dense(4096, 4096)]
    [ReLU]
    [Dense(4096, 10)]
    [SoftmaxCrossEntropyLoss]
    [Adam(Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
    public partial class Adam4096TwoThreadNet
    {
    }

    /// <summary>
    /// One Adam TrainStep of 256 × 4096-4096-4096-10 in float32 on one and on two threads: 43.0 GFLOP of matrix
    /// products per step, with 33.6 million parameters (134 MB, and three times as much again in gradients and Adam's
    /// moments) streamed through every step. bench/torch_bench.py times the same step in PyTorch
    /// (<c>adam-4096</c>). The inputs are standard normal, the labels uniform over the 10 classes, the weights He
    /// uniform (seed 1). The learning rate is small (1e-6) so that the repeated batch is not learned during the
    /// benchmark: the logits stay moderate and the softmax far from the subnormal range, whatever the number of steps.
    /// <c>dotnet run -c Release --project NetGen.Benchmarks -- --filter '*LargeAdam*'</c>
    /// </summary>
    [MemoryDiagnoser]
    public class LargeAdamBenchmarks
    {
        private const int Batch = 256;
        private float[] _x = null!;
        private int[] _labels = null!;
        private Func<double> _step = null!;

        [Params("adam-4096-1-thread", "adam-4096-2-threads")]
        public string Workload { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            var random = new LegacyRandom(0);
            _x = new float[Batch * 4096];
            for (int e = 0; e < _x.Length; e++)
            {
                _x[e] = (float)random.StandardNormal();
            }
            _labels = new int[Batch];
            for (int n = 0; n < Batch; n++)
            {
                _labels[n] = (int)random.RandInt(0, 10);
            }
            // Only the network this case times: each holds about 540 MB.
            switch (Workload)
            {
                case "adam-4096-1-thread":
                {
                    var net = new Adam4096OneThreadNet();
                    net.InitializeHe(1);
                    _step = () => net.TrainStep(_x, _labels, 1e-6);
                    break;
                }
                case "adam-4096-2-threads":
                {
                    var net = new Adam4096TwoThreadNet();
                    net.InitializeHe(1);
                    _step = () => net.TrainStep(_x, _labels, 1e-6);
                    break;
                }
                default:
                    throw new ArgumentException($"Unknown workload '{Workload}'.");
            }
        }

        [Benchmark(Description = "TrainStep")]
        public double TrainStep() => _step();
    }
}
