using System;
using System.Linq;
using System.Runtime.CompilerServices;
using NetGen.NumPy;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Performance
{
    /// <summary>The Fashion-MNIST network (784-256-128-10, ReLU, biases, Adam, float32) with TrainStep on two threads.</summary>
    [Network(BatchSize = 64, Precision = Precision.Single, Threads = 2)]
    [Dense(784, 256, Bias = true)]
    [ReLU]
    [Dense(256, 128, Bias = true)]
    [ReLU]
    [Dense(128, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class TwoThreadFashionNet
    {
    }

    /// <summary>The same network on one thread: the reference for <see cref="TwoThreadFashionNet"/>.</summary>
    [Network(BatchSize = 64, Precision = Precision.Single)]
    [Dense(784, 256, Bias = true)]
    [ReLU]
    [Dense(256, 128, Bias = true)]
    [ReLU]
    [Dense(128, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class OneThreadFashionNet
    {
    }

    /// <summary>Question 7's network (plain SGD, squared error, double) with TrainStep on two threads.</summary>
    [Network(BatchSize = 64, Threads = 2)]
    [Dense(1000, 100)]
    [ReLU]
    [Dense(100, 10)]
    [SquaredErrorLoss]
    public partial class TwoThreadQuestion7Net
    {
    }

    /// <summary>
    /// Uneven shares on three threads: 7 rows split 2 + 2 + 3, a layer with 2 inputs (one thread gets no rows of its
    /// weights), Tanh and LeakyReLU (loops, not kernels), momentum.
    /// </summary>
    [Network(BatchSize = 7, Threads = 3)]
    [Dense(13, 9, Bias = true)]
    [Tanh]
    [Dense(9, 2, Bias = true)]
    [LeakyReLU(0.1)]
    [Dense(2, 4)]
    [SoftmaxCrossEntropyLoss]
    [Momentum(0.9)]
    public partial class ThreeThreadOddNet
    {
    }

    /// <summary>The same network on one thread.</summary>
    [Network(BatchSize = 7)]
    [Dense(13, 9, Bias = true)]
    [Tanh]
    [Dense(9, 2, Bias = true)]
    [LeakyReLU(0.1)]
    [Dense(2, 4)]
    [SoftmaxCrossEntropyLoss]
    [Momentum(0.9)]
    public partial class OneThreadOddNet
    {
    }

    /// <summary>Squared error with Sigmoid and biases on two threads, and its one-thread twin.</summary>
    [Network(BatchSize = 6, Threads = 2)]
    [Dense(5, 8, Bias = true)]
    [Sigmoid]
    [Dense(8, 3, Bias = true)]
    [SquaredErrorLoss]
    public partial class TwoThreadSquaredNet
    {
    }

    /// <summary>The one-thread twin of <see cref="TwoThreadSquaredNet"/>.</summary>
    [Network(BatchSize = 6)]
    [Dense(5, 8, Bias = true)]
    [Sigmoid]
    [Dense(8, 3, Bias = true)]
    [SquaredErrorLoss]
    public partial class OneThreadSquaredNet
    {
    }

    /// <summary>One Dense layer and nothing else, on two threads: phase 0 computes the output itself.</summary>
    [Network(BatchSize = 5, Threads = 2)]
    [Dense(7, 3, Bias = true)]
    [SquaredErrorLoss]
    [Adam]
    public partial class TwoThreadSingleLayerNet
    {
    }

    /// <summary>The one-thread twin of <see cref="TwoThreadSingleLayerNet"/>.</summary>
    [Network(BatchSize = 5)]
    [Dense(7, 3, Bias = true)]
    [SquaredErrorLoss]
    [Adam]
    public partial class OneThreadSingleLayerNet
    {
    }

    /// <summary>
    /// Tests that measure the whole process: they run alone, after the parallel ones, so that no other test allocates
    /// while they count.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class WholeProcessCollection
    {
        public const string Name = "Whole process";
    }

    /// <summary>The two-thread TrainStep allocates nothing per step, on the caller's thread or on its worker.</summary>
    [Collection(WholeProcessCollection.Name)]
    public class ThreadedTrainStepAllocationTests
    {
        [Fact]
        public void TwoThreadTrainStepAllocatesNothingOnAnyThread()
        {
            var net = new TwoThreadFashionNet();
            net.InitializeHe(1);
            float[] x = new float[64 * 784];
            int[] labels = new int[64];
            for (int warmUp = 0; warmUp < 3; warmUp++)
            {
                net.TrainStep(x, labels, 1e-3);
            }
            // Other threads of the process (the test runner's reporting, the runtime's) may allocate now and then while
            // the steps run; a step that allocated would add at least 24 bytes to every one of the ten counts.
            long fewest = long.MaxValue;
            for (int repeat = 0; repeat < 10; repeat++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < 200; i++)
                {
                    net.TrainStep(x, labels, 1e-3);
                }
                fewest = Math.Min(fewest, GC.GetTotalAllocatedBytes(precise: true) - before);
            }
            Assert.True(fewest < 2 * 1024, $"200 two-thread TrainSteps allocated at least {fewest} bytes in the whole process, every time of ten");
            Assert.Equal(0, Allocations.SteadyState(() => net.TrainStep(x, labels, 1e-3), calls: 1));
        }
    }

    /// <summary>
    /// TrainStep on several threads (<c>[Network(Threads = n)]</c>) against the same network's Forward, Loss, Backward
    /// and Step on one thread: the same numbers up to the rounding of the first layer's sum, which the threads split
    /// between them, for full and short batches, every optimizer, both losses; NumPy's question 7 trajectory; no
    /// allocation; bad input rejected before any work; worker threads that let the network go.
    /// </summary>
    public class ThreadedTrainStepTests
    {
        [Fact]
        public void FashionNetworkOnTwoThreadsMatchesOneThread()
        {
            var two = new TwoThreadFashionNet();
            var one = new OneThreadFashionNet();
            two.InitializeHe(3);
            one.InitializeHe(3);
            var random = new LegacyRandom(5);
            float[] x = new float[64 * 784];
            int[] labels = new int[64];
            for (int step = 0; step < 6; step++)
            {
                for (int e = 0; e < x.Length; e++)
                {
                    x[e] = (float)random.NextDouble();
                }
                for (int n = 0; n < labels.Length; n++)
                {
                    labels[n] = (int)random.RandInt(0, 10);
                }
                // The last step is a short batch of 37 rows.
                int rows = step == 5 ? 37 : 64;
                double lossTwo = two.TrainStep(x.AsSpan(0, rows * 784), labels.AsSpan(0, rows), 1e-3, rows);
                double lossOne = one.TrainStep(x.AsSpan(0, rows * 784), labels.AsSpan(0, rows), 1e-3, rows);
                Assert.True(Math.Abs(lossOne - lossTwo) <= 1e-5 * lossOne, $"step {step}: one thread {lossOne:R}, two threads {lossTwo:R}");
            }
            Assert.Equal(one.OptimizerSteps, two.OptimizerSteps);
            // float32 sums of 784 terms in two orders differ by a few units in the last place; Adam's steps are at most
            // about lr = 1e-3 each, so six steps cannot carry a difference beyond a few 1e-5.
            AssertClose(one.W1, two.W1, "W1");
            AssertClose(one.B1, two.B1, "B1");
            AssertClose(one.W2, two.W2, "W2");
            AssertClose(one.B2, two.B2, "B2");
            AssertClose(one.W3, two.W3, "W3");
            AssertClose(one.B3, two.B3, "B3");
            AssertClose(one.GradB3, two.GradB3, "GradB3");
        }

        [Fact]
        public void Question7OnTwoThreadsFollowsNumPyAndTheOneThreadRun()
        {
            double[] reference = TrainStepTests.Reference();
            var two = new TwoThreadQuestion7Net();
            var one = new KernelQuestion7Net();
            var random = new LegacyRandom(0);
            double[] x = new double[64 * 1000], t = new double[64 * 10];
            random.StandardNormal(x);
            random.StandardNormal(t);
            random.StandardNormal(two.W1);
            random.StandardNormal(two.W2);
            two.W1.CopyTo(one.W1);
            two.W2.CopyTo(one.W2);
            for (int i = 0; i < 500; i++)
            {
                double loss = two.TrainStep(x, t, 1e-6);
                AssertClose(one.TrainStep(x, t, 1e-6), loss, "loss at iteration " + i);
                Assert.True(Math.Abs(loss - reference[i]) <= 1e-8 * Math.Abs(reference[i]), $"iteration {i}: NumPy {reference[i]:R}, NetGen on two threads {loss:R}");
            }
            AssertClose(one.W1, two.W1, "W1");
            AssertClose(one.W2, two.W2, "W2");
        }

        [Fact]
        public void UnevenSharesOnThreeThreadsMatchOneThread()
        {
            var three = new ThreeThreadOddNet();
            var one = new OneThreadOddNet();
            var random = new LegacyRandom(11);
            random.StandardNormal(three.W1);
            random.StandardNormal(three.B1);
            random.StandardNormal(three.W2);
            random.StandardNormal(three.B2);
            random.StandardNormal(three.W3);
            three.W1.CopyTo(one.W1);
            three.B1.CopyTo(one.B1);
            three.W2.CopyTo(one.W2);
            three.B2.CopyTo(one.B2);
            three.W3.CopyTo(one.W3);
            double[] x = new double[7 * 13];
            int[] labels = new int[7];
            for (int step = 0; step < 8; step++)
            {
                random.StandardNormal(x);
                for (int n = 0; n < 7; n++)
                {
                    labels[n] = (int)random.RandInt(0, 4);
                }
                int rows = step % 3 == 2 ? 3 : 7;
                double lossThree = three.TrainStep(x.AsSpan(0, rows * 13), labels.AsSpan(0, rows), 0.05, rows);
                double lossOne = one.TrainStep(x.AsSpan(0, rows * 13), labels.AsSpan(0, rows), 0.05, rows);
                AssertClose(lossOne, lossThree, "loss at step " + step);
            }
            AssertClose(one.W1, three.W1, "W1");
            AssertClose(one.B1, three.B1, "B1");
            AssertClose(one.W2, three.W2, "W2");
            AssertClose(one.B2, three.B2, "B2");
            AssertClose(one.W3, three.W3, "W3");
        }

        [Fact]
        public void SquaredErrorOnTwoThreadsMatchesOneThread()
        {
            var two = new TwoThreadSquaredNet();
            var one = new OneThreadSquaredNet();
            var random = new LegacyRandom(2);
            random.StandardNormal(two.W1);
            random.StandardNormal(two.B1);
            random.StandardNormal(two.W2);
            random.StandardNormal(two.B2);
            two.W1.CopyTo(one.W1);
            two.B1.CopyTo(one.B1);
            two.W2.CopyTo(one.W2);
            two.B2.CopyTo(one.B2);
            double[] x = new double[6 * 5], t = new double[6 * 3];
            for (int step = 0; step < 6; step++)
            {
                random.StandardNormal(x);
                random.StandardNormal(t);
                int rows = step == 3 ? 1 : 6;
                AssertClose(
                    one.TrainStep(x.AsSpan(0, rows * 5), t.AsSpan(0, rows * 3), 0.01, rows),
                    two.TrainStep(x.AsSpan(0, rows * 5), t.AsSpan(0, rows * 3), 0.01, rows),
                    "loss at step " + step);
            }
            AssertClose(one.W1, two.W1, "W1");
            AssertClose(one.B2, two.B2, "B2");
        }

        [Fact]
        public void ASingleLayerOnTwoThreadsMatchesOneThread()
        {
            var two = new TwoThreadSingleLayerNet();
            var one = new OneThreadSingleLayerNet();
            var random = new LegacyRandom(8);
            random.StandardNormal(two.W1);
            random.StandardNormal(two.B1);
            two.W1.CopyTo(one.W1);
            two.B1.CopyTo(one.B1);
            double[] x = new double[5 * 7], t = new double[5 * 3];
            for (int step = 0; step < 5; step++)
            {
                random.StandardNormal(x);
                random.StandardNormal(t);
                int rows = step == 2 ? 2 : 5;
                AssertClose(
                    one.TrainStep(x.AsSpan(0, rows * 7), t.AsSpan(0, rows * 3), 0.01, rows),
                    two.TrainStep(x.AsSpan(0, rows * 7), t.AsSpan(0, rows * 3), 0.01, rows),
                    "loss at step " + step);
            }
            AssertClose(one.W1, two.W1, "W1");
            AssertClose(one.B1, two.B1, "B1");
            Assert.Equal(one.OptimizerSteps, two.OptimizerSteps);
        }

        [Fact]
        public void ForwardOnTwoThreadsGivesTheOneThreadOutput()
        {
            var two = new TwoThreadFashionNet();
            var one = new OneThreadFashionNet();
            two.InitializeHe(6);
            one.InitializeHe(6);
            var random = new LegacyRandom(9);
            float[] x = new float[64 * 784];
            int[] labels = new int[64];
            for (int e = 0; e < x.Length; e++)
            {
                x[e] = (float)random.NextDouble();
            }
            for (int n = 0; n < labels.Length; n++)
            {
                labels[n] = (int)random.RandInt(0, 10);
            }

            float[] expected = one.Forward(x).ToArray();
            float[] actual = two.Forward(x).ToArray();
            AssertClose(expected, actual, "logits");
            Assert.Equal(one.Loss(labels), two.Loss(labels), 4);

            // A short batch goes through the same threads, padded; Backward on the caller's thread follows either.
            float[] shortExpected = one.Forward(x.AsSpan(0, 21 * 784), 21).ToArray();
            float[] shortActual = two.Forward(x.AsSpan(0, 21 * 784), 21).ToArray();
            Assert.Equal(21 * 10, shortActual.Length);
            AssertClose(shortExpected, shortActual, "short-batch logits");
            one.Backward(x.AsSpan(0, 21 * 784), labels.AsSpan(0, 21), 21);
            two.Backward(x.AsSpan(0, 21 * 784), labels.AsSpan(0, 21), 21);
            AssertClose(one.GradW2, two.GradW2, "GradW2 after a two-thread Forward");
        }

        [Fact]
        public void BadInputIsRejectedBeforeAnyThreadRuns()
        {
            var net = new TwoThreadFashionNet();
            net.InitializeHe(4);
            float[] before = net.W1.ToArray();
            var wrongLength = Assert.Throws<ArgumentException>(() => net.TrainStep(new float[64 * 783], new int[64], 1e-3));
            Assert.Contains("50176", wrongLength.Message);
            int[] labels = new int[64];
            labels[40] = 10;
            var badLabel = Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainStep(new float[64 * 784], labels, 1e-3));
            Assert.Contains("labels[40] is 10", badLabel.Message);
            var badShortLabel = Assert.Throws<ArgumentOutOfRangeException>(() => net.TrainStep(new float[5 * 784], new[] { 0, 1, 2, -1, 4 }, 1e-3, 5));
            Assert.Contains("labels[3] is -1", badShortLabel.Message);
            Assert.Equal(before, net.W1.ToArray());
            Assert.Equal(0, net.OptimizerSteps);
        }

        [Fact]
        public void WorkerThreadsDoNotKeepTheNetworkAlive()
        {
            WeakReference network = TrainOnceAndDrop();
            for (int i = 0; i < 10 && network.IsAlive; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            Assert.False(network.IsAlive, "a network whose TrainStep ran on two threads was still reachable after collection");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference TrainOnceAndDrop()
        {
            var net = new TwoThreadFashionNet();
            net.TrainStep(new float[64 * 784], new int[64], 1e-3);
            return new WeakReference(net);
        }

        private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string name)
        {
            for (int e = 0; e < expected.Length; e++)
            {
                if (!(Math.Abs(expected[e] - actual[e]) <= 1e-4 * Math.Max(1, Math.Abs(expected[e]))))
                {
                    Assert.Fail($"{name}[{e}]: one thread {expected[e]:R}, two threads {actual[e]:R}");
                }
            }
        }

        /// <summary>
        /// In double precision the two orders of the first layer's sum, and layers too small for the kernels (plain loops
        /// on one thread, kernels with fused multiply-adds on several), differ only in the last bits.
        /// </summary>
        private static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string name)
        {
            for (int e = 0; e < expected.Length; e++)
            {
                AssertClose(expected[e], actual[e], $"{name}[{e}]");
            }
        }

        private static void AssertClose(double expected, double actual, string name) =>
            Assert.True(Math.Abs(expected - actual) <= 1e-10 * Math.Max(1, Math.Abs(expected)), $"{name}: one thread {expected:R}, several {actual:R}");
    }
}
