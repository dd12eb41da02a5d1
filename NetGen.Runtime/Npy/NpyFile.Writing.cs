using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Numerics;
using System.Text;

namespace NetGen.NumPy
{
    /// <summary>
    /// Reads and writes NumPy <c>.npy</c> files: the format of <c>np.save</c> and <c>np.load</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A <c>.npy</c> file is the magic string <c>\x93NUMPY</c>, a format version, a header that is a Python
    /// dictionary literal such as <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c>,
    /// and then the elements as raw bytes.
    /// </para>
    /// <para>
    /// Writing produces exactly the bytes NumPy 1.24's <c>np.save</c> produces for a C-ordered little-endian
    /// array: format version 1.0 (2.0 only if the header would not fit in 65535 bytes), the dictionary keys in
    /// sorted order, 21 spare header bytes for growing the first axis, and a header padded with spaces and a
    /// newline so that the data starts at a multiple of 64 bytes.
    /// </para>
    /// <para>
    /// Reading accepts format versions 1.0, 2.0 and 3.0, checks everything in the file before it writes a
    /// single element to the caller's memory, and reports any problem as an <see cref="NpyFormatException"/>
    /// naming the file, what was expected and what was found. The rules:
    /// </para>
    /// <list type="bullet">
    /// <item><description>Elements must be little-endian. Big-endian files (<c>'&gt;f8'</c>) are rejected; in NumPy,
    /// <c>a.astype('&lt;f8')</c> converts them.</description></item>
    /// <item><description>Reading as <see cref="double"/> accepts float64 and also float32, which widens to
    /// double exactly. Reading as <see cref="float"/> accepts only float32, because narrowing float64 would
    /// silently round. Integer and object arrays are rejected for both.</description></item>
    /// <item><description>Reading as <see cref="int"/> or <see cref="long"/> accepts any integer type
    /// (<c>int8</c> to <c>uint64</c>); a value that does not fit the destination type is an error.</description></item>
    /// <item><description>Arrays stored in Fortran (column-major) order are rearranged into C (row-major)
    /// order, so the caller always receives the elements in the order <c>np.load(path).ravel()</c> lists them.</description></item>
    /// <item><description>The data must be exactly as long as the shape and type say: a truncated file, or a
    /// file with bytes after the data, is an error.</description></item>
    /// </list>
    /// </remarks>
    public static partial class NpyFile
    {
        /// <summary>The bytes every <c>.npy</c> file starts with: 0x93 followed by <c>NUMPY</c>.</summary>
        private static ReadOnlySpan<byte> Magic => new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

        /// <summary>NumPy aligns the start of the data to this many bytes.</summary>
        private const int ArrayAlignment = 64;

        /// <summary>
        /// NumPy reserves this many characters for the first axis length (minus the digits it already has),
        /// so that a file can be appended to in place without rewriting the header.
        /// </summary>
        private const int GrowthAxisMaxDigits = 21;

        private delegate void ElementWriter<T>(Span<byte> destination, T value);

        /// <summary>Writes float64 data as a <c>.npy</c> file (<c>'&lt;f8'</c>, C order), creating or replacing the file.</summary>
        /// <param name="path">The file to write.</param>
        /// <param name="data">The elements in row-major order.</param>
        /// <param name="shape">The array's shape; its product must equal <paramref name="data"/>'s length. No lengths means a 0-d array of one element.</param>
        /// <exception cref="ArgumentException">The shape does not match the data's length or has a negative length.</exception>
        public static void Write(string path, ReadOnlySpan<double> data, params int[] shape) =>
            WriteFile(path, data, shape, NpyElementType.Float64, BinaryPrimitives.WriteDoubleLittleEndian);

        /// <summary>Writes float64 data in <c>.npy</c> format (<c>'&lt;f8'</c>, C order) to a stream, starting at its current position.</summary>
        /// <param name="stream">The stream to write to; it is left open.</param>
        /// <param name="data">The elements in row-major order.</param>
        /// <param name="shape">The array's shape; its product must equal <paramref name="data"/>'s length. No lengths means a 0-d array of one element.</param>
        /// <exception cref="ArgumentException">The shape does not match the data's length or has a negative length.</exception>
        public static void Write(Stream stream, ReadOnlySpan<double> data, params int[] shape) =>
            WriteArray(stream, data, shape, NpyElementType.Float64, BinaryPrimitives.WriteDoubleLittleEndian);

