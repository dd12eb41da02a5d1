using System;
using System.IO;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.Formats
{
    /// <summary>
    /// NpyFile.Write must produce exactly the bytes np.save (NumPy 1.24) wrote for the same array:
    /// same header text, growth spaces, padding to 64 bytes, and little-endian data.
    /// </summary>
    public sealed class NpyFileWriteTests
    {
        [Fact]
        public void Float64MatrixIsByteIdenticalToNpSave()
        {
            // The values of f8_3x4.npy, written independently of the reader:
            // /usr/bin/python3 -c "import numpy as np; print(((np.arange(12.0) - 5.5) / 3).tolist())"
            double[] data =
            {
                -1.8333333333333333, -1.5, -1.1666666666666667, -0.8333333333333334,
                -0.5, -0.16666666666666666, 0.16666666666666666, 0.5,
                0.8333333333333334, 1.1666666666666667, 1.5, 1.8333333333333333,
            };
            using var stream = new MemoryStream();

            NpyFile.Write(stream, data, 3, 4);

            Assert.Equal(NpyReferenceFiles.BytesOf("f8_3x4.npy"), stream.ToArray());
        }

        [Theory]
        [InlineData("f8_3x4.npy")]
        [InlineData("f8_1d_5.npy")]
        [InlineData("f8_0d.npy")]
        [InlineData("f8_empty_0x3.npy")]
        [InlineData("f8_100x1.npy")]
        [InlineData("f8_padding_edge_14d.npy")]
        public void Float64FilesRoundTripByteForByte(string fileName)
        {
            double[] data = NpyFile.Read(NpyReferenceFiles.PathOf(fileName), out int[] shape);
            using var stream = new MemoryStream();

            NpyFile.Write(stream, data, shape);

            Assert.Equal(NpyReferenceFiles.BytesOf(fileName), stream.ToArray());
        }

        [Fact]
        public void Float32FileRoundTripsByteForByte()
        {
            float[] data = NpyFile.ReadSingle(NpyReferenceFiles.PathOf("f4_2x3.npy"), out int[] shape);
            using var stream = new MemoryStream();

            NpyFile.Write(stream, data, shape);

            Assert.Equal(NpyReferenceFiles.BytesOf("f4_2x3.npy"), stream.ToArray());
        }

        [Fact]
        public void Int32AndInt64LabelFilesRoundTripByteForByte()
        {
            int[] ints = NpyFile.ReadInt32(NpyReferenceFiles.PathOf("i4_5.npy"), out int[] intShape);
            long[] longs = NpyFile.ReadInt64(NpyReferenceFiles.PathOf("i8_5.npy"), out int[] longShape);
            using var intStream = new MemoryStream();
            using var longStream = new MemoryStream();

            NpyFile.Write(intStream, ints, intShape);
            NpyFile.Write(longStream, longs, longShape);

            Assert.Equal(NpyReferenceFiles.BytesOf("i4_5.npy"), intStream.ToArray());
            Assert.Equal(NpyReferenceFiles.BytesOf("i8_5.npy"), longStream.ToArray());
        }

        [Fact]
        public void HeaderNeedingAFullBlockOfPaddingGetsSixtyFourSpacesLikeNumPy()
        {
            // /usr/bin/python3 -c "b = open('f8_padding_edge_14d.npy','rb').read(); h = b[10:10 + b[8] + 256 * b[9]]; print(len(b) - 800, len(h) - len(h.rstrip()))"
            // 192 85   (85 = 20 growth spaces + 64 alignment spaces + the newline)
            using var stream = new MemoryStream();

            NpyFile.Write(stream, new double[100], 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 100);

            Assert.Equal(192 + 800, stream.Length);
        }

        [Fact]
        public void WritingToAPathCreatesAFileThatReadsBack()
        {
            using var directory = new TemporaryDirectory();
            string path = directory.File("W1.npy");
            double[] weights = { 0.5, -0.25, 1e-300, double.MaxValue, double.NegativeInfinity, double.NaN };

            NpyFile.Write(path, weights, 2, 3);
            double[] read = NpyFile.Read(path, out int[] shape);

            Assert.Equal(new[] { 2, 3 }, shape);
            Assert.Equal(weights, read);
        }

        [Fact]
        public void WritingToAStreamAppendsAtItsPositionAndLeavesItOpen()
        {
            using var stream = new MemoryStream();
            stream.WriteByte(0xAB);

            NpyFile.Write(stream, new float[] { 1f }, 1);

            Assert.True(stream.CanWrite);
            Assert.Equal(0xAB, stream.ToArray()[0]);
            Assert.Equal(0x93, stream.ToArray()[1]);
        }

        [Fact]
        public void ShapeThatDoesNotMatchTheDataIsRejectedWithoutCreatingTheFile()
        {
            using var directory = new TemporaryDirectory();
            string path = directory.File("bad.npy");

            var error = Assert.Throws<ArgumentException>(() => NpyFile.Write(path, new double[12], 4, 4));

            Assert.Contains("(4, 4) holds 16 elements but the data has 12", error.Message);
            Assert.False(File.Exists(path));
        }

        [Fact]
        public void EmptyShapeMeansZeroDimensionalAndSaysHowToPassTheShape()
        {
            using var stream = new MemoryStream();

            var error = Assert.Throws<ArgumentException>(() => NpyFile.Write(stream, new double[12]));

            Assert.Contains("0-d array of one element", error.Message);
            Assert.Contains("Write(path, data, 12)", error.Message);
        }

        [Fact]
        public void NegativeLengthIsRejected()
        {
            using var stream = new MemoryStream();

            var error = Assert.Throws<ArgumentException>(() => NpyFile.Write(stream, new long[0], -1));

            Assert.Contains("negative", error.Message);
        }
    }
}
