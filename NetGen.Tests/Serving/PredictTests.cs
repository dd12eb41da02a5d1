using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.NumPy;
using NetGen.Tests.Teaching;
using Xunit;

namespace NetGen.Tests.Serving
{
    /// <summary>
    /// Predict on any row count: its rows equal Forward's (same kernels' arithmetic, so bit for bit), and a plain
    /// triple loop written here agrees within rounding; the classifier extras agree with the logits.
    /// </summary>
    public class PredictTests
    {
        /// <summary>Row counts that exercise every pass: whole batches, the 8-row passes and the 4, 2 and 1 after them.</summary>
        public static readonly int[] RowCounts = { 1, 2, 3, 5, 7, 8, 9, 15, 16, 31, 63, 64, 65, 129, 200 };

        [Fact]
        public void FashionPredictEqualsForwardRowForRow()
        {
            var net = new ServedFashionNet();
            net.InitializeHe(3);
            Randomize(net.B1, 31, 0.1f);
            Randomize(net.B2, 32, 0.1f);
            Randomize(net.B3, 33, 0.1f);
            foreach (int rows in RowCounts)
            {
                float[] x = Inputs(rows * ServedFashionNet.InputSize, (uint)(100 + rows));
                float[] predicted = new float[rows * ServedFashionNet.OutputSize];
                net.Predict(x, predicted);
                float[] forward = ForwardInBatches(x, rows, ServedFashionNet.BatchSize, ServedFashionNet.InputSize, ServedFashionNet.OutputSize,
                    (chunk, count) => net.Forward(chunk, count));
                Assert.True(forward.SequenceEqual(predicted), $"{rows} rows: Predict differs from Forward at {FirstDifference(forward, predicted)}");
            }
        }

        [Fact]
        public void DoublePredictEqualsForwardRowForRow()
        {
            var net = new ServedTanhNet();
            net.InitializeXavier(4);
            Randomize(net.B1, 41, 0.1);
            Randomize(net.B2, 42, 0.1);
            foreach (int rows in RowCounts)
            {
                double[] x = DoubleInputs(rows * ServedTanhNet.InputSize, (uint)(200 + rows));
                double[] predicted = new double[rows * ServedTanhNet.OutputSize];
                net.Predict(x, predicted);
                double[] forward = ForwardInBatches(x, rows, ServedTanhNet.BatchSize, ServedTanhNet.InputSize, ServedTanhNet.OutputSize,
                    (chunk, count) => net.Forward(chunk, count));
                Assert.True(forward.SequenceEqual(predicted), $"{rows} rows: Predict differs from Forward at {FirstDifference(forward, predicted)}");
            }
        }

        [Fact]
        public void LoopLayersPredictEqualsForwardRowForRow()
        {
            var net = new ServedLoopsNet();
            net.InitializeXavier(5);
            Randomize(net.B1, 51, 0.2);
            Randomize(net.B3, 53, 0.2);
            foreach (int rows in RowCounts)
            {
                double[] x = DoubleInputs(rows * ServedLoopsNet.InputSize, (uint)(300 + rows));
                double[] predicted = new double[rows * ServedLoopsNet.OutputSize];
                net.Predict(x, predicted);
                double[] forward = ForwardInBatches(x, rows, ServedLoopsNet.BatchSize, ServedLoopsNet.InputSize, ServedLoopsNet.OutputSize,
                    (chunk, count) => net.Forward(chunk, count));
                Assert.True(forward.SequenceEqual(predicted), $"{rows} rows: Predict differs from Forward at {FirstDifference(forward, predicted)}");
            }
        }

        [Fact]
        public void TwoThreadNetworkPredictsOnTheCallersThreadLikeItsOneThreadTwin()
        {
            var threaded = new ServedTwoThreadNet();
            var single = new ServedOneThreadNet();
            threaded.InitializeHe(6);
            single.InitializeHe(6);
            foreach (int rows in RowCounts)
            {
                float[] x = Inputs(rows * ServedOneThreadNet.InputSize, (uint)(400 + rows));
                float[] a = new float[rows * ServedOneThreadNet.OutputSize];
                float[] b = new float[a.Length];
                threaded.Predict(x, a);
                single.Predict(x, b);
                Assert.Equal(b, a);
            }
        }

        [Fact]
        public void Question7PredictAgreesWithAPlainTripleLoop()
        {
            var net = new NetGen.Sample.Networks.Question7Net();
            var random = new LegacyRandom(0);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);
            foreach (int rows in new[] { 1, 3, 64, 70 })
            {
                double[] x = new double[rows * 1000];
                random.StandardNormal(x);
                double[] predicted = new double[rows * 10];
                net.Predict(x, predicted);
                var layers = new List<ReferenceBackprop.Layer>
                {
                    ReferenceBackprop.Layer.Dense(1000, 100, net.W1),
                    ReferenceBackprop.Layer.ReLU(100),
                    ReferenceBackprop.Layer.Dense(100, 10, net.W2),
                };
                double[] expected = ReferenceBackprop.Forward(layers, x, rows)[^1];
                double largest = expected.Max(Math.Abs);
                for (int e = 0; e < expected.Length; e++)
                {
                    Assert.True(Math.Abs(expected[e] - predicted[e]) <= 1e-12 * largest, $"{rows} rows, element {e}: {predicted[e]} vs {expected[e]}");
                }
            }
        }

