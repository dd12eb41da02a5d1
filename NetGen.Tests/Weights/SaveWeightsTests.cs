using System.IO;
using System.Linq;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.Weights
{
    /// <summary>
    /// A NetGen network into NumPy's files: <c>SaveWeights</c> writes byte for byte what <c>np.save</c> writes for the
    /// same arrays (References/weights), and the round trip NetGen → .npy → NumPy → .npy → NetGen is exact.
    /// </summary>
    public sealed class SaveWeightsTests
    {
        [Fact]
        public void DoubleNetwork_WritesTheBytesNumPyWrites()
        {
            WeightFilesNet net = WeightFiles.DoubleNetworkWithNumPysValues();
            using var directory = new TemporaryDirectory();

            net.SaveWeights(directory.Path);

            WeightFiles.AssertSameFiles(WeightFiles.Reference("double"), directory.Path);
        }

        [Fact]
        public void SingleNetwork_WritesFloat64FilesOfItsValues()
        {
            // single-float64/ is np.save(array.astype(np.float64)) of the float32 arrays.
            SingleWeightFilesNet net = WeightFiles.SingleNetworkWithNumPysValues();
            using var directory = new TemporaryDirectory();

            net.SaveWeights(directory.Path);

            WeightFiles.AssertSameFiles(WeightFiles.Reference("single-float64"), directory.Path);
        }

        [Fact]
        public void WritesOneFilePerParameter_WithShapeInputsByOutputs()
        {
            using var directory = new TemporaryDirectory();
            string target = directory.Combine("nested", "weights");

            new WeightFilesNet().SaveWeights(target);

            Assert.Equal(
                new[] { "B1.npy", "B2.npy", "W1.npy", "W2.npy" },
                Directory.GetFiles(target).Select(Path.GetFileName).OrderBy(name => name, System.StringComparer.Ordinal));
            AssertHeader(Path.Combine(target, "W1.npy"), 4, 5);
            AssertHeader(Path.Combine(target, "B1.npy"), 5);
            AssertHeader(Path.Combine(target, "W2.npy"), 5, 2);
            AssertHeader(Path.Combine(target, "B2.npy"), 2);
        }

        [Fact]
        public void RoundTripThroughNumPysFiles_IsExact()
        {
            // NetGen → .npy: the files equal np.save's, so np.load reads these values and np.save writes them back as
            // the files in double/; .npy → NetGen: loading NumPy's files restores every bit.
            WeightFilesNet original = WeightFiles.DoubleNetworkWithNumPysValues();
            using var saved = new TemporaryDirectory();
            original.SaveWeights(saved.Path);
            WeightFiles.AssertSameFiles(WeightFiles.Reference("double"), saved.Path);

            var restored = new WeightFilesNet();
            restored.LoadWeights(WeightFiles.Reference("double"));

            Assert.Equal(WeightFiles.Bits(original), WeightFiles.Bits(restored));
        }

        [Fact]
        public void TrainedDoubleNetwork_ReloadsBitForBit()
        {
            WeightFilesNet trained = Train(WeightFiles.DoubleNetworkWithFiniteValues());
            using var directory = new TemporaryDirectory();

            trained.SaveWeights(directory.Path);
            var reloaded = new WeightFilesNet();
            reloaded.LoadWeights(directory.Path);

            Assert.Equal(WeightFiles.Bits(trained), WeightFiles.Bits(reloaded));
            double[] x = Enumerable.Range(0, 12).Select(i => i / 5.0 - 1).ToArray();
            Assert.Equal(trained.Forward(x).ToArray(), reloaded.Forward(x).ToArray());
        }

        [Fact]
        public void TrainedSingleNetwork_ReloadsBitForBit()
        {
            SingleWeightFilesNet trained = WeightFiles.SingleNetworkWithNumPysValues();
            float[] x = Enumerable.Range(0, 12).Select(i => i / 5f - 1).ToArray();
            float[] t = Enumerable.Range(0, 6).Select(i => i / 3f).ToArray();
            for (int i = 0; i < 5; i++)
            {
                trained.TrainStep(x, t, 0.01);
            }
            using var directory = new TemporaryDirectory();

            trained.SaveWeights(directory.Path);
            var reloaded = new SingleWeightFilesNet();
            reloaded.LoadWeights(directory.Path);

            Assert.Equal(WeightFiles.Bits(trained), WeightFiles.Bits(reloaded));
        }

        private static WeightFilesNet Train(WeightFilesNet net)
        {
            double[] x = Enumerable.Range(0, 12).Select(i => i / 5.0 - 1).ToArray();
            double[] t = Enumerable.Range(0, 6).Select(i => i / 3.0).ToArray();
            for (int i = 0; i < 5; i++)
            {
                net.TrainStep(x, t, 0.01);
            }
            return net;
        }

        private static void AssertHeader(string path, params int[] shape)
        {
            NpyHeader header = NpyFile.ReadHeader(path);
            Assert.Equal("<f8", header.Descr);
            Assert.False(header.FortranOrder);
            Assert.Equal(1, header.MajorVersion);
            Assert.Equal(0, header.MinorVersion);
            Assert.Equal(shape, header.GetShape());
        }
    }
}
