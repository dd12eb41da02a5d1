using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Numerics;
using System.Threading;

namespace NetGen.Training
{
    /// <summary>
    /// Trains any generated network (<see cref="IClassifier{T}"/> or <see cref="IRegressor{T}"/>) on a dataset in
    /// mini-batches of the network's <c>BatchSize</c>: seeded shuffling every epoch, a short last batch (every example
    /// counts once per epoch), an optional validation split or set, per-epoch figures, early stopping that restores the
    /// best epoch's parameters, a learning-rate schedule, a per-epoch callback, cancellation and a progress line.
    /// </summary>
    /// <remarks>
    /// Each step is the network's own <c>TrainStep(x, labels or target, rate, rows)</c>, and the training accuracy its
    /// <c>CountCorrect</c> after the step (on the Forward the step started with). Validation runs the network's
    /// <c>Predict</c> (inference: no dropout) and takes the loss of its outputs by the generated <c>Loss</c>'s formula,
    /// summed per example, and the argmax for accuracy. Figures are per example whatever the network's reduction
    /// (<see cref="INetwork{T}.LossIsMean"/>). The buffers (one batch, the validation outputs, the example order, a
    /// parameter snapshot) are allocated once per <c>Fit</c>; a step allocates nothing.
    /// </remarks>
    public sealed class Trainer
    {
        /// <summary>Passes over the training examples (at most: early stopping may end sooner). Default 10.</summary>
        public int Epochs { get; set; } = 10;

        /// <summary>The learning rate per epoch; a number is a constant rate. Default 1e-3 (Adam's usual rate).</summary>
        public LearningRateSchedule LearningRate { get; set; } = LearningRateSchedule.Constant(1e-3);

        /// <summary>Seeds the shuffling (<see cref="Random"/>) and the validation split (another <see cref="Random"/> of the same seed). Default 0.</summary>
        public int Seed { get; set; }

        /// <summary>Whether the examples are shuffled before every epoch (Fisher–Yates, seeded). Default true.</summary>
        public bool Shuffle { get; set; } = true;

        /// <summary>
        /// The share of the training data held out for validation when no validation set is passed to <c>Fit</c>,
        /// drawn by <see cref="DataSplit.Indexes"/> with <see cref="Seed"/>; 0 (the default) holds out nothing.
        /// </summary>
        public double ValidationFraction { get; set; }

        /// <summary>Whether a classifier's validation split keeps every class's share (stratified). Default true.</summary>
        public bool StratifyValidation { get; set; } = true;

        /// <summary>
        /// Early stopping: stop after this many epochs in a row without a new best <see cref="Monitor"/> figure, and
        /// set the parameters back to the best epoch's. 0 (the default) trains every epoch and keeps the last parameters.
        /// </summary>
        public int Patience { get; set; }

        /// <summary>How much the monitored figure must improve on the best so far to count as better. Default 0.</summary>
        public double MinImprovement { get; set; }

        /// <summary>The figure that decides the best epoch. Default <see cref="EarlyStoppingMetric.Loss"/>.</summary>
        public EarlyStoppingMetric Monitor { get; set; } = EarlyStoppingMetric.Loss;

        /// <summary>With <see cref="Patience"/> set, whether to end with the best epoch's parameters (default) or the last's.</summary>
        public bool RestoreBest { get; set; } = true;

        /// <summary>Called after every epoch with its figures (on the thread that called <c>Fit</c>).</summary>
        public Action<EpochReport>? EpochEnded { get; set; }

        /// <summary>Whether to draw a progress line. Default <see cref="ProgressDisplay.Auto"/>: on standard error when it is a terminal.</summary>
        public ProgressDisplay Progress { get; set; } = ProgressDisplay.Auto;

        /// <summary>Where the progress line goes; standard error when null.</summary>
        public TextWriter? ProgressWriter { get; set; }

        /// <summary>
        /// Trains a classifier on <paramref name="train"/>; validates on <paramref name="validation"/>, or on a split of
        /// <paramref name="train"/> when <see cref="ValidationFraction"/> is set. Returns every epoch's figures.
        /// </summary>
        /// <exception cref="ArgumentException">The data does not fit the network, or the settings are out of range; nothing is trained.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: checked before every batch,
        /// so training stops within one step; the network keeps the parameters of its last step.</exception>
        public TrainingHistory Fit<T>(IClassifier<T> network, ClassificationData<T> train, ClassificationData<T>? validation = null, CancellationToken cancellationToken = default)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (network is null)
            {
                throw new ArgumentNullException(nameof(network));
            }
            if (train is null)
            {
                throw new ArgumentNullException(nameof(train));
            }
            CheckSettings(validation is not null, classifier: true);
            CheckFits(network, train, nameof(train));
            if (validation is not null)
            {
                CheckFits(network, validation, nameof(validation));
            }
            else if (ValidationFraction > 0)
            {
                (int[] kept, int[] held) = DataSplit.Indexes(train.Count, ValidationFraction, Seed, StratifyValidation ? train.Labels : default, train.ClassCount);
                validation = train.Select(held);
                train = train.Select(kept);
            }
            var task = new ClassifierTask<T>(network, train, validation);
            return Run<T, ClassifierTask<T>>(network, ref task, train.Count, validation?.Count ?? 0, cancellationToken);
        }

