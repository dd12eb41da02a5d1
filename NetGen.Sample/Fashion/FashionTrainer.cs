using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NetGen.Datasets;
using NetGen.Training;

namespace NetGen.Sample.Fashion
{
    /// <summary>How to train a Fashion-MNIST classifier.</summary>
    /// <param name="Network">"standard" (784-256-128-10) or "wide" (784-512-256-10).</param>
    /// <param name="Epochs">Passes over the training images.</param>
    /// <param name="LearningRate">Adam's learning rate in the first epoch.</param>
    /// <param name="LearningRateDecay">The factor the learning rate is multiplied by after each epoch; 1 keeps it.</param>
    /// <param name="Seed">Seeds the initial weights and the order of the training images.</param>
    /// <param name="TrainImages">How many training images to use, from the first; all by default.</param>
    /// <param name="TestImages">How many test images to measure on, from the first; all by default.</param>
    /// <param name="Threads">The threads TrainStep runs on: 2 (the networks declared with <c>Threads = 2</c>) or 1.</param>
    public sealed record FashionSettings(
        string Network, int Epochs, double LearningRate, double LearningRateDecay, int Seed, int? TrainImages = null, int? TestImages = null, int Threads = 2)
    {
        /// <summary>The reference run: the standard network, 10 epochs, Adam at 1e-3, seed 1, two threads.</summary>
        public static FashionSettings Reference { get; } = new("standard", 10, 1e-3, 1.0, 1);
    }

    /// <summary>One epoch's figures.</summary>
    /// <param name="Epoch">Counting from 1.</param>
    /// <param name="TrainLoss">Mean cross-entropy over the epoch's training images, before each step's update.</param>
    /// <param name="TestAccuracy">The fraction of test images classified right after the epoch.</param>
    /// <param name="TrainSeconds">Time spent training: batching, Forward, Backward and Step.</param>
    /// <param name="TestSeconds">Time spent measuring the test images (Predict).</param>
    public sealed record EpochResult(int Epoch, double TrainLoss, double TestAccuracy, double TrainSeconds, double TestSeconds);

    /// <summary>Trains a classifier on Fashion-MNIST through <see cref="Trainer"/> and measures it on the test set after every epoch.</summary>
    public static class FashionTrainer
    {
        /// <summary>Creates the network named in <paramref name="settings"/>.</summary>
        public static (IFashionClassifier Network, int BatchSize, string Description) CreateNetwork(FashionSettings settings) =>
            (settings.Network, settings.Threads) switch
            {
                ("wide", 1) => (new FashionWideNetOneThread(), FashionWideNetOneThread.BatchSize, "784-512-256-10 ReLU, Adam, float32, 1 thread"),
                ("wide", _) => (new FashionWideNet(), FashionWideNet.BatchSize, "784-512-256-10 ReLU, Adam, float32, 2 threads"),
                (_, 1) => (new FashionNetOneThread(), FashionNetOneThread.BatchSize, "784-256-128-10 ReLU, Adam, float32, 1 thread"),
                _ => (new FashionNet(), FashionNet.BatchSize, "784-256-128-10 ReLU, Adam, float32, 2 threads"),
            };

        /// <summary>
        /// Trains a new network for <see cref="FashionSettings.Epochs"/> epochs through <see cref="Trainer"/>: He
        /// initialization from the seed, the training images shuffled every epoch by <c>System.Random(seed)</c>,
        /// batches of 64 with a short last one, Adam at the settings' rate (multiplied by the decay after each epoch),
        /// and the test images as the validation set, measured after every epoch. Reports each epoch's figures to
        /// <paramref name="epochDone"/>; draws the trainer's progress line on <paramref name="progress"/> when given.
        /// </summary>
        public static (IFashionClassifier Network, List<EpochResult> Epochs) Train(
            MnistDataset data, FashionSettings settings, Action<EpochResult> epochDone, TextWriter? progress = null)
        {
            (IFashionClassifier network, _, _) = CreateNetwork(settings);
            network.InitializeHe(settings.Seed);

            ClassificationData<float> train = FirstImages(data.Train, settings.TrainImages);
            ClassificationData<float> test = FirstImages(data.Test, settings.TestImages);
            var results = new List<EpochResult>();
            var trainer = new Trainer
            {
                Epochs = settings.Epochs,
                LearningRate = settings.LearningRateDecay == 1
                    ? LearningRateSchedule.Constant(settings.LearningRate)
                    : LearningRateSchedule.Exponential(settings.LearningRate, settings.LearningRateDecay),
                Seed = settings.Seed,
                Progress = progress is null ? ProgressDisplay.Off : ProgressDisplay.On,
                ProgressWriter = progress,
                EpochEnded = report =>
                {
                    var result = new EpochResult(report.Epoch, report.TrainLoss, report.ValidationAccuracy!.Value, report.Seconds, report.ValidationSeconds);
                    results.Add(result);
                    epochDone(result);
                },
            };
            trainer.Fit(network, train, test);
            return (network, results);
        }

        /// <summary>The first <paramref name="count"/> images (all by default) as float32 features scaled to [0, 1] and their labels.</summary>
        private static ClassificationData<float> FirstImages(LabeledImages images, int? count)
        {
            int n = Math.Min(count ?? images.Count, images.Count);
            var features = new float[n * images.PixelsPerImage];
            images.CopyImages(0, n, features);
            return new ClassificationData<float>(features, images.PixelsPerImage, images.Labels.AsSpan(0, n).ToArray(), images.ClassCount);
        }

        /// <summary>The fraction of the first <paramref name="count"/> images the network classifies right, each counted once.</summary>
        public static double Accuracy(IFashionClassifier network, int batchSize, float[] images, int[] labels, int count, int pixels)
        {
            int correct = 0;
            for (int start = 0; start < count; start += batchSize)
            {
                int rows = Math.Min(batchSize, count - start);
                network.Forward(images.AsSpan(start * pixels, rows * pixels), rows);
                correct += network.CountCorrect(labels.AsSpan(start, rows), rows);
            }
            return correct / (double)count;
        }

        /// <summary>One epoch's line: <c>epoch  1  loss 0.4987  test accuracy 0.8512  train 3.21 s  test 0.12 s</c>.</summary>
        public static string Format(EpochResult result) => string.Format(
            CultureInfo.InvariantCulture,
            "epoch {0,2}  loss {1:0.0000}  test accuracy {2:0.0000}  train {3:0.00} s  test {4:0.00} s",
            result.Epoch, result.TrainLoss, result.TestAccuracy, result.TrainSeconds, result.TestSeconds);

        /// <summary>Loads the dataset, or explains how to install it.</summary>
        /// <exception cref="FashionDataMissingException">The directory or one of its files is missing.</exception>
        public static MnistDataset LoadData(string directory)
        {
            try
            {
                return FashionMnist.Load(directory);
            }
            catch (Exception exception) when (exception is DirectoryNotFoundException or FileNotFoundException)
            {
                throw new FashionDataMissingException(
                    $"Fashion-MNIST was not found in {directory}: {exception.Message} " +
                    "Install it with 'apt-get install dataset-fashion-mnist' (as root, or with sudo), " +
                    $"which puts the four IDX files in {FashionMnist.DefaultDirectory}, or pass --data with the directory that holds them.",
                    exception);
            }
        }
    }

    /// <summary>The Fashion-MNIST files are not where the trainer looked.</summary>
    public sealed class FashionDataMissingException : Exception
    {
        /// <summary>Creates the exception with a message that says how to install the dataset.</summary>
        public FashionDataMissingException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
