using System;
using NetGen.NumPy;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training
{
    /// <summary>
    /// A dataset whose size is not a multiple of the batch: 10 examples through a network of batch 4 are batches of
    /// 4, 4 and 2, and every example must count exactly once in the loss, the accuracy and the gradients.
    /// </summary>
    public class ShortBatchTests
    {
        private const int Examples = 10;
        private const int Inputs = ShortBatchDoubleNet.InputSize;

        [Fact]
        public void TenExamplesThroughBatchFourCountEachExampleOnce()
        {
            (double[] x, int[] labels) = Data(21);
            var net = new ShortBatchDoubleNet();
            net.InitializeHe(21);

            // Each example on its own, as a batch of one row.
            double lossOneByOne = 0;
            int correctOneByOne = 0;
            for (int n = 0; n < Examples; n++)
            {
                ReadOnlySpan<double> output = net.Forward(x.AsSpan(n * Inputs, Inputs), 1);
                Assert.Equal(ShortBatchDoubleNet.OutputSize, output.Length);
                lossOneByOne += net.Loss(labels.AsSpan(n, 1), 1);
                correctOneByOne += ArgMax(output) == labels[n] ? 1 : 0;
            }

            double loss = 0;
            int correct = 0;
            int batches = 0;
            for (int start = 0; start < Examples; start += ShortBatchDoubleNet.BatchSize)
            {
                int rows = Math.Min(ShortBatchDoubleNet.BatchSize, Examples - start);
                net.Forward(x.AsSpan(start * Inputs, rows * Inputs), rows);
                loss += net.Loss(labels.AsSpan(start, rows), rows);
                correct += net.CountCorrect(labels.AsSpan(start, rows), rows);
                batches++;
            }

            Assert.Equal(3, batches);
            Assert.Equal(lossOneByOne, loss, 12);
            Assert.Equal(correctOneByOne, correct);
            Assert.InRange(correct, 1, Examples - 1);
        }

        [Fact]
        public void ShortBatchGradientIsTheGradientOfItsRowsOnly()
        {
            (double[] x, int[] labels) = Data(22);
            var shortBatch = new ShortBatchDoubleNet();
            var doubled = new ShortBatchDoubleNet();
            shortBatch.InitializeHe(22);
            doubled.InitializeHe(22);
            new LegacyRandom(22).StandardNormal(shortBatch.B1);
            shortBatch.B1.CopyTo(doubled.B1);

            // The last two examples as a short batch of 2, and twice over as a full batch (8, 9, 8, 9): the full batch's
            // loss and gradients are exactly twice the short batch's.
            ReadOnlySpan<double> lastTwo = x.AsSpan(8 * Inputs, 2 * Inputs);
            ReadOnlySpan<int> lastTwoLabels = labels.AsSpan(8, 2);
            double[] twice = new double[4 * Inputs];
            lastTwo.CopyTo(twice);
            lastTwo.CopyTo(twice.AsSpan(2 * Inputs));
            int[] twiceLabels = { labels[8], labels[9], labels[8], labels[9] };

            shortBatch.Forward(lastTwo, 2);
            double shortLoss = shortBatch.Loss(lastTwoLabels, 2);
            shortBatch.Backward(lastTwo, lastTwoLabels, 2);
            doubled.Forward(twice);
            double fullLoss = doubled.Loss(twiceLabels);
            doubled.Backward(twice, twiceLabels);

            Assert.Equal(fullLoss, 2 * shortLoss, 12);
            AssertHalf(doubled.GradW1, shortBatch.GradW1);
            AssertHalf(doubled.GradB1, shortBatch.GradB1);
            AssertHalf(doubled.GradW2, shortBatch.GradW2);
            AssertHalf(doubled.GradB2, shortBatch.GradB2);

            // A full batch afterwards is not affected by the short one before it.
            var fresh = new ShortBatchDoubleNet();
            doubled.W1.CopyTo(fresh.W1);
            doubled.B1.CopyTo(fresh.B1);
            doubled.W2.CopyTo(fresh.W2);
            doubled.B2.CopyTo(fresh.B2);
            shortBatch.Forward(twice);
            shortBatch.Backward(twice, twiceLabels);
            fresh.Forward(twice);
            fresh.Backward(twice, twiceLabels);
            Assert.Equal(fresh.GradW1.ToArray(), shortBatch.GradW1.ToArray());
        }

        [Fact]
        public void SinglePrecisionTrainStepAcceptsShortBatches()
        {
            var net = new ShortBatchNet();
            net.InitializeHe(23);
            float[] x = new float[3 * ShortBatchNet.InputSize];
            for (int e = 0; e < x.Length; e++)
            {
                x[e] = (e % 5) / 5f;
            }
            int[] labels = { 0, 1, 2 };
            double first = net.TrainStep(x, labels, 1e-2, 3);
            double last = first;
            for (int i = 0; i < 50; i++)
            {
                last = net.TrainStep(x, labels, 1e-2, 3);
            }
            Assert.True(last < first, $"loss went from {first} to {last}");
            Assert.Equal(51, net.OptimizerSteps);
        }

        [Fact]
        public void RowsOutsideTheBatchAreRejected()
        {
            var net = new ShortBatchDoubleNet();
            Assert.Throws<ArgumentOutOfRangeException>(() => net.Forward(new double[5 * Inputs], 5));
            Assert.Throws<ArgumentOutOfRangeException>(() => net.Forward(ReadOnlySpan<double>.Empty, 0));
            Assert.Throws<ArgumentException>(() => net.Forward(new double[3 * Inputs], 2));
            net.Forward(new double[2 * Inputs], 2);
            Assert.Throws<ArgumentException>(() => net.CountCorrect(new int[3], 2));
        }

        private static (double[] X, int[] Labels) Data(uint seed)
        {
            var random = new LegacyRandom(seed);
            double[] x = new double[Examples * Inputs];
            random.StandardNormal(x);
            int[] labels = new int[Examples];
            random.RandInt(0, ShortBatchDoubleNet.OutputSize, labels);
            return (x, labels);
        }

        private static int ArgMax(ReadOnlySpan<double> row)
        {
            int best = 0;
            for (int j = 1; j < row.Length; j++)
            {
                if (row[j] > row[best])
                {
                    best = j;
                }
            }
            return best;
        }

        private static void AssertHalf(Span<double> full, Span<double> half)
        {
            for (int e = 0; e < full.Length; e++)
            {
                Assert.True(Math.Abs(full[e] - 2 * half[e]) <= 1e-12 * Math.Max(1, Math.Abs(full[e])), $"element {e}: {full[e]:R} vs 2 x {half[e]:R}");
            }
        }
    }
}
