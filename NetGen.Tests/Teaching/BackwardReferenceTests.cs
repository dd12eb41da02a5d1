using System;
using System.Collections.Generic;
using NetGen.NumPy;
using Xunit;
using static NetGen.Tests.Teaching.ReferenceBackprop;

namespace NetGen.Tests.Teaching
{
    /// <summary>
    /// The generated backward pass equals dL/dX = dL/dY · Wᵀ and dL/dW = Xᵀ · dL/dY: against NumPy on the question-1
    /// layer, and against the plain reference in <see cref="ReferenceBackprop"/> on random X and W, for unrolled
    /// layers, loops and kernels alike.
    /// </summary>
    public class BackwardReferenceTests
    {
        [Fact]
        public void Question1BackwardMatchesNumPy()
        {
            double[] x = { 0.5, -1.25, 2.0, 0.75 };
            double[] t = { 1.0, 0.0, -1.0, 0.5, 0.25, 0.0 };
            var net = new Question1Net();
            new double[] { 0.1, -0.2, 0.3, 0.4, 0.5, -0.6 }.CopyTo(net.W1);

            net.Forward(x);
            double loss = net.Loss(t);
            net.Backward(x, t);

            // python3 -c "import numpy as np; X=np.array([[0.5,-1.25],[2.0,0.75]]); W=np.array([[0.1,-0.2,0.3],[0.4,0.5,-0.6]]); T=np.array([[1.0,0.0,-1.0],[0.5,0.25,0.0]]); Y=X@W; dY=2*(Y-T); print([repr(v) for v in Y.ravel()], repr(((Y-T)**2).sum()), [repr(v) for v in (dY@W.T).ravel()], [repr(v) for v in (X.T@dY).ravel()])"
            AssertClose(new[] { -0.45, -0.725, 0.8999999999999999, 0.5, -0.025000000000000022, 0.15 }, net.Output, "Y = X · W");
            AssertClose(new[] { 6.33625 }, new[] { loss }, "L");
            AssertClose(new[] { 1.14, -4.165, 0.2, -0.455 }, net.GradX, "dL/dX = dL/dY · Wᵀ");
            AssertClose(new[] { -1.45, -1.8250000000000002, 2.5, 3.625, 1.4, -4.525 }, net.GradW1, "dL/dW = Xᵀ · dL/dY");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        [InlineData(4)]
        [InlineData(5)]
        public void UnrolledBackwardIsDyTimesWTransposeAndXTransposeTimesDy(uint seed)
        {
            var random = new LegacyRandom(seed);
            double[] x = Normal(random, Question1Net.BatchSize * Question1Net.InputSize);
            double[] t = Normal(random, Question1Net.BatchSize * Question1Net.OutputSize);
            var net = new Question1Net();
            random.StandardNormal(net.W1);

            net.Forward(x);
            net.Backward(x, t);

            double[] w = net.W1.ToArray();
            double[] dy = SquaredErrorGradient(net.Output, t);
            AssertClose(Multiply(dy, Transpose(w, 2, 3), 2, 3, 2), net.GradX, "dL/dX = dL/dY · Wᵀ");
            AssertClose(Multiply(Transpose(x, 2, 2), dy, 2, 2, 3), net.GradW1, "dL/dW = Xᵀ · dL/dY");
        }

        [Theory]
        [InlineData(11)]
        [InlineData(12)]
        [InlineData(13)]
        public void UnrolledHiddenLayersMatchTheReferenceChain(uint seed)
        {
            var random = new LegacyRandom(seed);
            var net = new UnrolledThreeHiddenLayerNet();
            double[] x = Normal(random, UnrolledThreeHiddenLayerNet.BatchSize * UnrolledThreeHiddenLayerNet.InputSize);
            double[] t = Normal(random, UnrolledThreeHiddenLayerNet.BatchSize * UnrolledThreeHiddenLayerNet.OutputSize);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.W3);
            random.StandardNormal(net.W4);
            var layers = new List<Layer>
            {
                Layer.Dense(4, 3, net.W1), Layer.ReLU(3), Layer.Dense(3, 4, net.W2), Layer.ReLU(4),
                Layer.Dense(4, 4, net.W3), Layer.ReLU(4), Layer.Dense(4, 2, net.W4),
            };

            net.Forward(x);
            net.Backward(x, t);

            List<double[]> outputs = Forward(layers, x, UnrolledThreeHiddenLayerNet.BatchSize);
            AssertClose(outputs[^1], net.Output, "Y7");
            Gradients reference = Backward(layers, x, outputs, SquaredErrorGradient(outputs[^1], t), UnrolledThreeHiddenLayerNet.BatchSize);
            AssertClose(reference.Input, net.GradX, "dL/dX");
            AssertClose(reference.Weights[0], net.GradW1, "dL/dW1");
            AssertClose(reference.Weights[1], net.GradW2, "dL/dW2");
            AssertClose(reference.Weights[2], net.GradW3, "dL/dW3");
            AssertClose(reference.Weights[3], net.GradW4, "dL/dW4");
        }

