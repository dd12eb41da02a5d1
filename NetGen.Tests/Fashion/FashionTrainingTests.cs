using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Datasets;
using NetGen.Sample.Fashion;
using NetGen.Tests.Formats;
using Xunit;

namespace NetGen.Tests.Fashion
{
    /// <summary>
    /// The Fashion-MNIST trainer on a slice of the real data: quick, and far above the 0.1 accuracy of guessing. The
    /// training tests run only where the dataset-fashion-mnist package is installed.
    /// </summary>
    public sealed class FashionTrainingTests
    {
        private static readonly Lazy<MnistDataset> Installed = new(() => FashionMnist.Load());

        [FashionMnistInstalledFact]
        public void OneEpochOnTwoThousandImagesIsFarAboveChance()
        {
            var settings = new FashionSettings("standard", Epochs: 1, LearningRate: 1e-3, LearningRateDecay: 1, Seed: 3, TrainImages: 2000, TestImages: 1000);
            var epochs = new List<EpochResult>();
            (_, List<EpochResult> results) = FashionTrainer.Train(Installed.Value, settings, epochs.Add);

            EpochResult result = Assert.Single(results);
            Assert.Equal(result, Assert.Single(epochs));
            Assert.True(result.TestAccuracy > 0.5, $"test accuracy {result.TestAccuracy} after one epoch on 2,000 images");
            Assert.InRange(result.TrainLoss, 0.1, Math.Log(10));
        }

        [FashionMnistInstalledFact]
        public void OneAndTwoThreadsTrainTheSameNetwork()
        {
            // 2,000 images are 31 batches of 64 and one of 16: the two-thread TrainStep, short batch included, follows the
            // one-thread run up to the rounding of the first layer's sum, which the threads split.
            var two = new FashionSettings("standard", Epochs: 1, LearningRate: 1e-3, LearningRateDecay: 1, Seed: 4, TrainImages: 2000, TestImages: 1000, Threads: 2);
            (_, List<EpochResult> twoThreads) = FashionTrainer.Train(Installed.Value, two, _ => { });
            (_, List<EpochResult> oneThread) = FashionTrainer.Train(Installed.Value, two with { Threads = 1 }, _ => { });

            Assert.Equal(oneThread[0].TrainLoss, twoThreads[0].TrainLoss, 4);
            Assert.InRange(twoThreads[0].TestAccuracy - oneThread[0].TestAccuracy, -0.01, 0.01);
            Assert.True(twoThreads[0].TestAccuracy > 0.5, $"test accuracy {twoThreads[0].TestAccuracy} on two threads");
        }

        [FashionMnistInstalledFact]
        public void AccuracyCountsAShortLastBatchOnce()
        {
            // 1,000 test images are 15 batches of 64 and one of 40: an untrained network's accuracy is a whole number
            // of images out of exactly 1,000, the same as counted one image at a time.
            var network = new FashionNet();
            network.InitializeHe(5);
            float[] images = Installed.Value.Test.ImagesAsFloat();
            int[] labels = Installed.Value.Test.Labels;
            double batched = FashionTrainer.Accuracy(network, FashionNet.BatchSize, images, labels, 1000, 784);
            int oneByOne = 0;
            for (int n = 0; n < 1000; n++)
            {
                network.Forward(images.AsSpan(n * 784, 784), 1);
                oneByOne += network.CountCorrect(labels.AsSpan(n, 1), 1);
            }
            Assert.Equal(oneByOne / 1000.0, batched);
        }

        [Fact]
        public void MissingDataSaysHowToInstallIt()
        {
            string nowhere = Path.Combine(Path.GetTempPath(), "netgen-no-fashion-" + Guid.NewGuid().ToString("N"));
            FashionDataMissingException missing = Assert.Throws<FashionDataMissingException>(() => FashionTrainer.LoadData(nowhere));
            Assert.Contains("apt-get install dataset-fashion-mnist", missing.Message, StringComparison.Ordinal);
            Assert.Contains(nowhere, missing.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void CommandExitsWithAClearErrorWhenTheDataIsMissing()
        {
            string nowhere = Path.Combine(Path.GetTempPath(), "netgen-no-fashion-" + Guid.NewGuid().ToString("N"));
            var output = new StringWriter();
            var error = new StringWriter();
            int exit = NetGen.Sample.Program.BuildCommand(output, error).Parse(new[] { "fashion", "--data", nowhere }).Invoke();
            Assert.Equal(FashionCommand.DataMissingExitCode, exit);
            Assert.Contains("apt-get install dataset-fashion-mnist", error.ToString(), StringComparison.Ordinal);
        }
    }
}
