using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Performance
{
    /// <summary>
    /// The Tanh and Sigmoid kernels, in every instruction-set version this machine runs, against .NET's
    /// <c>Math.Tanh</c> and <c>Math.Exp</c> (the C runtime's), on values from the subnormals to infinity and NaN, at
    /// lengths that leave a remainder and lengths shorter than one vector.
    /// </summary>
    public class ActivationKernelTests
    {
        // Lengths 999 (Tanh: whole vectors and a remainder), 9 (Sigmoid), and in the second network 3 and 2: fewer
        // elements than one vector of every width but the narrowest.
        private const string Source = @"
using NetGen;
namespace Activations
{
    [Network(BatchSize = 3, Precision = Precision.PRECISION)]
    [Dense(4, 333)] [Tanh] [Dense(333, 3)] [Sigmoid] [Dense(3, 2)] [SquaredErrorLoss]
    public partial class LongNet { }

    [Network(BatchSize = 1, Precision = Precision.PRECISION)]
    [Dense(4, 3)] [Sigmoid] [Dense(3, 2)] [Tanh] [Dense(2, 2)] [SquaredErrorLoss]
    public partial class ShortNet { }
}";

        private static readonly Regex KernelName = new(@"^(?<kind>Tanh|Sigmoid)Forward_(?<length>[0-9]+)_(?<tier>Vector512|Vector256|Vector128|Scalar)$");

        private delegate void Activation<T>(ReadOnlySpan<T> x, Span<T> y);

        public static IEnumerable<object[]> Precisions() => new[] { new object[] { "Double" }, new object[] { "Single" } };

        [Theory]
        [MemberData(nameof(Precisions))]
        public void EveryVersionAgreesWithTheRuntimeFunctionsWithinTwoUnitsInTheLastPlace(string precision)
        {
            int checkedKernels = 0;
            foreach (MethodInfo kernel in Kernels(precision))
            {
                Match name = KernelName.Match(kernel.Name);
                bool tanh = name.Groups["kind"].Value == "Tanh";
                double[] inputs = Inputs(precision == "Single");
                double[] outputs = Run(kernel, precision, inputs, Length(kernel));
                for (int i = 0; i < inputs.Length; i++)
                {
                    double x = inputs[i];
                    double expected = tanh ? Math.Tanh(x) : Sigmoid(x);
                    AssertWithin(expected, outputs[i], precision == "Single", $"{kernel.Name}({x:R})");
                }
                checkedKernels++;
            }
            // Four kernels (two per network), each with its scalar version and at least one vector version.
            Assert.True(checkedKernels >= 8, $"only {checkedKernels} activation kernels ran");
        }

        [Theory]
        [MemberData(nameof(Precisions))]
        public void FusedVersionsAgreeBitForBitAndWithEveryLength(string precision)
        {
            // Vector512 and Vector256 run the same operations lane by lane, so they agree to the bit; and a kernel of
            // any length (short, with a remainder) gives each value the bits the longest kernel gives it.
            List<MethodInfo> kernels = Kernels(precision)
                .Where(k => KernelName.Match(k.Name).Groups["tier"].Value is "Vector512" or "Vector256")
                .ToList();
            if (kernels.Count == 0)
            {
                return; // no fused vector tier on this machine: nothing to compare
            }
            double[] inputs = Inputs(precision == "Single");
            foreach (string kind in new[] { "Tanh", "Sigmoid" })
            {
                double[]? reference = null;
                foreach (MethodInfo kernel in kernels.Where(k => k.Name.StartsWith(kind, StringComparison.Ordinal)))
                {
                    double[] outputs = Run(kernel, precision, inputs, Length(kernel));
                    reference ??= outputs;
                    for (int i = 0; i < inputs.Length; i++)
                    {
                        Assert.True(BitConverter.DoubleToInt64Bits(reference[i]) == BitConverter.DoubleToInt64Bits(outputs[i]) || (double.IsNaN(reference[i]) && double.IsNaN(outputs[i])),
                            $"{kernel.Name}({inputs[i]:R}) = {outputs[i]:R}, another version gives {reference[i]:R}");
                    }
                }
            }
        }

        [Theory]
        [MemberData(nameof(Precisions))]
        public void NaNStaysNaNAndInfinitiesSaturate(string precision)
        {
            foreach (MethodInfo kernel in Kernels(precision))
            {
                bool tanh = kernel.Name.StartsWith("Tanh", StringComparison.Ordinal);
                double[] inputs = { double.NaN, double.PositiveInfinity, double.NegativeInfinity };
                double[] outputs = Run(kernel, precision, inputs, Length(kernel));
                Assert.True(double.IsNaN(outputs[0]), $"{kernel.Name}(NaN) = {outputs[0]:R}");
                Assert.Equal(1.0, outputs[1]);
                Assert.Equal(tanh ? -1.0 : 0.0, outputs[2]);
            }
        }

        /// <summary>The element count in the kernel's name: 999 for <c>TanhForward_999_Vector256</c>.</summary>
        private static int Length(MethodInfo kernel) =>
            int.Parse(KernelName.Match(kernel.Name).Groups["length"].Value, System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>σ(x) in double without overflow: 1 / (1 + e^-x) for x ≥ 0, e^x / (1 + e^x) below.</summary>
        private static double Sigmoid(double x)
        {
            if (x >= 0)
            {
                return 1 / (1 + Math.Exp(-x));
            }
            double e = Math.Exp(x);
            return e / (1 + e);
        }

        /// <summary>
        /// Within 2.5 units in the last place of the expected value in the kernel's precision: the kernels' 2 and half a
        /// unit for the reference's own rounding; where the value is near the bottom of the subnormals, within 4 of the
        /// smallest subnormal.
        /// </summary>
        private static void AssertWithin(double expected, double actual, bool single, string what)
        {
            if (double.IsNaN(expected))
            {
                Assert.True(double.IsNaN(actual), $"{what} = {actual:R}, expected NaN");
                return;
            }
            double ulp = single ? MathF.BitIncrement(Math.Abs((float)expected)) - Math.Abs((float)expected) : Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            double floor = single ? Math.Pow(2, -149) * 4 : Math.Pow(2, -1074) * 4;
            double tolerance = Math.Max(2.5 * ulp, floor);
            Assert.True(Math.Abs(actual - expected) <= tolerance, $"{what} = {actual:R}, expected {expected:R} (tolerance {tolerance:R})");
        }

        private static double[] Inputs(bool single)
        {
            var values = new List<double> { 0.0, -0.0, 1e-300, -1e-300, double.Epsilon, 1e-8, -1e-8, 0.1, -0.3, 1, -1, 2.5, 9, -9, 20, -20, 30, -40, 88, -88, 100, -103, -104, -110, 700, -700, -708, -709.5, -740, -745, -746, -800 };
            foreach (double edge in new[] { 0.625, -0.625 })
            {
                values.Add(edge);
                values.Add(Math.BitIncrement(edge));
                values.Add(Math.BitDecrement(edge));
                values.Add(MathF.BitIncrement((float)edge));
                values.Add(MathF.BitDecrement((float)edge));
            }
            var random = new Random(5);
            for (int i = 0; i < 4000; i++)
            {
                double scale = i % 4 switch { 0 => 0.7, 1 => 3, 2 => 25, _ => 120 };
                values.Add((random.NextDouble() * 2 - 1) * scale);
            }
            // Values a float kernel sees exactly as the double references do.
            return single ? values.Select(v => (double)(float)v).ToArray() : values.ToArray();
        }

        /// <summary>Runs the kernel over <paramref name="inputs"/>, <paramref name="length"/> at a time (the last call padded with zeros).</summary>
        private static double[] Run(MethodInfo kernel, string precision, double[] inputs, int length)
        {
            var outputs = new double[inputs.Length];
            Activation<float>? single = precision == "Single" ? kernel.CreateDelegate<Activation<float>>() : null;
            Activation<double>? wide = single is null ? kernel.CreateDelegate<Activation<double>>() : null;
            for (int start = 0; start < inputs.Length; start += length)
            {
                int count = Math.Min(length, inputs.Length - start);
                if (single is not null)
                {
                    float[] x = new float[length];
                    float[] y = new float[length];
                    for (int i = 0; i < count; i++)
                    {
                        x[i] = (float)inputs[start + i];
                    }
                    single(x, y);
                    for (int i = 0; i < count; i++)
                    {
                        outputs[start + i] = y[i];
                    }
                }
                else
                {
                    double[] x = new double[length];
                    double[] y = new double[length];
                    Array.Copy(inputs, start, x, 0, count);
                    wide!(x, y);
                    Array.Copy(y, 0, outputs, start, count);
                }
            }
            return outputs;
        }

        private static readonly Dictionary<string, Assembly> Loaded = new();

        /// <summary>The activation kernels of both networks in versions this machine runs.</summary>
        private static List<MethodInfo> Kernels(string precision)
        {
            Assembly assembly;
            lock (Loaded)
            {
                if (!Loaded.TryGetValue(precision, out assembly!))
                {
                    GeneratorRun run = GeneratorHarness.Run(Source.Replace("PRECISION", precision, StringComparison.Ordinal));
                    Assert.Empty(run.Exceptions);
                    Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
                    assembly = run.Load();
                    Loaded[precision] = assembly;
                }
            }
            var kernels = new List<MethodInfo>();
            foreach (string network in new[] { "Activations.LongNet", "Activations.ShortNet" })
            {
                Type type = assembly.GetType(network, throwOnError: true)!;
                kernels.AddRange(type.GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
                    .Where(m => KernelName.IsMatch(m.Name) && KernelTests.Runs(KernelName.Match(m.Name).Groups["tier"].Value))
                    .OrderBy(m => m.Name, StringComparer.Ordinal));
            }
            return kernels;
        }
    }
}