        [Theory]
        [InlineData(21)]
        [InlineData(22)]
        public void UnrolledLoopsAndKernelsInOneNetworkMatchTheReferenceChain(uint seed)
        {
            var random = new LegacyRandom(seed);
            var net = new ThreeHiddenLayerNet();
            double[] x = Normal(random, ThreeHiddenLayerNet.BatchSize * ThreeHiddenLayerNet.InputSize);
            int[] labels = new int[ThreeHiddenLayerNet.BatchSize];
            random.RandInt(0, ThreeHiddenLayerNet.OutputSize, labels);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.W3);
            random.StandardNormal(net.W4);
            var layers = new List<Layer>
            {
                Layer.Dense(3, 4, net.W1), Layer.ReLU(4), Layer.Dense(4, 40, net.W2), Layer.ReLU(40),
                Layer.Dense(40, 30, net.W3), Layer.ReLU(30), Layer.Dense(30, 3, net.W4),
            };

            net.Forward(x);
            net.Backward(x, labels);

            List<double[]> outputs = Forward(layers, x, ThreeHiddenLayerNet.BatchSize);
            AssertClose(outputs[^1], net.Output, "Y7");
            Gradients reference = Backward(layers, x, outputs, CrossEntropyGradient(outputs[^1], labels, 3), ThreeHiddenLayerNet.BatchSize);
            AssertClose(reference.Input, net.GradX, "dL/dX");
            AssertClose(reference.Weights[0], net.GradW1, "dL/dW1 (unrolled)");
            AssertClose(reference.Weights[1], net.GradW2, "dL/dW2 (loops)");
            AssertClose(reference.Weights[2], net.GradW3, "dL/dW3 (kernels)");
            AssertClose(reference.Weights[3], net.GradW4, "dL/dW4 (loops)");
        }

        [Fact]
        public void BiasesMatchTheReferenceChain()
        {
            var random = new LegacyRandom(31);
            var net = new BiasedNet();
            double[] x = Normal(random, BiasedNet.BatchSize * BiasedNet.InputSize);
            double[] t = Normal(random, BiasedNet.BatchSize * BiasedNet.OutputSize);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.B1);
            random.StandardNormal(net.W2);
            random.StandardNormal(net.B2);
            random.StandardNormal(net.W3);
            random.StandardNormal(net.B3);
            random.StandardNormal(net.W4);
            random.StandardNormal(net.B4);
            var layers = new List<Layer>
            {
                Layer.Dense(3, 4, net.W1, net.B1), Layer.ReLU(4), Layer.Dense(4, 32, net.W2, net.B2), Layer.ReLU(32),
                Layer.Dense(32, 4, net.W3, net.B3), Layer.ReLU(4), Layer.Dense(4, 2, net.W4, net.B4),
            };

            net.Forward(x);
            net.Backward(x, t);

            List<double[]> outputs = Forward(layers, x, BiasedNet.BatchSize);
            AssertClose(outputs[^1], net.Output, "Y7");
            Gradients reference = Backward(layers, x, outputs, SquaredErrorGradient(outputs[^1], t), BiasedNet.BatchSize);
            AssertClose(reference.Input, net.GradX, "dL/dX");
            AssertClose(reference.Weights[0], net.GradW1, "dL/dW1");
            AssertClose(reference.Biases[0]!, net.GradB1, "dL/dB1");
            AssertClose(reference.Weights[1], net.GradW2, "dL/dW2");
            AssertClose(reference.Biases[1]!, net.GradB2, "dL/dB2");
            AssertClose(reference.Weights[2], net.GradW3, "dL/dW3");
            AssertClose(reference.Biases[2]!, net.GradB3, "dL/dB3");
            AssertClose(reference.Weights[3], net.GradW4, "dL/dW4");
            AssertClose(reference.Biases[3]!, net.GradB4, "dL/dB4");
        }

        internal static double[] Normal(LegacyRandom random, int count)
        {
            double[] values = new double[count];
            random.StandardNormal(values);
            return values;
        }

        /// <summary>
        /// Equal up to the order of summation: |expected - actual| ≤ 1e-13 · max(1, largest |expected|). The
        /// generated code and the reference add the same products, possibly in another order (kernels block them).
        /// </summary>
        private static void AssertClose(double[] expected, ReadOnlySpan<double> actual, string what)
        {
            Assert.Equal(expected.Length, actual.Length);
            double scale = 1;
            foreach (double value in expected)
            {
                scale = Math.Max(scale, Math.Abs(value));
            }
            for (int e = 0; e < expected.Length; e++)
            {
                Assert.True(Math.Abs(expected[e] - actual[e]) <= 1e-13 * scale,
                    $"{what}[{e}]: expected {expected[e]:R}, generated code gave {actual[e]:R}");
            }
        }
    }
}
