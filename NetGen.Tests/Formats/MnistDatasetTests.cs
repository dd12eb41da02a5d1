using System;
using System.IO;
using NetGen.Datasets;
using Xunit;

namespace NetGen.Tests.Formats
{
    /// <summary>Loading the four-file MNIST layout from tiny synthetic datasets, and the errors a broken installation gives.</summary>
    public sealed class MnistDatasetTests : IDisposable
    {
        // Pixel values whose scaled forms NumPy printed:
        // /usr/bin/python3 -c "import numpy as np; p = np.array([0, 1, 2, 127, 128, 254, 255], np.uint8); print((p.astype(np.float32) / 255).tolist(), (p / 255.0).tolist())"
        private static readonly byte[] Pixels = { 0, 1, 2, 127, 128, 254, 255, 0 };

        private static readonly float[] ScaledAsFloat =
        {
            0.0f, 0.003921568859368563f, 0.007843137718737125f, 0.49803921580314636f,
            0.501960813999176f, 0.9960784316062927f, 1.0f, 0.0f,
        };

        private static readonly double[] ScaledAsDouble =
        {
            0.0, 0.00392156862745098, 0.00784313725490196, 0.4980392156862745,
            0.5019607843137255, 0.996078431372549, 1.0, 0.0,
        };

        private readonly TemporaryDirectory _directory = new();

        public void Dispose() => _directory.Dispose();

        [Fact]
        public void LoadsTrainingAndTestSetsFromCompressedAndPlainFiles()
        {
            // Two 2x2 training images, one 2x2 test image; the test files are not compressed.
            WriteDataset(
                trainImages: IdxTestFiles.Images(2, 2, 2, Pixels),
                trainLabels: IdxTestFiles.Labels(9, 0),
                testImages: IdxTestFiles.Images(1, 2, 2, new byte[] { 255, 0, 0, 255 }),
                testLabels: IdxTestFiles.Labels(5),
                compressTest: false);

            MnistDataset dataset = MnistDataset.Load(_directory.Path);

            Assert.Equal(_directory.Path, dataset.Directory);
            Assert.Equal(2, dataset.Train.Count);
            Assert.Equal(2, dataset.Train.Rows);
            Assert.Equal(2, dataset.Train.Columns);
            Assert.Equal(4, dataset.Train.PixelsPerImage);
            Assert.Equal(10, dataset.Train.ClassCount);
            Assert.Equal(new[] { 9, 0 }, dataset.Train.Labels);
            Assert.Equal(Pixels, dataset.Train.Pixels);
            Assert.Equal(_directory.File("train-images-idx3-ubyte.gz"), dataset.Train.ImagesPath);
            Assert.Equal(1, dataset.Test.Count);
            Assert.Equal(new[] { 5 }, dataset.Test.Labels);
            Assert.Equal(_directory.File("t10k-labels-idx1-ubyte"), dataset.Test.LabelsPath);
        }

        [Fact]
        public void ImagesAreScaledToTheUnitIntervalAsNumPyScalesThem()
        {
            WriteSmallDataset();
            LabeledImages train = MnistDataset.Load(_directory.Path).Train;

            Assert.Equal(ScaledAsFloat, train.ImagesAsFloat());
            Assert.Equal(ScaledAsDouble, train.ImagesAsDouble());
        }

        [Fact]
        public void CopyImagesFillsABatchStartingAtAnyImage()
        {
            WriteSmallDataset();
            LabeledImages train = MnistDataset.Load(_directory.Path).Train;
            var batch = new double[4];
            var floatBatch = new float[4];

            train.CopyImages(1, 1, batch);
            train.CopyImages(1, 1, floatBatch);

            Assert.Equal(ScaledAsDouble.AsSpan(4).ToArray(), batch);
            Assert.Equal(ScaledAsFloat.AsSpan(4).ToArray(), floatBatch);
        }

        [Fact]
        public void WideCopiesScaleEveryByteValueAsTheScalarLoopDoes()
        {
            // Three 15x15 images (675 pixels): ten whole runs of 64 pixels and a remainder, starting at an odd offset.
            var pixels = new byte[3 * 225];
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)(i * 37 + 11);
            }
            WriteDataset(
                trainImages: IdxTestFiles.Images(3, 15, 15, pixels),
                trainLabels: IdxTestFiles.Labels(1, 2, 3),
                testImages: IdxTestFiles.Images(1, 15, 15, new byte[225]),
                testLabels: IdxTestFiles.Labels(0),
                compressTest: false);
            LabeledImages train = MnistDataset.Load(_directory.Path).Train;
            var batch = new float[2 * 225];

            train.CopyImages(1, 2, batch);