        /// <summary>Writes float32 data as a <c>.npy</c> file (<c>'&lt;f4'</c>, C order), creating or replacing the file.</summary>
        /// <param name="path">The file to write.</param>
        /// <param name="data">The elements in row-major order.</param>
        /// <param name="shape">The array's shape; its product must equal <paramref name="data"/>'s length. No lengths means a 0-d array of one element.</param>
        /// <exception cref="ArgumentException">The shape does not match the data's length or has a negative length.</exception>
        public static void Write(string path, ReadOnlySpan<float> data, params int[] shape) =>
            WriteFile(path, data, shape, NpyElementType.Float32, BinaryPrimitives.WriteSingleLittleEndian);

        /// <summary>Writes float32 data in <c>.npy</c> format (<c>'&lt;f4'</c>, C order) to a stream, starting at its current position.</summary>
        /// <param name="stream">The stream to write to; it is left open.</param>
        /// <param name="data">The elements in row-major order.</param>
        /// <param name="shape">The array's shape; its product must equal <paramref name="data"/>'s length. No lengths means a 0-d array of one element.</param>
        /// <exception cref="ArgumentException">The shape does not match the data's length or has a negative length.</exception>
        public static void Write(Stream stream, ReadOnlySpan<float> data, params int[] shape) =>
            WriteArray(stream, data, shape, NpyElementType.Float32, BinaryPrimitives.WriteSingleLittleEndian);

        /// <summary>Writes int32 data, such as class labels, as a <c>.npy</c> file (<c>'&lt;i4'</c>, C order).</summary>
        /// <param name="path">The file to write.</param>
        /// <param name="data">The elements in row-major order.</param>
        /// <param name="shape">The array's shape; its product must equal <paramref name="data"/>'s length. No lengths means a 0-d array of one element.</param>
        /// <exception cref="ArgumentException">The shape does not match the data's length or has a negative length.</exception>
        public static void Write(string path, ReadOnlySpan<int> data, params int[] shape) =>
            WriteFile(path, data, shape, NpyElementType.Int32, BinaryPrimitives.WriteInt32LittleEndian);

        /// <summary>Writes int32 data in <c>.npy</c> format (<c>'&lt;i4'</c>, C order) to a stream, starting at its current position.</summary>
        /// <param name="stream">The stream to write to; it is left open.</param>
        /// <param name="data">The elements in row-major order.</param>
        /// <param name="shape">The array's shape; its product must equal <paramref name="data"/>'s length. No lengths means a 0-d array of one element.</param>
        /// <exception cref="ArgumentException">The shape does not match the data's length or has a negative length.</exception>
        public static void Write(Stream stream, ReadOnlySpan<int> data, params int[] shape) =>
            WriteArray(stream, data, shape, NpyElementType.Int32, BinaryPrimitives.WriteInt32LittleEndian);

        /// <summary>Writes int64 data as a <c>.npy</c> file (<c>'&lt;i8'</c>, C order), the type NumPy uses for integers by default on Linux.</summary>
        /// <param name="path">The file to write.</param>
        /// <param name="data">The elements in row-major order.</param>
        /// <param name="shape">The array's shape; its product must equal <paramref name="data"/>'s length. No lengths means a 0-d array of one element.</param>
        /// <exception cref="ArgumentException">The shape does not match the data's length or has a negative length.</exception>
        public static void Write(string path, ReadOnlySpan<long> data, params int[] shape) =>
            WriteFile(path, data, shape, NpyElementType.Int64, BinaryPrimitives.WriteInt64LittleEndian);

        /// <summary>Writes int64 data in <c>.npy</c> format (<c>'&lt;i8'</c>, C order) to a stream, starting at its current position.</summary>
        /// <param name="stream">The stream to write to; it is left open.</param>
        /// <param name="data">The elements in row-major order.</param>
        /// <param name="shape">The array's shape; its product must equal <paramref name="data"/>'s length. No lengths means a 0-d array of one element.</param>
        /// <exception cref="ArgumentException">The shape does not match the data's length or has a negative length.</exception>
        public static void Write(Stream stream, ReadOnlySpan<long> data, params int[] shape) =>
            WriteArray(stream, data, shape, NpyElementType.Int64, BinaryPrimitives.WriteInt64LittleEndian);

        private static void WriteFile<T>(string path, ReadOnlySpan<T> data, int[] shape, NpyElementType type, ElementWriter<T> writeElement)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            // Check the arguments before creating the file, so that a mistake leaves no empty file behind.
            CheckShapeMatchesData(shape, data.Length);
            using FileStream stream = File.Create(path);
            WriteArray(stream, data, shape, type, writeElement);
        }

