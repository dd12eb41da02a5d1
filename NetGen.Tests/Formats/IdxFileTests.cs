using System;
using System.IO;
using System.Linq;
using NetGen.Datasets;
using Xunit;

namespace NetGen.Tests.Formats
{
    /// <summary>Reading IDX image and label files, plain and gzip-compressed, and every way they can be damaged.</summary>
    public sealed class IdxFileTests : IDisposable
    {
        // Two 2x3 images.
        private static readonly byte[] TwoImagePixels = { 0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255 };

        private readonly TemporaryDirectory _directory = new();

        public void Dispose() => _directory.Dispose();

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void ImagesAreRead(bool compressed)
        {
            string path = WriteFile("images", IdxTestFiles.Images(2, 2, 3, TwoImagePixels), compressed);

            IdxImages images = IdxFile.ReadImages(path);

            Assert.Equal(2, images.Count);
            Assert.Equal(2, images.Rows);
            Assert.Equal(3, images.Columns);
            Assert.Equal(6, images.PixelsPerImage);
            Assert.Equal(TwoImagePixels, images.Pixels);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void LabelsAreRead(bool compressed)
        {
            string path = WriteFile("labels", IdxTestFiles.Labels(9, 0, 3), compressed);

            Assert.Equal(new byte[] { 9, 0, 3 }, IdxFile.ReadLabels(path));
        }

        [Fact]
        public void CompressionIsRecognisedByContentNotByName()
        {
            string path = _directory.Write("labels-without-extension", IdxTestFiles.Gzip(IdxTestFiles.Labels(1, 2)));

            Assert.Equal(new byte[] { 1, 2 }, IdxFile.ReadLabels(path));
        }

        [Fact]
        public void UnsignedByteFileOfAnyRankIsRead()
        {
            string path = _directory.Write("matrix", IdxTestFiles.Idx(0x08, new[] { 3, 2 }, new byte[] { 1, 2, 3, 4, 5, 6 }));

            byte[] data = IdxFile.ReadUnsignedBytes(path, out int[] dimensions);

            Assert.Equal(new[] { 3, 2 }, dimensions);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, data);
        }

        [Fact]
        public void EmptyImageFileIsValid()
        {
            string path = _directory.Write("none", IdxTestFiles.Images(0, 28, 28, Array.Empty<byte>()));

            Assert.Equal(0, IdxFile.ReadImages(path).Count);
        }

        [Fact]
        public void LabelFileReadAsImagesIsRejectedByItsMagicNumber()
        {
            string path = _directory.Write("train-labels-idx1-ubyte", IdxTestFiles.Labels(1, 2));

            var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

            Assert.Equal(
                $"{path} is not an image file: its magic number is 0x00000801 (a label file) where 0x00000803 was expected.",
                error.Message);
        }

        [Fact]
        public void ImageFileReadAsLabelsIsRejectedByItsMagicNumber()
        {
            string path = _directory.Write("train-images-idx3-ubyte", IdxTestFiles.Images(2, 2, 3, TwoImagePixels));

            var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(path));

            Assert.Contains("is not a label file: its magic number is 0x00000803 (an image file) where 0x00000801 was expected.", error.Message);
        }

        [Fact]
        public void FileThatIsNotIdxIsRejected()
        {
            string path = _directory.Write("readme.txt", "# Fashion-MNIST\n"u8.ToArray());

            var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

            Assert.Contains("readme.txt is not an image file: it starts with 0x23204661, but IDX magic numbers start with two zero bytes (0x00000803 for an image file).", error.Message);
        }

        [Fact]
        public void NonByteElementTypeIsRejected()
        {
            string path = _directory.Write("floats", IdxTestFiles.Idx(0x0D, new[] { 1 }, new byte[4]));

            var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadUnsignedBytes(path, out _));

            Assert.Contains("floats holds elements of IDX type 0x0D (32-bit floats); only unsigned bytes (0x08) are supported.", error.Message);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void TruncatedImageFileIsReported(bool compressed)
        {
            byte[] whole = IdxTestFiles.Images(2, 2, 3, TwoImagePixels);
            string path = WriteFile("images", whole.AsSpan(0, whole.Length - 2).ToArray(), compressed);

            var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

            Assert.Equal($"{path} is truncated: its header declares 2 images of 2x3 pixels (12 bytes) but only 10 bytes follow the header.", error.Message);
        }

        [Fact]
        public void FileEndingInsideTheHeaderIsReported()
        {
            string path = _directory.Write("labels", IdxTestFiles.Labels(1, 2).AsSpan(0, 6).ToArray());

            var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(path));

            Assert.Contains("labels is truncated: it ends after 6 bytes, inside the header", error.Message);
        }

        [Fact]
        public void TruncatedGzipStreamIsReported()
        {
            byte[] compressed = IdxTestFiles.Gzip(IdxTestFiles.Images(2, 2, 3, TwoImagePixels));
            string path = _directory.Write("images.gz", compressed.AsSpan(0, compressed.Length / 2).ToArray());

            var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

            // GZipStream returns what it could decompress; the length check then finds the data short.
            Assert.StartsWith($"{path} is truncated: its header declares 2 images of 2x3 pixels (12 bytes) but only ", error.Message);
        }

        [Fact]
        public void CorruptGzipStreamIsReported()
        {
            byte[] compressed = IdxTestFiles.Gzip(IdxTestFiles.Images(2, 2, 3, TwoImagePixels));
            compressed[10] ^= 0xFF;
            compressed[11] ^= 0xFF;
            string path = _directory.Write("images.gz", compressed);

            var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

            Assert.StartsWith($"{path} is not a valid gzip file, or is truncated: ", error.Message);
            Assert.IsType<InvalidDataException>(error.InnerException);
        }

        [Fact]
        public void BytesAfterTheDeclaredDataAreReported()
        {
            string path = _directory.Write("labels", IdxTestFiles.Labels(1, 2).Concat(new byte[] { 7 }).ToArray());

            var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(path));

            Assert.Equal($"{path} has 1 more bytes than its header declares 2 labels (2 bytes after the header); the header does not describe the file.", error.Message);
        }

        [Fact]
        public void MissingFileIsAFileNotFoundException()
        {
            Assert.Throws<FileNotFoundException>(() => IdxFile.ReadLabels(_directory.File("missing.gz")));
        }

        private string WriteFile(string name, byte[] contents, bool compressed) =>
            compressed ? _directory.Write(name + ".gz", IdxTestFiles.Gzip(contents)) : _directory.Write(name, contents);
    }
}