            for (int i = 0; i < batch.Length; i++)
            {
                // pixel / 255f, as the scalar loop and NumPy's float32 division compute it; ScaledAsFloat pins it to NumPy.
                Assert.Equal(pixels[225 + i] / 255f, batch[i]);
            }
            Assert.Equal(1 / 255f, ScaledAsFloat[1]);
        }

        [Fact]
        public void CopyOneHotLabelsWritesOneRowPerImage()
        {
            WriteSmallDataset();
            LabeledImages train = MnistDataset.Load(_directory.Path).Train;
            var targets = new double[20];
            Array.Fill(targets, 7.0);

            train.CopyOneHotLabels(0, 2, targets);

            var expected = new double[20];
            expected[9] = 1.0;       // image 0 is class 9
            expected[10 + 0] = 1.0;  // image 1 is class 0
            Assert.Equal(expected, targets);
        }

        [Fact]
        public void BatchOutsideTheSetOrOfTheWrongSizeIsACallerError()
        {
            WriteSmallDataset();
            LabeledImages train = MnistDataset.Load(_directory.Path).Train;

            Assert.Throws<ArgumentOutOfRangeException>(() => train.CopyImages(1, 2, new double[8]));
            var error = Assert.Throws<ArgumentException>(() => train.CopyImages(0, 2, new double[7]));
            Assert.Contains("The destination has 7 elements but 2 images x 4 pixels need 8.", error.Message);
        }

        [Fact]
        public void MissingDirectorySaysWhichFilesAreExpectedAndHowToInstallThem()
        {
            string missing = _directory.File("no-such-directory");

            var error = Assert.Throws<DirectoryNotFoundException>(() => FashionMnist.Load(missing));

            Assert.Contains($"Fashion-MNIST was not found: the directory {missing} does not exist.", error.Message);
            Assert.Contains("train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz", error.Message);
            Assert.Contains("`sudo apt-get install dataset-fashion-mnist` installs them under /usr/share/datasets/fashion-mnist/.", error.Message);
        }

        [Fact]
        public void MissingFileIsNamed()
        {
            WriteSmallDataset();
            File.Delete(_directory.File("t10k-labels-idx1-ubyte.gz"));

            var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(_directory.Path));

            Assert.Contains($"Fashion-MNIST is incomplete in {_directory.Path}: t10k-labels-idx1-ubyte (.gz or uncompressed) is missing.", error.Message);
            Assert.Contains("sudo apt-get install dataset-fashion-mnist", error.Message);
            Assert.Equal(_directory.File("t10k-labels-idx1-ubyte.gz"), error.FileName);
        }

        [Fact]
        public void ImageAndLabelCountsMustAgree()
        {
            WriteDataset(
                trainImages: IdxTestFiles.Images(2, 2, 2, Pixels),
                trainLabels: IdxTestFiles.Labels(9, 0, 1),
                testImages: IdxTestFiles.Images(1, 2, 2, new byte[4]),
                testLabels: IdxTestFiles.Labels(5));

            var error = Assert.Throws<InvalidDataException>(() => MnistDataset.Load(_directory.Path));

            Assert.Equal(
                $"{_directory.File("train-images-idx3-ubyte.gz")} holds 2 images but {_directory.File("train-labels-idx1-ubyte.gz")} holds 3 labels; there must be one label per image.",
                error.Message);
        }

        [Fact]
        public void LabelOutsideZeroToNineIsReportedWithItsIndex()
        {
            WriteDataset(
                trainImages: IdxTestFiles.Images(2, 2, 2, Pixels),
                trainLabels: IdxTestFiles.Labels(9, 10),
                testImages: IdxTestFiles.Images(1, 2, 2, new byte[4]),
                testLabels: IdxTestFiles.Labels(5));

            var error = Assert.Throws<InvalidDataException>(() => MnistDataset.Load(_directory.Path));

            Assert.Equal($"{_directory.File("train-labels-idx1-ubyte.gz")} has the label 10 at index 1; labels must be 0 to 9.", error.Message);
        }

        [Fact]
        public void TrainingAndTestImagesMustBeTheSameSize()
        {
            WriteDataset(
                trainImages: IdxTestFiles.Images(2, 2, 2, Pixels),
                trainLabels: IdxTestFiles.Labels(9, 0),
                testImages: IdxTestFiles.Images(1, 1, 4, new byte[4]),
                testLabels: IdxTestFiles.Labels(5));

            var error = Assert.Throws<InvalidDataException>(() => MnistDataset.Load(_directory.Path));

            Assert.Contains("t10k-images-idx3-ubyte.gz holds 1x4 images but", error.Message);
        }

        [Fact]
        public void DamagedFileIsNamedInTheError()
        {
            WriteSmallDataset();
            byte[] images = IdxTestFiles.Images(1, 2, 2, new byte[4]);
            File.WriteAllBytes(_directory.File("t10k-images-idx3-ubyte.gz"), IdxTestFiles.Gzip(images.AsSpan(0, images.Length - 1).ToArray()));

            var error = Assert.Throws<InvalidDataException>(() => MnistDataset.Load(_directory.Path));

            Assert.StartsWith($"{_directory.File("t10k-images-idx3-ubyte.gz")} is truncated", error.Message);
        }

        [Fact]
        public void FashionMnistNamesItsTenClasses()
        {
            // The class table in the dataset's README (/usr/share/doc/dataset-fashion-mnist/README.md.gz).
            Assert.Equal(
                new[] { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" },
                FashionMnist.ClassNames);
            Assert.Equal("/usr/share/datasets/fashion-mnist", FashionMnist.DefaultDirectory);
        }

        private void WriteSmallDataset() => WriteDataset(
            trainImages: IdxTestFiles.Images(2, 2, 2, Pixels),
            trainLabels: IdxTestFiles.Labels(9, 0),
            testImages: IdxTestFiles.Images(1, 2, 2, new byte[4]),
            testLabels: IdxTestFiles.Labels(5));

        private void WriteDataset(byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels, bool compressTest = true)
        {
            _directory.Write("train-images-idx3-ubyte.gz", IdxTestFiles.Gzip(trainImages));
            _directory.Write("train-labels-idx1-ubyte.gz", IdxTestFiles.Gzip(trainLabels));
            _directory.Write(compressTest ? "t10k-images-idx3-ubyte.gz" : "t10k-images-idx3-ubyte", compressTest ? IdxTestFiles.Gzip(testImages) : testImages);
            _directory.Write(compressTest ? "t10k-labels-idx1-ubyte.gz" : "t10k-labels-idx1-ubyte", compressTest ? IdxTestFiles.Gzip(testLabels) : testLabels);
        }
    }
}
