using System;
using NetGen.NumPy;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training
{
    /// <summary>
    /// Every parameter's analytic gradient (Backward) against central finite differences of Loss, for each layer kind
    /// and each loss. The differences are computed here through the public API only, independent of the generator.
    /// </summary>
    public class GradientTests
    {
        private const double Step = 1e-5;
        private const double Tolerance = 1e-6;

        [Fact]
        public void SquaredErrorWithBiasesAndReLU()
        {
            var net = new SmallSquaredErrorNet();
            var random = new LegacyRandom(1);
            double[] x = Normal(random, SmallSquaredErrorNet.BatchSize * SmallSquaredErrorNet.InputSize);
            double[] t = Normal(random, SmallSquaredErrorNet.BatchSize * SmallSquaredErrorNet.OutputSize);
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
        public void CrossEntropyWithBiasesAndReLU()
        {
            var net = new SmallCrossEntropyNet();
            var random = new LegacyRandom(2);
            double[] x = Normal(random, SmallCrossEntropyNet.BatchSize * SmallCrossEntropyNet.InputSize);
            int[] labels = new int[SmallCrossEntropyNet.BatchSize];
            random.RandInt(0, SmallCrossEntropyNet.OutputSize, labels);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.B1);
            random.StandardNormal(net.W2);
            net.Forward(x);
            net.Backward(x, labels);
            double Loss() { net.Forward(x); return net.Loss(labels); }

            AssertGradient("W1", net.W1, net.GradW1.ToArray(), Loss);
            AssertGradient("B1", net.B1, net.GradB1.ToArray(), Loss);
            AssertGradient("W2", net.W2, net.GradW2.ToArray(), Loss);
        }

        [Fact]
        public void ThreeHiddenLayers()
        {
            var net = new ThreeHiddenLayerNet();
            var random = new LegacyRandom(3);
            double[] x = Normal(random, ThreeHiddenLayerNet.BatchSize * ThreeHiddenLayerNet.InputSize);
            int[] labels = new int[ThreeHiddenLayerNet.BatchSize];
            random.RandInt(0, ThreeHiddenLayerNet.OutputSize, labels);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.W3);
            random.StandardNormal(net.W4);
            net.Forward(x);
            net.Backward(x, labels);
            double Loss() { net.Forward(x); return net.Loss(labels); }

            AssertGradient("W1", net.W1, net.GradW1.ToArray(), Loss);
            AssertGradient("W2", net.W2, net.GradW2.ToArray(), Loss);
            AssertGradient("W3", net.W3, net.GradW3.ToArray(), Loss);
            AssertGradient("W4", net.W4, net.GradW4.ToArray(), Loss);
        }

        [Fact]
        public void SingleLayer()
        {
            var net = new SingleLayerNet();
            var random = new LegacyRandom(4);
            double[] x = Normal(random, SingleLayerNet.BatchSize * SingleLayerNet.InputSize);
            double[] t = Normal(random, SingleLayerNet.BatchSize * SingleLayerNet.OutputSize);
            random.StandardNormal(net.W1);
            net.Forward(x);
            net.Backward(x, t);
            double Loss() { net.Forward(x); return net.Loss(t); }

            AssertGradient("W1", net.W1, net.GradW1.ToArray(), Loss);
        }

        private static double[] Normal(LegacyRandom random, int count)
        {
            double[] values = new double[count];
            random.StandardNormal(values);
            return values;
        }

        /// <summary>
        /// Central differences (L(p + h) - L(p - h)) / 2h for every element of <paramref name="parameter"/>, restoring it
        /// exactly afterwards; the worst relative error |analytic - numeric| / max(|analytic|, |numeric|, 1e-3) must stay
        /// below the tolerance. The floor keeps gradients that are zero (dead ReLUs) from dividing by zero.
        /// </summary>
        private static void AssertGradient(string name, Span<double> parameter, double[] analytic, Func<double> loss)
        {
            double worst = 0;
            int worstIndex = -1;
            double worstNumeric = 0;
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
                    worstNumeric = numeric;
                }
            }
            Assert.True(worst < Tolerance,
                $"dL/d{name}[{worstIndex}]: analytic {(worstIndex >= 0 ? analytic[worstIndex] : 0)}, numeric {worstNumeric}, relative error {worst}");
        }
    }
}
