using System;
using System.IO;
using System.Linq;
using NetGen.Datasets;
using Xunit;

namespace NetGen.Tests.Formats
{
    /// <summary>A fact that runs only where the dataset-fashion-mnist package is installed.</summary>
    public sealed class FashionMnistInstalledFactAttribute : FactAttribute
    {
        public FashionMnistInstalledFactAttribute()
        {
            if (!Directory.Exists(FashionMnist.DefaultDirectory))
            {
                Skip = $"Fashion-MNIST is not installed in {FashionMnist.DefaultDirectory} ({FashionMnist.InstallCommand}).";
            }
        }
    }

    /// <summary>
    /// Reads the real Fashion-MNIST files. Expected values were read from the files with Python's gzip module, e.g.
    /// /usr/bin/python3 -c "import gzip; print(list(gzip.open('/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz').read()[8:18]))"
    /// </summary>
    public sealed class FashionMnistInstalledDatasetTests
    {
        // Loaded once, and only if a test runs: decompressing the 30 MB of files takes a moment.
        private static readonly Lazy<MnistDataset> Installed = new(() => FashionMnist.Load());

        [FashionMnistInstalledFact]
        public void InstalledDatasetHasSixtyThousandTrainingAndTenThousandTestImages()
        {
            MnistDataset dataset = Installed.Value;

            Assert.Equal(60000, dataset.Train.Count);
            Assert.Equal(10000, dataset.Test.Count);
            Assert.Equal(28, dataset.Train.Rows);
            Assert.Equal(28, dataset.Train.Columns);
            Assert.Equal(28, dataset.Test.Rows);
            Assert.Equal(28, dataset.Test.Columns);

            // [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]  (train-labels-idx1-ubyte.gz, bytes 8 to 17)
            Assert.Equal(new[] { 9, 0, 0, 3, 0, 2, 7, 2, 5, 5 }, dataset.Train.Labels.Take(10));
            // [9, 2, 1, 1, 6, 1, 4, 6, 5, 7]  (t10k-labels-idx1-ubyte.gz, bytes 8 to 17)
            Assert.Equal(new[] { 9, 2, 1, 1, 6, 1, 4, 6, 5, 7 }, dataset.Test.Labels.Take(10));
            // /usr/bin/python3 -c "import gzip; l = gzip.open('/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz').read()[8:]; print([l.count(c) for c in range(10)], l[-1])"
            // [6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000] 5
            Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(6000, dataset.Train.Labels.Count(label => label == c)));
            Assert.Equal(5, dataset.Train.Labels[59999]);
        }

        [FashionMnistInstalledFact]
        public void InstalledDatasetPixelsMatchTheFiles()
        {
            MnistDataset dataset = Installed.Value;

            // /usr/bin/python3 -c "import gzip; d = gzip.open('/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz').read(); print(list(d[16 + 28 * 14:16 + 28 * 15]), sum(d[16:16 + 784]), sum(d[16 + 784 * 59999:]))"
            // [0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221, 216, 223, 229, 215, 218, 255, 77, 0] 76247 16684
            byte[] row14 = { 0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221, 216, 223, 229, 215, 218, 255, 77, 0 };
            Assert.Equal(row14, dataset.Train.Pixels.Skip(28 * 14).Take(28));
            Assert.Equal(76247, dataset.Train.Pixels.Take(784).Sum(p => p));
            Assert.Equal(16684, dataset.Train.Pixels.Skip(784 * 59999).Sum(p => p));

            // /usr/bin/python3 -c "import gzip; d = gzip.open('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz').read(); print(sum(d[16:16 + 784]))"
            // 33456
            Assert.Equal(33456, dataset.Test.Pixels.Take(784).Sum(p => p));
        }
    }
}
