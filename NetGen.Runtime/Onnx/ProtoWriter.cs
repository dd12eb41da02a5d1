using System;
using System.Buffers.Binary;
using System.Text;

namespace NetGen.Onnx
{
    /// <summary>
    /// Writes one protobuf message: each field as its key (field number and wire type) and value, in the order the
    /// calls come. An embedded message is written by a writer of its own and copied in behind its length
    /// (<see cref="WriteMessage"/>). Repeated scalars are written one key per value, as proto2 does without
    /// <c>[packed = true]</c>, or as one packed run (<see cref="WritePackedFloats"/>, ...) where onnx.proto asks for it.
    /// </summary>
    internal sealed class ProtoWriter
    {
        private byte[] _buffer = new byte[256];
        private int _length;

        /// <summary>The bytes written so far.</summary>
        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        /// <summary>A copy of the bytes written so far.</summary>
        public byte[] ToArray() => Written.ToArray();

        /// <summary>A varint field (int32, int64, enum, bool); negative values take ten bytes, as protobuf writes them.</summary>
        public void WriteInt64(int field, long value)
        {
            WriteKey(field, WireType.Varint);
            WriteRawVarint(unchecked((ulong)value));
        }

        /// <summary>A float field (wire type 5).</summary>
        public void WriteFloat(int field, float value)
        {
            WriteKey(field, WireType.Fixed32);
            BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
        }

        /// <summary>A string field, encoded as UTF-8.</summary>
        public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

        /// <summary>A bytes field.</summary>
        public void WriteBytes(int field, ReadOnlySpan<byte> value)
        {
            WriteKey(field, WireType.LengthDelimited);
            WriteRawVarint((ulong)value.Length);
            value.CopyTo(Reserve(value.Length));
        }

        /// <summary>An embedded message, written by <paramref name="write"/> into a writer of its own.</summary>
        public void WriteMessage(int field, Action<ProtoWriter> write)
        {
            var inner = new ProtoWriter();
            write(inner);
            WriteBytes(field, inner.Written);
        }

        /// <summary>A repeated float field as one packed run.</summary>
        public void WritePackedFloats(int field, ReadOnlySpan<float> values)
        {
            WriteKey(field, WireType.LengthDelimited);
            WriteRawVarint((ulong)values.Length * 4);
            Span<byte> bytes = Reserve(values.Length * 4);
            for (int i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.Slice(4 * i), values[i]);
            }
        }

        /// <summary>A repeated double field as one packed run.</summary>
        public void WritePackedDoubles(int field, ReadOnlySpan<double> values)
        {
            WriteKey(field, WireType.LengthDelimited);
            WriteRawVarint((ulong)values.Length * 8);
            Span<byte> bytes = Reserve(values.Length * 8);
            for (int i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(bytes.Slice(8 * i), values[i]);
            }
        }

        private void WriteKey(int field, WireType wireType)
        {
            if (field < 1 || field > 536_870_911)
            {
                throw new ArgumentOutOfRangeException(nameof(field), field, "A protobuf field number is between 1 and 536870911.");
            }
            WriteRawVarint(((ulong)field << 3) | (ulong)wireType);
        }

        private void WriteRawVarint(ulong value)
        {
            while (value >= 0x80)
            {
                Reserve(1)[0] = (byte)(value | 0x80);
                value >>= 7;
            }
            Reserve(1)[0] = (byte)value;
        }

        private Span<byte> Reserve(int count)
        {
            if (_buffer.Length - _length < count)
            {
                long needed = (long)_length + count;
                if (needed > Array.MaxLength)
                {
                    throw new InvalidOperationException($"A protobuf message of {needed} bytes exceeds the {Array.MaxLength} bytes an array can hold.");
                }
                var grown = new byte[(int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _buffer.Length))];
                Written.CopyTo(grown);
                _buffer = grown;
            }
            Span<byte> span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }
    }
}
