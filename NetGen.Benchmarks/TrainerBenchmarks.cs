using System;
using BenchmarkDotNet.Attributes;
using NetGen.NumPy;
using NetGen.Training;

namespace NetGen.Benchmarks
{
    /// <summary>The digits sample's network: 64-64-10, ReLU, biases, Adam, batches of 32, float64.</summary>
    [Network(BatchSize = 32)]
    [Dense(64, 64, Bias = true)]
    [ReLU]
    [Dense(64, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class DigitsBenchmarkNet
    {
    }

    /// <summary>
    /// What the trainer's loop costs beside TrainStep: one epoch over 1,347 digits-sized examples (42 batches of 32
    /// and one of 3, shuffled) through <see cref="Trainer.Fit{T}(IClassifier{T}, ClassificationData{T}, ClassificationData{T}?, System.Threading.CancellationToken)"/>,
    /// and the same steps written out by hand (shuffle, copy each batch's rows, TrainStep). The network is small, so
    /// that any overhead of the loop shows.
    /// <c>dotnet run -c Release --project NetGen.Benchmarks -- --filter '*TrainerEpoch*'</c>
    /// </summary>
    [MemoryDiagnoser]
    public class TrainerEpochBenchmarks
    {
        private const int Count = 1347;
        private ClassificationData<double> _data = null!;
        private DigitsBenchmarkNet _network = null!;
        private Trainer _trainer = null!;
        private double[] _batch = null!;
        private int[] _batchLabels = null!;
        private int[] _order = null!;
        private Random _random = null!;

        [GlobalSetup]
        public void Setup()
        {
            var features = new double[Count * 64];
            new LegacyRandom(0).StandardNormal(features);
            var labels = new int[Count];
            for (int i = 0; i < Count; i++)
            {
                labels[i] = i % 10;
            }
            _data = new ClassificationData<double>(features, 64, labels, 10);
            _network = new DigitsBenchmarkNet();
            _network.InitializeHe(0);
            _trainer = new Trainer { Epochs = 1, LearningRate = 1e-3, Progress = ProgressDisplay.Off };
            _batch = new double[32 * 64];
            _batchLabels = new int[32];
            _order = new int[Count];
            for (int i = 0; i < Count; i++)
            {
                _order[i] = i;
            }
            _random = new Random(0);
        }

        [Benchmark(Baseline = true)]
        public double HandWrittenEpoch()
        {
            for (int i = _order.Length - 1; i > 0; i--)
            {
                int j = _random.Next(i + 1);
                (_order[i], _order[j]) = (_order[j], _order[i]);
            }
            double loss = 0;
            for (int start = 0; start < Count; start += 32)
            {
                int rows = Math.Min(32, Count - start);
                for (int r = 0; r < rows; r++)
                {
                    int example = _order[start + r];
                    _data.Features.AsSpan(example * 64, 64).CopyTo(_batch.AsSpan(r * 64, 64));
                    _batchLabels[r] = _data.Labels[example];
                }
                loss += _network.TrainStep(_batch.AsSpan(0, rows * 64), _batchLabels.AsSpan(0, rows), 1e-3, rows);
            }
            return loss;
        }

        [Benchmark]
        public double TrainerEpoch() => _trainer.Fit(_network, _data).Epochs[0].TrainLoss;
    }
}
