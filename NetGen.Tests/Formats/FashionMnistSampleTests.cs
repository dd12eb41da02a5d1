using System;
using System.IO;
using System.Linq;
using NetGen.Datasets;
using Xunit;

namespace NetGen.Tests.Formats
{
    /// <summary>
    /// Reads References/idx/fashion-mnist-sample: the first 3 training and 2 test images of Fashion-MNIST,
    /// compressed by Python's gzip module (see the README there). Expected values were printed by Python,
    /// with the one-liners beside them, run in NetGen.Tests/References/idx.
    /// </summary>
    public sealed class FashionMnistSampleTests
    {
        private static readonly string SampleDirectory = Path.Combine(AppContext.BaseDirectory, "References", "idx", "fashion-mnist-sample");

        [Fact]
        public void SampleLoadsWithItsLabels()
        {
            MnistDataset dataset = FashionMnist.Load(SampleDirectory);

            // /usr/bin/python3 -c "import gzip; print(list(gzip.open('fashion-mnist-sample/train-labels-idx1-ubyte.gz').read()[8:]), list(gzip.open('fashion-mnist-sample/t10k-labels-idx1-ubyte.gz').read()[8:]))"
            // [9, 0, 0] [9, 2]
            Assert.Equal(new[] { 9, 0, 0 }, dataset.Train.Labels);
            Assert.Equal(new[] { 9, 2 }, dataset.Test.Labels);
            Assert.Equal(28, dataset.Train.Rows);
            Assert.Equal(28, dataset.Train.Columns);
            Assert.Equal("Ankle boot", FashionMnist.ClassNames[dataset.Train.Labels[0]]);
        }

        [Fact]
        public void SamplePixelsMatchTheFiles()
        {
            MnistDataset dataset = FashionMnist.Load(SampleDirectory);

            // /usr/bin/python3 -c "import gzip; d = gzip.open('fashion-mnist-sample/train-images-idx3-ubyte.gz').read(); print([sum(d[16 + 784 * i:16 + 784 * (i + 1)]) for i in range(3)], list(d[16 + 28 * 14:16 + 28 * 15]))"
            // [76247, 84598, 28662] [0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221, 216, 223, 229, 215, 218, 255, 77, 0]
            int[] imageSums = Enumerable.Range(0, 3).Select(i => dataset.Train.Pixels.Skip(784 * i).Take(784).Sum(p => p)).ToArray();
            Assert.Equal(new[] { 76247, 84598, 28662 }, imageSums);
            byte[] row14 = { 0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221, 216, 223, 229, 215, 218, 255, 77, 0 };
            Assert.Equal(row14, dataset.Train.Pixels.Skip(28 * 14).Take(28));

            // /usr/bin/python3 -c "import gzip; t = gzip.open('fashion-mnist-sample/t10k-images-idx3-ubyte.gz').read(); print([sum(t[16 + 784 * i:16 + 784 * (i + 1)]) for i in range(2)])"
            // [33456, 100994]
            Assert.Equal(33456, dataset.Test.Pixels.Take(784).Sum(p => p));
            Assert.Equal(100994, dataset.Test.Pixels.Skip(784).Sum(p => p));
        }

        [Fact]
        public void SampleImagesScaleLikeNumPy()
        {
            LabeledImages train = FashionMnist.Load(SampleDirectory).Train;

            // /usr/bin/python3 -c "import gzip, numpy as np; d = np.frombuffer(gzip.open('fashion-mnist-sample/train-images-idx3-ubyte.gz').read(), np.uint8, offset=16).reshape(3, 784); print((d.astype(np.float32) / 255)[0, 28 * 14 + 12:28 * 14 + 16].tolist(), (d / 255.0)[0, 28 * 14 + 12:28 * 14 + 16].tolist())"
            // [0.929411768913269, 0.886274516582489, 0.8509804010391235, 0.8745098114013672] [0.9294117647058824, 0.8862745098039215, 0.8509803921568627, 0.8745098039215686]
            float[] asFloat = train.ImagesAsFloat();
            double[] asDouble = train.ImagesAsDouble();

            Assert.Equal(3 * 784, asFloat.Length);
            Assert.Equal(
                new[] { 0.929411768913269f, 0.886274516582489f, 0.8509804010391235f, 0.8745098114013672f },
                asFloat.AsSpan(28 * 14 + 12, 4).ToArray());
            Assert.Equal(
                new[] { 0.9294117647058824, 0.8862745098039215, 0.8509803921568627, 0.8745098039215686 },
                asDouble.AsSpan(28 * 14 + 12, 4).ToArray());
        }
    }
}