        [Fact]
        public void ProbabilitiesAreTheSoftmaxOfThePredictedLogits()
        {
            var net = new ServedFashionNet();
            net.InitializeHe(7);
            const int rows = 21;
            float[] x = Inputs(rows * ServedFashionNet.InputSize, 7);
            float[] logits = new float[rows * 10];
            float[] probabilities = new float[rows * 10];
            int[] classes = new int[rows];
            net.Predict(x, logits);
            net.PredictProbabilities(x, probabilities);
            net.PredictClasses(x, classes);
            for (int n = 0; n < rows; n++)
            {
                float[] row = logits.AsSpan(n * 10, 10).ToArray();
                double max = row.Max();
                double sum = row.Sum(v => Math.Exp(v - max));
                for (int j = 0; j < 10; j++)
                {
                    Assert.Equal(Math.Exp(row[j] - max) / sum, probabilities[n * 10 + j], 6);
                }
                Assert.Equal(1.0, probabilities.AsSpan(n * 10, 10).ToArray().Sum(v => (double)v), 5);
                int argmax = Array.IndexOf(row, row.Max());
                Assert.Equal(argmax, classes[n]);
                Assert.Equal(argmax, net.PredictClass(x.AsSpan(n * ServedFashionNet.InputSize, ServedFashionNet.InputSize)));
            }
            Assert.True(classes.Distinct().Count() > 1, "the test inputs should not all fall in one class");
        }

        [Fact]
        public void ZeroRowsPredictNothing()
        {
            var net = new ServedTanhNet();
            net.Predict(ReadOnlySpan<double>.Empty, Span<double>.Empty);
        }

        [Fact]
        public void WrongLengthsNameTheExpectedLengthAndWriteNothing()
        {
            var net = new ServedFashionNet();
            net.InitializeHe(8);
            float[] outputs = Enumerable.Repeat(-7f, 30).ToArray();

            var partial = Assert.Throws<ArgumentException>(() => net.Predict(new float[784 * 3 + 5], outputs));
            Assert.Equal("inputs", partial.ParamName);
            Assert.Contains("whole number of rows of InputSize = 784", partial.Message);
            Assert.Contains("2357", partial.Message);

            var wrongOutputs = Assert.Throws<ArgumentException>(() => net.Predict(new float[784 * 2], outputs));
            Assert.Equal("outputs", wrongOutputs.ParamName);
            Assert.Contains("must hold 20 values", wrongOutputs.Message);
            Assert.Contains("holds 30", wrongOutputs.Message);

            var wrongProbabilities = Assert.Throws<ArgumentException>(() => net.PredictProbabilities(new float[784 * 2], outputs));
            Assert.Equal("probabilities", wrongProbabilities.ParamName);

            var wrongClasses = Assert.Throws<ArgumentException>(() => net.PredictClasses(new float[784 * 2], new int[3]));
            Assert.Equal("classes", wrongClasses.ParamName);
            Assert.Contains("must hold 2 values", wrongClasses.Message);

            var wrongInput = Assert.Throws<ArgumentException>(() => net.PredictClass(new float[783]));
            Assert.Contains("784", wrongInput.Message);

            Assert.All(outputs, v => Assert.Equal(-7f, v));
        }

        [Fact]
        public void PredictLeavesForwardsOutputAlone()
        {
            var net = new ServedTanhNet();
            net.InitializeXavier(9);
            double[] x = DoubleInputs(ServedTanhNet.BatchSize * ServedTanhNet.InputSize, 9);
            double[] before = net.Forward(x).ToArray();
            double[] other = DoubleInputs(5 * ServedTanhNet.InputSize, 10);
            net.Predict(other, new double[5 * ServedTanhNet.OutputSize]);
            Assert.Equal(before, net.Output.ToArray());
        }

        internal static float[] Inputs(int length, uint seed)
        {
            var random = new LegacyRandom(seed);
            double[] values = new double[length];
            random.StandardNormal(values);
            return values.Select(v => (float)v).ToArray();
        }

        internal static double[] DoubleInputs(int length, uint seed)
        {
            var random = new LegacyRandom(seed);
            double[] values = new double[length];
            random.StandardNormal(values);
            return values;
        }

        internal static void Randomize(Span<float> values, uint seed, float scale)
        {
            float[] drawn = Inputs(values.Length, seed);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = drawn[i] * scale;
            }
        }

        internal static void Randomize(Span<double> values, uint seed, double scale)
        {
            double[] drawn = DoubleInputs(values.Length, seed);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = drawn[i] * scale;
            }
        }

        internal delegate ReadOnlySpan<T> ForwardRows<T>(ReadOnlySpan<T> x, int rows);

        /// <summary>Forward over <paramref name="rows"/> rows, a batch (or a short last batch) at a time.</summary>
        internal static T[] ForwardInBatches<T>(T[] x, int rows, int batch, int inputs, int outputs, ForwardRows<T> forward)
        {
            var result = new T[rows * outputs];
            for (int start = 0; start < rows; start += batch)
            {
                int count = Math.Min(batch, rows - start);
                forward(x.AsSpan(start * inputs, count * inputs), count).CopyTo(result.AsSpan(start * outputs));
            }
            return result;
        }

        private static string FirstDifference<T>(T[] expected, T[] actual)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
                {
                    return $"element {i}: {actual[i]} instead of {expected[i]}";
                }
            }
            return "no element";
        }
    }
}
