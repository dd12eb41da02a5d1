using System;
using System.Collections.Generic;
using System.IO;

namespace NetGen.Datasets
{
    /// <summary>
    /// A dataset in the MNIST layout: a training set and a test set of 28x28 greyscale images in ten classes,
    /// stored as four IDX files, gzip-compressed (<c>.gz</c>) or not. MNIST's handwritten digits and Fashion-MNIST's
    /// clothing pictures (see <see cref="FashionMnist"/>) both use it.
    /// </summary>
    public sealed class MnistDataset
    {
        /// <summary>The training images' file name, without the optional <c>.gz</c>.</summary>
        public const string TrainImagesFileName = "train-images-idx3-ubyte";

        /// <summary>The training labels' file name, without the optional <c>.gz</c>.</summary>
        public const string TrainLabelsFileName = "train-labels-idx1-ubyte";

        /// <summary>The test images' file name, without the optional <c>.gz</c>.</summary>
        public const string TestImagesFileName = "t10k-images-idx3-ubyte";

        /// <summary>The test labels' file name, without the optional <c>.gz</c>.</summary>
        public const string TestLabelsFileName = "t10k-labels-idx1-ubyte";

        /// <summary>The number of classes: every label is in 0 to 9.</summary>
        public const int ClassCount = 10;

        private MnistDataset(string directory, LabeledImages train, LabeledImages test)
        {
            Directory = directory;
            Train = train;
            Test = test;
        }

        /// <summary>The directory the files were read from.</summary>
        public string Directory { get; }

        /// <summary>The training set (60000 images in MNIST and Fashion-MNIST).</summary>
        public LabeledImages Train { get; }

        /// <summary>The test set (10000 images in MNIST and Fashion-MNIST).</summary>
        public LabeledImages Test { get; }

        /// <summary>
        /// Reads the four files from <paramref name="directory"/>. For each file, <c>name.gz</c> is used if present,
        /// otherwise <c>name</c>.
        /// </summary>
        /// <param name="directory">The directory holding the files.</param>
        /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
        /// <exception cref="FileNotFoundException">A file is missing; the message lists the file names expected.</exception>
        /// <exception cref="InvalidDataException">
        /// A file is not a valid IDX file of the right kind, images and labels differ in number, the training and test
        /// images differ in size, or a label is outside 0 to 9. The message names the file.
        /// </exception>
        public static MnistDataset Load(string directory) => Load(directory, "The MNIST dataset", installHint: null);

        /// <summary>Reads the four files, naming the dataset, and saying how to install it, when they are missing.</summary>
        internal static MnistDataset Load(string directory, string datasetName, string? installHint)
        {
            if (directory is null)
            {
                throw new ArgumentNullException(nameof(directory));
            }

            string expectedFiles =
                $"It should hold the files {TrainImagesFileName}.gz, {TrainLabelsFileName}.gz, {TestImagesFileName}.gz and " +
                $"{TestLabelsFileName}.gz (each gzip-compressed, or uncompressed without the .gz).";
            string hint = installHint is null ? string.Empty : " " + installHint;
            if (!System.IO.Directory.Exists(directory))
            {
                throw new DirectoryNotFoundException($"{datasetName} was not found: the directory {directory} does not exist. {expectedFiles}{hint}");
            }

            string[] baseNames = { TrainImagesFileName, TrainLabelsFileName, TestImagesFileName, TestLabelsFileName };
            var paths = new string[baseNames.Length];
            var missing = new List<string>();
            for (int i = 0; i < baseNames.Length; i++)
            {
                string compressed = Path.Combine(directory, baseNames[i] + ".gz");
                string plain = Path.Combine(directory, baseNames[i]);
                paths[i] = File.Exists(compressed) ? compressed : plain;
                if (!File.Exists(paths[i]))
                {
                    missing.Add(baseNames[i]);
                }
            }

            if (missing.Count > 0)
            {
                throw new FileNotFoundException(
                    $"{datasetName} is incomplete in {directory}: {string.Join(", ", missing)} (.gz or uncompressed) {(missing.Count == 1 ? "is" : "are")} missing. {expectedFiles}{hint}",
                    Path.Combine(directory, missing[0] + ".gz"));
            }

            LabeledImages train = LoadSet(paths[0], paths[1]);
            LabeledImages test = LoadSet(paths[2], paths[3]);
            if (train.Rows != test.Rows || train.Columns != test.Columns)
            {
                throw new InvalidDataException(
                    $"{test.ImagesPath} holds {test.Rows}x{test.Columns} images but {train.ImagesPath} holds {train.Rows}x{train.Columns} images; " +
                    "the training and test images must be the same size.");
            }

            return new MnistDataset(directory, train, test);
        }

        private static LabeledImages LoadSet(string imagesPath, string labelsPath)
        {
            IdxImages images = IdxFile.ReadImages(imagesPath);
            byte[] labelBytes = IdxFile.ReadLabels(labelsPath);
            if (labelBytes.Length != images.Count)
            {
                throw new InvalidDataException(
                    $"{imagesPath} holds {images.Count} images but {labelsPath} holds {labelBytes.Length} labels; there must be one label per image.");
            }

            var labels = new int[labelBytes.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                if (labelBytes[i] >= ClassCount)
                {
                    throw new InvalidDataException(
                        $"{labelsPath} has the label {labelBytes[i]} at index {i}; labels must be 0 to {ClassCount - 1}.");
                }

                labels[i] = labelBytes[i];
            }

            return new LabeledImages(imagesPath, labelsPath, images, labels, ClassCount);
        }
    }
}
