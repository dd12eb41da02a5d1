using System;
using System.IO;
using System.Linq;
using System.Text;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.Formats
{
    /// <summary>
    /// Every way a .npy file can fail to match what the caller asked for: each is an NpyFormatException whose message
    /// names the file, what was expected and what was found, and the destination is left untouched.
    /// </summary>
    public sealed class NpyFileErrorTests : IDisposable
    {
        private readonly TemporaryDirectory _directory = new();

        public void Dispose() => _directory.Dispose();

        [Fact]
        public void ShapeMismatchNamesTheFileAndBothShapes()
        {
            string path = NpyReferenceFiles.PathOf("f8_3x4.npy");
            double[] destination = Sentinels(12);

            var error = Assert.Throws<NpyFormatException>(() =>
                NpyFile.ReadInto(path, destination, new[] { 4, 3 }, "the network's W1"));

            Assert.Equal($"{path} has shape (3, 4) but the network's W1 has shape (4, 3).", error.Message);
            Assert.Equal(path, error.SourceName);
            Assert.IsAssignableFrom<FormatException>(error);
            AssertUntouched(destination);
        }

        [Fact]
        public void ShapeMismatchWithoutADestinationNameSaysTheDestination()
        {
            double[] destination = Sentinels(12);

            var error = Assert.Throws<NpyFormatException>(() =>
                NpyFile.ReadInto(NpyReferenceFiles.PathOf("f8_3x4.npy"), destination, 12));

            Assert.EndsWith("f8_3x4.npy has shape (3, 4) but the destination has shape (12,).", error.Message);
            AssertUntouched(destination);
        }

        [Fact]
        public void BigEndianFileIsRejected()
        {
            double[] destination = Sentinels(4);

            var error = Assert.Throws<NpyFormatException>(() =>
                NpyFile.ReadInto(NpyReferenceFiles.PathOf("f8_bigendian_2x2.npy"), destination, 2, 2));

            Assert.Contains("f8_bigendian_2x2.npy holds big-endian float64 ('>f8') values but float64 ('<f8') or float32 ('<f4') values were expected", error.Message);
            Assert.Contains("a.astype('<f8')", error.Message);
            AssertUntouched(destination);
        }

        [Theory]
        [InlineData("i8_5.npy", "int64 ('<i8')")]
        [InlineData("u1_5.npy", "uint8 ('|u1')")]
        [InlineData("object_3.npy", "Python objects ('|O')")]
        public void NonFloatingPointFilesAreRejectedWhenReadingDoubles(string fileName, string found)
        {
            double[] destination = Sentinels(5);

            var error = Assert.Throws<NpyFormatException>(() =>
                NpyFile.ReadInto(NpyReferenceFiles.PathOf(fileName), destination.AsSpan(0, 5), 5));

            Assert.Contains($"{fileName} holds {found} values but float64 ('<f8') or float32 ('<f4') values were expected", error.Message);
            AssertUntouched(destination);
        }

        [Fact]
        public void Float64FileIsNotSilentlyRoundedToFloat32()
        {
            var destination = new float[12];

            var error = Assert.Throws<NpyFormatException>(() =>
                NpyFile.ReadInto(NpyReferenceFiles.PathOf("f8_3x4.npy"), destination, 3, 4));

            Assert.Contains("holds float64 ('<f8') values but float32 ('<f4') values were expected", error.Message);
            Assert.Contains("a.astype('<f4')", error.Message);
        }

        [Fact]
        public void FloatFileIsRejectedWhenReadingIntegers()
        {
            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadInt32(NpyReferenceFiles.PathOf("f4_2x3.npy"), out _));

            Assert.Contains("holds float32 ('<f4') values but integer", error.Message);
        }

        [Fact]
        public void StructuredArrayIsRejected()
        {
            var error = Assert.Throws<NpyFormatException>(() => NpyFile.Read(NpyReferenceFiles.PathOf("structured_2.npy"), out _));

            Assert.Contains("structured_2.npy holds a structured array", error.Message);
        }

        [Fact]
        public void IntegerTooLargeForInt32IsRejectedWithItsIndex()
        {
            int[] destination = { -1, -1 };

            var error = Assert.Throws<NpyFormatException>(() =>
                NpyFile.ReadInto(NpyReferenceFiles.PathOf("i8_beyond_int32_2.npy"), destination, 2));

            // /usr/bin/python3 -c "import numpy as np; print(np.load('i8_beyond_int32_2.npy')[1])"
            Assert.Contains("holds the int64 value 1099511627776 at flat index 1, which does not fit in int32", error.Message);
            Assert.Equal(new[] { -1, -1 }, destination);
        }

        [Fact]
        public void UInt64TooLargeForInt64IsRejected()
        {
            byte[] data = new byte[8];
            Array.Fill(data, (byte)0xFF);
            string path = _directory.Write("u8.npy", Npy(1, "{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }", data));

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadInt64(path, out _));

            Assert.Contains("holds the uint64 value 18446744073709551615 at flat index 0, which does not fit in int64", error.Message);
        }

        [Fact]
        public void TruncatedDataIsReportedWithTheMissingLength()
        {
            double[] destination = Sentinels(12);

            var error = Assert.Throws<NpyFormatException>(() =>
                NpyFile.ReadInto(NpyReferenceFiles.PathOf("f8_truncated_3x4.npy"), destination, 3, 4));

            Assert.Contains(
                "f8_truncated_3x4.npy is truncated: its header declares float64 ('<f8') values of shape (3, 4), which is 96 bytes of data, but only 91 bytes follow the header.",
                error.Message);
            AssertUntouched(destination);
        }

        [Fact]
        public void BytesAfterTheDataAreReported()
        {
            byte[] longer = NpyReferenceFiles.BytesOf("f8_3x4.npy").Concat(new byte[] { 1, 2, 3 }).ToArray();
            string path = _directory.Write("longer.npy", longer);
            double[] destination = Sentinels(12);

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadInto(path, destination, 3, 4));

            Assert.Contains("longer.npy has 3 more bytes after its data", error.Message);
            AssertUntouched(destination);
        }

        [Fact]
        public void ZipArchiveIsNotANpyFileAndTheMessageSaysWhatItLooksLike()
        {
            string path = _directory.Write("weights.npz", new byte[] { (byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0 });

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadHeader(path));

            Assert.Contains("weights.npz is not a .npy file: it starts with the bytes 50 4B 03 04 14 00", error.Message);
            Assert.Contains("zip archive", error.Message);
        }

        [Fact]
        public void EmptyFileIsReported()
        {
            string path = _directory.Write("empty.npy", Array.Empty<byte>());

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadShape(path));

            Assert.Contains("empty.npy is empty", error.Message);
        }

        [Fact]
        public void FileEndingInsideTheHeaderIsTruncated()
        {
            string path = _directory.Write("short.npy", NpyReferenceFiles.BytesOf("f8_3x4.npy").AsSpan(0, 40).ToArray());

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadShape(path));

            Assert.Contains("short.npy is truncated: its header should be 118 bytes long but the file ends after 30 of them.", error.Message);
        }

        [Fact]
        public void FileEndingInsideTheMagicStringIsTruncated()
        {
            string path = _directory.Write("magic.npy", NpyReferenceFiles.BytesOf("f8_3x4.npy").AsSpan(0, 4).ToArray());

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadShape(path));

            Assert.Contains("magic.npy is truncated: it ends after 4 bytes", error.Message);
        }

        [Theory]
        [InlineData(4, 0)]
        [InlineData(1, 1)]
        [InlineData(0, 0)]
        public void UnknownFormatVersionIsRejected(byte major, byte minor)
        {
            byte[] bytes = NpyReferenceFiles.BytesOf("f8_3x4.npy");
            bytes[6] = major;
            bytes[7] = minor;
            string path = _directory.Write("version.npy", bytes);

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadShape(path));

            Assert.Contains($"version.npy uses .npy format version {major}.{minor}; the versions NumPy defines, and NetGen reads, are 1.0, 2.0 and 3.0.", error.Message);
        }

        [Fact]
        public void FortranOrderFlagMustBeABoolean()
        {
            string path = _directory.Write("order.npy", Npy(1, "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }", new byte[8]));

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadShape(path));

            Assert.Contains("'fortran_order' is the integer 0 where True or False was expected", error.Message);
        }

        [Theory]
        [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3), }", "'shape' is the integer 3 where a tuple of lengths")]
        [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': [3], }", "'shape' is a list where a tuple of lengths")]
        [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3, -1), }", "'shape' has the integer -1 at axis 1 where a length of 0 or more was expected")]
        [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3, '4'), }", "'shape' has the string '4' at axis 1")]
        [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4000000000), }", "the length 4000000000 at axis 1; lengths above 2147483647 are not supported")]
        [InlineData("{'descr': 8, 'fortran_order': False, 'shape': (3,), }", "'descr' is the integer 8 where a type string such as '<f8' was expected")]
        [InlineData("{'descr': '<f8', 'fortran_order': False, }", "a header without the key 'shape'")]
        [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1, }", "the unexpected key 'extra'")]
        [InlineData("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", "the key 'descr' appears twice at character 17")]
        [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4) ", "the header ends where ',' or '}' was expected")]
        [InlineData("{'descr': '<f8', 'fortran_order': false, 'shape': (3,), }", "'false' is not a literal")]
        [InlineData("{'descr': np.float64, 'fortran_order': False, 'shape': (3,), }", "'np' is not a literal")]
        [InlineData("{'descr': '<f8\\x00', 'fortran_order': False, 'shape': (3,), }", "escape sequences in strings are not supported")]
        [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3.0,), }", "'3.' is not a decimal integer")]
        [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), } x", "unexpected text after the header dictionary")]
        [InlineData("['descr', '<f8']", "expected '{' at the start of the header dictionary")]
        public void MalformedHeadersAreRejectedWithTheReason(string headerText, string reason)
        {
            string path = _directory.Write("header.npy", Npy(1, headerText, new byte[24]));

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadShape(path));

            Assert.Contains("header.npy", error.Message);
            Assert.Contains(reason, error.Message);
        }

        [Fact]
        public void DoubleQuotedStringsAndPython2LongSuffixesAreAcceptedInVersion1()
        {
            // Python 2 wrote shape lengths as longs, e.g. (2L, 3L); NumPy still reads such version 1.0 and 2.0 headers.
            string path = _directory.Write("py2.npy", Npy(1, "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2L, 3L)}", new byte[48]));

            Assert.Equal(new[] { 2, 3 }, NpyFile.ReadShape(path));
        }

        [Fact]
        public void Python2LongSuffixIsRejectedInVersion3()
        {
            string path = _directory.Write("py2v3.npy", Npy(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (2L,), }", new byte[16]));

            var error = Assert.Throws<NpyFormatException>(() => NpyFile.ReadShape(path));

            Assert.Contains("'2L' is not a decimal integer", error.Message);
        }

        [Fact]
        public void DestinationOfTheWrongLengthIsACallerError()
        {
            var error = Assert.Throws<ArgumentException>(() =>
                NpyFile.ReadInto(NpyReferenceFiles.PathOf("f8_3x4.npy"), new double[11], 3, 4));

            Assert.Contains("The destination has 11 elements but the expected shape (3, 4) has 12.", error.Message);
        }

        [Fact]
        public void MissingFileIsAFileNotFoundException()
        {
            string path = _directory.File("missing.npy");

            var error = Assert.Throws<FileNotFoundException>(() => NpyFile.Read(path, out _));

            Assert.Contains("missing.npy", error.Message);
        }

        /// <summary>Builds a .npy file by hand: magic, version, little-endian header length, header text, data.</summary>
        private static byte[] Npy(byte majorVersion, string headerText, byte[] data)
        {
            byte[] header = Encoding.Latin1.GetBytes(headerText + "\n");
            using var bytes = new MemoryStream();
            bytes.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', majorVersion, 0 });
            if (majorVersion == 1)
            {
                bytes.Write(BitConverter.GetBytes((ushort)header.Length));
            }
            else
            {
                bytes.Write(BitConverter.GetBytes((uint)header.Length));
            }

            bytes.Write(header);
            bytes.Write(data);
            return bytes.ToArray();
        }

        private static double[] Sentinels(int length) => Enumerable.Repeat(-12345.0, length).ToArray();

        private static void AssertUntouched(double[] destination) => Assert.All(destination, value => Assert.Equal(-12345.0, value));
    }
}
