using System;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Weights
{
    /// <summary>
    /// NumPy's files into a NetGen network: <c>LoadWeights</c> gives every parameter exactly the value NumPy printed for
    /// it (References/weights/README.md), whatever the file's float type or memory order.
    /// </summary>
    public sealed class LoadWeightsTests
    {
        [Fact]
        public void DoubleNetwork_LoadsNumPysFloat64FilesBitForBit()
        {
            var net = new WeightFilesNet();

            net.LoadWeights(WeightFiles.Reference("double"));

            Assert.Equal(
                WeightFiles.Bits(WeightFiles.DoubleW1, WeightFiles.DoubleB1, WeightFiles.DoubleW2, WeightFiles.DoubleB2),
                WeightFiles.Bits(net));
        }

        [Fact]
        public void SingleNetwork_LoadsNumPysFloat32FilesBitForBit()
        {
            var net = new SingleWeightFilesNet();

            net.LoadWeights(WeightFiles.Reference("single-float32"));

            Assert.Equal(
                WeightFiles.Bits(WeightFiles.SingleW1, WeightFiles.SingleB1, WeightFiles.SingleW2, WeightFiles.SingleB2),
                WeightFiles.Bits(net));
        }

        [Fact]
        public void SingleNetwork_LoadsFloat64FilesOfFloatValuesBitForBit()
        {
            var net = new SingleWeightFilesNet();

            net.LoadWeights(WeightFiles.Reference("single-float64"));

            Assert.Equal(
                WeightFiles.Bits(WeightFiles.SingleW1, WeightFiles.SingleB1, WeightFiles.SingleW2, WeightFiles.SingleB2),
                WeightFiles.Bits(net));
        }

        [Fact]
        public void SingleNetwork_RoundsFloat64ValuesToTheNearestFloat()
        {
            // W1 and B1 of double/ are float64 draws; their float32 roundings are what NumPy's astype(np.float32)
            // printed for single-float32/, except W1[0, 1]: 5e-324 rounds to 0 in float, where the float32 files
            // hold 1e-45.
            using var directory = new TemporaryDirectory().WithFilesOf(
                "single-float32", ("W1.npy", "double/W1.npy"), ("B1.npy", "double/B1.npy"));
            var net = new SingleWeightFilesNet();

            net.LoadWeights(directory.Path);

            float[] expectedW1 = WeightFiles.SingleW1.ToArray();
            expectedW1[1] = 0f;
            Assert.Equal(WeightFiles.Bits(expectedW1, WeightFiles.SingleB1), WeightFiles.Bits(net.W1.ToArray(), net.B1.ToArray()));
        }

        [Fact]
        public void DoubleNetwork_WidensFloat32FilesExactly()
        {
            var net = new WeightFilesNet();

            net.LoadWeights(WeightFiles.Reference("single-float32"));

            Assert.Equal(
                WeightFiles.Bits(Widen(WeightFiles.SingleW1), Widen(WeightFiles.SingleB1), Widen(WeightFiles.SingleW2), Widen(WeightFiles.SingleB2)),
                WeightFiles.Bits(net));
        }

        [Fact]
        public void FortranOrderFile_LoadsTheMatrixNumPyShows()
        {
            // np.asfortranarray(W2) stores the columns one after the other; np.load gives back the same (5, 2) matrix.
            using var directory = new TemporaryDirectory().WithFilesOf("double", ("W2.npy", "variants/W2_fortran.npy"));
            var net = new WeightFilesNet();

            net.LoadWeights(directory.Path);

            Assert.Equal(WeightFiles.Bits(WeightFiles.DoubleW2), WeightFiles.Bits(net.W2.ToArray()));
        }

        [Fact]
        public void LoadedWeights_ComputeWhatNumPyComputes()
        {
            // /usr/bin/python3 -c "import numpy as np; d = 'single-float64/'; W1, B1, W2, B2 = [np.load(d + n + '.npy') for n in ['W1', 'B1', 'W2', 'B2']];
            //   x = np.arange(12, dtype=np.float64).reshape(3, 4) / 7 - 0.5; print((np.maximum(x @ W1 + B1, 0) @ W2 + B2).ravel().tolist())"
            double[] numPysOutput =
            {
                -1.9829441777900574, -4.254086660588387, -0.03808950017785884, -4.930618509850542, 1.3608024274745931, -5.774312572814297,
            };
            double[] x = Enumerable.Range(0, 12).Select(i => i / 7.0 - 0.5).ToArray();
            var net = new WeightFilesNet();

            net.LoadWeights(WeightFiles.Reference("single-float64"));
            double[] output = net.Forward(x).ToArray();

            for (int i = 0; i < numPysOutput.Length; i++)
            {
                // Sums of at most five products: only the order of the additions may differ from NumPy's.
                Assert.True(
                    Math.Abs(output[i] - numPysOutput[i]) <= 1e-14 * Math.Abs(numPysOutput[i]) + 1e-15,
                    $"output[{i}] = {output[i]:R}, NumPy computed {numPysOutput[i]:R}");
            }
        }

        private static double[] Widen(float[] values) => values.Select(v => (double)v).ToArray();
    }
}
