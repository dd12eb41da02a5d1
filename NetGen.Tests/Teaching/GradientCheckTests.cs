using System;
using System.Linq;
using NetGen.NumPy;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Teaching
{
    /// <summary>
    /// The generated <c>CheckGradients</c>: on every kind of network the worst relative error of each parameter tensor
    /// stays below 1e-6; the check restores the parameters bit for bit; its numeric gradient is the central difference
    /// it claims to be; and it does report an error when the finite difference and Backward disagree.
    /// </summary>
    public class GradientCheckTests
    {
        private const double Tolerance = 1e-6;

        /// <summary>Entries checked per tensor of the question 7 and 8 networks: 2 forward passes of 6.4M multiply-adds each.</summary>
        private const int LargeNetworkEntries = 200;

        private readonly ITestOutputHelper _output;

        public GradientCheckTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Question1Network()
        {
            var random = new LegacyRandom(1);
            var net = new Question1Net();
            double[] x = Normal(random, Question1Net.BatchSize * Question1Net.InputSize);
            double[] t = Normal(random, Question1Net.BatchSize * Question1Net.OutputSize);
            random.StandardNormal(net.W1);

            AssertBelowTolerance(net.CheckGradients(x, t), "W1");
        }

        [Fact]
        public void Question7Network()
        {
            // The assignment's sizes; weights scaled by 1/√inputs so that the outputs, and the loss, stay near 1 per element.
            var random = new LegacyRandom(7);
            var net = new Question7Net();
            double[] x = Normal(random, Question7Net.BatchSize * Question7Net.InputSize);
            double[] t = Normal(random, Question7Net.BatchSize * Question7Net.OutputSize);
            Scaled(random, net.W1, 1000);
            Scaled(random, net.W2, 100);

            AssertBelowTolerance(net.CheckGradients(x, t, maxEntriesPerParameter: LargeNetworkEntries), "W1", "W2");
        }

        [Fact]
        public void Question8Network()
        {
            var random = new LegacyRandom(8);
            var net = new Question8Net();
            double[] x = Normal(random, Question8Net.BatchSize * Question8Net.InputSize);
            int[] labels = new int[Question8Net.BatchSize];
            random.RandInt(0, Question8Net.OutputSize, labels);
            Scaled(random, net.W1, 1000);
            Scaled(random, net.W2, 100);

            AssertBelowTolerance(net.CheckGradients(x, labels, maxEntriesPerParameter: LargeNetworkEntries), "W1", "W2");
        }

        [Fact]
        public void Question7NetworkWithTheAssignmentsUnscaledWeights()
        {
            // np.random.seed(0); x, t, w1, w2 = randn(...): outputs in the hundreds and a loss of about 2.6e7.
            var random = new LegacyRandom(0);
            var net = new Question7Net();
            double[] x = Normal(random, Question7Net.BatchSize * Question7Net.InputSize);
            double[] t = Normal(random, Question7Net.BatchSize * Question7Net.OutputSize);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);

            AssertBelowTolerance(net.CheckGradients(x, t, maxEntriesPerParameter: LargeNetworkEntries), "W1", "W2");
        }

        [Fact]
        public void ThreeHiddenLayerNetwork()
        {
            var random = new LegacyRandom(3);
            var net = new ThreeHiddenLayerNet();
            double[] x = Normal(random, ThreeHiddenLayerNet.BatchSize * ThreeHiddenLayerNet.InputSize);
            int[] labels = new int[ThreeHiddenLayerNet.BatchSize];
            random.RandInt(0, ThreeHiddenLayerNet.OutputSize, labels);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.W3);
            random.StandardNormal(net.W4);

            AssertBelowTolerance(net.CheckGradients(x, labels), "W1", "W2", "W3", "W4");
        }

        [Fact]
        public void UnrolledThreeHiddenLayerNetwork()
        {
            var random = new LegacyRandom(33);
            var net = new UnrolledThreeHiddenLayerNet();
            double[] x = Normal(random, UnrolledThreeHiddenLayerNet.BatchSize * UnrolledThreeHiddenLayerNet.InputSize);
            double[] t = Normal(random, UnrolledThreeHiddenLayerNet.BatchSize * UnrolledThreeHiddenLayerNet.OutputSize);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.W3);
            random.StandardNormal(net.W4);

            AssertBelowTolerance(net.CheckGradients(x, t), "W1", "W2", "W3", "W4");
        }

        [Fact]
        public void NetworkWithBiases()
        {
            var random = new LegacyRandom(4);
            var net = new BiasedNet();
            double[] x = Normal(random, BiasedNet.BatchSize * BiasedNet.InputSize);
            double[] t = Normal(random, BiasedNet.BatchSize * BiasedNet.OutputSize);
            RandomizeParameters(random, net);

            AssertBelowTolerance(net.CheckGradients(x, t), "W1", "B1", "W2", "B2", "W3", "B3", "W4", "B4");
        }

        [Fact]
        public void SinglePrecisionNetworkAgreesToWhatFloatCanResolve()
        {
            var random = new LegacyRandom(5);
            var net = new SinglePrecisionNet();
            float[] x = Array.ConvertAll(Normal(random, SinglePrecisionNet.BatchSize * SinglePrecisionNet.InputSize), v => (float)v);
            int[] labels = { 1, 0 };
            FillSingle(random, net.W1);
            FillSingle(random, net.B1);
            FillSingle(random, net.W2);

            var results = net.CheckGradients(x, labels);

            Assert.Equal(new[] { "W1", "B1", "W2" }, results.Select(r => r.Parameter));
            foreach (var result in results)
            {
                _output.WriteLine($"{result.Parameter}: worst relative error {result.WorstRelativeError:E2} at [{result.WorstIndex}] (analytic {result.Analytic:R}, numeric {result.Numeric:R})");
                Assert.True(result.WorstRelativeError < 1e-3, $"{result.Parameter}: {result}");
            }
        }

        [Fact]
        public void CheckRestoresEveryParameterBitForBitAndLeavesTheirActivations()
        {
            var random = new LegacyRandom(6);
            var net = new BiasedNet();
            double[] x = Normal(random, BiasedNet.BatchSize * BiasedNet.InputSize);
            double[] t = Normal(random, BiasedNet.BatchSize * BiasedNet.OutputSize);
            RandomizeParameters(random, net);
            double[][] before = Parameters(net);

            net.CheckGradients(x, t);

            double[][] after = Parameters(net);
            for (int p = 0; p < before.Length; p++)
            {
                Assert.Equal(before[p].Select(BitConverter.DoubleToInt64Bits), after[p].Select(BitConverter.DoubleToInt64Bits));
            }
            double[] outputAfterCheck = net.Output.ToArray();
            net.Forward(x);
            Assert.Equal(net.Output.ToArray(), outputAfterCheck);
        }

        [Fact]
        public void ReportedGradientsAreBackwardsAndTheCentralDifference()
        {
            var random = new LegacyRandom(9);
            var net = new Question1Net();
            double[] x = Normal(random, Question1Net.BatchSize * Question1Net.InputSize);
            double[] t = Normal(random, Question1Net.BatchSize * Question1Net.OutputSize);
            random.StandardNormal(net.W1);
            const double epsilon = 1e-4;

            var result = Assert.Single(net.CheckGradients(x, t, epsilon));

            Assert.Equal(net.GradW1[result.WorstIndex], result.Analytic);
            double original = net.W1[result.WorstIndex];
            net.W1[result.WorstIndex] = original + epsilon;
            double plus = net.W1[result.WorstIndex];
            net.Forward(x);
            double lossPlus = net.Loss(t);
            net.W1[result.WorstIndex] = original - epsilon;
            double minus = net.W1[result.WorstIndex];
            net.Forward(x);
            double lossMinus = net.Loss(t);
            net.W1[result.WorstIndex] = original;
            Assert.Equal((lossPlus - lossMinus) / (plus - minus), result.Numeric);
        }

        [Fact]
        public void LargeStepIsReportedAsAnError()
        {
            // The cross-entropy is smooth but not quadratic: with h = 0.5 its central difference is far from the
            // derivative, and the check must say so. Small reported errors are measured, not assumed.
            var random = new LegacyRandom(12);
            var net = new SoftmaxRegressionNet();
            double[] x = Normal(random, SoftmaxRegressionNet.BatchSize * SoftmaxRegressionNet.InputSize);
            int[] labels = { 3, 0 };
            random.StandardNormal(net.W1);

            var result = Assert.Single(net.CheckGradients(x, labels, epsilon: 0.5));

            _output.WriteLine($"{result.Parameter}: worst relative error {result.WorstRelativeError:E2} at [{result.WorstIndex}]");
            Assert.True(result.WorstRelativeError > 1e-3, $"{result}");
            Assert.True(net.CheckGradients(x, labels)[0].WorstRelativeError < Tolerance);
        }

        [Fact]
        public void ReportedErrorIsTheDocumentedFormula()
        {
            // error = max(0, |a - n| - δ) / (|a| + |n|), δ = u (m (|L₊| + |L₋|) + 2 Σ |Y · dL/dY|) / s,
            // with m = 2 × 4 loss terms, u = 2⁻⁵³ and the Σ over the one Dense output at the unperturbed weights.
            var random = new LegacyRandom(13);
            var net = new SoftmaxRegressionNet();
            double[] x = Normal(random, SoftmaxRegressionNet.BatchSize * SoftmaxRegressionNet.InputSize);
            int[] labels = { 1, 2 };
            random.StandardNormal(net.W1);
            const double epsilon = 0.25;

            var result = Assert.Single(net.CheckGradients(x, labels, epsilon, maxEntriesPerParameter: 1));

            Assert.Equal(0, result.WorstIndex);
            double[] dy = ReferenceBackprop.CrossEntropyGradient(net.Output, labels, SoftmaxRegressionNet.OutputSize);
            double sensitivity = 0;
            for (int e = 0; e < dy.Length; e++)
            {
                sensitivity += Math.Abs(net.Output[e] * dy[e]);
            }
            double original = net.W1[0];
            net.W1[0] = original + epsilon;
            double plus = net.W1[0];
            net.Forward(x);
            double lossPlus = net.Loss(labels);
            net.W1[0] = original - epsilon;
            double step = plus - net.W1[0];
            net.Forward(x);
            double lossMinus = net.Loss(labels);
            net.W1[0] = original;
            double numeric = (lossPlus - lossMinus) / step;
            double resolution = Math.Pow(2, -53) * (8 * (Math.Abs(lossPlus) + Math.Abs(lossMinus)) + 2 * sensitivity) / step;
            double expected = Math.Max(0, Math.Abs(result.Analytic - numeric) - resolution) / (Math.Abs(result.Analytic) + Math.Abs(numeric));
            Assert.Equal(numeric, result.Numeric);
            Assert.Equal(expected, result.WorstRelativeError, 15);
            Assert.True(expected > 1e-4);
        }

        [Fact]
        public void StepAcrossAReLUKinkIsRetriedSmaller()
        {
            // x = (1, 1) and W1[:, 0] = (0.5, -0.5 + 3e-8) put the first ReLU input at 3e-8. A step of 1e-6 or 1e-7 on
            // W1[0, 0] moves it across 0, where the loss has a kink; 1e-8 does not.
            var net = new KinkNet();
            double[] x = { 1, 1 };
            double[] t = { -1 };
            new[] { 0.5, 0.25, -0.5 + 3e-8, 0.5 }.CopyTo(net.W1);
            new[] { 2.0, -1.0 }.CopyTo(net.W2);
            net.Forward(x);
            net.Backward(x, t);
            double analytic = net.GradW1[0];
            double straddling = CentralDifference(net, x, t, 1e-6);
            Assert.True(Math.Abs(straddling - analytic) > 0.1 * Math.Abs(analytic), $"1e-6 should straddle the kink: {straddling} vs {analytic}");

            var results = net.CheckGradients(x, t);

            AssertBelowTolerance(results, "W1", "W2");
            Assert.Equal(analytic, results[0].Analytic);
        }

        private static double CentralDifference(KinkNet net, double[] x, double[] t, double h)
        {
            double original = net.W1[0];
            net.W1[0] = original + h;
            net.Forward(x);
            double plus = net.Loss(t);
            net.W1[0] = original - h;
            net.Forward(x);
            double minus = net.Loss(t);
            net.W1[0] = original;
            return (plus - minus) / (2 * h);
        }

        [Fact]
        public void InvalidArgumentsAreRejected()
        {
            var net = new Question1Net();
            double[] x = new double[4];
            double[] t = new double[6];

            Assert.Throws<ArgumentOutOfRangeException>("epsilon", () => net.CheckGradients(x, t, epsilon: 0));
            Assert.Throws<ArgumentOutOfRangeException>("epsilon", () => net.CheckGradients(x, t, epsilon: double.NaN));
            Assert.Throws<ArgumentOutOfRangeException>("epsilon", () => net.CheckGradients(x, t, epsilon: double.PositiveInfinity));
            Assert.Throws<ArgumentOutOfRangeException>("maxEntriesPerParameter", () => net.CheckGradients(x, t, maxEntriesPerParameter: 0));
            Assert.Throws<ArgumentException>("x", () => net.CheckGradients(new double[3], t));
        }

        private void AssertBelowTolerance((string Parameter, double WorstRelativeError, int WorstIndex, double Analytic, double Numeric)[] results, params string[] parameters)
        {
            Assert.Equal(parameters, results.Select(r => r.Parameter));
            foreach (var result in results)
            {
                _output.WriteLine($"{result.Parameter}: worst relative error {result.WorstRelativeError:E2} at [{result.WorstIndex}] (analytic {result.Analytic:R}, numeric {result.Numeric:R})");
            }
            foreach (var result in results)
            {
                Assert.True(result.WorstRelativeError < Tolerance,
                    $"{result.Parameter}[{result.WorstIndex}]: analytic {result.Analytic:R}, numeric {result.Numeric:R}, relative error {result.WorstRelativeError:E2}");
            }
        }

        private static double[] Normal(LegacyRandom random, int count) => BackwardReferenceTests.Normal(random, count);

        private static void Scaled(LegacyRandom random, Span<double> weights, int inputs)
        {
            random.StandardNormal(weights);
            double scale = 1 / Math.Sqrt(inputs);
            for (int e = 0; e < weights.Length; e++)
            {
                weights[e] *= scale;
            }
        }

        private static void FillSingle(LegacyRandom random, Span<float> values)
        {
            for (int e = 0; e < values.Length; e++)
            {
                values[e] = (float)random.StandardNormal();
            }
        }

        private static void RandomizeParameters(LegacyRandom random, BiasedNet net)
        {
            random.StandardNormal(net.W1);
            random.StandardNormal(net.B1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.B2);
            random.StandardNormal(net.W3);
            random.StandardNormal(net.B3);
            random.StandardNormal(net.W4);
            random.StandardNormal(net.B4);
        }

        private static double[][] Parameters(BiasedNet net) => new[]
        {
            net.W1.ToArray(), net.B1.ToArray(), net.W2.ToArray(), net.B2.ToArray(),
            net.W3.ToArray(), net.B3.ToArray(), net.W4.ToArray(), net.B4.ToArray(),
        };
    }
}
