using System;

namespace NetGen.Datasets
{
    /// <summary>The contents of an IDX image file: a number of equally sized greyscale images.</summary>
    public sealed class IdxImages
    {
        /// <summary>Creates an image set from its dimensions and pixels.</summary>
        /// <param name="count">The number of images.</param>
        /// <param name="rows">The height of each image in pixels.</param>
        /// <param name="columns">The width of each image in pixels.</param>
        /// <param name="pixels">The pixels, image after image, each in row-major order; <c>count * rows * columns</c> bytes.</param>
        /// <exception cref="ArgumentException">The pixel count does not match the dimensions.</exception>
        public IdxImages(int count, int rows, int columns, byte[] pixels)
        {
            if (pixels is null)
            {
                throw new ArgumentNullException(nameof(pixels));
            }

            if (count < 0 || rows < 0 || columns < 0 || (long)count * rows * columns != pixels.Length)
            {
                throw new ArgumentException(
                    $"{count} images of {rows}x{columns} pixels need {(long)count * rows * columns} bytes but {pixels.Length} were given.",
                    nameof(pixels));
            }

            Count = count;
            Rows = rows;
            Columns = columns;
            Pixels = pixels;
        }

        /// <summary>The number of images.</summary>
        public int Count { get; }

        /// <summary>The height of each image in pixels (28 for MNIST and Fashion-MNIST).</summary>
        public int Rows { get; }

        /// <summary>The width of each image in pixels (28 for MNIST and Fashion-MNIST).</summary>
        public int Columns { get; }

        /// <summary>The number of pixels in one image: <see cref="Rows"/> times <see cref="Columns"/>.</summary>
        public int PixelsPerImage => Rows * Columns;

        /// <summary>The pixels (0 is background, 255 full intensity), image after image, each in row-major order.</summary>
        public byte[] Pixels { get; }
    }
}
