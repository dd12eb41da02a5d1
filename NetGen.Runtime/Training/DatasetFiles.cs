using System;
using System.Numerics;
using NetGen.Datasets;
using NetGen.NumPy;

namespace NetGen.Training
{
    public sealed partial class ClassificationData<T>
    {
        /// <summary>
        /// Reads a CSV file (plain or gzip-compressed): a header unless <see cref="CsvOptions.HasHeader"/> is false, the
        /// label in <see cref="CsvOptions.Label"/> (the last column by default), numbers in every feature column.
        /// </summary>
        /// <exception cref="CsvFormatException">A row is ragged, a value is not a finite number, a label is not a class,
        /// a column named in the options is not in the header, or the file has no rows: the message names the line and
        /// column, and no dataset is made.</exception>
        /// <exception cref="System.IO.FileNotFoundException">The file does not exist.</exception>
        public static ClassificationData<T> FromCsv(string path, CsvOptions? options = null) => CsvDatasets.Classification<T>(path, options);

        /// <summary>
        /// Reads NumPy arrays: features of shape (count, features) as float64 or float32, labels of shape (count,) as
        /// any integer type. The number of classes is <paramref name="classCount"/>, or the largest label + 1.
        /// </summary>
        /// <exception cref="NpyFormatException">A file is not such an array, or the two disagree in count.</exception>
        public static ClassificationData<T> FromNpy(string featuresPath, string labelsPath, int? classCount = null)
        {
            T[] features = ReadFeatures(featuresPath, out int count, out int width);
            int[] labels = NpyFile.ReadInt32(labelsPath, out int[] labelShape);
            if (labelShape.Length != 1 || labelShape[0] != count)
            {
                throw new NpyFormatException($"{labelsPath} holds labels of shape {NpyHeader.FormatShape(labelShape)}, but the {count} examples of {featuresPath} need shape ({count},).");
            }
            int classes = classCount ?? (labels.Length == 0 ? 1 : Math.Max(1, MaxOf(labels) + 1));
            return new ClassificationData<T>(features, width, labels, classes);
        }

        /// <summary>
        /// Reads an IDX image file and its label file (MNIST's layout, gzip-compressed or not): each image a row of
        /// pixels scaled to [0, 1] (pixel / 255), labels as class indexes.
        /// </summary>
        public static ClassificationData<T> FromIdx(string imagesPath, string labelsPath, int? classCount = null)
        {
            IdxImages images = IdxFile.ReadImages(imagesPath);
            byte[] bytes = IdxFile.ReadLabels(labelsPath);
            if (bytes.Length != images.Count)
            {
                throw new System.IO.InvalidDataException($"{labelsPath} holds {bytes.Length} labels, but {imagesPath} holds {images.Count} images.");
            }
            var labels = new int[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                labels[i] = bytes[i];
            }
            int width = images.Rows * images.Columns;
            var features = new T[images.Pixels.Length];
            for (int i = 0; i < features.Length; i++)
            {
                features[i] = T.CreateChecked(images.Pixels[i]) / T.CreateChecked(255);
            }
            return new ClassificationData<T>(features, width, labels, classCount ?? Math.Max(1, MaxOf(labels) + 1));
        }

        /// <summary>
        /// One part of a dataset in the MNIST layout (see <see cref="MnistDataset"/>) as features scaled to [0, 1]
        /// (pixel / 255, the values <see cref="LabeledImages.CopyImages(int, int, Span{float})"/> gives) and labels.
        /// </summary>
        public static ClassificationData<T> FromImages(LabeledImages images)
        {
            if (images is null)
            {
                throw new ArgumentNullException(nameof(images));
            }
            var features = new T[images.Pixels.Length];
            if (typeof(T) == typeof(float))
            {
                images.CopyImages(0, images.Count, System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(features.AsSpan()));
            }
            else if (typeof(T) == typeof(double))
            {
                images.CopyImages(0, images.Count, System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(features.AsSpan()));
            }
            else
            {
                for (int i = 0; i < features.Length; i++)
                {
                    features[i] = T.CreateChecked(images.Pixels[i]) / T.CreateChecked(255);
                }
            }
            return new ClassificationData<T>(features, images.PixelsPerImage, (int[])images.Labels.Clone(), images.ClassCount);
        }

        internal static T[] ReadFeatures(string path, out int count, out int width)
        {
            double[] values = NpyFile.Read(path, out int[] shape);
            if (shape.Length != 2)
            {
                throw new NpyFormatException($"{path} holds an array of shape {NpyHeader.FormatShape(shape)}; features must be a 2-d array (examples, features).");
            }
            count = shape[0];
            width = shape[1];
            var features = new T[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                features[i] = T.CreateChecked(values[i]);
                if (T.IsInfinity(features[i]) && !double.IsInfinity(values[i]))
                {
                    throw new NpyFormatException($"{path} holds {values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture)} at flat index {i}, beyond the range of {typeof(T).Name}.");
                }
            }
            return features;
        }

        private static int MaxOf(int[] values)
        {
            int max = 0;
            foreach (int value in values)
            {
                max = Math.Max(max, value);
            }
            return max;
        }
    }

    public sealed partial class RegressionData<T>
    {
        /// <summary>Reads a CSV file (plain or gzip-compressed) whose <see cref="CsvOptions.Label"/> column holds the target.</summary>
        /// <exception cref="CsvFormatException">A row is ragged, a value is not a finite number, a column named in the
        /// options is not in the header, or the file has no rows; the message names the line and column.</exception>
        public static RegressionData<T> FromCsv(string path, CsvOptions? options = null) => CsvDatasets.Regression<T>(path, options);

        /// <summary>Reads NumPy arrays: features (count, features) and targets (count,) or (count, targets), float64 or float32.</summary>
        public static RegressionData<T> FromNpy(string featuresPath, string targetsPath)
        {
            T[] features = ClassificationData<T>.ReadFeatures(featuresPath, out int count, out int width);
            double[] values = NpyFile.Read(targetsPath, out int[] shape);
            if (shape.Length is < 1 or > 2 || shape[0] != count)
            {
                throw new NpyFormatException($"{targetsPath} holds targets of shape {NpyHeader.FormatShape(shape)}, but the {count} examples of {featuresPath} need shape ({count},) or ({count}, outputs).");
            }
            var targets = new T[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                targets[i] = T.CreateChecked(values[i]);
            }
            return new RegressionData<T>(features, width, targets, shape.Length == 1 ? 1 : shape[1]);
        }
    }
}
