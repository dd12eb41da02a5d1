using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.NumPy;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Performance
{
    /// <summary>Question 7's network, compiled by the generator with its kernels, as a user would declare it.</summary>
    [Network(BatchSize = 64)]
    [Dense(1000, 100)]
    [ReLU]
    [Dense(100, 10)]
    [SquaredErrorLoss]
    public partial class KernelQuestion7Net
    {
    }

    /// <summary>The same network in single precision.</summary>
    [Network(BatchSize = 64, Precision = Precision.Single)]
    [Dense(1000, 100)]
    [ReLU]
    [Dense(100, 10)]
    [SquaredErrorLoss]
    public partial class KernelQuestion7SingleNet
    {
    }

    /// <summary>
    /// The optimized TrainStep keeps its promises: it allocates nothing, and question 7's 500 iterations still follow
    /// NumPy's loss trajectory (References/trajectories/q7-legacy-seed0-lr1e-6.txt, printed by make_refs.py there).
    /// </summary>
    public class TrainStepTests
    {
        [Fact]
        public void TrainStepAllocatesNothing()
        {
            var net = new KernelQuestion7Net();
            (double[] x, double[] t) = Question7Data(net);
            for (int warmUp = 0; warmUp < 3; warmUp++)
            {
                net.TrainStep(x, t, 1e-6);
            }
            Assert.Equal(0, Allocations.SteadyState(() => net.TrainStep(x, t, 1e-6)));
        }

        [Fact]
        public void SinglePrecisionTrainStepAllocatesNothing()
        {
            var net = new KernelQuestion7SingleNet();
            float[] x = new float[64 * 1000], t = new float[64 * 10];
            net.TrainStep(x, t, 1e-6);
            Assert.Equal(0, Allocations.SteadyState(() => net.TrainStep(x, t, 1e-6)));
        }

        [Fact]
        public void Question7FollowsNumPyForAll500IterationsWithin1e8()
        {
            double[] reference = Reference();
            var net = new KernelQuestion7Net();
            (double[] x, double[] t) = Question7Data(net);
            for (int i = 0; i < 500; i++)
            {
                double loss = net.TrainStep(x, t, 1e-6);
                Assert.True(Math.Abs(loss - reference[i]) <= 1e-8 * Math.Abs(reference[i]), $"iteration {i}: NumPy {reference[i]:R}, NetGen {loss:R}");
            }
        }

        [Fact]
        public void SinglePrecisionQuestion7StartsOnNumPysTrajectory()
        {
            double[] reference = Reference();
            var doubleNet = new KernelQuestion7Net();
            (double[] x, double[] t) = Question7Data(doubleNet);
            var net = new KernelQuestion7SingleNet();
            float[] xs = x.Select(v => (float)v).ToArray(), ts = t.Select(v => (float)v).ToArray();
            for (int e = 0; e < net.W1.Length; e++)
            {
                net.W1[e] = (float)doubleNet.W1[e];
            }
            for (int e = 0; e < net.W2.Length; e++)
            {
                net.W2[e] = (float)doubleNet.W2[e];
            }
            // float32 carries about 7 digits; over the first iterations the losses agree to a few parts in 10⁵.
            for (int i = 0; i < 20; i++)
            {
                double loss = net.TrainStep(xs, ts, 1e-6);
                Assert.True(Math.Abs(loss - reference[i]) <= 1e-4 * Math.Abs(reference[i]), $"iteration {i}: NumPy {reference[i]:R}, NetGen float32 {loss:R}");
            }
        }

        /// <summary>x, t, W1, W2 drawn as the reference does: np.random.seed(0); randn(64,1000), randn(64,10), randn(1000,100), randn(100,10).</summary>
        private static (double[] X, double[] T) Question7Data(KernelQuestion7Net net)
        {
            var random = new LegacyRandom(0);
            double[] x = new double[64 * 1000], t = new double[64 * 10];
            random.StandardNormal(x);
            random.StandardNormal(t);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);
            return (x, t);
        }

        internal static double[] Reference()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "References", "trajectories", "q7-legacy-seed0-lr1e-6.txt");
            if (!File.Exists(path))
            {
                path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "shared", "reference", "q7-legacy-seed0-lr1e-6.txt");
            }
            return File.ReadAllLines(path)
                .Where(line => line.Length > 0)
                .Select(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture))
                .ToArray();
        }
    }
}
