using System;
using System.Buffers.Binary;

namespace NetGen.NumPy
{
    /// <summary>
    /// Which <c>.npy</c> element types can be read into a destination of type <typeparamref name="T"/>,
    /// and how they are decoded. Decoding checks every value before the caller's memory is touched.
    /// </summary>
    internal sealed class ElementReader<T>
    {
        public delegate T[] Decoder(byte[] data, NpyElementType type, string source);

        private readonly Func<NpyElementType, bool> _accepts;
        private readonly Decoder _decode;

        public ElementReader(NpyElementType preferredType, string acceptedTypes, Func<NpyElementType, bool> accepts, Decoder decode)
        {
            PreferredType = preferredType;
            AcceptedTypes = acceptedTypes;
            _accepts = accepts;
            _decode = decode;
        }

        /// <summary>The type that matches <typeparamref name="T"/> exactly; error messages suggest converting to it.</summary>
        public NpyElementType PreferredType { get; }

        /// <summary>The accepted types in words, for error messages.</summary>
        public string AcceptedTypes { get; }

        public bool Accepts(NpyElementType type) => _accepts(type);

        /// <summary>Decodes little-endian elements of <paramref name="type"/> into a new array.</summary>
        public T[] Decode(byte[] data, NpyElementType type, string source) => _decode(data, type, source);
    }

    /// <summary>The element readers behind <see cref="NpyFile"/>'s read methods.</summary>
    internal static class ElementReaders
    {
        /// <summary>float64 as is, float32 widened (exactly) to double.</summary>
        public static readonly ElementReader<double> Double = new(
            NpyElementType.Float64,
            "float64 ('<f8') or float32 ('<f4')",
            type => type == NpyElementType.Float64 || type == NpyElementType.Float32,
            (data, type, source) =>
            {
                var values = new double[data.Length / type.Size];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = type.ReadDouble(data.AsSpan(i * type.Size, type.Size));
                }

                return values;
            });

        /// <summary>float32 only: reading float64 as float would round every value.</summary>
        public static readonly ElementReader<float> Single = new(
            NpyElementType.Float32,
            "float32 ('<f4')",
            type => type == NpyElementType.Float32,
            (data, type, source) =>
            {
                var values = new float[data.Length / sizeof(float)];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(i * sizeof(float), sizeof(float)));
                }

                return values;
            });

        /// <summary>Any integer type whose values fit in a long.</summary>
        public static readonly ElementReader<long> Int64 = new(
            NpyElementType.Int64,
            "integer ('<i8', '<i4', '|u1', ...)",
            type => type.IsInteger,
            (data, type, source) => DecodeIntegers(data, type, source, long.MinValue, long.MaxValue, "int64"));

        /// <summary>Any integer type whose values fit in an int.</summary>
        public static readonly ElementReader<int> Int32 = new(
            NpyElementType.Int32,
            "integer ('<i4', '<i8', '|u1', ...)",
            type => type.IsInteger,
            (data, type, source) =>
            {
                long[] wide = DecodeIntegers(data, type, source, int.MinValue, int.MaxValue, "int32");
                var values = new int[wide.Length];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = (int)wide[i];
                }

                return values;
            });

        private static long[] DecodeIntegers(byte[] data, NpyElementType type, string source, long min, long max, string targetName)
        {
            var values = new long[data.Length / type.Size];
            for (int i = 0; i < values.Length; i++)
            {
                ReadOnlySpan<byte> bytes = data.AsSpan(i * type.Size, type.Size);
                if (!type.TryReadInt64(bytes, out long value))
                {
                    throw new NpyFormatException(source,
                        $"{source} holds the uint64 value {BinaryPrimitives.ReadUInt64LittleEndian(bytes)} at flat index {i}, which does not fit in {targetName}.");
                }

                if (value < min || value > max)
                {
                    throw new NpyFormatException(source,
                        $"{source} holds the {type.Name} value {value} at flat index {i}, which does not fit in {targetName} ({min} to {max}).");
                }

                values[i] = value;
            }

            return values;
        }
    }
}
