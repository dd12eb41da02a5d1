using System;
using NetGen.Tests.Networks;
using Xunit;
using static NetGen.Tests.Regularization.RegularizationReferences;

namespace NetGen.Tests.Regularization
{
    /// <summary>
    /// <c>Reduction = Reduction.Mean</c> against PyTorch's defaults, <c>F.mse_loss(reduction='mean')</c> (the mean over
    /// every element) and <c>F.cross_entropy(reduction='mean')</c> (the mean over the examples): the loss and every
    /// parameter's gradient at the reference weights, on the whole batch of 8 and on a short batch of 5, where the mean
    /// is over the 5 rows that count. Single-threaded and threaded TrainStep return the same mean.
    /// </summary>
    public sealed class MeanLossReferenceTests
    {
        private const double Tolerance = 1e-13;

        private static void AssertGradients(string prefix, double loss, double[] gradW1, double[] gradB1, double[] gradW2, double[] gradB2)
        {
            AssertClose(Scalar(prefix + "-loss.txt"), loss, Tolerance, prefix + " loss");
            AssertClose(Read(prefix + "-gradW1.npy", Inputs, Hidden), gradW1, Tolerance, prefix + " dL/dW1");
            AssertClose(Read(prefix + "-gradB1.npy", Hidden), gradB1, Tolerance, prefix + " dL/dB1");
            AssertClose(Read(prefix + "-gradW2.npy", Hidden, Outputs), gradW2, Tolerance, prefix + " dL/dW2");
            AssertClose(Read(prefix + "-gradB2.npy", Outputs), gradB2, Tolerance, prefix + " dL/dB2");
        }

        [Fact]
        public void MeanSquaredErrorAndItsGradientMatchPyTorch()
        {
            var net = new MeanAdamWNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X, t = Target;
            net.Forward(x);
            double loss = net.Loss(t);
            net.Backward(x, t);
            AssertGradients("mean-se-rows8", loss, net.GradW1.ToArray(), net.GradB1.ToArray(), net.GradW2.ToArray(), net.GradB2.ToArray());
        }

        [Fact]
        public void MeanSquaredErrorOfAShortBatchIsTheMeanOverItsRows()
        {
            var net = new MeanAdamWNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X.AsSpan(0, 5 * Inputs).ToArray(), t = Target.AsSpan(0, 5 * Outputs).ToArray();
            net.Forward(x, 5);
            double loss = net.Loss(t, 5);
            net.Backward(x, t, 5);
            AssertGradients("mean-se-rows5", loss, net.GradW1.ToArray(), net.GradB1.ToArray(), net.GradW2.ToArray(), net.GradB2.ToArray());
        }

        [Fact]
        public void MeanCrossEntropyAndItsGradientMatchPyTorch()
        {
            var net = new TunedAdamWNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X;
            int[] labels = Labels;
            net.Forward(x);
            double loss = net.Loss(labels);
            net.Backward(x, labels);
            AssertGradients("mean-ce-rows8", loss, net.GradW1.ToArray(), net.GradB1.ToArray(), net.GradW2.ToArray(), net.GradB2.ToArray());
        }

        [Fact]
        public void MeanCrossEntropyOfAShortBatchIsTheMeanOverItsRows()
        {
            var net = new TunedAdamWNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X.AsSpan(0, 5 * Inputs).ToArray();
            int[] labels = Labels.AsSpan(0, 5).ToArray();
            net.Forward(x, 5);
            double loss = net.Loss(labels, 5);
            net.Backward(x, labels, 5);
            AssertGradients("mean-ce-rows5", loss, net.GradW1.ToArray(), net.GradB1.ToArray(), net.GradW2.ToArray(), net.GradB2.ToArray());
        }

        [Fact]
        public void ThreadedTrainStepReturnsTheMeanLossOfFullAndShortBatches()
        {
            var net = new MeanAdamWThreadedNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            AssertClose(Scalar("mean-se-rows8-loss.txt"), net.TrainStep(X, Target, 0), Tolerance, "threaded mean squared error");
            var classifier = new TunedAdamWThreadedNet();
            LoadInitial(classifier.W1, classifier.B1, classifier.W2, classifier.B2);
            double loss = classifier.TrainStep(X.AsSpan(0, 5 * Inputs), Labels.AsSpan(0, 5), 0, 5);
            AssertClose(Scalar("mean-ce-rows5-loss.txt"), loss, Tolerance, "threaded mean cross-entropy of 5 rows");
        }

        [Fact]
        public void MeanGradientsPassTheFiniteDifferenceCheck()
        {
            var net = new TunedAdamWNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            foreach (var result in net.CheckGradients(X, Labels))
            {
                Assert.True(result.WorstRelativeError < 1e-6, $"{result.Parameter}: {result.WorstRelativeError}");
            }
        }
    }
}
