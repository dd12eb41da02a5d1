using System;
using System.IO;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Weights
{
    /// <summary>
    /// The NumPy-written files under References/weights (see the README there), the values NumPy printed for them,
    /// and temporary directories to save into.
    /// </summary>
    internal static class WeightFiles
    {
        public static readonly string[] ParameterFileNames = { "W1.npy", "B1.npy", "W2.npy", "B2.npy" };

        // /usr/bin/python3 -c "import numpy as np; [print(n, np.load('double/%s.npy' % n).ravel().tolist()) for n in ['W1', 'B1', 'W2', 'B2']]"
        public static readonly double[] DoubleW1 =
        {
            -0.0, 5e-324, 0.3333333333333333, 0.40751628299650783, -0.7889230286257386,
            0.00206557290594813, -0.0008903858579313628, -1.7547243063454208, 1.0176580056634932, 0.6004985159195494,
            -0.6254289739667597, -0.17154826119572117, 0.5052993741967516, -0.261356415191647, -0.2427490786725466,
            -1.4532414124907906, 0.5545803118918878, 0.12388090528703843, 0.2744599237599636, -1.5265245318698402,
        };

        public static readonly double[] DoubleB1 =
        {
            1.6506996911864755, 0.15433553545635803, -0.3871399432863881, 2.029072220761112, -0.04538602986064609,
        };

        public static readonly double[] DoubleW2 =
        {
            -1.4506786991465748, -0.4052278554276867,
            -2.2883151019717225, 1.0493965493432547,
            -0.41647431852001854, -0.7425535252045677,
            1.0724701315754954, -1.6510755894058389,
            0.535429356326091, 1.7976931348623157e+308,
        };

        public static readonly double[] DoubleB2 = { -0.6621593396668087, -1.2042198455997326 };

        // /usr/bin/python3 -c "import numpy as np; [print(n, [repr(v) for v in np.load('single-float32/%s.npy' % n).ravel()]) for n in ['W1', 'B1', 'W2', 'B2']]"
        public static readonly float[] SingleW1 =
        {
            -0.0f, 1e-45f, 0.33333334f, 0.40751627f, -0.788923f,
            0.002065573f, -0.0008903859f, -1.7547243f, 1.017658f, 0.6004985f,
            -0.625429f, -0.17154826f, 0.5052994f, -0.2613564f, -0.24274908f,
            -1.4532415f, 0.55458033f, 0.12388091f, 0.27445993f, -1.5265245f,
        };

        public static readonly float[] SingleB1 = { 1.6506997f, 0.15433553f, -0.38713995f, 2.0290723f, -0.04538603f };

        public static readonly float[] SingleW2 =
        {
            -1.4506787f, -0.40522787f,
            -2.288315f, 1.0493965f,
            -0.4164743f, -0.74255353f,
            1.0724702f, -1.6510756f,
            0.53542936f, 0.1f,
        };

        public static readonly float[] SingleB2 = { -0.6621593f, -1.2042198f };

        /// <summary>A folder of References/weights, e.g. <c>double</c>.</summary>
        public static string Reference(string folder) =>
            Path.Combine(AppContext.BaseDirectory, "References", "weights", folder);

        /// <summary>A file of References/weights, e.g. <c>bad/W1_transposed.npy</c>.</summary>
        public static string ReferenceFile(string relativePath) =>
            Path.Combine(Reference(""), relativePath.Replace('/', Path.DirectorySeparatorChar));

        public static WeightFilesNet DoubleNetworkWithNumPysValues()
        {
            var net = new WeightFilesNet();
            DoubleW1.CopyTo(net.W1);
            DoubleB1.CopyTo(net.B1);
            DoubleW2.CopyTo(net.W2);
            DoubleB2.CopyTo(net.B2);
            return net;
        }

        /// <summary>NumPy's double values with the largest double in W2 replaced by 0.1, so that training stays finite.</summary>
        public static WeightFilesNet DoubleNetworkWithFiniteValues()
        {
            WeightFilesNet net = DoubleNetworkWithNumPysValues();
            net.W2[^1] = 0.1;
            return net;
        }

        public static SingleWeightFilesNet SingleNetworkWithNumPysValues()
        {
            var net = new SingleWeightFilesNet();
            SingleW1.CopyTo(net.W1);
            SingleB1.CopyTo(net.B1);
            SingleW2.CopyTo(net.W2);
            SingleB2.CopyTo(net.B2);
            return net;
        }

        /// <summary>Every parameter of the double network, in file order, as bit patterns (so -0.0 and 0.0 differ).</summary>
        public static long[] Bits(WeightFilesNet net) =>
            Concat(net.W1.ToArray(), net.B1.ToArray(), net.W2.ToArray(), net.B2.ToArray()).Select(BitConverter.DoubleToInt64Bits).ToArray();

        /// <summary>Every parameter of the single network, in file order, as bit patterns.</summary>
        public static int[] Bits(SingleWeightFilesNet net) =>
            Concat(net.W1.ToArray(), net.B1.ToArray(), net.W2.ToArray(), net.B2.ToArray()).Select(BitConverter.SingleToInt32Bits).ToArray();

        public static long[] Bits(params double[][] parameters) =>
            Concat(parameters).Select(BitConverter.DoubleToInt64Bits).ToArray();

        public static int[] Bits(params float[][] parameters) =>
            Concat(parameters).Select(BitConverter.SingleToInt32Bits).ToArray();

        private static T[] Concat<T>(params T[][] parts) => parts.SelectMany(part => part).ToArray();

        /// <summary>Asserts that two folders hold byte-identical parameter files.</summary>
        public static void AssertSameFiles(string expectedDirectory, string actualDirectory)
        {
            foreach (string file in ParameterFileNames)
            {
                byte[] expected = File.ReadAllBytes(Path.Combine(expectedDirectory, file));
                byte[] actual = File.ReadAllBytes(Path.Combine(actualDirectory, file));
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{file} differs from the file NumPy wrote.");
            }
        }
    }

    /// <summary>A new, empty directory under the system's temporary folder, deleted on dispose.</summary>
    internal sealed class TemporaryDirectory : IDisposable
    {
        public TemporaryDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-weights-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        /// <summary>A path inside the directory.</summary>
        public string Combine(params string[] parts) => System.IO.Path.Combine(new[] { Path }.Concat(parts).ToArray());

        /// <summary>
        /// Copies the four files of a References/weights folder in, replacing some with other reference files:
        /// <c>("W1.npy", "bad/W1_transposed.npy")</c>.
        /// </summary>
        public TemporaryDirectory WithFilesOf(string referenceFolder, params (string File, string Replacement)[] replacements)
        {
            foreach (string file in WeightFiles.ParameterFileNames)
            {
                string? replacement = replacements.Where(r => r.File == file).Select(r => r.Replacement).FirstOrDefault();
                string source = replacement is not null
                    ? WeightFiles.ReferenceFile(replacement)
                    : System.IO.Path.Combine(WeightFiles.Reference(referenceFolder), file);
                File.Copy(source, Combine(file), overwrite: true);
            }
            return this;
        }

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
