using System;
using System.Buffers.Binary;

namespace NetGen.NumPy
{
    /// <summary>The numeric element types NetGen reads from and writes to <c>.npy</c> files.</summary>
    internal enum NpyElementKind
    {
        Float64,
        Float32,
        Int8,
        UInt8,
        Int16,
        UInt16,
        Int32,
        UInt32,
        Int64,
        UInt64,
    }

    /// <summary>
    /// A little-endian NumPy scalar type as written in a <c>.npy</c> header's <c>descr</c> field
    /// (<c>'&lt;f8'</c>, <c>'&lt;i4'</c>, <c>'|u1'</c>, ...), with the helpers that decode and encode it.
    /// </summary>
    internal sealed class NpyElementType
    {
        public static readonly NpyElementType Float64 = new(NpyElementKind.Float64, "<f8", 8, "float64");
        public static readonly NpyElementType Float32 = new(NpyElementKind.Float32, "<f4", 4, "float32");
        public static readonly NpyElementType Int8 = new(NpyElementKind.Int8, "|i1", 1, "int8");
        public static readonly NpyElementType UInt8 = new(NpyElementKind.UInt8, "|u1", 1, "uint8");
        public static readonly NpyElementType Int16 = new(NpyElementKind.Int16, "<i2", 2, "int16");
        public static readonly NpyElementType UInt16 = new(NpyElementKind.UInt16, "<u2", 2, "uint16");
        public static readonly NpyElementType Int32 = new(NpyElementKind.Int32, "<i4", 4, "int32");
        public static readonly NpyElementType UInt32 = new(NpyElementKind.UInt32, "<u4", 4, "uint32");
        public static readonly NpyElementType Int64 = new(NpyElementKind.Int64, "<i8", 8, "int64");
        public static readonly NpyElementType UInt64 = new(NpyElementKind.UInt64, "<u8", 8, "uint64");

        private static readonly NpyElementType[] All =
        {
            Float64, Float32, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64,
        };

        private NpyElementType(NpyElementKind kind, string descr, int size, string name)
        {
            Kind = kind;
            Descr = descr;
            Size = size;
            Name = name;
        }

        public NpyElementKind Kind { get; }

        /// <summary>The <c>descr</c> string NumPy writes for this type, e.g. <c>&lt;f8</c>.</summary>
        public string Descr { get; }

        /// <summary>Bytes per element.</summary>
        public int Size { get; }

        /// <summary>NumPy's name for the type, e.g. <c>float64</c>.</summary>
        public string Name { get; }

        public bool IsInteger => Kind != NpyElementKind.Float64 && Kind != NpyElementKind.Float32;

        /// <summary>Finds the supported type a <c>descr</c> string names; <see langword="null"/> for any other.</summary>
        /// <remarks>
        /// NumPy writes one-byte types with the byte-order character <c>|</c>, but <c>&lt;</c> and
        /// <c>=</c> mean the same for them, so all three are accepted there.
        /// </remarks>
        public static NpyElementType? FromDescr(string descr)
        {
            foreach (NpyElementType type in All)
            {
                if (descr == type.Descr)
                {
                    return type;
                }

                if (type.Size == 1 && descr.Length == 3 && (descr[0] == '<' || descr[0] == '=') &&
                    descr.AsSpan(1).SequenceEqual(type.Descr.AsSpan(1)))
                {
                    return type;
                }
            }

            return null;
        }

        /// <summary>
        /// Describes a <c>descr</c> string for an error message: <c>float64 ('&lt;f8')</c>,
        /// <c>big-endian float64 ('&gt;f8')</c>, <c>Python objects ('|O')</c>.
        /// </summary>
        public static string Describe(string descr)
        {
            NpyElementType? supported = FromDescr(descr);
            if (supported is not null)
            {
                return $"{supported.Name} ('{descr}')";
            }

            if (descr.Length >= 2 && descr[0] == '>')
            {
                NpyElementType? littleEndian = FromDescr("<" + descr.Substring(1));
                string name = littleEndian is null ? "data" : littleEndian.Name;
                return $"big-endian {name} ('{descr}')";
            }

            string kind = descr.Length >= 2 ? descr.Substring(1) : descr;
            string description = kind switch
            {
                "O" => "Python objects",
                "b1" => "bool",
                "f2" => "float16",
                "f16" => "float128",
                "c8" => "complex64",
                "c16" => "complex128",
                _ when kind.StartsWith("U", StringComparison.Ordinal) => "Unicode strings",
                _ when kind.StartsWith("S", StringComparison.Ordinal) => "byte strings",
                _ when kind.StartsWith("V", StringComparison.Ordinal) => "raw bytes (void)",
                _ when kind.StartsWith("M8", StringComparison.Ordinal) => "datetime64",
                _ when kind.StartsWith("m8", StringComparison.Ordinal) => "timedelta64",
                _ => "an unsupported type",
            };
            return $"{description} ('{descr}')";
        }

        /// <summary>Decodes a little-endian floating-point element to <see cref="double"/>; exact for both float types.</summary>
        public double ReadDouble(ReadOnlySpan<byte> bytes) => Kind switch
        {
            NpyElementKind.Float64 => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            NpyElementKind.Float32 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
            _ => throw new InvalidOperationException($"{Name} is not a floating-point type."),
        };

        /// <summary>Decodes a little-endian integer element. Returns <see langword="false"/> for a uint64 above <see cref="long.MaxValue"/>.</summary>
        public bool TryReadInt64(ReadOnlySpan<byte> bytes, out long value)
        {
            switch (Kind)
            {
                case NpyElementKind.Int8: value = unchecked((sbyte)bytes[0]); return true;
                case NpyElementKind.UInt8: value = bytes[0]; return true;
                case NpyElementKind.Int16: value = BinaryPrimitives.ReadInt16LittleEndian(bytes); return true;
                case NpyElementKind.UInt16: value = BinaryPrimitives.ReadUInt16LittleEndian(bytes); return true;
                case NpyElementKind.Int32: value = BinaryPrimitives.ReadInt32LittleEndian(bytes); return true;
                case NpyElementKind.UInt32: value = BinaryPrimitives.ReadUInt32LittleEndian(bytes); return true;
                case NpyElementKind.Int64: value = BinaryPrimitives.ReadInt64LittleEndian(bytes); return true;
                case NpyElementKind.UInt64:
                    ulong unsigned = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                    value = unchecked((long)unsigned);
                    return unsigned <= long.MaxValue;
                default:
                    throw new InvalidOperationException($"{Name} is not an integer type.");
            }
        }
    }
}
