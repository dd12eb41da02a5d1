using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Tests.Support;
using Xunit;
using static NetGen.Tests.Regularization.RegularizationReferences;

namespace NetGen.Tests.Regularization
{
    /// <summary>
    /// [Dropout(p)] against PyTorch's <c>F.dropout</c> (<c>make_regularization_refs.py</c>): kept values are exactly the
    /// numbers PyTorch keeps (x · 1 / (1 - p)) and dropped ones are 0; the fraction kept over many draws is 1 - p within
    /// a binomial tolerance; the gradient flows through the kept units only; the masks are seeded, reproducible and the
    /// same on any number of threads; <c>Training = false</c> turns dropout off; CheckGradients holds the mask fixed.
    /// The probes set W1 and W2 to the identity, so that their output is X ⊙ M, the mask itself.
    /// </summary>
    public sealed class DropoutTests
    {
        private const int Rows = 64, Columns = 50, Draws = 200;

        /// <summary>Five standard deviations of a binomial count: a correct generator fails about once in 1.7 million runs.</summary>
        private static double BinomialTolerance(long trials, double probability) =>
            5 * Math.Sqrt(trials * probability * (1 - probability));

        private static double[] DropoutInput() => Read("dropout-x.npy", Rows, Columns);

        private static void Identity(Span<double> w)
        {
            w.Clear();
            for (int i = 0; i < Columns; i++)
            {
                w[i * Columns + i] = 1;
            }
        }

        private static DropoutProbeNet Probe()
        {
            var net = new DropoutProbeNet();
            Identity(net.W1);
            Identity(net.W2);
            return net;
        }

        private static DropoutProbe20Net Probe20()
        {
            var net = new DropoutProbe20Net();
            Identity(net.W1);
            Identity(net.W2);
            return net;
        }

        /// <summary>The "p draws kept fraction gradient" line of dropout-summary.txt.</summary>
        private static (long Draws, long Kept, double Gradient) TorchSummary(double p)
        {
            string line = File.ReadAllLines(PathOf("dropout-summary.txt"))
                .Single(l => !l.StartsWith('#') && double.Parse(l.Split(' ')[0], CultureInfo.InvariantCulture) == p);
            string[] parts = line.Split(' ');
            return (long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[4], CultureInfo.InvariantCulture));
        }

        private static void AssertKeptValuesAreTorchs(Func<double[], double[]> forward, double p)
        {
            double[] x = DropoutInput();
            double[] kept = Read($"dropout-p{p.ToString("R", CultureInfo.InvariantCulture)}-kept.npy", Rows, Columns);
            for (int draw = 0; draw < 20; draw++)
            {
                double[] y = forward(x);
                for (int e = 0; e < y.Length; e++)
                {
                    Assert.True(y[e] == 0 || y[e] == kept[e], $"draw {draw}, element {e}: NetGen {y[e]:R}, PyTorch keeps {kept[e]:R} or drops to 0");
                }
            }
        }

        [Fact]
        public void KeptValuesAreThoseTorchKeepsAndDroppedValuesAreZero()
        {
            DropoutProbeNet half = Probe();
            AssertKeptValuesAreTorchs(x => half.Forward(x).ToArray(), 0.5);
            DropoutProbe20Net fifth = Probe20();
            AssertKeptValuesAreTorchs(x => fifth.Forward(x).ToArray(), 0.2);
        }