        /// <summary>
        /// Trains a regressor on <paramref name="train"/>; validates on <paramref name="validation"/>, or on a split of
        /// <paramref name="train"/> when <see cref="ValidationFraction"/> is set. Returns every epoch's figures.
        /// </summary>
        /// <exception cref="ArgumentException">The data does not fit the network, or the settings are out of range; nothing is trained.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked before every batch).</exception>
        public TrainingHistory Fit<T>(IRegressor<T> network, RegressionData<T> train, RegressionData<T>? validation = null, CancellationToken cancellationToken = default)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (network is null)
            {
                throw new ArgumentNullException(nameof(network));
            }
            if (train is null)
            {
                throw new ArgumentNullException(nameof(train));
            }
            CheckSettings(validation is not null, classifier: false);
            CheckFits(network, train, nameof(train));
            if (validation is not null)
            {
                CheckFits(network, validation, nameof(validation));
            }
            else if (ValidationFraction > 0)
            {
                (int[] kept, int[] held) = DataSplit.Indexes(train.Count, ValidationFraction, Seed);
                validation = train.Select(held);
                train = train.Select(kept);
            }
            var task = new RegressorTask<T>(network, train, validation);
            return Run<T, RegressorTask<T>>(network, ref task, train.Count, validation?.Count ?? 0, cancellationToken);
        }

        /// <summary>The loss per example and the accuracy of <paramref name="network"/> on <paramref name="data"/>, in batches of its size.</summary>
        public static Evaluation Evaluate<T>(IClassifier<T> network, ClassificationData<T> data)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            CheckFits(network, data, nameof(data));
            var task = new ClassifierTask<T>(network, data, data);
            (double loss, int correct) = task.Measure();
            return new Evaluation(loss / data.Count, correct / (double)data.Count, correct, data.Count);
        }

        /// <summary>The loss per example of <paramref name="network"/> on <paramref name="data"/>, in batches of its size.</summary>
        public static Evaluation Evaluate<T>(IRegressor<T> network, RegressionData<T> data)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            CheckFits(network, data, nameof(data));
            var task = new RegressorTask<T>(network, data, data);
            (double loss, _) = task.Measure();
            return new Evaluation(loss / data.Count, double.NaN, 0, data.Count);
        }

        private void CheckSettings(bool validationSet, bool classifier)
        {
            if (Epochs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Train for at least one epoch.");
            }
            if (LearningRate is null)
            {
                throw new ArgumentNullException(nameof(LearningRate));
            }
            if (!(ValidationFraction >= 0 && ValidationFraction < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "The validation fraction must be at least 0 and below 1.");
            }
            if (validationSet && ValidationFraction > 0)
            {
                throw new ArgumentException("Both a validation set and a ValidationFraction were given; pass one or the other.", nameof(ValidationFraction));
            }
            if (Patience < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Patience counts epochs: 0 (no early stopping) or more.");
            }
            if (!(MinImprovement >= 0) || double.IsInfinity(MinImprovement))
            {
                throw new ArgumentOutOfRangeException(nameof(MinImprovement), MinImprovement, "The least improvement must be finite and not negative.");
            }
            if (Monitor == EarlyStoppingMetric.Accuracy && !classifier)
            {
                throw new ArgumentException("A regressor has no accuracy to monitor; use EarlyStoppingMetric.Loss.", nameof(Monitor));
            }
        }

        private static void CheckFits<T>(INetwork<T> network, Dataset<T> data, string name)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (data is null)
            {
                throw new ArgumentNullException(name);
            }
            if (data.FeatureCount != network.InputSize)
            {
                throw new ArgumentException($"The {name} data has {data.FeatureCount} features per example, but the network takes {network.InputSize} inputs.", name);
            }
            if (data.Count == 0)
            {
                throw new ArgumentException($"The {name} data holds no examples.", name);
            }
            if (data is ClassificationData<T> classes && classes.ClassCount > network.OutputSize)
            {
                throw new ArgumentException($"The {name} data has {classes.ClassCount} classes, but the network has {network.OutputSize} outputs.", name);
            }
            if (data is RegressionData<T> targets && targets.TargetCount != network.OutputSize)
            {
                throw new ArgumentException($"The {name} data has {targets.TargetCount} targets per example, but the network has {network.OutputSize} outputs.", name);
            }
        }

        private TrainingHistory Run<T, TTask>(INetwork<T> network, ref TTask task, int trainCount, int validationCount, CancellationToken cancellationToken)
            where T : unmanaged
            where TTask : struct, ITrainingTask
        {
            long started = Stopwatch.GetTimestamp();
            int batchSize = network.BatchSize;
            int batches = (trainCount + batchSize - 1) / batchSize;
            int[] order = DataSplit.Identity(trainCount);
            var random = new Random(Seed);
            T[]? best = Patience > 0 && RestoreBest ? new T[network.ParameterCount] : null;
            using var progress = new ProgressLine(ProgressTarget(), Epochs, batches, started);

            var reports = new List<EpochReport>(Math.Min(Epochs, 1024));
            double bestFigure = double.NaN;
            int bestEpoch = 0;
            int sinceBest = 0;
            StopReason stop = StopReason.Completed;
            bool accuracy = Monitor == EarlyStoppingMetric.Accuracy;
            for (int epoch = 0; epoch < Epochs; epoch++)
            {
                double rate = LearningRate.RateAt(epoch);
                long epochStart = Stopwatch.GetTimestamp();
                if (Shuffle)
                {
                    DataSplit.Shuffle(order, random);
                }
                double lossSum = 0;
                int correct = 0;
                for (int b = 0; b < batches; b++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    int start = b * batchSize;
                    int rows = Math.Min(batchSize, trainCount - start);
                    task.Fill(order.AsSpan(start, rows));
                    lossSum += task.TrainStep(rate, rows);
                    correct += task.CountCorrect(rows);
                    progress.Tick(epoch, b + 1);
                }
                double seconds = Stopwatch.GetElapsedTime(epochStart).TotalSeconds;

                cancellationToken.ThrowIfCancellationRequested();
                long validationStart = Stopwatch.GetTimestamp();
                double? validationLoss = null, validationAccuracy = null;
                if (validationCount > 0)
                {
                    (double sum, int right) = task.Measure();
                    validationLoss = sum / validationCount;
                    validationAccuracy = task.IsClassifier ? right / (double)validationCount : null;
                }
                double validationSeconds = validationCount > 0 ? Stopwatch.GetElapsedTime(validationStart).TotalSeconds : 0;

                double trainLoss = lossSum / trainCount;
                double? trainAccuracy = task.IsClassifier ? correct / (double)trainCount : null;
                double figure = accuracy
                    ? (validationAccuracy ?? trainAccuracy!.Value)
                    : (validationLoss ?? trainLoss);
                bool diverged = !double.IsFinite(trainLoss) || (validationLoss is double v && !double.IsFinite(v));
                bool isBest = !diverged && (bestEpoch == 0 || (accuracy ? figure > bestFigure + MinImprovement : figure < bestFigure - MinImprovement));
                if (isBest)
                {
                    bestFigure = figure;
                    bestEpoch = epoch + 1;
                    sinceBest = 0;
                    if (best is not null)
                    {
                        network.CopyParametersTo(best);
                    }
                }
                else
                {
                    sinceBest++;
                }

                var report = new EpochReport(epoch + 1, rate, trainLoss, trainAccuracy, validationLoss, validationAccuracy, seconds, validationSeconds, isBest);
                reports.Add(report);
                progress.Clear();
                EpochEnded?.Invoke(report);
                if (diverged)
                {
                    stop = StopReason.Diverged;
                    break;
                }
                if (Patience > 0 && sinceBest >= Patience && epoch + 1 < Epochs)
                {
                    stop = StopReason.EarlyStopped;
                    break;
                }
            }
            bool restored = false;
            if (best is not null && bestEpoch > 0 && bestEpoch != reports.Count)
            {
                network.CopyParametersFrom(best);
                restored = true;
            }
            return new TrainingHistory(reports, bestEpoch, stop, restored, Stopwatch.GetElapsedTime(started).TotalSeconds, trainCount, validationCount);
        }

        private TextWriter? ProgressTarget() => Progress switch
        {
            ProgressDisplay.Off => null,
            ProgressDisplay.On => ProgressWriter ?? Console.Error,
            _ => ProgressWriter ?? (Console.IsErrorRedirected ? null : Console.Error),
        };
    }
}
