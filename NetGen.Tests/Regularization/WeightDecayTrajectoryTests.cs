using System;
using NetGen.Tests.Networks;
using Xunit;
using static NetGen.Tests.Regularization.RegularizationReferences;

namespace NetGen.Tests.Regularization
{
    /// <summary>
    /// 30 TrainSteps of each weight-decayed optimizer against PyTorch's own optimizer from the same weights and data
    /// (<c>make_regularization_refs.py</c>): torch.optim.SGD(weight_decay=0.05) with a summed squared error,
    /// SGD(momentum=0.9, weight_decay=0.01) with the mean cross-entropy, AdamW(weight_decay=0.1) with the mean squared
    /// error, and AdamW(betas=(0.8, 0.99), eps=1e-6, weight_decay=0.2) on short batches of 5 rows. Every loss and the
    /// final weights and biases agree; on one thread and on two.
    /// </summary>
    public sealed class WeightDecayTrajectoryTests
    {
        /// <summary>Summation order (BLAS, FMA) differs from PyTorch's by an ulp per sum; 30 steps keep that far below 1e-10.</summary>
        private const double Tolerance = 1e-10;

        private delegate double Step(int step);

        private static void AssertTrajectory(string name, Step step, Span<double> w1, Span<double> b1, Span<double> w2, Span<double> b2)
        {
            double[] losses = Losses(name);
            Assert.Equal(30, losses.Length);
            for (int i = 0; i < losses.Length; i++)
            {
                AssertClose(losses[i], step(i), Tolerance, $"{name} loss of step {i}");
            }
            AssertClose(Read($"{name}-W1.npy", Inputs, Hidden), w1, Tolerance, name + " W1");
            AssertClose(Read($"{name}-B1.npy", Hidden), b1, Tolerance, name + " B1");
            AssertClose(Read($"{name}-W2.npy", Hidden, Outputs), w2, Tolerance, name + " W2");
            AssertClose(Read($"{name}-B2.npy", Outputs), b2, Tolerance, name + " B2");
        }

        [Fact]
        public void SgdWithWeightDecayFollowsPyTorch()
        {
            var net = new DecayedSgdNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X, t = Target;
            AssertTrajectory("sgd-wd", _ => net.TrainStep(x, t, 1e-3), net.W1, net.B1, net.W2, net.B2);
        }

        [Fact]
        public void SgdWithWeightDecayOnTwoThreadsFollowsPyTorch()
        {
            var net = new DecayedSgdThreadedNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X, t = Target;
            AssertTrajectory("sgd-wd", _ => net.TrainStep(x, t, 1e-3), net.W1, net.B1, net.W2, net.B2);
        }

        [Fact]
        public void MomentumWithWeightDecayAndMeanCrossEntropyFollowsPyTorch()
        {
            var net = new DecayedMomentumNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X;
            int[] labels = Labels;
            AssertTrajectory("momentum-wd", _ => net.TrainStep(x, labels, 0.05), net.W1, net.B1, net.W2, net.B2);
        }

        [Fact]
        public void MomentumWithWeightDecayOnTwoThreadsFollowsPyTorch()
        {
            var net = new DecayedMomentumThreadedNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X;
            int[] labels = Labels;
            AssertTrajectory("momentum-wd", _ => net.TrainStep(x, labels, 0.05), net.W1, net.B1, net.W2, net.B2);
        }

        [Fact]
        public void AdamWWithMeanSquaredErrorFollowsPyTorch()
        {
            var net = new MeanAdamWNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X, t = Target;
            AssertTrajectory("adamw", _ => net.TrainStep(x, t, 1e-2), net.W1, net.B1, net.W2, net.B2);
            Assert.Equal(30, net.OptimizerSteps);
        }

        [Fact]
        public void AdamWOnTwoThreadsFollowsPyTorch()
        {
            var net = new MeanAdamWThreadedNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X, t = Target;
            AssertTrajectory("adamw", _ => net.TrainStep(x, t, 1e-2), net.W1, net.B1, net.W2, net.B2);
        }

        [Fact]
        public void AdamWWithGivenHyperparametersOnShortBatchesFollowsPyTorch()
        {
            var net = new TunedAdamWNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X.AsSpan(0, 5 * Inputs).ToArray();
            int[] labels = Labels.AsSpan(0, 5).ToArray();
            AssertTrajectory("adamw-tuned-rows5", _ => net.TrainStep(x, labels, 1e-2, 5), net.W1, net.B1, net.W2, net.B2);
        }

        [Fact]
        public void AdamWWithGivenHyperparametersOnShortBatchesAndTwoThreadsFollowsPyTorch()
        {
            var net = new TunedAdamWThreadedNet();
            LoadInitial(net.W1, net.B1, net.W2, net.B2);
            double[] x = X.AsSpan(0, 5 * Inputs).ToArray();
            int[] labels = Labels.AsSpan(0, 5).ToArray();
            AssertTrajectory("adamw-tuned-rows5", _ => net.TrainStep(x, labels, 1e-2, 5), net.W1, net.B1, net.W2, net.B2);
        }

        [Fact]
        public void StepAloneMatchesTrainStep()
        {
            // Forward, Loss, Backward and Step in turn give TrainStep's numbers exactly on one thread.
            var stepped = new MeanAdamWNet();
            var trained = new MeanAdamWNet();
            LoadInitial(stepped.W1, stepped.B1, stepped.W2, stepped.B2);
            LoadInitial(trained.W1, trained.B1, trained.W2, trained.B2);
            double[] x = X, t = Target;
            for (int i = 0; i < 5; i++)
            {
                stepped.Forward(x);
                double loss = stepped.Loss(t);
                stepped.Backward(x, t);
                stepped.Step(1e-2);
                Assert.Equal(trained.TrainStep(x, t, 1e-2), loss);
            }
            Assert.Equal(trained.W1.ToArray(), stepped.W1.ToArray());
            Assert.Equal(trained.B2.ToArray(), stepped.B2.ToArray());
        }

        [Fact]
        public void WeightDecayLeavesTheGradientsAsBackwardWroteThem()
        {
            // PyTorch adds λ p to a copy of the gradient (d_p = grad.add(param, alpha=λ)); NetGen's GradW stays dL/dW.
            var decayed = new DecayedSgdNet();
            LoadInitial(decayed.W1, decayed.B1, decayed.W2, decayed.B2);
            double[] x = X, t = Target;
            decayed.Forward(x);
            decayed.Backward(x, t);
            double[] before = decayed.GradW1.ToArray();
            double[] w1 = decayed.W1.ToArray();
            decayed.Step(1e-3);
            Assert.Equal(before, decayed.GradW1.ToArray());
            for (int e = 0; e < w1.Length; e++)
            {
                Assert.Equal(w1[e] - 1e-3 * (before[e] + 0.05 * w1[e]), decayed.W1[e], 15);
            }
        }
    }
}