        private static void AssertStatistics(Func<double[], double[]> forward, double p)
        {
            double[] x = DropoutInput();
            long kept = 0, bothKept = 0, changed = 0;
            long[] keptPerColumn = new long[Columns];
            bool[]? previous = null;
            for (int draw = 0; draw < Draws; draw++)
            {
                double[] y = forward(x);
                bool[] keep = y.Select(v => v != 0).ToArray();
                for (int e = 0; e < keep.Length; e++)
                {
                    if (keep[e])
                    {
                        kept++;
                        keptPerColumn[e % Columns]++;
                    }
                    if (e + 1 < keep.Length && keep[e] && keep[e + 1])
                    {
                        bothKept++;
                    }
                    if (previous is not null && previous[e] != keep[e])
                    {
                        changed++;
                    }
                }
                previous = keep;
            }

            long trials = (long)Draws * Rows * Columns;
            double q = 1 - p;
            Assert.True(Math.Abs(kept - trials * q) <= BinomialTolerance(trials, q), $"p = {p}: kept {kept} of {trials}, expected {trials * q}");
            foreach (long column in keptPerColumn)
            {
                long columnTrials = (long)Draws * Rows;
                Assert.True(Math.Abs(column - columnTrials * q) <= BinomialTolerance(columnTrials, q), $"p = {p}: a column kept {column} of {columnTrials}");
            }
            // Neighbouring units and successive passes are independent: both kept with probability q², changed 2pq.
            long pairs = (long)Draws * (Rows * Columns - 1);
            Assert.True(Math.Abs(bothKept - pairs * q * q) <= BinomialTolerance(pairs, q * q), $"p = {p}: neighbours both kept {bothKept} of {pairs}");
            long successive = (long)(Draws - 1) * Rows * Columns;
            Assert.True(Math.Abs(changed - successive * 2 * p * q) <= BinomialTolerance(successive, 2 * p * q), $"p = {p}: {changed} of {successive} units changed between passes");

            // PyTorch's own draws pass the same test: the reference behaves as the one it is compared with.
            (long torchDraws, long torchKept, double torchGradient) = TorchSummary(p);
            Assert.True(Math.Abs(torchKept - torchDraws * q) <= BinomialTolerance(torchDraws, q));
            Assert.Equal(1 / (1 - p), torchGradient);
        }

        [Fact]
        public void TheFractionKeptIsOneMinusPWithinABinomialTolerance()
        {
            DropoutProbeNet half = Probe();
            AssertStatistics(x => half.Forward(x).ToArray(), 0.5);
            DropoutProbe20Net fifth = Probe20();
            AssertStatistics(x => fifth.Forward(x).ToArray(), 0.2);
        }

        [Fact]
        public void TheGradientFlowsOnlyThroughTheKeptUnitsScaledAsTheyWere()
        {
            DropoutProbeNet net = Probe();
            double[] x = DropoutInput();
            double[] t = new double[Rows * Columns];
            new NetGen.NumPy.LegacyRandom(3).StandardNormal(t);
            double[] y = net.Forward(x).ToArray();
            net.Backward(x, t);
            (_, _, double scale) = TorchSummary(0.5);

            // Y3 = Y2 = X ⊙ M (identity weights), dL/dY2 = 2 (Y3 - T), dL/dY1 = dL/dY2 ⊙ M, dL/dW1 = Xᵀ · dL/dY1.
            double[] expected = new double[Columns * Columns];
            for (int n = 0; n < Rows; n++)
            {
                for (int j = 0; j < Columns; j++)
                {
                    int e = n * Columns + j;
                    double mask = y[e] != 0 ? scale : 0;
                    double dY1 = 2 * (y[e] - t[e]) * mask;
                    for (int i = 0; i < Columns; i++)
                    {
                        expected[i * Columns + j] += x[n * Columns + i] * dY1;
                    }
                }
            }
            AssertClose(expected, net.GradW1, 1e-12, "dL/dW1");

            // A column of Y1 that no example kept receives no gradient at all.
            double[] gradW1 = net.GradW1.ToArray();
            int droppedEverywhere = Enumerable.Range(0, Columns).Count(j => Enumerable.Range(0, Rows).All(n => y[n * Columns + j] == 0));
            Assert.Equal(0, droppedEverywhere);
            int dropped = Enumerable.Range(0, Rows * Columns).Count(e => y[e] == 0);
            Assert.InRange(dropped, 1, Rows * Columns - 1);
            Assert.All(gradW1, g => Assert.True(double.IsFinite(g)));
        }

