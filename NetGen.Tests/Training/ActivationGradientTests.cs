using System;
using NetGen.NumPy;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training
{
    /// <summary>
    /// Sigmoid, Tanh and LeakyReLU: every parameter's analytic gradient (Backward) against central finite differences
    /// of Loss, computed here through the public API only, and the forward values against NumPy's.
    /// </summary>
    public class ActivationGradientTests
    {
        private const double Step = 1e-5;
        private const double Tolerance = 1e-6;

        [Fact]
        public void SigmoidGradients()
        {
            var net = new SigmoidNet();
            var random = new LegacyRandom(11);
            double[] x = Normal(random, SigmoidNet.BatchSize * SigmoidNet.InputSize);
            double[] t = Normal(random, SigmoidNet.BatchSize * SigmoidNet.OutputSize);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.B1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.B2);
            net.Forward(x);
            net.Backward(x, t);
            double Loss() { net.Forward(x); return net.Loss(t); }

            AssertGradient("W1", net.W1, net.GradW1.ToArray(), Loss);
            AssertGradient("B1", net.B1, net.GradB1.ToArray(), Loss);
            AssertGradient("W2", net.W2, net.GradW2.ToArray(), Loss);
            AssertGradient("B2", net.B2, net.GradB2.ToArray(), Loss);
        }

        [Fact]
        public void TanhGradients()
        {
            var net = new TanhNet();
            var random = new LegacyRandom(12);
            double[] x = Normal(random, TanhNet.BatchSize * TanhNet.InputSize);
            int[] labels = new int[TanhNet.BatchSize];
            random.RandInt(0, TanhNet.OutputSize, labels);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.B1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.B2);
            net.Forward(x);
            net.Backward(x, labels);
            double Loss() { net.Forward(x); return net.Loss(labels); }

            AssertGradient("W1", net.W1, net.GradW1.ToArray(), Loss);
            AssertGradient("B1", net.B1, net.GradB1.ToArray(), Loss);
            AssertGradient("W2", net.W2, net.GradW2.ToArray(), Loss);
            AssertGradient("B2", net.B2, net.GradB2.ToArray(), Loss);
        }

        [Fact]
        public void LeakyReLUGradients()
        {
            var net = new LeakyReLUNet();
            var random = new LegacyRandom(13);
            double[] x = Normal(random, LeakyReLUNet.BatchSize * LeakyReLUNet.InputSize);
            int[] labels = new int[LeakyReLUNet.BatchSize];
            random.RandInt(0, LeakyReLUNet.OutputSize, labels);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.B1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.B2);
            net.Forward(x);
            net.Backward(x, labels);
            double Loss() { net.Forward(x); return net.Loss(labels); }

            AssertGradient("W1", net.W1, net.GradW1.ToArray(), Loss);
            AssertGradient("B1", net.B1, net.GradB1.ToArray(), Loss);
            AssertGradient("W2", net.W2, net.GradW2.ToArray(), Loss);
            AssertGradient("B2", net.B2, net.GradB2.ToArray(), Loss);
        }

        [Fact]
        public void MixedActivationsThroughKernels()
        {
            var net = new MixedActivationNet();
            var random = new LegacyRandom(14);
            double[] x = Normal(random, MixedActivationNet.BatchSize * MixedActivationNet.InputSize);
            int[] labels = new int[MixedActivationNet.BatchSize];
            random.RandInt(0, MixedActivationNet.OutputSize, labels);
            net.InitializeXavier(14);
            random.StandardNormal(net.B1);
            random.StandardNormal(net.B2);
            random.StandardNormal(net.B3);
            random.StandardNormal(net.B4);
            net.Forward(x);
            net.Backward(x, labels);
            double Loss() { net.Forward(x); return net.Loss(labels); }

            AssertGradient("W1", net.W1, net.GradW1.ToArray(), Loss);
            AssertGradient("B1", net.B1, net.GradB1.ToArray(), Loss);
            AssertGradient("W2", net.W2, net.GradW2.ToArray(), Loss);
            AssertGradient("B2", net.B2, net.GradB2.ToArray(), Loss);
            AssertGradient("W3", net.W3, net.GradW3.ToArray(), Loss);
            AssertGradient("B3", net.B3, net.GradB3.ToArray(), Loss);
            AssertGradient("W4", net.W4, net.GradW4.ToArray(), Loss);
            AssertGradient("B4", net.B4, net.GradB4.ToArray(), Loss);
        }

        [Fact]
        public void ForwardValuesMatchNumPy()
        {
            // The hidden activations of one example with W1 = 0 and B1 = [-2, -0.5, 0, 0.5, 2, 3]:
            // python3 -c "import numpy as np; b = np.array([-2, -0.5, 0, 0.5, 2, 3.0]); print([repr(v) for v in 1 / (1 + np.exp(-b))]); print([repr(v) for v in np.tanh(b)])"
            double[] bias = { -2, -0.5, 0, 0.5, 2, 3 };
            double[] sigmoid = { 0.11920292202211755, 0.3775406687981454, 0.5, 0.6224593312018546, 0.8807970779778825, 0.9525741268224334 };
            double[] tanh = { -0.9640275800758169, -0.46211715726000974, 0.0, 0.46211715726000974, 0.9640275800758169, 0.9950547536867305 };

            var sigmoidNet = new SigmoidNet();
            bias.CopyTo(sigmoidNet.B1);
            // With x = 0, output 0 of every example is Σⱼ σ(b)[j] W2[j, 0]: a one in row k of W2 reads σ(b)[k].
            for (int k = 0; k < 6; k++)
            {
                sigmoidNet.W2.Clear();
                sigmoidNet.W2[k * 2] = 1;
                ReadOnlySpan<double> output = sigmoidNet.Forward(new double[SigmoidNet.BatchSize * SigmoidNet.InputSize]);
                Assert.Equal(sigmoid[k], output[0], 15);
            }

            var tanhNet = new TanhNet();
            bias.CopyTo(tanhNet.B1.Slice(0, 6));
            for (int k = 0; k < 6; k++)
            {
                tanhNet.W2.Clear();
                tanhNet.W2[k * 3] = 1;
                ReadOnlySpan<double> output = tanhNet.Forward(new double[TanhNet.BatchSize * TanhNet.InputSize]);
                Assert.Equal(tanh[k], output[0], 15);
            }
        }

        private static double[] Normal(LegacyRandom random, int count)
        {
            double[] values = new double[count];
            random.StandardNormal(values);
            return values;
        }

        /// <summary>
        /// Central differences (L(p + h) - L(p - h)) / 2h for every element, restoring it exactly afterwards; the worst
        /// relative error |analytic - numeric| / max(|analytic|, |numeric|, 1e-3) must stay below the tolerance.
        /// </summary>
        private static void AssertGradient(string name, Span<double> parameter, double[] analytic, Func<double> loss)
        {
            double worst = 0;
            int worstIndex = -1;
            for (int i = 0; i < parameter.Length; i++)
            {
                double saved = parameter[i];
                parameter[i] = saved + Step;
                double plus = loss();
                parameter[i] = saved - Step;
                double minus = loss();
                parameter[i] = saved;
                double numeric = (plus - minus) / (2 * Step);
                double error = Math.Abs(analytic[i] - numeric) / Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric)), 1e-3);
                if (error > worst)
                {
                    worst = error;
                    worstIndex = i;
                }
            }
            Assert.True(worst < Tolerance, $"{name}: worst relative error {worst:E2} at index {worstIndex}");
        }
    }
}
