using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Optimizers
{
    /// <summary>
    /// The generated Step of SGD with momentum and of Adam against a plain NumPy implementation of PyTorch's formulas,
    /// for a few steps. The gradients are written into GradW1 and GradB1 by hand, so the update alone is tested.
    /// </summary>
    /// <remarks>
    /// The reference values were printed by this NumPy 1.24 program (<c>show</c> prints <c>repr</c> of each element):
    /// <code>
    /// import numpy as np
    /// def grads(n, s): e = np.arange(n); return ((e * 7 + s * 3) % 11 - 5) / 4.0
    /// def init(n, offset): e = np.arange(n); return 0.1 * (e + 1) - offset
    /// def adam(nw, nb, b1, b2, eps, lr, steps):
    ///     w = init(nw, 0.8); b = init(nb, 0.2)
    ///     mw = np.zeros(nw); vw = np.zeros(nw); mb = np.zeros(nb); vb = np.zeros(nb)
    ///     for t in range(1, steps + 1):
    ///         bc1 = 1 - b1 ** t; bc2 = 1 - b2 ** t
    ///         for p, m, v, g in ((w, mw, vw, grads(nw, t)), (b, mb, vb, grads(nb, t + 1))):
    ///             m += (1 - b1) * (g - m)
    ///             v[:] = b2 * v + (1 - b2) * (g * g)
    ///             p -= (lr / bc1) * m / (np.sqrt(v) / np.sqrt(bc2) + eps)
    ///     return w, b
    /// def momentum(nw, nb, mu, lr, steps):
    ///     w = init(nw, 0.8); b = init(nb, 0.2)
    ///     vw = np.zeros(nw); vb = np.zeros(nb)
    ///     for t in range(1, steps + 1):
    ///         for p, v, g in ((w, vw, grads(nw, t)), (b, vb, grads(nb, t + 1))):
    ///             v[:] = mu * v + g
    ///             p -= lr * v
    ///     return w, b
    /// adam(15, 5, 0.9, 0.999, 1e-8, 0.01, 3); adam(35, 5, 0.8, 0.99, 1e-6, 0.05, 4); momentum(15, 5, 0.9, 0.01, 3)
    /// </code>
    /// </remarks>
    public class OptimizerReferenceTests
    {
        private const double Tolerance = 1e-14;

        [Fact]
        public void AdamWithDefaultsMatchesReferenceForThreeSteps()
        {
            var net = new AdamNet();
            Fill(net.W1, net.B1);
            for (int t = 1; t <= 3; t++)
            {
                Gradients(net.GradW1, t);
                Gradients(net.GradB1, t + 1);
                net.Step(0.01);
            }
            Assert.Equal(3, net.OptimizerSteps);
            AssertClose(new[] { -0.6919099477017355, -0.6133952655986152, -0.5192998217815987, -0.3841580948488016, -0.3079602202335769, -0.2049212551041426, -0.07870850747805348, -0.0028442895596387137, 0.09935207662196924, 0.22464744458838387, 0.2773682887334852, 0.4080900522982646, 0.4866047344013849, 0.5807001782184014, 0.7158419051511984 }, net.W1);
            AssertClose(new[] { -0.1192998217815987, 0.01584190515119841, 0.09203977976642318, 0.19507874489585736, 0.32129149252194644 }, net.B1);
        }

        [Fact]
        public void AdamWithGivenHyperparametersMatchesReferenceForFourSteps()
        {
            var net = new TunedAdamNet();
            Fill(net.W1, net.B1);
            for (int t = 1; t <= 4; t++)
            {
                Gradients(net.GradW1, t);
                Gradients(net.GradB1, t + 1);
                net.Step(0.05);
            }
            AssertClose(new[] { -0.660057058907726, -0.680499355225822, -0.5880919919783308, -0.30623362275888216, -0.3381332374647579, -0.20103750548235486, -0.018837747383754495, 0.003319691741628338, 0.08092026967196794, 0.3137696701910135, 0.1787806083788856, 0.43994294109227405, 0.4195006447741782, 0.5119080080216692, 0.7937663772411178, 0.7618667625352421, 0.8989624945176453, 1.0811622526162454, 1.1033196917416284, 1.1809202696719678, 1.4137696701910138, 1.2787806083788857, 1.5399429410922743, 1.5195006447741783, 1.611908008021669, 1.893766377241118, 1.861866762535242, 1.9989624945176452, 2.1811622526162457, 2.203319691741629, 2.280920269671968, 2.513769670191014, 2.378780608378886, 2.6399429410922743, 2.6195006447741784 }, net.W1);
            AssertClose(new[] { -0.18809199197833085, 0.0937663772411178, 0.061866762535242176, 0.1989624945176451, 0.3811622526162455 }, net.B1);
        }

        [Fact]
        public void MomentumMatchesReferenceForThreeSteps()
        {
            var net = new MomentumNet();
            Fill(net.W1, net.B1);
            for (int t = 1; t <= 3; t++)
            {
                Gradients(net.GradW1, t);
                Gradients(net.GradB1, t + 1);
                net.Step(0.01);
            }
            AssertClose(new[] { -0.7012, -0.6196250000000001, -0.515775, -0.38717500000000005, -0.30560000000000004, -0.20174999999999996, -0.07314999999999999, 0.008425000000000002, 0.08477499999999998, 0.24087499999999995, 0.27020000000000005, 0.39880000000000015, 0.480375, 0.5842250000000001, 0.7128249999999999 }, net.W1);
            AssertClose(new[] { -0.115775, 0.012825000000000001, 0.09440000000000004, 0.19825, 0.32685000000000003 }, net.B1);
        }

        [Fact]
        public void ResetOptimizerRestartsAdamFromItsFirstStep()
        {
            var restarted = new AdamNet();
            var fresh = new AdamNet();
            Fill(restarted.W1, restarted.B1);
            Gradients(restarted.GradW1, 5);
            Gradients(restarted.GradB1, 6);
            restarted.Step(0.01);
            restarted.ResetOptimizer();
            Assert.Equal(0, restarted.OptimizerSteps);
            restarted.W1.CopyTo(fresh.W1);
            restarted.B1.CopyTo(fresh.B1);
            foreach (AdamNet net in new[] { restarted, fresh })
            {
                Gradients(net.GradW1, 1);
                Gradients(net.GradB1, 2);
                net.Step(0.01);
            }
            Assert.Equal(fresh.W1.ToArray(), restarted.W1.ToArray());
            Assert.Equal(fresh.B1.ToArray(), restarted.B1.ToArray());
        }

        /// <summary>init(n, offset) of the reference: 0.1 (e + 1) - offset.</summary>
        private static void Fill(Span<double> weights, Span<double> bias)
        {
            for (int e = 0; e < weights.Length; e++)
            {
                weights[e] = 0.1 * (e + 1) - 0.8;
            }
            for (int e = 0; e < bias.Length; e++)
            {
                bias[e] = 0.1 * (e + 1) - 0.2;
            }
        }

        /// <summary>grads(n, s) of the reference: ((7e + 3s) mod 11 - 5) / 4.</summary>
        private static void Gradients(Span<double> gradient, int step)
        {
            for (int e = 0; e < gradient.Length; e++)
            {
                gradient[e] = ((e * 7 + step * 3) % 11 - 5) / 4.0;
            }
        }

        private static void AssertClose(double[] expected, Span<double> actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int e = 0; e < expected.Length; e++)
            {
                double error = Math.Abs(expected[e] - actual[e]);
                Assert.True(error <= Tolerance * Math.Max(1, Math.Abs(expected[e])), $"element {e}: expected {expected[e]:R}, got {actual[e]:R}");
            }
        }
    }
}