        [Fact]
        public void TheSameSeedGivesTheSameMasks()
        {
            double[] x = DropoutInput();
            DropoutProbeNet first = Probe(), second = Probe();
            double[][] firstRun = Enumerable.Range(0, 3).Select(_ => first.Forward(x).ToArray()).ToArray();
            for (int pass = 0; pass < 3; pass++)
            {
                Assert.Equal(firstRun[pass], second.Forward(x).ToArray());
            }
            Assert.NotEqual(firstRun[0], firstRun[1]);
            Assert.Equal(3UL, first.DropoutPasses);

            // SeedDropout restarts the stream: the same seed gives the same passes again, another seed others.
            first.SeedDropout(0);
            Assert.Equal(0UL, first.DropoutPasses);
            Assert.Equal(firstRun[0], first.Forward(x).ToArray());
            first.SeedDropout(7);
            second.SeedDropout(7);
            double[] seven = first.Forward(x).ToArray();
            Assert.Equal(seven, second.Forward(x).ToArray());
            Assert.NotEqual(firstRun[0], seven);

            // [Dropout(0.2, Seed = 11)] starts where SeedDropout(11) does.
            DropoutProbe20Net declared = Probe20(), reseeded = Probe20();
            double[] fromAttribute = declared.Forward(x).ToArray();
            reseeded.SeedDropout(3);
            Assert.NotEqual(fromAttribute, reseeded.Forward(x).ToArray());
            reseeded.SeedDropout(11);
            Assert.Equal(fromAttribute, reseeded.Forward(x).ToArray());
        }

        [Fact]
        public void TwoThreadsDrawTheMasksOneThreadDraws()
        {
            double[] x = DropoutInput();
            DropoutProbeNet single = Probe();
            var threaded = new DropoutProbeThreadedNet();
            Identity(threaded.W1);
            Identity(threaded.W2);
            for (int pass = 0; pass < 5; pass++)
            {
                Assert.Equal(single.Forward(x).ToArray(), threaded.Forward(x).ToArray());
            }
        }

        private static (double[] X, int[] Labels) ClassifierData(int seed)
        {
            var random = new NetGen.NumPy.LegacyRandom((uint)seed);
            double[] x = new double[6 * 10];
            random.StandardNormal(x);
            int[] labels = Enumerable.Range(0, 6).Select(n => (n * 5 + seed) % 3).ToArray();
            return (x, labels);
        }

        [Fact]
        public void TrainStepOnThreeThreadsFollowsOneThreadWithTheSameMasks()
        {
            var single = new DropoutClassifierNet();
            var threaded = new DropoutClassifierThreadedNet();
            single.InitializeHe(4);
            threaded.InitializeHe(4);
            for (int step = 0; step < 20; step++)
            {
                (double[] x, int[] labels) = ClassifierData(step);
                int rows = step % 4 == 3 ? 4 : 6;
                double expected = single.TrainStep(x.AsSpan(0, rows * 10), labels.AsSpan(0, rows), 1e-2, rows);
                double actual = threaded.TrainStep(x.AsSpan(0, rows * 10), labels.AsSpan(0, rows), 1e-2, rows);
                AssertClose(expected, actual, 1e-12, $"loss of step {step}");
            }
            AssertClose(single.W1, threaded.W1, 1e-12, "W1");
            AssertClose(single.W3, threaded.W3, 1e-12, "W3");
            Assert.Equal(20UL, threaded.DropoutPasses);
        }

