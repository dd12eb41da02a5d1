using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace NetGen.Onnx
{
    /// <summary>The four protobuf wire types NetGen reads (the deprecated groups, 3 and 4, are refused).</summary>
    internal enum WireType
    {
        Varint = 0,
        Fixed64 = 1,
        LengthDelimited = 2,
        Fixed32 = 5,
    }

    /// <summary>
    /// Reads one protobuf message from its encoded bytes: a sequence of fields, each a key (field number and wire type,
    /// as a varint) followed by its value. Every read checks the bounds, so a truncated or corrupted message throws an
    /// <see cref="OnnxFormatException"/> naming the message, the field and the byte offset instead of reading past the
    /// end. <see cref="Offset"/> counts from the start of the file, so nested messages report positions in the file.
    /// </summary>
    internal ref struct ProtoReader
    {
        private readonly ReadOnlySpan<byte> _data;
        private readonly int _baseOffset;
        private readonly string _message;
        private int _position;

        /// <summary>Creates a reader of <paramref name="data"/>, an encoded <paramref name="message"/> that starts at
        /// <paramref name="baseOffset"/> in the file.</summary>
        public ProtoReader(ReadOnlySpan<byte> data, string message, int baseOffset = 0)
        {
            _data = data;
            _message = message;
            _baseOffset = baseOffset;
            _position = 0;
            FieldNumber = 0;
            WireType = WireType.Varint;
        }

        /// <summary>The field number of the field <see cref="NextField"/> read the key of.</summary>
        public int FieldNumber { get; private set; }

        /// <summary>The wire type of the field <see cref="NextField"/> read the key of.</summary>
        public WireType WireType { get; private set; }

        /// <summary>The position in the file of the next byte to read.</summary>
        public int Offset => _baseOffset + _position;

        /// <summary>Reads the next field's key; false at the end of the message.</summary>
        public bool NextField()
        {
            if (_position == _data.Length)
            {
                return false;
            }
            int keyOffset = Offset;
            ulong key = ReadRawVarint("a field key");
            ulong number = key >> 3;
            int wireType = (int)(key & 7);
            if (number == 0 || number > 536_870_911)
            {
                throw Error($"field number {number} at byte {keyOffset} is not a valid protobuf field number (1 to 536870911)");
            }
            if (wireType != 0 && wireType != 1 && wireType != 2 && wireType != 5)
            {
                throw Error($"field {number} at byte {keyOffset} has wire type {wireType}, which is not one of protobuf's 0 (varint), 1 (64-bit), 2 (length-delimited) or 5 (32-bit)");
            }
            FieldNumber = (int)number;
            WireType = (WireType)wireType;
            return true;
        }

        /// <summary>Skips the value of the current field (a field NetGen does not need).</summary>
        public void Skip()
        {
            switch (WireType)
            {
                case WireType.Varint:
                    ReadRawVarint(FieldName);
                    break;
                case WireType.Fixed64:
                    Take(8, FieldName);
                    break;
                case WireType.Fixed32:
                    Take(4, FieldName);
                    break;
                default:
                    ReadLengthDelimited(out _);
                    break;
            }
        }

        /// <summary>The current field's value as a varint (int32, int64, uint64, enum or bool fields).</summary>
        public ulong ReadVarint()
        {
            Expect(WireType.Varint);
            return ReadRawVarint(FieldName);
        }

        /// <summary>An int64 field (negative values are ten-byte varints, two's complement).</summary>
        public long ReadInt64() => unchecked((long)ReadVarint());

        /// <summary>An int32 field: protobuf writes it sign-extended to 64 bits; a value outside int's range is refused.</summary>
        public int ReadInt32()
        {
            long value = ReadInt64();
            if (value < int.MinValue || value > int.MaxValue)
            {
                throw Error($"{FieldName} holds {value}, which is outside the range of an int32 field");
            }
            return (int)value;
        }

        /// <summary>A float field (wire type 5, little-endian IEEE 754 single).</summary>
        public float ReadFloat()
        {
            Expect(WireType.Fixed32);
            return BinaryPrimitives.ReadSingleLittleEndian(Take(4, FieldName));
        }

        /// <summary>A string field, decoded as UTF-8; malformed UTF-8 is refused.</summary>
        public string ReadString()
        {
            ReadOnlySpan<byte> bytes = ReadBytes();
            try
            {
                return StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw Error($"{FieldName} is a string field but does not hold valid UTF-8");
            }
        }

        /// <summary>A bytes or string field's bytes.</summary>
        public ReadOnlySpan<byte> ReadBytes()
        {
            Expect(WireType.LengthDelimited);
            return ReadLengthDelimited(out _);
        }

        /// <summary>An embedded message field: a reader of its bytes, reporting offsets in the file.</summary>
        public ProtoReader ReadMessage(string message)
        {
            Expect(WireType.LengthDelimited);
            ReadOnlySpan<byte> bytes = ReadLengthDelimited(out int start);
            return new ProtoReader(bytes, message, start);
        }

        /// <summary>A repeated float field, packed (one length-delimited run) or not (one 32-bit value per key).</summary>
        public void ReadFloats(List<float> values)
        {
            if (WireType == WireType.Fixed32)
            {
                values.Add(ReadFloat());
                return;
            }
            ReadOnlySpan<byte> packed = ReadPacked(4);
            for (int i = 0; i < packed.Length; i += 4)
            {
                values.Add(BinaryPrimitives.ReadSingleLittleEndian(packed.Slice(i, 4)));
            }
        }

        /// <summary>A repeated double field, packed or not.</summary>
        public void ReadDoubles(List<double> values)
        {
            if (WireType == WireType.Fixed64)
            {
                values.Add(BinaryPrimitives.ReadDoubleLittleEndian(Take(8, FieldName)));
                return;
            }
            ReadOnlySpan<byte> packed = ReadPacked(8);
            for (int i = 0; i < packed.Length; i += 8)
            {
                values.Add(BinaryPrimitives.ReadDoubleLittleEndian(packed.Slice(i, 8)));
            }
        }

        /// <summary>A repeated int64 field, packed (a length-delimited run of varints) or not.</summary>
        public void ReadInt64s(List<long> values)
        {
            if (WireType == WireType.Varint)
            {
                values.Add(ReadInt64());
                return;
            }
            Expect(WireType.LengthDelimited);
            ReadOnlySpan<byte> packed = ReadLengthDelimited(out int start);
            var inner = new ProtoReader(packed, _message, start);
            string name = FieldName;
            while (inner._position < packed.Length)
            {
                values.Add(unchecked((long)inner.ReadRawVarint(name)));
            }
        }

        /// <summary>An exception naming this message and <paramref name="problem"/>.</summary>
        public OnnxFormatException Error(string problem) => new($"{_message}: {problem}.");

        private string FieldName => $"field {FieldNumber} of {_message}";

        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private void Expect(WireType expected)
        {
            if (WireType != expected)
            {
                throw Error($"{FieldName} has wire type {(int)WireType} ({WireType}), but that field is {expected} (wire type {(int)expected}) in onnx.proto");
            }
        }

        private ReadOnlySpan<byte> ReadPacked(int elementSize)
        {
            Expect(WireType.LengthDelimited);
            ReadOnlySpan<byte> packed = ReadLengthDelimited(out _);
            if (packed.Length % elementSize != 0)
            {
                throw Error($"{FieldName} is a packed run of {elementSize}-byte values but holds {packed.Length} bytes, not a multiple of {elementSize}");
            }
            return packed;
        }

        private ReadOnlySpan<byte> ReadLengthDelimited(out int start)
        {
            string name = FieldName;
            ulong length = ReadRawVarint(name);
            start = Offset;
            if (length > (ulong)(_data.Length - _position))
            {
                throw Error($"{name} says it holds {length} bytes from byte {start}, but only {_data.Length - _position} remain (the file is truncated or corrupted)");
            }
            return Take((int)length, name);
        }

        private ReadOnlySpan<byte> Take(int count, string what)
        {
            if (count > _data.Length - _position)
            {
                throw Error($"the data ends at byte {_baseOffset + _data.Length} inside {what}, which needs {count} bytes from byte {Offset} (the file is truncated or corrupted)");
            }
            ReadOnlySpan<byte> bytes = _data.Slice(_position, count);
            _position += count;
            return bytes;
        }

        private ulong ReadRawVarint(string what)
        {
            int start = Offset;
            ulong value = 0;
            for (int shift = 0; shift < 64; shift += 7)
            {
                if (_position == _data.Length)
                {
                    throw Error($"the data ends at byte {Offset} inside the varint of {what} that starts at byte {start} (the file is truncated or corrupted)");
                }
                byte b = _data[_position++];
                if (shift == 63 && b > 1)
                {
                    break;
                }
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }
            throw Error($"the varint of {what} that starts at byte {start} is longer than ten bytes or exceeds 64 bits");
        }
    }
}
