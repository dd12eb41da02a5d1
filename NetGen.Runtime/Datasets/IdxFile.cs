using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace NetGen.Datasets
{
    /// <summary>
    /// Reads IDX files, the format of the MNIST and Fashion-MNIST datasets, gzip-compressed or not.
    /// </summary>
    /// <remarks>
    /// <para>
    /// An IDX file is a 4-byte magic number (two zero bytes, a type code, and the number of dimensions), then each
    /// dimension's length as a big-endian 32-bit integer, then the elements in row-major order. Image files have the
    /// magic number 0x00000803 (unsigned bytes, 3 dimensions: count, rows, columns), label files 0x00000801
    /// (unsigned bytes, 1 dimension: count).
    /// </para>
    /// <para>
    /// A file that starts with the gzip signature (1F 8B) is decompressed before it is parsed, whatever its name.
    /// Every problem (wrong magic number, a file shorter or longer than its header says, corrupt compression)
    /// is reported as an <see cref="InvalidDataException"/> whose message names the file.
    /// </para>
    /// </remarks>
    public static class IdxFile
    {
        /// <summary>The magic number of an image file: unsigned bytes (0x08) in 3 dimensions (count, rows, columns).</summary>
        public const int ImagesMagicNumber = 0x00000803;

        /// <summary>The magic number of a label file: unsigned bytes (0x08) in 1 dimension (count).</summary>
        public const int LabelsMagicNumber = 0x00000801;

        private const byte UnsignedByteTypeCode = 0x08;

        /// <summary>Reads an image file (magic number 0x00000803).</summary>
        /// <param name="path">The file to read, e.g. <c>train-images-idx3-ubyte.gz</c>.</param>
        /// <returns>The image count, size, and pixels (0 to 255) image after image, each row-major.</returns>
        /// <exception cref="InvalidDataException">The file is not a valid IDX image file.</exception>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        public static IdxImages ReadImages(string path)
        {
            byte[] pixels = Read(path, ImagesMagicNumber, "an image file", out int[] dimensions);
            return new IdxImages(dimensions[0], dimensions[1], dimensions[2], pixels);
        }

        /// <summary>Reads a label file (magic number 0x00000801).</summary>
        /// <param name="path">The file to read, e.g. <c>train-labels-idx1-ubyte.gz</c>.</param>
        /// <returns>One label per image.</returns>
        /// <exception cref="InvalidDataException">The file is not a valid IDX label file.</exception>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        public static byte[] ReadLabels(string path) =>
            Read(path, LabelsMagicNumber, "a label file", out _);

        /// <summary>Reads an IDX file of unsigned bytes with any number of dimensions.</summary>
        /// <param name="path">The file to read.</param>
        /// <param name="dimensions">Receives the length of each dimension, as the header declares them.</param>
        /// <returns>The elements in row-major order.</returns>
        /// <exception cref="InvalidDataException">The file is not a valid IDX file of unsigned bytes.</exception>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        public static byte[] ReadUnsignedBytes(string path, out int[] dimensions) =>
            Read(path, expectedMagicNumber: null, "an IDX file", out dimensions);

        private static byte[] Read(string path, int? expectedMagicNumber, string expectedKind, out int[] dimensions)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            byte[] fileBytes = File.ReadAllBytes(path);
            bool compressed = fileBytes.Length >= 2 && fileBytes[0] == 0x1F && fileBytes[1] == 0x8B;
            byte[] contents = compressed ? Decompress(fileBytes, path) : fileBytes;
            return Parse(contents, path, compressed, expectedMagicNumber, expectedKind, out dimensions);
        }

        private static byte[] Decompress(byte[] compressed, string path)
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
                using var decompressed = new MemoryStream();
                gzip.CopyTo(decompressed);
                return decompressed.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path} is not a valid gzip file, or is truncated: {e.Message}", e);
            }
        }

        /// <summary>Checks the header of a whole (decompressed) IDX file and returns a copy of its elements.</summary>
        private static byte[] Parse(
            byte[] contents, string path, bool compressed, int? expectedMagicNumber, string expectedKind, out int[] dimensions)
        {
            string it = compressed ? "after decompression it" : "it";
            const int MagicLength = 4;
            if (contents.Length < MagicLength)
            {
                throw new InvalidDataException(
                    $"{path} is not {expectedKind}: {it} ends after {contents.Length} bytes, before the end of the 4-byte IDX magic number.");
            }

            int magicNumber = BinaryPrimitives.ReadInt32BigEndian(contents);
            if (contents[0] != 0 || contents[1] != 0)
            {
                string expectedText = expectedMagicNumber is int m ? $" (0x{m:X8} for {expectedKind})" : string.Empty;
                throw new InvalidDataException(
                    $"{path} is not {expectedKind}: {it} starts with 0x{magicNumber:X8}, but IDX magic numbers start with two zero bytes{expectedText}.");
            }

            if (expectedMagicNumber is int expected && magicNumber != expected)
            {
                string found = magicNumber switch
                {
                    ImagesMagicNumber => " (an image file)",
                    LabelsMagicNumber => " (a label file)",
                    _ => string.Empty,
                };
                throw new InvalidDataException(
                    $"{path} is not {expectedKind}: its magic number is 0x{magicNumber:X8}{found} where 0x{expected:X8} was expected.");
            }

            byte typeCode = contents[2];
            if (typeCode != UnsignedByteTypeCode)
            {
                throw new InvalidDataException(
                    $"{path} holds elements of IDX type 0x{typeCode:X2} ({TypeName(typeCode)}); only unsigned bytes (0x08) are supported.");
            }

            int dimensionCount = contents[3];
            if (dimensionCount == 0)
            {
                throw new InvalidDataException($"{path} declares 0 dimensions in its magic number 0x{magicNumber:X8}.");
            }

            int headerLength = MagicLength + 4 * dimensionCount;
            if (contents.Length < headerLength)
            {
                throw new InvalidDataException(
                    $"{path} is truncated: {it} ends after {contents.Length} bytes, inside the header, which declares {dimensionCount} dimensions and so is {headerLength} bytes long.");
            }

            dimensions = new int[dimensionCount];
            long elementCount = 1;
            for (int i = 0; i < dimensionCount; i++)
            {
                uint length = BinaryPrimitives.ReadUInt32BigEndian(contents.AsSpan(MagicLength + 4 * i));
                if (length > int.MaxValue)
                {
                    throw new InvalidDataException($"{path} declares the length {length} for dimension {i}, which is too large.");
                }

                dimensions[i] = (int)length;

                // Once the count is larger than any file it stays larger (unless a later length is 0), so stop multiplying.
                elementCount = length == 0 ? 0 : elementCount > int.MaxValue ? elementCount : elementCount * length;
            }

            long dataLength = contents.Length - headerLength;
            if (dataLength != elementCount)
            {
                string declared = $"its header declares {DescribeDimensions(dimensions, expectedMagicNumber)}";
                string expectedBytes = elementCount > int.MaxValue ? $"more than {int.MaxValue} bytes" : $"{elementCount} bytes";
                throw new InvalidDataException(dataLength < elementCount
                    ? $"{path} is truncated: {declared} ({expectedBytes}) but only {dataLength} bytes follow the header."
                    : $"{path} has {dataLength - elementCount} more bytes than {declared} ({expectedBytes} after the header); the header does not describe the file.");
            }

            return contents.AsSpan(headerLength).ToArray();
        }

        private static string DescribeDimensions(int[] dimensions, int? expectedMagicNumber) => expectedMagicNumber switch
        {
            ImagesMagicNumber when dimensions.Length == 3 => $"{dimensions[0]} images of {dimensions[1]}x{dimensions[2]} pixels",
            LabelsMagicNumber when dimensions.Length == 1 => $"{dimensions[0]} labels",
            _ => $"dimensions {string.Join(" x ", dimensions)}",
        };

        private static string TypeName(byte typeCode) => typeCode switch
        {
            0x09 => "signed bytes",
            0x0B => "16-bit integers",
            0x0C => "32-bit integers",
            0x0D => "32-bit floats",
            0x0E => "64-bit floats",
            _ => "not an IDX type",
        };
    }
}
