using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Numerics;

namespace NetGen.Training
{
    /// <summary>
    /// What differs between training a classifier and a regressor: the targets a batch carries and how a network is
    /// measured. The trainer's loop is generic over these structs, so their calls are direct and allocate nothing.
    /// </summary>
    internal interface ITrainingTask
    {
        bool IsClassifier { get; }

        /// <summary>Copies the examples at <paramref name="examples"/> into the batch buffers.</summary>
        void Fill(ReadOnlySpan<int> examples);

        /// <summary>One step on the first <paramref name="rows"/> rows of the batch; the summed loss.</summary>
        double TrainStep(double learningRate, int rows);

        /// <summary>Classifiers: how many of the rows of the last step's Forward were right; 0 for regressors.</summary>
        int CountCorrect(int rows);

        /// <summary>The summed loss and the number right over the measured (validation) data.</summary>
        (double Loss, int Correct) Measure();
    }

    internal struct ClassifierTask<T> : ITrainingTask
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly IClassifier<T> _network;
        private readonly T[] _features;
        private readonly int[] _labels;
        private readonly ClassificationData<T>? _measured;
        private readonly T[] _batch;
        private readonly int[] _batchLabels;
        private readonly T[] _logits;
        private readonly int _width;
        private readonly bool _mean;

        public ClassifierTask(IClassifier<T> network, ClassificationData<T> train, ClassificationData<T>? measured)
        {
            _network = network;
            _features = train.Features;
            _labels = train.Labels;
            _measured = measured;
            _width = train.FeatureCount;
            _batch = new T[network.BatchSize * _width];
            _batchLabels = new int[network.BatchSize];
            _logits = new T[(measured?.Count ?? 0) * network.OutputSize];
            _mean = network.LossIsMean;
        }

        public readonly bool IsClassifier => true;

        public readonly void Fill(ReadOnlySpan<int> examples)
        {
            for (int r = 0; r < examples.Length; r++)
            {
                int example = examples[r];
                _features.AsSpan(example * _width, _width).CopyTo(_batch.AsSpan(r * _width, _width));
                _batchLabels[r] = _labels[example];
            }
        }

        /// <summary>The step's loss summed over its rows, whatever the network's reduction.</summary>
        public readonly double TrainStep(double learningRate, int rows)
        {
            double loss = _network.TrainStep(_batch.AsSpan(0, rows * _width), _batchLabels.AsSpan(0, rows), learningRate, rows);
            return _mean ? loss * rows : loss;
        }

        public readonly int CountCorrect(int rows) => _network.CountCorrect(_batchLabels.AsSpan(0, rows), rows);

