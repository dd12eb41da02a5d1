using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using NetGen.NumPy;

namespace NetGen.Tests.Onnx
{
    /// <summary>The reference files of References/onnx and helpers the ONNX tests share.</summary>
    internal static class OnnxTestFiles
    {
        public static string Reference(string name) => Path.Combine(AppContext.BaseDirectory, "References", "onnx", name);

        /// <summary>The float64 values of a reference <c>.npy</c> file (float32 files widened exactly).</summary>
        public static double[] Npy(string name) => NpyFile.Read(Reference(name), out _);

        /// <summary>Every parameter array of a network (<c>_w1</c>, <c>_b1</c>, ...) as raw bits, to see that nothing changed.</summary>
        public static long[] ParameterBits(object network)
        {
            var bits = new List<long>();
            foreach (FieldInfo field in ParameterFields(network))
            {
                switch (field.GetValue(network))
                {
                    case ArraySegment<float> single:
                        bits.AddRange(single.Select(v => (long)BitConverter.SingleToInt32Bits(v)));
                        break;
                    case ArraySegment<double> wide:
                        bits.AddRange(wide.Select(BitConverter.DoubleToInt64Bits));
                        break;
                    default:
                        throw new InvalidOperationException($"{field.Name} is a {field.FieldType}, not a parameter buffer.");
                }
                bits.Add(long.MinValue); // a separator, so that arrays of different lengths never compare equal
            }
            return bits.ToArray();
        }

        /// <summary>The parameter fields, W1, B1, W2, ... in declaration order.</summary>
        public static FieldInfo[] ParameterFields(object network) => network.GetType()
            .GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(f => System.Text.RegularExpressions.Regex.IsMatch(f.Name, "^_[wb][0-9]+$"))
            .OrderBy(f => int.Parse(f.Name.Substring(2), System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(f => f.Name[1] == 'w' ? 0 : 1)
            .ToArray();

        /// <summary>Fills every parameter with seeded normal values, so that a test starts from known, nonzero parameters.</summary>
        public static void FillParameters(object network, uint seed)
        {
            var random = new LegacyRandom(seed);
            foreach (FieldInfo field in ParameterFields(network))
            {
                switch (field.GetValue(network))
                {
                    case ArraySegment<float> single:
                        var values = new double[single.Count];
                        random.StandardNormal(values);
                        for (int i = 0; i < values.Length; i++)
                        {
                            single[i] = (float)values[i];
                        }
                        break;
                    case ArraySegment<double> wide:
                        random.StandardNormal(wide);
                        break;
                    default:
                        throw new InvalidOperationException($"{field.Name} is a {field.FieldType}, not a parameter buffer.");
                }
            }
        }

        /// <summary>The largest absolute difference between two arrays, relative to the largest absolute reference value.</summary>
        public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected)
        {
            if (actual.Length != expected.Length)
            {
                throw new ArgumentException($"{actual.Length} values against {expected.Length} references.");
            }
            double scale = 0;
            double worst = 0;
            for (int i = 0; i < expected.Length; i++)
            {
                scale = Math.Max(scale, Math.Abs(expected[i]));
                worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
            }
            return scale == 0 ? worst : worst / scale;
        }

        public static float[] ToSingle(double[] values) => values.Select(v => (float)v).ToArray();

        public static double[] ToDouble(ReadOnlySpan<float> values)
        {
            var wide = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                wide[i] = values[i];
            }
            return wide;
        }
    }

    /// <summary>A directory under the temporary folder, deleted with everything in it on dispose.</summary>
    internal sealed class OnnxTemporaryDirectory : IDisposable
    {
        public OnnxTemporaryDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-onnx-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
