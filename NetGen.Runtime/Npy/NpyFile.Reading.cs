using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace NetGen.NumPy
{
    public static partial class NpyFile
    {
        /// <summary>Header lengths above this are treated as corruption rather than read into memory.</summary>
        private const int MaxHeaderLength = 1 << 20;

        private const string DefaultDestinationName = "the destination";

        private static readonly string[] HeaderKeys = { "descr", "fortran_order", "shape" };

        // ----- Header inspection -----

        /// <summary>Reads and checks the header of a <c>.npy</c> file without reading its data.</summary>
        /// <param name="path">The file to read.</param>
        /// <returns>The format version, <c>descr</c>, memory order and shape the header declares.</returns>
        /// <exception cref="NpyFormatException">The file is not a <c>.npy</c> file or its header is malformed.</exception>
        /// <remarks>Any <c>descr</c> string is returned as written; whether the type can be read is checked only when reading the data.</remarks>
        public static NpyHeader ReadHeader(string path)
        {
            using FileStream stream = OpenRead(path);
            return ReadHeader(stream, path);
        }

        /// <summary>
        /// Reads and checks a <c>.npy</c> header from a stream's current position, leaving the stream at the first data byte.
        /// </summary>
        /// <param name="stream">The stream to read; it is left open.</param>
        /// <returns>The format version, <c>descr</c>, memory order and shape the header declares.</returns>
        /// <exception cref="NpyFormatException">The stream does not hold a <c>.npy</c> header or the header is malformed.</exception>
        public static NpyHeader ReadHeader(Stream stream)
        {
            if (stream is null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            return ReadHeader(stream, stream is FileStream file ? file.Name : "the stream");
        }

        /// <summary>Reads the shape a <c>.npy</c> file's header declares, e.g. <c>[1000, 100]</c>; empty for a 0-d array.</summary>
        /// <param name="path">The file to read.</param>
        /// <exception cref="NpyFormatException">The file is not a <c>.npy</c> file or its header is malformed.</exception>
        public static int[] ReadShape(string path) => ReadHeader(path).GetShape();

        // ----- Reading into caller-owned memory with a known shape -----

        /// <summary>
        /// Reads a float64 (or float32, widened exactly) <c>.npy</c> file of a known shape into <paramref name="destination"/>,
        /// in row-major order. Nothing is written to the destination unless the whole file is valid.
        /// </summary>
        /// <param name="path">The file to read.</param>
        /// <param name="destination">Receives the elements; its length must be the product of <paramref name="expectedShape"/>.</param>
        /// <param name="expectedShape">The shape the file must have.</param>
        /// <exception cref="NpyFormatException">The file is not a valid <c>.npy</c> file, holds another type, or has another shape.</exception>
        /// <exception cref="ArgumentException">The destination's length is not the product of <paramref name="expectedShape"/>.</exception>
        public static void ReadInto(string path, Span<double> destination, params int[] expectedShape) =>
            ReadInto(path, destination, expectedShape, DefaultDestinationName);

        /// <summary>
        /// Reads a float64 (or float32, widened exactly) <c>.npy</c> file of a known shape into <paramref name="destination"/>,
        /// naming the destination in error messages: <c>W1.npy has shape (100, 10) but the network's W1 has shape (1000, 100)</c>.
        /// </summary>
        /// <param name="path">The file to read.</param>
        /// <param name="destination">Receives the elements; its length must be the product of <paramref name="expectedShape"/>.</param>
        /// <param name="expectedShape">The shape the file must have.</param>
        /// <param name="destinationName">How error messages refer to the destination, e.g. <c>the network's W1</c>.</param>
        /// <exception cref="NpyFormatException">The file is not a valid <c>.npy</c> file, holds another type, or has another shape.</exception>
        /// <exception cref="ArgumentException">The destination's length is not the product of <paramref name="expectedShape"/>.</exception>
        public static void ReadInto(string path, Span<double> destination, int[] expectedShape, string destinationName) =>
            ReadArray(path, ElementReaders.Double, expectedShape, destination.Length, destinationName, out _).CopyTo(destination);

        /// <summary>
        /// Reads a float32 <c>.npy</c> file of a known shape into <paramref name="destination"/>, in row-major order.
        /// Float64 files are rejected rather than rounded. Nothing is written to the destination unless the whole file is valid.
        /// </summary>
        /// <param name="path">The file to read.</param>
        /// <param name="destination">Receives the elements; its length must be the product of <paramref name="expectedShape"/>.</param>
        /// <param name="expectedShape">The shape the file must have.</param>
        /// <exception cref="NpyFormatException">The file is not a valid <c>.npy</c> file, holds another type, or has another shape.</exception>
        /// <exception cref="ArgumentException">The destination's length is not the product of <paramref name="expectedShape"/>.</exception>
        public static void ReadInto(string path, Span<float> destination, params int[] expectedShape) =>
            ReadInto(path, destination, expectedShape, DefaultDestinationName);

        /// <summary>Reads a float32 <c>.npy</c> file of a known shape into <paramref name="destination"/>, naming the destination in error messages.</summary>
        /// <param name="path">The file to read.</param>
        /// <param name="destination">Receives the elements; its length must be the product of <paramref name="expectedShape"/>.</param>
        /// <param name="expectedShape">The shape the file must have.</param>
        /// <param name="destinationName">How error messages refer to the destination, e.g. <c>the network's W1</c>.</param>
        /// <exception cref="NpyFormatException">The file is not a valid <c>.npy</c> file, holds another type, or has another shape.</exception>
        /// <exception cref="ArgumentException">The destination's length is not the product of <paramref name="expectedShape"/>.</exception>
        public static void ReadInto(string path, Span<float> destination, int[] expectedShape, string destinationName) =>
            ReadArray(path, ElementReaders.Single, expectedShape, destination.Length, destinationName, out _).CopyTo(destination);

        /// <summary>
        /// Reads an integer <c>.npy</c> file (any of int8 to uint64) of a known shape into <paramref name="destination"/>,
        /// e.g. class labels. A value outside the range of <see cref="int"/> is an error. Nothing is written to the
        /// destination unless the whole file is valid.
        /// </summary>
        /// <param name="path">The file to read.</param>
        /// <param name="destination">Receives the elements; its length must be the product of <paramref name="expectedShape"/>.</param>
        /// <param name="expectedShape">The shape the file must have.</param>
        /// <exception cref="NpyFormatException">The file is not a valid <c>.npy</c> file, holds another type or out-of-range values, or has another shape.</exception>
        /// <exception cref="ArgumentException">The destination's length is not the product of <paramref name="expectedShape"/>.</exception>
        public static void ReadInto(string path, Span<int> destination, params int[] expectedShape) =>
            ReadInto(path, destination, expectedShape, DefaultDestinationName);

        /// <summary>Reads an integer <c>.npy</c> file of a known shape into <paramref name="destination"/>, naming the destination in error messages.</summary>
        /// <param name="path">The file to read.</param>
        /// <param name="destination">Receives the elements; its length must be the product of <paramref name="expectedShape"/>.</param>
        /// <param name="expectedShape">The shape the file must have.</param>
        /// <param name="destinationName">How error messages refer to the destination, e.g. <c>the labels</c>.</param>
        /// <exception cref="NpyFormatException">The file is not a valid <c>.npy</c> file, holds another type or out-of-range values, or has another shape.</exception>
        /// <exception cref="ArgumentException">The destination's length is not the product of <paramref name="expectedShape"/>.</exception>
        public static void ReadInto(string path, Span<int> destination, int[] expectedShape, string destinationName) =>
            ReadArray(path, ElementReaders.Int32, expectedShape, destination.Length, destinationName, out _).CopyTo(destination);

        /// <summary>
        /// Reads an integer <c>.npy</c> file (any of int8 to uint64) of a known shape into <paramref name="destination"/>.
        /// A uint64 value above <see cref="long.MaxValue"/> is an error. Nothing is written to the destination unless the whole file is valid.
        /// </summary>
        /// <param name="path">The file to read.</param>
        /// <param name="destination">Receives the elements; its length must be the product of <paramref name="expectedShape"/>.</param>
        /// <param name="expectedShape">The shape the file must have.</param>
        /// <exception cref="NpyFormatException">The file is not a valid <c>.npy</c> file, holds another type or out-of-range values, or has another shape.</exception>
        /// <exception cref="ArgumentException">The destination's length is not the product of <paramref name="expectedShape"/>.</exception>
        public static void ReadInto(string path, Span<long> destination, params int[] expectedShape) =>
            ReadInto(path, destination, expectedShape, DefaultDestinationName);

        /// <summary>Reads an integer <c>.npy</c> file of a known shape into <paramref name="destination"/>, naming the destination in error messages.</summary>
        /// <param name="path">The file to read.</param>
        /// <param name="destination">Receives the elements; its length must be the product of <paramref name="expectedShape"/>.</param>
        /// <param name="expectedShape">The shape the file must have.</param>
        /// <param name="destinationName">How error messages refer to the destination, e.g. <c>the labels</c>.</param>
        /// <exception cref="NpyFormatException">The file is not a valid <c>.npy</c> file, holds another type or out-of-range values, or has another shape.</exception>
        /// <exception cref="ArgumentException">The destination's length is not the product of <paramref name="expectedShape"/>.</exception>
        public static void ReadInto(string path, Span<long> destination, int[] expectedShape, string destinationName) =>
            ReadArray(path, ElementReaders.Int64, expectedShape, destination.Length, destinationName, out _).CopyTo(destination);

        // ----- Reading an array of any shape -----

        /// <summary>Reads a float64 (or float32, widened exactly) <c>.npy</c> file of any shape, in row-major order.</summary>
        /// <param name="path">The file to read.</param>
        /// <param name="shape">Receives the array's shape; empty for a 0-d array.</param>
        /// <returns>The elements in the order <c>np.load(path).ravel()</c> lists them.</returns>
        /// <exception cref="NpyFormatException">The file is not a valid float64 or float32 <c>.npy</c> file.</exception>
        public static double[] Read(string path, out int[] shape) =>
            ReadArray(path, ElementReaders.Double, expectedShape: null, destinationLength: 0, DefaultDestinationName, out shape);

        /// <summary>Reads a float32 <c>.npy</c> file of any shape, in row-major order. Float64 files are rejected rather than rounded.</summary>
        /// <param name="path">The file to read.</param>
        /// <param name="shape">Receives the array's shape; empty for a 0-d array.</param>
        /// <returns>The elements in the order <c>np.load(path).ravel()</c> lists them.</returns>
        /// <exception cref="NpyFormatException">The file is not a valid float32 <c>.npy</c> file.</exception>
        public static float[] ReadSingle(string path, out int[] shape) =>
            ReadArray(path, ElementReaders.Single, expectedShape: null, destinationLength: 0, DefaultDestinationName, out shape);

        /// <summary>Reads an integer <c>.npy</c> file (any of int8 to uint64) of any shape as <see cref="int"/> values, in row-major order.</summary>
        /// <param name="path">The file to read.</param>
        /// <param name="shape">Receives the array's shape; empty for a 0-d array.</param>
        /// <returns>The elements in the order <c>np.load(path).ravel()</c> lists them.</returns>
        /// <exception cref="NpyFormatException">The file is not a valid integer <c>.npy</c> file or holds a value outside the range of <see cref="int"/>.</exception>
        public static int[] ReadInt32(string path, out int[] shape) =>
            ReadArray(path, ElementReaders.Int32, expectedShape: null, destinationLength: 0, DefaultDestinationName, out shape);

        /// <summary>Reads an integer <c>.npy</c> file (any of int8 to uint64) of any shape as <see cref="long"/> values, in row-major order.</summary>
        /// <param name="path">The file to read.</param>
        /// <param name="shape">Receives the array's shape; empty for a 0-d array.</param>
        /// <returns>The elements in the order <c>np.load(path).ravel()</c> lists them.</returns>
        /// <exception cref="NpyFormatException">The file is not a valid integer <c>.npy</c> file or holds a uint64 value above <see cref="long.MaxValue"/>.</exception>
        public static long[] ReadInt64(string path, out int[] shape) =>
            ReadArray(path, ElementReaders.Int64, expectedShape: null, destinationLength: 0, DefaultDestinationName, out shape);

        // ----- The reading pipeline: header, type, shape, data length, values, order -----

        /// <summary>
        /// Reads and validates a whole file into a new array in row-major order. When <paramref name="expectedShape"/>
        /// is given, the file's shape must equal it and <paramref name="destinationLength"/> must be its product.
        /// </summary>
        private static T[] ReadArray<T>(
            string path, ElementReader<T> reader, int[]? expectedShape, int destinationLength, string destinationName, out int[] shape)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            if (expectedShape is not null)
            {
                CheckDestinationMatchesShape(expectedShape, destinationLength);
            }

            using FileStream stream = OpenRead(path);
            NpyHeader header = ReadHeader(stream, path);
            NpyElementType type = CheckElementType(header, reader, path);
            shape = header.GetShape();
            if (expectedShape is not null && !shape.AsSpan().SequenceEqual(expectedShape))
            {
                throw new NpyFormatException(path,
                    $"{path} has shape {header.ShapeText} but {destinationName} has shape {NpyHeader.FormatShape(expectedShape)}.");
            }

            byte[] data = ReadData(stream, path, header, type);
            T[] values = reader.Decode(data, type, path);
            return header.FortranOrder ? ColumnMajorToRowMajor(values, shape) : values;
        }

        private static FileStream OpenRead(string path)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            return File.OpenRead(path);
        }

        private static void CheckDestinationMatchesShape(int[] expectedShape, int destinationLength)
        {
            long count = 1;
            foreach (int length in expectedShape)
            {
                if (length < 0)
                {
                    throw new ArgumentException($"The expected shape {NpyHeader.FormatShape(expectedShape)} has a negative length.", nameof(expectedShape));
                }

                count = Math.Min(count * length, (long)int.MaxValue + 1);
            }

            if (count != destinationLength)
            {
                throw new ArgumentException(
                    $"The destination has {destinationLength} elements but the expected shape {NpyHeader.FormatShape(expectedShape)} has {(count > int.MaxValue ? "more than " + int.MaxValue : count.ToString())}.",
                    nameof(expectedShape));
            }
        }

        private static NpyHeader ReadHeader(Stream stream, string source)
        {
            // Magic string and version: 8 bytes.
            Span<byte> prefix = stackalloc byte[Magic.Length + 2];
            int prefixRead = ReadFully(stream, prefix);
            int magicBytesPresent = Math.Min(prefixRead, Magic.Length);
            if (prefixRead == 0)
            {
                throw new NpyFormatException(source, $"{source} is empty; a .npy file starts with the bytes 93 4E 55 4D 50 59 ('\\x93NUMPY').");
            }

            if (!prefix.Slice(0, magicBytesPresent).SequenceEqual(Magic.Slice(0, magicBytesPresent)))
            {
                string zipHint = prefixRead >= 2 && prefix[0] == (byte)'P' && prefix[1] == (byte)'K'
                    ? " It looks like a zip archive, such as the .npz files np.savez writes; the .npy files are inside it."
                    : string.Empty;
                throw new NpyFormatException(source,
                    $"{source} is not a .npy file: it starts with the bytes {Hex(prefix.Slice(0, magicBytesPresent))} " +
                    $"where a .npy file starts with 93 4E 55 4D 50 59 ('\\x93NUMPY').{zipHint}");
            }

            if (prefixRead < prefix.Length)
            {
                throw new NpyFormatException(source, $"{source} is truncated: it ends after {prefixRead} bytes, inside the .npy header.");
            }

            int majorVersion = prefix[Magic.Length];
            int minorVersion = prefix[Magic.Length + 1];
            if (minorVersion != 0 || majorVersion < 1 || majorVersion > 3)
            {
                throw new NpyFormatException(source,
                    $"{source} uses .npy format version {majorVersion}.{minorVersion}; the versions NumPy defines, and NetGen reads, are 1.0, 2.0 and 3.0.");
            }

            // Header length: 2 bytes in version 1.0, 4 bytes in 2.0 and 3.0, little-endian.
            int lengthFieldSize = majorVersion == 1 ? 2 : 4;
            Span<byte> lengthField = stackalloc byte[lengthFieldSize];
            if (ReadFully(stream, lengthField) < lengthFieldSize)
            {
                throw new NpyFormatException(source, $"{source} is truncated: it ends inside the .npy header length field.");
            }

            uint headerLength = lengthFieldSize == 2
                ? BinaryPrimitives.ReadUInt16LittleEndian(lengthField)
                : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
            if (headerLength > MaxHeaderLength)
            {
                throw new NpyFormatException(source,
                    $"{source} declares a header of {headerLength} bytes; headers of numeric arrays are a few hundred bytes, so the file is probably corrupt.");
            }

            var headerBytes = new byte[headerLength];
            int headerRead = ReadFully(stream, headerBytes);
            if (headerRead < headerLength)
            {
                throw new NpyFormatException(source,
                    $"{source} is truncated: its header should be {headerLength} bytes long but the file ends after {headerRead} of them.");
            }

            // Versions 1.0 and 2.0 store the header as Latin-1, version 3.0 as UTF-8.
            string headerText;
            try
            {
                headerText = majorVersion == 3
                    ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(headerBytes)
                    : Encoding.Latin1.GetString(headerBytes);
            }
            catch (DecoderFallbackException e)
            {
                throw new NpyFormatException(source, $"{source} has a format 3.0 header that is not valid UTF-8.", e);
            }

            Dictionary<string, object?> dictionary;
            try
            {
                // Like NumPy, accept the "L" suffix Python 2 wrote after long integers in format 1.0 and 2.0 headers.
                dictionary = NpyHeaderParser.ParseDictionary(headerText, allowLongSuffix: majorVersion <= 2);
            }
            catch (FormatException e)
            {
                throw new NpyFormatException(source, $"{source} has a malformed header {Quote(headerText)}: {e.Message}.", e);
            }

            foreach (string key in dictionary.Keys)
            {
                if (Array.IndexOf(HeaderKeys, key) < 0)
                {
                    throw new NpyFormatException(source,
                        $"{source} has a header with the unexpected key '{key}'; a .npy header has exactly the keys 'descr', 'fortran_order' and 'shape'.");
                }
            }

            foreach (string key in HeaderKeys)
            {
                if (!dictionary.ContainsKey(key))
                {
                    throw new NpyFormatException(source,
                        $"{source} has a header without the key '{key}'; a .npy header has exactly the keys 'descr', 'fortran_order' and 'shape'.");
                }
            }

            string descr = dictionary["descr"] switch
            {
                string text => text,
                PythonSequence => throw new NpyFormatException(source,
                    $"{source} holds a structured array (its 'descr' is a list of fields: {Quote(headerText)}); only plain numeric arrays can be read."),
                var other => throw new NpyFormatException(source,
                    $"{source} has a header whose 'descr' is {DescribeValue(other)} where a type string such as '<f8' was expected."),
            };

            if (dictionary["fortran_order"] is not bool fortranOrder)
            {
                throw new NpyFormatException(source,
                    $"{source} has a header whose 'fortran_order' is {DescribeValue(dictionary["fortran_order"])} where True or False was expected.");
            }

            int[] shape = ParseShape(dictionary["shape"], source);
            long dataOffset = prefix.Length + lengthFieldSize + headerLength;
            return new NpyHeader(majorVersion, minorVersion, descr, fortranOrder, shape, dataOffset);
        }

        private static int[] ParseShape(object? value, string source)
        {
            if (value is not PythonSequence { IsTuple: true } tuple)
            {
                throw new NpyFormatException(source,
                    $"{source} has a header whose 'shape' is {DescribeValue(value)} where a tuple of lengths such as (3, 4) was expected.");
            }

            var shape = new int[tuple.Items.Count];
            long elementCount = 1;
            for (int axis = 0; axis < shape.Length; axis++)
            {
                if (tuple.Items[axis] is not long length || length < 0)
                {
                    throw new NpyFormatException(source,
                        $"{source} has a header whose 'shape' has {DescribeValue(tuple.Items[axis])} at axis {axis} where a length of 0 or more was expected.");
                }

                if (length > int.MaxValue)
                {
                    throw new NpyFormatException(source,
                        $"{source} has a header whose 'shape' has the length {length} at axis {axis}; lengths above {int.MaxValue} are not supported.");
                }

                shape[axis] = (int)length;
                if (elementCount != 0 && length > long.MaxValue / elementCount)
                {
                    throw new NpyFormatException(source, $"{source} has a header whose 'shape' holds more than {long.MaxValue} elements.");
                }

                elementCount *= length;
            }

            return shape;
        }

        private static NpyElementType CheckElementType<T>(NpyHeader header, ElementReader<T> reader, string source)
        {
            NpyElementType? type = NpyElementType.FromDescr(header.Descr);
            if (type is null || !reader.Accepts(type))
            {
                throw new NpyFormatException(source,
                    $"{source} holds {NpyElementType.Describe(header.Descr)} values but {reader.AcceptedTypes} values were expected; " +
                    $"in NumPy, a.astype('{reader.PreferredType.Descr}') converts an array before np.save.");
            }

            return type;
        }

        /// <summary>Reads exactly the data bytes the header declares, and checks that nothing follows them.</summary>
        private static byte[] ReadData(Stream stream, string source, NpyHeader header, NpyElementType type)
        {
            long expectedBytes = header.ElementCount > long.MaxValue / type.Size ? long.MaxValue : header.ElementCount * type.Size;
            string declared = $"its header declares {NpyElementType.Describe(header.Descr)} values of shape {header.ShapeText}, which is {expectedBytes} bytes of data";
            if (expectedBytes > Array.MaxLength)
            {
                throw new NpyFormatException(source, $"{source} is too large to read into one array: {declared}.");
            }

            if (stream.CanSeek)
            {
                long available = stream.Length - stream.Position;
                if (available < expectedBytes)
                {
                    throw new NpyFormatException(source, $"{source} is truncated: {declared}, but only {available} bytes follow the header.");
                }
            }

            var data = new byte[expectedBytes];
            int read = ReadFully(stream, data);
            if (read < expectedBytes)
            {
                throw new NpyFormatException(source, $"{source} is truncated: {declared}, but only {read} bytes follow the header.");
            }

            long extra = stream.CanSeek ? stream.Length - stream.Position : (stream.ReadByte() >= 0 ? 1 : 0);
            if (extra > 0)
            {
                string count = stream.CanSeek ? $"{extra} more bytes" : "more bytes";
                throw new NpyFormatException(source,
                    $"{source} has {count} after its data: {declared}. The header does not describe the file's contents.");
            }

            return data;
        }

        /// <summary>
        /// Rearranges elements stored in column-major (Fortran) order, where the first index varies fastest,
        /// into row-major (C) order, where the last index varies fastest.
        /// </summary>
        private static T[] ColumnMajorToRowMajor<T>(T[] columnMajor, int[] shape)
        {
            if (shape.Length < 2 || columnMajor.Length == 0)
            {
                return columnMajor;
            }

            // Row-major stride of each axis: how far apart in the result two elements one step apart along that axis are.
            var rowMajorStride = new int[shape.Length];
            int stride = 1;
            for (int axis = shape.Length - 1; axis >= 0; axis--)
            {
                rowMajorStride[axis] = stride;
                stride *= shape[axis];
            }

            // Walk the source in its own order, counting the index like an odometer whose first digit turns fastest,
            // and keep the matching row-major position up to date.
            var rowMajor = new T[columnMajor.Length];
            var index = new int[shape.Length];
            int position = 0;
            foreach (T value in columnMajor)
            {
                rowMajor[position] = value;
                for (int axis = 0; axis < shape.Length; axis++)
                {
                    index[axis]++;
                    position += rowMajorStride[axis];
                    if (index[axis] < shape[axis])
                    {
                        break;
                    }

                    index[axis] = 0;
                    position -= rowMajorStride[axis] * shape[axis];
                }
            }

            return rowMajor;
        }

        private static int ReadFully(Stream stream, Span<byte> buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int read = stream.Read(buffer.Slice(total));
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }

        private static string Hex(ReadOnlySpan<byte> bytes) => string.Join(" ", bytes.ToArray().Select(b => b.ToString("X2")));

        private static string Quote(string headerText)
        {
            string trimmed = headerText.Trim();
            const int MaxShown = 200;
            return trimmed.Length <= MaxShown ? $"\"{trimmed}\"" : $"\"{trimmed.Substring(0, MaxShown)}...\"";
        }

        private static string DescribeValue(object? value) => value switch
        {
            null => "None",
            bool flag => flag ? "True" : "False",
            string text => $"the string '{text}'",
            long number => $"the integer {number}",
            PythonSequence { IsTuple: true } => "a tuple",
            PythonSequence => "a list",
            _ => "a dictionary",
        };
    }
}