        /// <summary>
        /// Predict on every measured example (inference: no dropout), then from the logits each example's
        /// cross-entropy, -log softmax(y)[label] = log Σⱼ exp(yⱼ - max y) - (y[label] - max y) in double as the generated
        /// Loss computes it, and whether its largest logit (the first on ties) is at its label.
        /// </summary>
        public readonly (double Loss, int Correct) Measure()
        {
            ClassificationData<T> data = _measured!;
            int classes = _network.OutputSize;
            _network.Predict(data.Features, _logits);
            double loss = 0;
            int correct = 0;
            for (int n = 0; n < data.Count; n++)
            {
                ReadOnlySpan<T> row = _logits.AsSpan(n * classes, classes);
                int best = 0;
                double max = double.CreateChecked(row[0]);
                for (int j = 1; j < classes; j++)
                {
                    double value = double.CreateChecked(row[j]);
                    if (value > max)
                    {
                        max = value;
                        best = j;
                    }
                }
                double sum = 0;
                for (int j = 0; j < classes; j++)
                {
                    sum += Math.Exp(double.CreateChecked(row[j]) - max);
                }
                int label = data.Labels[n];
                loss -= (double.CreateChecked(row[label]) - max) - Math.Log(sum);
                if (best == label)
                {
                    correct++;
                }
            }
            return (loss, correct);
        }
    }

    internal struct RegressorTask<T> : ITrainingTask
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly IRegressor<T> _network;
        private readonly T[] _features;
        private readonly T[] _targets;
        private readonly RegressionData<T>? _measured;
        private readonly T[] _batch;
        private readonly T[] _batchTargets;
        private readonly T[] _outputsOfMeasured;
        private readonly int _width;
        private readonly int _outputs;
        private readonly bool _mean;

        public RegressorTask(IRegressor<T> network, RegressionData<T> train, RegressionData<T>? measured)
        {
            _network = network;
            _features = train.Features;
            _targets = train.Targets;
            _measured = measured;
            _width = train.FeatureCount;
            _outputs = train.TargetCount;
            _batch = new T[network.BatchSize * _width];
            _batchTargets = new T[network.BatchSize * _outputs];
            _outputsOfMeasured = new T[(measured?.Count ?? 0) * _outputs];
            _mean = network.LossIsMean;
        }

        public readonly bool IsClassifier => false;

        public readonly void Fill(ReadOnlySpan<int> examples)
        {
            for (int r = 0; r < examples.Length; r++)
            {
                int example = examples[r];
                _features.AsSpan(example * _width, _width).CopyTo(_batch.AsSpan(r * _width, _width));
                _targets.AsSpan(example * _outputs, _outputs).CopyTo(_batchTargets.AsSpan(r * _outputs, _outputs));
            }
        }

        /// <summary>The step's loss summed over its rows and outputs, whatever the network's reduction.</summary>
        public readonly double TrainStep(double learningRate, int rows)
        {
            double loss = _network.TrainStep(_batch.AsSpan(0, rows * _width), _batchTargets.AsSpan(0, rows * _outputs), learningRate, rows);
            return _mean ? loss * rows * _outputs : loss;
        }

        public readonly int CountCorrect(int rows) => 0;

        /// <summary>Predict on every measured example, then the squared error Σ (y - t)² over them and their outputs, in double.</summary>
        public readonly (double Loss, int Correct) Measure()
        {
            RegressionData<T> data = _measured!;
            _network.Predict(data.Features, _outputsOfMeasured);
            double loss = 0;
            for (int e = 0; e < _outputsOfMeasured.Length; e++)
            {
                double difference = double.CreateChecked(_outputsOfMeasured[e]) - double.CreateChecked(data.Targets[e]);
                loss += difference * difference;
            }
            return (loss, 0);
        }
    }

    /// <summary>
    /// A one-line progress display redrawn in place (<c>\r</c>): <c>epoch 3/100 [########........] 45%</c>. It appears
    /// only in runs longer than a second and is redrawn at most five times a second, so short runs print nothing and
    /// a step costs one timestamp.
    /// </summary>
    internal sealed class ProgressLine : IDisposable
    {
        private const int Width = 30;
        private static readonly long Second = Stopwatch.Frequency;
        private readonly TextWriter? _writer;
        private readonly int _epochs;
        private readonly int _batches;
        private readonly long _started;
        private long _drawn;
        private bool _visible;

        public ProgressLine(TextWriter? writer, int epochs, int batches, long started)
        {
            _writer = writer;
            _epochs = epochs;
            _batches = batches;
            _started = started;
        }

        public void Tick(int epoch, int batchesDone)
        {
            if (_writer is null)
            {
                return;
            }
            long now = Stopwatch.GetTimestamp();
            if (now - _started < Second || now - _drawn < Second / 5)
            {
                return;
            }
            _drawn = now;
            double fraction = batchesDone / (double)_batches;
            int filled = (int)Math.Round(fraction * Width);
            _writer.Write(string.Format(
                CultureInfo.InvariantCulture, "\repoch {0}/{1} [{2}{3}] {4,3:0}%",
                epoch + 1, _epochs, new string('#', filled), new string('.', Width - filled), fraction * 100));
            _writer.Flush();
            _visible = true;
        }

        public void Clear()
        {
            if (_writer is null || !_visible)
            {
                return;
            }
            _writer.Write("\r" + new string(' ', Width + 30) + "\r");
            _writer.Flush();
            _visible = false;
        }

        public void Dispose() => Clear();
    }
}