        [Fact]
        public void TrainingFalsePassesValuesAndGradientsThroughUnchanged()
        {
            DropoutProbeNet net = Probe();
            net.Training = false;
            double[] x = DropoutInput();
            double[] t = new double[Rows * Columns];
            Assert.Equal(x, net.Forward(x).ToArray());
            net.Backward(x, t);
            // dL/dW1 = Xᵀ · 2 (X - 0): no unit is dropped or scaled.
            double[] expected = new double[Columns * Columns];
            for (int n = 0; n < Rows; n++)
            {
                for (int i = 0; i < Columns; i++)
                {
                    for (int j = 0; j < Columns; j++)
                    {
                        expected[i * Columns + j] += x[n * Columns + i] * 2 * x[n * Columns + j];
                    }
                }
            }
            AssertClose(expected, net.GradW1, 1e-12, "dL/dW1 without dropout");
            Assert.Equal(0UL, net.DropoutPasses);

            // Training again draws the first pass, as a network that never ran in inference.
            net.Training = true;
            Assert.Equal(Probe().Forward(x).ToArray(), net.Forward(x).ToArray());
        }

        [Fact]
        public void PredictIgnoresDropout()
        {
            double[] x = DropoutInput();
            DropoutProbeNet net = Probe();
            net.Forward(x);
            ulong passes = net.DropoutPasses;
            foreach (int rows in new[] { 64, 13, 1 })
            {
                double[] predicted = new double[rows * Columns];
                net.Predict(x.AsSpan(0, rows * Columns), predicted);
                Assert.Equal(x.AsSpan(0, rows * Columns).ToArray(), predicted);
                net.TakeSnapshot().Predict(x.AsSpan(0, rows * Columns), predicted);
                Assert.Equal(x.AsSpan(0, rows * Columns).ToArray(), predicted);
            }
            Assert.Equal(passes, net.DropoutPasses);
            Assert.True(net.Training);

            var threaded = new DropoutProbeThreadedNet();
            Identity(threaded.W1);
            Identity(threaded.W2);
            double[] all = new double[Rows * Columns];
            threaded.Predict(x, all);
            Assert.Equal(x, all);
        }

        [Fact]
        public void PredictGivesWhatForwardGivesWithTrainingOff()
        {
            var net = new DropoutClassifierNet();
            net.InitializeHe(6);
            (double[] x, _) = ClassifierData(4);
            double[] predicted = new double[6 * 3];
            net.Predict(x, predicted);
            double[] trained = net.Forward(x).ToArray();
            Assert.NotEqual(predicted, trained);
            net.Training = false;
            Assert.Equal(predicted, net.Forward(x).ToArray());
            int[] classes = new int[6];
            net.PredictClasses(x, classes);
            for (int n = 0; n < 6; n++)
            {
                Assert.Equal(net.PredictClass(x.AsSpan(n * 10, 10)), classes[n]);
            }
        }

        [Fact]
        public void CheckGradientsHoldsTheMaskFixed()
        {
            var net = new DropoutClassifierNet();
            net.InitializeHe(9);
            (double[] x, int[] labels) = ClassifierData(1);
            ulong before = net.DropoutPasses;
            foreach (var result in net.CheckGradients(x, labels))
            {
                Assert.True(result.WorstRelativeError < 1e-6, $"{result.Parameter}: {result.WorstRelativeError} at {result.WorstIndex}");
            }
            Assert.Equal(before + 1, net.DropoutPasses);
        }

        [Fact]
        public void TrainStepWithDropoutAllocatesNothing()
        {
            var net = new DropoutClassifierNet();
            net.InitializeHe(2);
            (double[] x, int[] labels) = ClassifierData(2);
            for (int warmUp = 0; warmUp < 3; warmUp++)
            {
                net.TrainStep(x, labels, 1e-2);
                net.TrainStep(x.AsSpan(0, 40), labels.AsSpan(0, 4), 1e-2, 4);
            }
            long allocated = Allocations.SteadyState(() =>
            {
                net.TrainStep(x, labels, 1e-2);
                net.TrainStep(x.AsSpan(0, 40), labels.AsSpan(0, 4), 1e-2, 4);
            });
            Assert.Equal(0, allocated);
        }
    }
}
