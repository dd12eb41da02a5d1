using System;
using System.Linq;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.Formats
{
    /// <summary>
    /// Reading files NumPy 1.24 wrote (see References/npy/README.md). Expected values were printed by NumPy with the
    /// one-liner beside them, run in NetGen.Tests/References/npy.
    /// </summary>
    public sealed class NpyFileReadTests
    {
        // /usr/bin/python3 -c "import numpy as np; print(np.load('f8_3x4.npy').ravel().tolist())"
        private static readonly double[] F8ThreeByFour =
        {
            -1.8333333333333333, -1.5, -1.1666666666666667, -0.8333333333333334,
            -0.5, -0.16666666666666666, 0.16666666666666666, 0.5,
            0.8333333333333334, 1.1666666666666667, 1.5, 1.8333333333333333,
        };

        [Fact]
        public void ReadIntoFillsDestinationWithFloat64MatrixInRowMajorOrder()
        {
            var destination = new double[12];

            NpyFile.ReadInto(NpyReferenceFiles.PathOf("f8_3x4.npy"), destination, 3, 4);

            Assert.Equal(F8ThreeByFour, destination);
        }

        [Fact]
        public void ReadReturnsDataAndShapeWithoutKnowingTheShape()
        {
            double[] data = NpyFile.Read(NpyReferenceFiles.PathOf("f8_3x4.npy"), out int[] shape);

            Assert.Equal(new[] { 3, 4 }, shape);
            Assert.Equal(F8ThreeByFour, data);
        }

        [Fact]
        public void FortranOrderFileIsRearrangedIntoRowMajorOrder()
        {
            // The file stores the columns one after another:
            // /usr/bin/python3 -c "import numpy as np; print(np.frombuffer(open('f8_fortran_3x4.npy','rb').read()[128:], '<f8').tolist())"
            // [-1.8333333333333333, -0.5, 0.8333333333333334, -1.5, -0.16666666666666666, 1.1666666666666667, ...]
            // and np.load gives back the same logical matrix as f8_3x4.npy:
            // /usr/bin/python3 -c "import numpy as np; print(np.load('f8_fortran_3x4.npy').ravel().tolist())"
            var destination = new double[12];

            NpyFile.ReadInto(NpyReferenceFiles.PathOf("f8_fortran_3x4.npy"), destination, 3, 4);

            Assert.Equal(F8ThreeByFour, destination);
        }

        [Fact]
        public void ThreeDimensionalFortranOrderFileIsRearrangedIntoRowMajorOrder()
        {
            // /usr/bin/python3 -c "import numpy as np; print(np.frombuffer(open('f8_fortran_2x3x4.npy','rb').read()[128:], '<f8').tolist())"
            // [0.0, 12.0, 4.0, 16.0, 8.0, 20.0, 1.0, 13.0, 5.0, 17.0, 9.0, 21.0, 2.0, 14.0, 6.0, 18.0, 10.0, 22.0, 3.0, 15.0, 7.0, 19.0, 11.0, 23.0]
            // /usr/bin/python3 -c "import numpy as np; print(np.load('f8_fortran_2x3x4.npy').ravel().tolist())"
            // [0.0, 1.0, 2.0, ..., 23.0]
            double[] data = NpyFile.Read(NpyReferenceFiles.PathOf("f8_fortran_2x3x4.npy"), out int[] shape);

            Assert.Equal(new[] { 2, 3, 4 }, shape);
            Assert.Equal(Enumerable.Range(0, 24).Select(i => (double)i), data);
        }

        [Fact]
        public void Float32FileReadsAsFloat()
        {
            // /usr/bin/python3 -c "import numpy as np; print([repr(v) for v in np.load('f4_2x3.npy').ravel()])"
            // ['-0.8333333', '-0.5', '-0.16666667', '0.16666667', '0.5', '0.8333333']
            float[] expected = { -0.8333333f, -0.5f, -0.16666667f, 0.16666667f, 0.5f, 0.8333333f };
            var destination = new float[6];

            NpyFile.ReadInto(NpyReferenceFiles.PathOf("f4_2x3.npy"), destination, 2, 3);

            Assert.Equal(expected, destination);
            Assert.Equal(expected, NpyFile.ReadSingle(NpyReferenceFiles.PathOf("f4_2x3.npy"), out int[] shape));
            Assert.Equal(new[] { 2, 3 }, shape);
        }

        [Fact]
        public void Float32FileReadAsDoubleIsWidenedExactly()
        {
            // /usr/bin/python3 -c "import numpy as np; print(np.load('f4_2x3.npy').astype(np.float64).ravel().tolist())"
            double[] expected =
            {
                -0.8333333134651184, -0.5, -0.1666666716337204, 0.1666666716337204, 0.5, 0.8333333134651184,
            };
            var destination = new double[6];

            NpyFile.ReadInto(NpyReferenceFiles.PathOf("f4_2x3.npy"), destination, 2, 3);

            Assert.Equal(expected, destination);
        }

        [Fact]
        public void OneDimensionalFileHasOneAxis()
        {
            // /usr/bin/python3 -c "import numpy as np; a = np.load('f8_1d_5.npy'); print(a.shape, a.tolist())"
            // (5,) [-1.0, -0.5, 0.0, 0.5, 1.0]
            double[] data = NpyFile.Read(NpyReferenceFiles.PathOf("f8_1d_5.npy"), out int[] shape);

            Assert.Equal(new[] { 5 }, shape);
            Assert.Equal(new[] { -1.0, -0.5, 0.0, 0.5, 1.0 }, data);
        }

        [Fact]
        public void ZeroDimensionalFileHoldsOneElementAndAnEmptyShape()
        {
            // /usr/bin/python3 -c "import numpy as np; a = np.load('f8_0d.npy'); print(a.shape, a.tolist())"
            // () 3.141592653589793
            double[] data = NpyFile.Read(NpyReferenceFiles.PathOf("f8_0d.npy"), out int[] shape);
            var destination = new double[1];
            NpyFile.ReadInto(NpyReferenceFiles.PathOf("f8_0d.npy"), destination);

            Assert.Empty(shape);
            Assert.Equal(new[] { 3.141592653589793 }, data);
            Assert.Equal(3.141592653589793, destination[0]);
        }

        [Fact]
        public void EmptyArrayHasZeroElements()
        {
            // /usr/bin/python3 -c "import numpy as np; a = np.load('f8_empty_0x3.npy'); print(a.shape, a.tolist())"
            // (0, 3) []
            double[] data = NpyFile.Read(NpyReferenceFiles.PathOf("f8_empty_0x3.npy"), out int[] shape);

            Assert.Equal(new[] { 0, 3 }, shape);
            Assert.Empty(data);
        }

        [Theory]
        [InlineData("f8_v2_2x2.npy", 2)]
        [InlineData("f8_v3_2x2.npy", 3)]
        public void FormatVersions2And3AreRead(string fileName, int majorVersion)
        {
            // /usr/bin/python3 -c "import numpy as np; print(np.load('f8_v2_2x2.npy').ravel().tolist(), np.load('f8_v3_2x2.npy').ravel().tolist())"
            // [1.5, -2.0, 0.25, 1e+300] [1.5, -2.0, 0.25, 1e+300]
            var destination = new double[4];

            NpyFile.ReadInto(NpyReferenceFiles.PathOf(fileName), destination, 2, 2);

            Assert.Equal(new[] { 1.5, -2.0, 0.25, 1e300 }, destination);
            Assert.Equal(majorVersion, NpyFile.ReadHeader(NpyReferenceFiles.PathOf(fileName)).MajorVersion);
        }

        [Theory]
        [InlineData("i8_5.npy")]
        [InlineData("i4_5.npy")]
        public void IntegerLabelFilesReadAsInt32AndInt64(string fileName)
        {
            // /usr/bin/python3 -c "import numpy as np; print(np.load('i8_5.npy').tolist(), np.load('i4_5.npy').tolist())"
            // [9, 0, 0, 3, -7] [9, 0, 0, 3, -7]
            var ints = new int[5];
            var longs = new long[5];

            NpyFile.ReadInto(NpyReferenceFiles.PathOf(fileName), ints, 5);
            NpyFile.ReadInto(NpyReferenceFiles.PathOf(fileName), longs, 5);

            Assert.Equal(new[] { 9, 0, 0, 3, -7 }, ints);
            Assert.Equal(new long[] { 9, 0, 0, 3, -7 }, longs);
        }

        [Fact]
        public void UnsignedByteFileReadsAsInt32()
        {
            // /usr/bin/python3 -c "import numpy as np; a = np.load('u1_5.npy'); print(a.dtype, a.tolist())"
            // uint8 [9, 0, 0, 3, 255]
            int[] labels = NpyFile.ReadInt32(NpyReferenceFiles.PathOf("u1_5.npy"), out int[] shape);

            Assert.Equal(new[] { 5 }, shape);
            Assert.Equal(new[] { 9, 0, 0, 3, 255 }, labels);
        }

        [Fact]
        public void Int64ValueBeyondInt32ReadsAsInt64()
        {
            // /usr/bin/python3 -c "import numpy as np; print(np.load('i8_beyond_int32_2.npy').tolist())"
            // [1, 1099511627776]
            long[] values = NpyFile.ReadInt64(NpyReferenceFiles.PathOf("i8_beyond_int32_2.npy"), out _);

            Assert.Equal(new[] { 1L, 1099511627776L }, values);
        }

        [Fact]
        public void ReadHeaderReportsWhatTheHeaderDeclares()
        {
            // /usr/bin/python3 -c "print(open('f8_fortran_3x4.npy','rb').read()[:128])"
            // b"\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': True, 'shape': (3, 4), }   ...   \n"
            NpyHeader header = NpyFile.ReadHeader(NpyReferenceFiles.PathOf("f8_fortran_3x4.npy"));

            Assert.Equal(1, header.MajorVersion);
            Assert.Equal(0, header.MinorVersion);
            Assert.Equal("<f8", header.Descr);
            Assert.True(header.FortranOrder);
            Assert.Equal(new[] { 3, 4 }, header.Shape);
            Assert.Equal(12, header.ElementCount);
            Assert.Equal(128, header.DataOffset);
            Assert.Equal("(3, 4)", header.ShapeText);
            Assert.Equal("float64 ('<f8') array of shape (3, 4), Fortran order, format 1.0", header.ToString());
        }

        [Fact]
        public void ReadHeaderDescribesTypesItCannotRead()
        {
            NpyHeader header = NpyFile.ReadHeader(NpyReferenceFiles.PathOf("f8_bigendian_2x2.npy"));

            Assert.Equal(">f8", header.Descr);
            Assert.Equal("big-endian float64 ('>f8') array of shape (2, 2), C order, format 1.0", header.ToString());
        }

        [Fact]
        public void ReadShapeReturnsTheShapeOnly()
        {
            Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 100 }, NpyFile.ReadShape(NpyReferenceFiles.PathOf("f8_padding_edge_14d.npy")));
            Assert.Empty(NpyFile.ReadShape(NpyReferenceFiles.PathOf("f8_0d.npy")));
        }

        [Fact]
        public void HeaderIsReadFromAStreamWhichIsLeftAtTheData()
        {
            using var stream = new System.IO.MemoryStream(NpyReferenceFiles.BytesOf("f8_3x4.npy"));

            NpyHeader header = NpyFile.ReadHeader(stream);

            Assert.Equal(header.DataOffset, stream.Position);
            Assert.Equal(new[] { 3, 4 }, header.GetShape());
        }

        [Theory]
        [InlineData(new int[0], "()")]
        [InlineData(new[] { 5 }, "(5,)")]
        [InlineData(new[] { 1000, 100 }, "(1000, 100)")]
        public void ShapesAreFormattedAsPythonTuples(int[] shape, string expected)
        {
            // /usr/bin/python3 -c "print(repr(()), repr((5,)), repr((1000, 100)))"
            Assert.Equal(expected, NpyHeader.FormatShape(shape));
        }
    }
}
