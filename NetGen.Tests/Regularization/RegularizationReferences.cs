using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.Regularization
{
    /// <summary>
    /// The files PyTorch wrote in <c>References/regularization/</c> (see its README.md and
    /// <c>make_regularization_refs.py</c>): the data and initial weights, trajectories, mean-loss gradients and dropout.
    /// </summary>
    internal static class RegularizationReferences
    {
        public const int Batch = 8, Inputs = 20, Hidden = 16, Outputs = 4;

        public static string PathOf(string name) =>
            Path.Combine(AppContext.BaseDirectory, "References", "regularization", name);

        public static double[] Read(string name, params int[] shape)
        {
            double[] values = NpyFile.Read(PathOf(name), out int[] actual);
            Assert.Equal(shape, actual);
            return values;
        }

        public static double[] X => Read("initial-x.npy", Batch, Inputs);

        public static double[] Target => Read("initial-t.npy", Batch, Outputs);

        public static int[] Labels
        {
            get
            {
                int[] labels = NpyFile.ReadInt32(PathOf("initial-labels.npy"), out int[] shape);
                Assert.Equal(new[] { Batch }, shape);
                return labels;
            }
        }

        /// <summary>Copies the initial W1, B1, W2, B2 into a network's parameters.</summary>
        public static void LoadInitial(Span<double> w1, Span<double> b1, Span<double> w2, Span<double> b2)
        {
            Read("initial-W1.npy", Inputs, Hidden).CopyTo(w1);
            Read("initial-B1.npy", Hidden).CopyTo(b1);
            Read("initial-W2.npy", Hidden, Outputs).CopyTo(w2);
            Read("initial-B2.npy", Outputs).CopyTo(b2);
        }

        /// <summary>The losses of a trajectory file, one "i loss" line per step.</summary>
        public static double[] Losses(string name) =>
            File.ReadAllLines(PathOf(name + "-losses.txt"))
                .Where(line => line.Length > 0)
                .Select((line, i) =>
                {
                    string[] parts = line.Split(' ');
                    Assert.Equal(i.ToString(CultureInfo.InvariantCulture), parts[0]);
                    return double.Parse(parts[1], CultureInfo.InvariantCulture);
                })
                .ToArray();

        public static double Scalar(string name) =>
            double.Parse(File.ReadAllText(PathOf(name)).Trim(), CultureInfo.InvariantCulture);

        /// <summary>Asserts |expected - actual| ≤ tolerance · max(1, |expected|) element by element, naming the first that is not.</summary>
        public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int e = 0; e < expected.Length; e++)
            {
                double error = Math.Abs(expected[e] - actual[e]);
                Assert.True(
                    error <= tolerance * Math.Max(1, Math.Abs(expected[e])),
                    $"{what}[{e}]: PyTorch {expected[e]:R}, NetGen {actual[e]:R} (difference {error:R})");
            }
        }

        public static void AssertClose(double expected, double actual, double tolerance, string what) =>
            AssertClose(new[] { expected }, new[] { actual }, tolerance, what);
    }
}
