using System;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.NumPy
{
    /// <summary>Bit-exact comparisons of doubles, reporting both sides as Python would print them.</summary>
    internal static class ExactAssert
    {
        public static void Equal(double expected, double actual, string? what = null)
        {
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
            {
                string label = what is null ? string.Empty : what + ": ";
                Assert.Fail($"{label}expected {PythonFloat.Repr(expected)} but got {PythonFloat.Repr(actual)}");
            }
        }

        public static void Equal(double[] expected, ReadOnlySpan<double> actual)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Equal(expected[i], actual[i], $"element {i}");
            }
        }

        /// <summary>Left-to-right sum, the order of <c>np.cumsum(x)[-1]</c>.</summary>
        public static double SequentialSum(ReadOnlySpan<double> values)
        {
            double sum = 0.0;
            foreach (double value in values)
            {
                sum += value;
            }

            return sum;
        }
    }
}
