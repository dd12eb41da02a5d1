using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NetGen.Datasets;

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
    /// <param name="TestSeconds">Time spent measuring the test accuracy.</param>
    public sealed record EpochResult(int Epoch, double TrainLoss, double TestAccuracy, double TrainSeconds, double TestSeconds);

    /// <summary>Trains a classifier on Fashion-MNIST with shuffled mini-batches and measures it on the test set.</summary>
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
        /// Trains a new network for <see cref="FashionSettings.Epochs"/> epochs; after each epoch reports the figures to
        /// <paramref name="epochDone"/> and, while it runs, the fraction of the epoch done to <paramref name="progress"/>.
        /// </summary>
        public static (IFashionClassifier Network, List<EpochResult> Epochs) Train(
            MnistDataset data, FashionSettings settings, Action<EpochResult> epochDone, Action<int, double>? progress = null)
        {
            (IFashionClassifier network, int batchSize, _) = CreateNetwork(settings);
            network.InitializeHe(settings.Seed);

            int trainCount = Math.Min(settings.TrainImages ?? data.Train.Count, data.Train.Count);
            int testCount = Math.Min(settings.TestImages ?? data.Test.Count, data.Test.Count);
            int pixels = data.Train.PixelsPerImage;
            LabeledImages train = data.Train;
            float[] testImages = data.Test.ImagesAsFloat();
            int[] trainLabels = data.Train.Labels;
            int[] testLabels = data.Test.Labels;

            var order = new int[trainCount];
            for (int i = 0; i < trainCount; i++)
            {
                order[i] = i;
            }
            var random = new Random(settings.Seed);
            float[] batch = new float[batchSize * pixels];
            int[] batchLabels = new int[batchSize];
            int batches = (trainCount + batchSize - 1) / batchSize;
            int progressEvery = Math.Max(1, batches / 100);

            var results = new List<EpochResult>();
            double learningRate = settings.LearningRate;
            for (int epoch = 1; epoch <= settings.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                Shuffle(order, random);
                double lossSum = 0;
                for (int b = 0; b < batches; b++)
                {
                    int start = b * batchSize;
                    int rows = Math.Min(batchSize, trainCount - start);
                    for (int r = 0; r < rows; r++)
                    {
                        int image = order[start + r];
                        // From the bytes the dataset holds: a quarter of the memory traffic of a float copy.
                        train.CopyImages(image, 1, batch.AsSpan(r * pixels, pixels));
                        batchLabels[r] = trainLabels[image];
                    }
                    lossSum += network.TrainStep(batch.AsSpan(0, rows * pixels), batchLabels.AsSpan(0, rows), learningRate, rows);
                    if (progress is not null && (b + 1) % progressEvery == 0)
                    {
                        progress(epoch, (b + 1) / (double)batches);
                    }
                }
                double trainSeconds = clock.Elapsed.TotalSeconds;

                clock.Restart();
                double accuracy = Accuracy(network, batchSize, testImages, testLabels, testCount, pixels);
                var result = new EpochResult(epoch, lossSum / trainCount, accuracy, trainSeconds, clock.Elapsed.TotalSeconds);
                results.Add(result);
                epochDone(result);
                learningRate *= settings.LearningRateDecay;
            }
            return (network, results);
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

        /// <summary>Fisher–Yates: every order equally likely.</summary>
        private static void Shuffle(int[] order, Random random)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
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
