using System;
using System.Collections.Generic;
using NetGen.Datasets;
using NetGen.Sample.Fashion;
using NetGen.Tests.Formats;
using Xunit;

namespace NetGen.Tests.Trainers
{
    /// <summary>
    /// The Fashion-MNIST sample trains through the Trainer; its figures are those of the loop it had before, written
    /// out here: He weights, the order shuffled in place every epoch by System.Random(seed), each batch's images copied
    /// from the bytes, TrainStep with a short last batch, and the test accuracy by Forward and CountCorrect.
    /// </summary>
    public sealed class FashionOnTrainerTests
    {
        [FashionMnistInstalledFact]
        public void TwoEpochsOnASliceGiveTheHandWrittenLoopsFigures()
        {
            MnistDataset data = FashionMnist.Load();
            var settings = new FashionSettings("standard", Epochs: 2, LearningRate: 1e-3, LearningRateDecay: 0.5, Seed: 2, TrainImages: 1000, TestImages: 500, Threads: 1);
            (_, List<EpochResult> results) = FashionTrainer.Train(data, settings, _ => { });

            var network = new FashionNetOneThread();
            network.InitializeHe(2);
            var order = new int[1000];
            for (int i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }
            var random = new Random(2);
            var batch = new float[64 * 784];
            var labels = new int[64];
            float[] testImages = data.Test.ImagesAsFloat();
            double rate = 1e-3;
            for (int epoch = 0; epoch < 2; epoch++)
            {
                for (int i = order.Length - 1; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
                double loss = 0;
                for (int start = 0; start < 1000; start += 64)
                {
                    int rows = Math.Min(64, 1000 - start);
                    for (int r = 0; r < rows; r++)
                    {
                        data.Train.CopyImages(order[start + r], 1, batch.AsSpan(r * 784, 784));
                        labels[r] = data.Train.Labels[order[start + r]];
                    }
                    loss += network.TrainStep(batch.AsSpan(0, rows * 784), labels.AsSpan(0, rows), rate, rows);
                }
                double accuracy = FashionTrainer.Accuracy(network, 64, testImages, data.Test.Labels, 500, 784);
                Assert.Equal(loss / 1000, results[epoch].TrainLoss);
                Assert.Equal(accuracy, results[epoch].TestAccuracy);
                rate *= 0.5;
            }
        }
    }
}
