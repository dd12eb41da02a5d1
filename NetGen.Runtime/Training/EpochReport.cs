using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.Training
{
    /// <summary>One epoch's figures, handed to <see cref="Trainer.EpochEnded"/> and kept in <see cref="TrainingHistory.Epochs"/>.</summary>
    /// <param name="Epoch">Counting from 1.</param>
    /// <param name="LearningRate">The rate every step of the epoch used.</param>
    /// <param name="TrainLoss">The loss per training example over the epoch, each measured before its batch's update
    /// (the sum of <c>TrainStep</c>'s returns divided by the number of examples).</param>
    /// <param name="TrainAccuracy">Classifiers: the fraction of training examples classified right, each by the network
    /// its batch's step started from; null for regressors.</param>
    /// <param name="ValidationLoss">The loss per validation example after the epoch; null without validation data.</param>
    /// <param name="ValidationAccuracy">Classifiers: the fraction of validation examples classified right after the epoch.</param>
    /// <param name="Seconds">The time spent training: batching and <c>TrainStep</c>.</param>
    /// <param name="ValidationSeconds">The time spent measuring the validation data.</param>
    /// <param name="IsBest">Whether the monitored figure (see <see cref="Trainer.Monitor"/>) improved on every earlier epoch's.</param>
    public sealed record EpochReport(
        int Epoch,
        double LearningRate,
        double TrainLoss,
        double? TrainAccuracy,
        double? ValidationLoss,
        double? ValidationAccuracy,
        double Seconds,
        double ValidationSeconds,
        bool IsBest)
    {
        /// <summary>One line: <c>epoch   3  lr 0.001  loss 0.1234  accuracy 0.9654  val loss 0.2101  val accuracy 0.9500  0.05 s *</c>
        /// (the star marks a new best).</summary>
        public override string ToString()
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"epoch {Epoch,3}  lr {LearningRate.ToString("G4", CultureInfo.InvariantCulture)}  loss {TrainLoss:0.0000}");
            if (TrainAccuracy is double accuracy)
            {
                line.Append(CultureInfo.InvariantCulture, $"  accuracy {accuracy:0.0000}");
            }
            if (ValidationLoss is double validationLoss)
            {
                line.Append(CultureInfo.InvariantCulture, $"  val loss {validationLoss:0.0000}");
            }
            if (ValidationAccuracy is double validationAccuracy)
            {
                line.Append(CultureInfo.InvariantCulture, $"  val accuracy {validationAccuracy:0.0000}");
            }
            line.Append(CultureInfo.InvariantCulture, $"  {Seconds + ValidationSeconds:0.00} s");
            if (IsBest)
            {
                line.Append(" *");
            }
            return line.ToString();
        }
    }

    /// <summary>Why training ended.</summary>
    public enum StopReason
    {
        /// <summary>Every epoch ran.</summary>
        Completed,

        /// <summary>The monitored figure did not improve for <see cref="Trainer.Patience"/> epochs.</summary>
        EarlyStopped,

        /// <summary>The training loss became infinite or NaN: the learning rate is too large, or the data holds huge values.</summary>
        Diverged,
    }

    /// <summary>What a <see cref="Trainer.Fit{T}(IClassifier{T}, ClassificationData{T}, ClassificationData{T}?, System.Threading.CancellationToken)"/> run did.</summary>
    public sealed class TrainingHistory
    {
        internal TrainingHistory(List<EpochReport> epochs, int bestEpoch, StopReason stopReason, bool restoredBest, double seconds, int trainCount, int validationCount)
        {
            Epochs = epochs;
            BestEpoch = bestEpoch;
            StopReason = stopReason;
            RestoredBest = restoredBest;
            Seconds = seconds;
            TrainCount = trainCount;
            ValidationCount = validationCount;
        }

        /// <summary>Every epoch that ran, in order.</summary>
        public IReadOnlyList<EpochReport> Epochs { get; }

        /// <summary>The epoch (from 1) whose monitored figure was best; 0 if no epoch ran.</summary>
        public int BestEpoch { get; }

        /// <summary>The best epoch's report.</summary>
        public EpochReport? Best => BestEpoch > 0 ? Epochs[BestEpoch - 1] : null;

        /// <summary>Why training ended.</summary>
        public StopReason StopReason { get; }

        /// <summary>Whether the network's parameters were set back to the best epoch's at the end (early stopping).</summary>
        public bool RestoredBest { get; }

        /// <summary>The whole run's time: training, validation, and restoring the best parameters.</summary>
        public double Seconds { get; }

        /// <summary>The examples trained on (after a validation split).</summary>
        public int TrainCount { get; }

        /// <summary>The validation examples; 0 without validation.</summary>
        public int ValidationCount { get; }
    }

    /// <summary>Loss and accuracy of a network on a dataset.</summary>
    /// <param name="Loss">The loss per example.</param>
    /// <param name="Accuracy">Classifiers: the fraction classified right; NaN for regressors.</param>
    /// <param name="Correct">Classifiers: how many were classified right.</param>
    /// <param name="Count">The examples measured.</param>
    public readonly record struct Evaluation(double Loss, double Accuracy, int Correct, int Count);

    /// <summary>What early stopping watches.</summary>
    public enum EarlyStoppingMetric
    {
        /// <summary>The validation loss (lower is better); the training loss when there is no validation data.</summary>
        Loss,

        /// <summary>Classifiers only: the validation accuracy (higher is better); the training accuracy without validation data.</summary>
        Accuracy,
    }

    /// <summary>When <see cref="Trainer"/> draws its progress line.</summary>
    public enum ProgressDisplay
    {
        /// <summary>On standard error when it is a terminal (not redirected), or on <see cref="Trainer.ProgressWriter"/> when one is set.</summary>
        Auto,

        /// <summary>Never.</summary>
        Off,

        /// <summary>Always, on <see cref="Trainer.ProgressWriter"/> or standard error.</summary>
        On,
    }
}