        private static void WriteArray<T>(Stream stream, ReadOnlySpan<T> data, int[] shape, NpyElementType type, ElementWriter<T> writeElement)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            CheckShapeMatchesData(shape, data.Length);
            stream.Write(BuildHeader(type.Descr, shape));

            // Encode explicitly as little-endian, a block at a time, so the bytes are the same on every machine.
            const int ElementsPerBlock = 8192;
            var block = new byte[Math.Min(data.Length, ElementsPerBlock) * type.Size];
            for (int start = 0; start < data.Length; start += ElementsPerBlock)
            {
                int count = Math.Min(ElementsPerBlock, data.Length - start);
                for (int i = 0; i < count; i++)
                {
                    writeElement(block.AsSpan(i * type.Size, type.Size), data[start + i]);
                }

                stream.Write(block, 0, count * type.Size);
            }
        }

        private static void CheckShapeMatchesData(int[] shape, int dataLength)
        {
            if (shape is null)
            {
                throw new ArgumentNullException(nameof(shape));
            }

            BigInteger count = BigInteger.One;
            foreach (int length in shape)
            {
                if (length < 0)
                {
                    throw new ArgumentException($"The shape {NpyHeader.FormatShape(shape)} has a negative length.", nameof(shape));
                }

                count *= length;
            }

            if (count != dataLength)
            {
                string hint = shape.Length == 0
                    ? $" An empty shape means a 0-d array of one element; pass the lengths, e.g. Write(path, data, {dataLength})."
                    : string.Empty;
                throw new ArgumentException(
                    $"The shape {NpyHeader.FormatShape(shape)} holds {count} elements but the data has {dataLength}.{hint}",
                    nameof(shape));
            }
        }

        /// <summary>
        /// Builds the magic string, version, header length and header exactly as NumPy 1.24's
        /// <c>np.lib.format._write_array_header</c> does for a C-ordered array.
        /// </summary>
        private static byte[] BuildHeader(string descr, int[] shape)
        {
            // The dictionary's keys in sorted order, each entry followed by ", " (Python's repr of the values).
            string dictionary = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {NpyHeader.FormatShape(shape)}, }}";
            if (shape.Length > 0)
            {
                string firstAxisDigits = shape[0].ToString(CultureInfo.InvariantCulture);
                dictionary += new string(' ', GrowthAxisMaxDigits - firstAxisDigits.Length);
            }

            byte[] dictionaryBytes = Encoding.ASCII.GetBytes(dictionary);

            // Format 1.0 stores the header length in 2 bytes; 2.0 in 4, for headers longer than 65535 bytes.
            int majorVersion = 1;
            int lengthFieldSize = 2;
            int paddedLength = PaddedHeaderLength(dictionaryBytes.Length, lengthFieldSize);
            if (paddedLength > ushort.MaxValue)
            {
                majorVersion = 2;
                lengthFieldSize = 4;
                paddedLength = PaddedHeaderLength(dictionaryBytes.Length, lengthFieldSize);
            }

            int prefixLength = Magic.Length + 2 + lengthFieldSize;
            var header = new byte[prefixLength + paddedLength];
            Magic.CopyTo(header);
            header[Magic.Length] = (byte)majorVersion;
            header[Magic.Length + 1] = 0;
            if (lengthFieldSize == 2)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(Magic.Length + 2), (ushort)paddedLength);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(Magic.Length + 2), (uint)paddedLength);
            }

            dictionaryBytes.CopyTo(header, prefixLength);
            header.AsSpan(prefixLength + dictionaryBytes.Length).Fill((byte)' ');
            header[header.Length - 1] = (byte)'\n';
            return header;
        }

        /// <summary>
        /// The header length NumPy writes: the dictionary, at least one space of padding, and a newline, such that
        /// the whole prefix ends on a multiple of 64 bytes. Like NumPy, when the dictionary and newline already end
        /// exactly on a boundary it adds a full 64 spaces rather than none.
        /// </summary>
        private static int PaddedHeaderLength(int dictionaryLength, int lengthFieldSize)
        {
            int withNewline = dictionaryLength + 1;
            int prefixLength = Magic.Length + 2 + lengthFieldSize;
            int padding = ArrayAlignment - ((prefixLength + withNewline) % ArrayAlignment);
            return withNewline + padding;
        }
    }
}
