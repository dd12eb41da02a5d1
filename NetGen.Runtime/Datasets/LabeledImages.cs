using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace NetGen.Datasets
{
    /// <summary>
    /// One part of an image classification dataset (for example the training set): images and one class label per image.
    /// </summary>
    /// <remarks>
    /// Pixels are kept as the bytes the files hold (0 to 255). The conversion methods scale them to [0, 1] by dividing
    /// by 255, as <c>x.astype(np.float32) / 255</c> (or <c>/ 255.0</c> in float64) does in NumPy, and lay the images out
    /// as a <c>(count, rows * columns)</c> row-major matrix, ready to be a network's input batch.
    /// </remarks>
    public sealed class LabeledImages
    {
        internal LabeledImages(string imagesPath, string labelsPath, IdxImages images, int[] labels, int classCount)
        {
            ImagesPath = imagesPath;
            LabelsPath = labelsPath;
            Count = images.Count;
            Rows = images.Rows;
            Columns = images.Columns;
            Pixels = images.Pixels;
            Labels = labels;
            ClassCount = classCount;
        }

        /// <summary>The file the images were read from.</summary>
        public string ImagesPath { get; }

        /// <summary>The file the labels were read from.</summary>
        public string LabelsPath { get; }

        /// <summary>The number of images, and of labels.</summary>
        public int Count { get; }

        /// <summary>The height of each image in pixels.</summary>
        public int Rows { get; }

        /// <summary>The width of each image in pixels.</summary>
        public int Columns { get; }

        /// <summary>The number of pixels in one image: <see cref="Rows"/> times <see cref="Columns"/>, e.g. 784.</summary>
        public int PixelsPerImage => Rows * Columns;

        /// <summary>The number of classes; every label is in 0 to <c>ClassCount - 1</c>.</summary>
        public int ClassCount { get; }

        /// <summary>The raw pixels (0 to 255), image after image, each in row-major order.</summary>
        public byte[] Pixels { get; }

        /// <summary>The class of each image, in 0 to <c><see cref="ClassCount"/> - 1</c>.</summary>
        public int[] Labels { get; }

        /// <summary>All images as a new <c>(Count, PixelsPerImage)</c> row-major float32 matrix scaled to [0, 1].</summary>
        public float[] ImagesAsFloat()
        {
            var images = new float[Pixels.Length];
            CopyImages(0, Count, images);
            return images;
        }

        /// <summary>All images as a new <c>(Count, PixelsPerImage)</c> row-major float64 matrix scaled to [0, 1].</summary>
        public double[] ImagesAsDouble()
        {
            var images = new double[Pixels.Length];
            CopyImages(0, Count, images);
            return images;
        }

        /// <summary>Copies a run of images, scaled to [0, 1], into a <c>(imageCount, PixelsPerImage)</c> row-major float32 matrix.</summary>
        /// <param name="firstImage">The index of the first image to copy.</param>
        /// <param name="imageCount">How many consecutive images to copy.</param>
        /// <param name="destination">Receives <c>imageCount * PixelsPerImage</c> values.</param>
        /// <exception cref="ArgumentOutOfRangeException">The images are not all in the set.</exception>
        /// <exception cref="ArgumentException">The destination's length is not <c>imageCount * PixelsPerImage</c>.</exception>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void CopyImages(int firstImage, int imageCount, Span<float> destination)
        {
            ReadOnlySpan<byte> pixels = SelectPixels(firstImage, imageCount, destination.Length);
            int i = 0;
            // 64 pixels at a time: widen the bytes to 32-bit integers, convert them exactly, divide (correctly rounded,
            // so every value equals the scalar pixel / 255f below, and NumPy's float32 division).
            if (Vector512.IsHardwareAccelerated)
            {
                ref byte source = ref MemoryMarshal.GetReference(pixels);
                ref float target = ref MemoryMarshal.GetReference(destination);
                Vector512<float> scale = Vector512.Create(255f);
                for (; i <= pixels.Length - 64; i += 64)
                {
                    (Vector512<ushort> low, Vector512<ushort> high) = Vector512.Widen(Vector512.LoadUnsafe(ref source, (nuint)i));
                    (Vector512<uint> first, Vector512<uint> second) = Vector512.Widen(low);
                    (Vector512<uint> third, Vector512<uint> fourth) = Vector512.Widen(high);
                    (Vector512.ConvertToSingle(first) / scale).StoreUnsafe(ref target, (nuint)i);
                    (Vector512.ConvertToSingle(second) / scale).StoreUnsafe(ref target, (nuint)(i + 16));
                    (Vector512.ConvertToSingle(third) / scale).StoreUnsafe(ref target, (nuint)(i + 32));
                    (Vector512.ConvertToSingle(fourth) / scale).StoreUnsafe(ref target, (nuint)(i + 48));
                }
            }
            for (; i < pixels.Length; i++)
            {
                destination[i] = pixels[i] / 255f;
            }
        }

        /// <summary>Copies a run of images, scaled to [0, 1], into a <c>(imageCount, PixelsPerImage)</c> row-major float64 matrix.</summary>
        /// <param name="firstImage">The index of the first image to copy.</param>
        /// <param name="imageCount">How many consecutive images to copy.</param>
        /// <param name="destination">Receives <c>imageCount * PixelsPerImage</c> values.</param>
        /// <exception cref="ArgumentOutOfRangeException">The images are not all in the set.</exception>
        /// <exception cref="ArgumentException">The destination's length is not <c>imageCount * PixelsPerImage</c>.</exception>
        public void CopyImages(int firstImage, int imageCount, Span<double> destination)
        {
            ReadOnlySpan<byte> pixels = SelectPixels(firstImage, imageCount, destination.Length);
            for (int i = 0; i < pixels.Length; i++)
            {
                destination[i] = pixels[i] / 255.0;
            }
        }

        /// <summary>
        /// Writes the labels of a run of images as one-hot rows of a <c>(imageCount, ClassCount)</c> row-major matrix:
        /// 1 in the column of the image's class, 0 elsewhere. This is the target of a squared-error loss.
        /// </summary>
        /// <param name="firstImage">The index of the first image.</param>
        /// <param name="imageCount">How many consecutive images.</param>
        /// <param name="destination">Receives <c>imageCount * ClassCount</c> values.</param>
        /// <exception cref="ArgumentOutOfRangeException">The images are not all in the set.</exception>
        /// <exception cref="ArgumentException">The destination's length is not <c>imageCount * ClassCount</c>.</exception>
        public void CopyOneHotLabels(int firstImage, int imageCount, Span<double> destination)
        {
            CheckRange(firstImage, imageCount);
            CheckDestinationLength(destination.Length, (long)imageCount * ClassCount, $"{imageCount} images x {ClassCount} classes");
            destination.Clear();
            for (int i = 0; i < imageCount; i++)
            {
                destination[i * ClassCount + Labels[firstImage + i]] = 1.0;
            }
        }

        /// <summary>Writes the labels of a run of images as one-hot float32 rows of a <c>(imageCount, ClassCount)</c> matrix.</summary>
        /// <param name="firstImage">The index of the first image.</param>
        /// <param name="imageCount">How many consecutive images.</param>
        /// <param name="destination">Receives <c>imageCount * ClassCount</c> values.</param>
        /// <exception cref="ArgumentOutOfRangeException">The images are not all in the set.</exception>
        /// <exception cref="ArgumentException">The destination's length is not <c>imageCount * ClassCount</c>.</exception>
        public void CopyOneHotLabels(int firstImage, int imageCount, Span<float> destination)
        {
            CheckRange(firstImage, imageCount);
            CheckDestinationLength(destination.Length, (long)imageCount * ClassCount, $"{imageCount} images x {ClassCount} classes");
            destination.Clear();
            for (int i = 0; i < imageCount; i++)
            {
                destination[i * ClassCount + Labels[firstImage + i]] = 1f;
            }
        }

        private ReadOnlySpan<byte> SelectPixels(int firstImage, int imageCount, int destinationLength)
        {
            CheckRange(firstImage, imageCount);
            CheckDestinationLength(destinationLength, (long)imageCount * PixelsPerImage, $"{imageCount} images x {PixelsPerImage} pixels");
            return Pixels.AsSpan(firstImage * PixelsPerImage, imageCount * PixelsPerImage);
        }

        private void CheckRange(int firstImage, int imageCount)
        {
            if (firstImage < 0 || imageCount < 0 || (long)firstImage + imageCount > Count)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(imageCount),
                    $"Images {firstImage} to {(long)firstImage + imageCount - 1} were requested but the set has images 0 to {Count - 1}.");
            }
        }

        private static void CheckDestinationLength(int destinationLength, long required, string what)
        {
            if (destinationLength != required)
            {
                throw new ArgumentException($"The destination has {destinationLength} elements but {what} need {required}.", "destination");
            }
        }
    }
}
