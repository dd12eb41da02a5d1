using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Onnx;
using Xunit;
using static NetGen.Tests.Onnx.OnnxTestFiles;

namespace NetGen.Tests.Onnx
{
    /// <summary>
    /// The protobuf wire format reader and writer: the encodings of the protobuf documentation's examples, packed and
    /// unpacked repeated fields, every malformed input refused with a message, and ONNX messages that files written by
    /// PyTorch and the onnx package parse into and write back from.
    /// </summary>
    public sealed class ProtoWireTests
    {
        [Theory]
        // The protobuf encoding guide's examples: 150 is 96 01; 1 is 01; 300 is AC 02; -1 as int64 takes ten bytes.
        [InlineData(150L, "08 96 01")]
        [InlineData(1L, "08 01")]
        [InlineData(300L, "08 AC 02")]
        [InlineData(0L, "08 00")]
        [InlineData(-1L, "08 FF FF FF FF FF FF FF FF FF 01")]
        [InlineData(long.MaxValue, "08 FF FF FF FF FF FF FF FF 7F")]
        public void Varint_IsWrittenAndReadAsProtobufEncodesIt(long value, string hex)
        {
            var writer = new ProtoWriter();
            writer.WriteInt64(1, value);
            Assert.Equal(hex, Hex(writer.ToArray()));

            var reader = new ProtoReader(writer.ToArray(), "Test");
            Assert.True(reader.NextField());
            Assert.Equal(1, reader.FieldNumber);
            Assert.Equal(WireType.Varint, reader.WireType);
            Assert.Equal(value, reader.ReadInt64());
            Assert.False(reader.NextField());
        }

        [Fact]
        public void String_IsLengthDelimitedUtf8()
        {
            // The guide's example: field 2 = "testing" is 12 07 74 65 73 74 69 6e 67.
            var writer = new ProtoWriter();
            writer.WriteString(2, "testing");
            Assert.Equal("12 07 74 65 73 74 69 6E 67", Hex(writer.ToArray()));
            var reader = new ProtoReader(writer.ToArray(), "Test");
            Assert.True(reader.NextField());
            Assert.Equal("testing", reader.ReadString());
        }

        [Fact]
        public void Float_IsFixed32LittleEndian()
        {
            var writer = new ProtoWriter();
            writer.WriteFloat(2, 1f);
            Assert.Equal("15 00 00 80 3F", Hex(writer.ToArray())); // key (2 << 3) | 5, then 1.0f
            var reader = new ProtoReader(writer.ToArray(), "Test");
            Assert.True(reader.NextField());
            Assert.Equal(1f, reader.ReadFloat());
        }

        [Fact]
        public void RepeatedScalars_ReadTheSamePackedOrNot()
        {
            float[] floats = { 1.5f, -2f, float.Epsilon };
            double[] doubles = { Math.PI, -0.0, double.MaxValue };
            long[] longs = { 3, -4, 1L << 40 };

            var packed = new ProtoWriter();
            packed.WritePackedFloats(4, floats);
            packed.WritePackedDoubles(10, doubles);
            var packedLongs = new ProtoWriter();
            foreach (long value in longs)
            {
                packedLongs.WriteInt64(1, value);
            }
            // A packed int64 run is the varints without keys: strip the one-byte key of each field.
            byte[] runs = StripKeys(packedLongs.ToArray());
            packed.WriteBytes(7, runs);

            var unpacked = new ProtoWriter();
            foreach (float value in floats)
            {
                unpacked.WriteFloat(4, value);
            }
            foreach (long value in longs)
            {
                unpacked.WriteInt64(7, value);
            }

            (List<float> f1, List<double> d1, List<long> l1) = ReadRepeated(packed.ToArray());
            (List<float> f2, _, List<long> l2) = ReadRepeated(unpacked.ToArray());
            Assert.Equal(floats, f1);
            Assert.Equal(floats, f2);
            Assert.Equal(doubles.Select(BitConverter.DoubleToInt64Bits), d1.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(longs, l1);
            Assert.Equal(longs, l2);
        }

        [Theory]
        [InlineData("08", "ends at byte 1 inside the varint of field 1 of Test that starts at byte 1")]
        [InlineData("08 96", "ends at byte 2 inside the varint of field 1 of Test that starts at byte 1")]
        [InlineData("12 07 74 65", "field 2 of Test says it holds 7 bytes from byte 2, but only 2 remain (the file is truncated or corrupted)")]
        [InlineData("15 00 00", "the data ends at byte 3 inside field 2 of Test, which needs 4 bytes from byte 1")]
        [InlineData("1B", "field 3 at byte 0 has wire type 3, which is not one of protobuf's")]
        [InlineData("00", "field number 0 at byte 0 is not a valid protobuf field number")]
        [InlineData("08 FF FF FF FF FF FF FF FF FF 7F", "is longer than ten bytes or exceeds 64 bits")]
        [InlineData("08 FF FF FF FF FF FF FF FF FF FF 01", "is longer than ten bytes or exceeds 64 bits")]
        public void MalformedBytes_AreRefusedWithWhereAndWhat(string hex, string expected)
        {
            OnnxFormatException error = Assert.Throws<OnnxFormatException>(() =>
            {
                var reader = new ProtoReader(Bytes(hex), "Test");
                while (reader.NextField())
                {
                    reader.Skip();
                }
            });
            Assert.StartsWith("Test: ", error.Message);
            Assert.Contains(expected, error.Message);
        }

        [Fact]
        public void WrongWireTypeForAKnownField_IsRefused()
        {
            // ModelProto.ir_version (field 1) written as a string.
            var writer = new ProtoWriter();
            writer.WriteString(1, "8");
            OnnxFormatException error = Assert.Throws<OnnxFormatException>(() => ModelProto.Parse(writer.ToArray()));
            Assert.Contains("field 1 of ModelProto has wire type 2 (LengthDelimited), but that field is Varint (wire type 0) in onnx.proto", error.Message);
        }

        [Fact]
        public void InvalidUtf8_IsRefused()
        {
            var writer = new ProtoWriter();
            writer.WriteBytes(2, new byte[] { 0xC3, 0x28 });
            OnnxFormatException error = Assert.Throws<OnnxFormatException>(() => ModelProto.Parse(writer.ToArray()));
            Assert.Contains("does not hold valid UTF-8", error.Message);
        }

        [Fact]
        public void NestedMessages_ReportOffsetsInTheFile()
        {
            // A graph (field 7) holding a node (field 1) whose name (field 3) claims 9 bytes but has 1.
            byte[] bytes = Bytes("3A 04 0A 02 1A 09");
            OnnxFormatException error = Assert.Throws<OnnxFormatException>(() => ModelProto.Parse(bytes));
            Assert.Equal("GraphProto.node[0] (NodeProto): field 3 of GraphProto.node[0] (NodeProto) says it holds 9 bytes from byte 6, but only 0 remain (the file is truncated or corrupted).", error.Message);
        }

        [Fact]
        public void PyTorchsModel_ParsesIntoItsFields()
        {
            // What onnx.load prints for this file (see make_onnx_refs.py's output): IR 7, opset 13, pytorch 1.13.0,
            // Gemm(transB = 1) -> Relu -> Gemm, initializers 0.weight (7, 5), 0.bias (7), 2.weight (3, 7), 2.bias (3).
            ModelProto model = ModelProto.Parse(File.ReadAllBytes(Reference("relu_bias_float_op13.onnx")));
            Assert.Equal(7, model.IrVersion);
            Assert.Equal(13, Assert.Single(model.OpsetImport).Version);
            Assert.Equal("pytorch", model.ProducerName);
            Assert.Equal("1.13.0", model.ProducerVersion);
            GraphProto graph = model.Graph!;
            Assert.Equal(new[] { "Gemm", "Relu", "Gemm" }, graph.Node.Select(n => n.OpType));
            Assert.Equal(new[] { "/0/Gemm", "/1/Relu", "/2/Gemm" }, graph.Node.Select(n => n.Name));
            Assert.Equal(new[] { "input", "0.weight", "0.bias" }, graph.Node[0].Input);
            Assert.Equal(1, graph.Node[0].FindAttribute("transB")!.I);
            Assert.Equal(AttributeType.Int, graph.Node[0].FindAttribute("transB")!.Type);
            Assert.Equal(1f, graph.Node[0].FindAttribute("alpha")!.F);
            Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }, graph.Initializer.Select(t => t.Name));
            Assert.Equal(new long[] { 7, 5 }, graph.Initializer[0].Dims);
            Assert.Equal(OnnxDataType.Float, graph.Initializer[0].DataType);
            Assert.Equal(35 * 4, graph.Initializer[0].RawData!.Length);
            ValueInfoProto input = Assert.Single(graph.Input);
            Assert.Equal("input", input.Name);
            Assert.Equal(OnnxDataType.Float, input.ElemType);
            Assert.Equal("(batch, 5)", input.ShapeText);
            Assert.Equal("(batch, 3)", Assert.Single(graph.Output).ShapeText);
        }

        [Fact]
        public void TypedData_ParsesFromFloatDataAndDoubleData()
        {
            // make_onnx_refs.py rewrote these initializers with helper.make_tensor(raw=False): float_data, double_data.
            TensorProto single = ModelProto.Parse(File.ReadAllBytes(Reference("relu_bias_float_typed_op13.onnx"))).Graph!.Initializer[0];
            TensorProto raw = ModelProto.Parse(File.ReadAllBytes(Reference("relu_bias_float_op13.onnx"))).Graph!.Initializer[0];
            Assert.Null(single.RawData);
            Assert.Equal(35, single.FloatData.Count);
            for (int i = 0; i < 35; i++)
            {
                Assert.Equal(BitConverter.ToSingle(raw.RawData!, 4 * i), single.FloatData[i]);
            }
            TensorProto wide = ModelProto.Parse(File.ReadAllBytes(Reference("tanh_bias_double_typed_op17.onnx"))).Graph!.Initializer[0];
            Assert.Null(wide.RawData);
            Assert.Equal(24, wide.DoubleData.Count);
            Assert.Equal(OnnxDataType.Double, wide.DataType);
        }

        [Theory]
        [InlineData("relu_bias_float_op13")]
        [InlineData("matmul_add_double_op17")]
        [InlineData("leaky_bias_float_op17")]
        [InlineData("tanh_bias_double_typed_op17")]
        [InlineData("classifier_softmax_float_op13")]
        public void ParseWriteParse_KeepsEveryFieldNetGenReads(string name)
        {
            byte[] original = File.ReadAllBytes(Reference(name + ".onnx"));
            ModelProto first = ModelProto.Parse(original);
            ModelProto second = ModelProto.Parse(first.ToBytes());
            Assert.Equal(Summary(first), Summary(second));
            // And the loader reads the rewritten file as it reads the original.
            Assert.Equal(first.ToBytes(), second.ToBytes());
        }

        [Fact]
        public void UnknownFields_AreSkipped()
        {
            byte[] original = File.ReadAllBytes(Reference("relu_bias_float_op13.onnx"));
            var extra = new ProtoWriter();
            extra.WriteInt64(99, 12345);
            extra.WriteString(100, "metadata NetGen does not read");
            extra.WriteFloat(101, 2.5f);
            extra.WritePackedDoubles(102, new[] { 1.0, 2.0 });
            byte[] extended = original.Concat(extra.ToArray()).ToArray();
            Assert.Equal(Summary(ModelProto.Parse(original)), Summary(ModelProto.Parse(extended)));
        }

        [Fact]
        public void OnnxPackage_ReadsWhatTheWriterWrote()
        {
            // SaveOnnx's file, read back by the onnx package: its fields and every initializer's bytes.
            var net = new OnnxLeakyFloatNet();
            FillParameters(net, 17);
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("leaky.onnx");
            net.SaveOnnx(path);

            string script =
                "import sys, onnx\n" +
                "from onnx import numpy_helper\n" +
                "m = onnx.load(sys.argv[1])\n" +
                "print(m.ir_version, [(o.domain, o.version) for o in m.opset_import], m.producer_name)\n" +
                "print([(n.op_type, list(n.input), list(n.output), [(a.name, onnx.helper.get_attribute_value(a)) for a in n.attribute]) for n in m.graph.node])\n" +
                "print([(i.name, i.type.tensor_type.elem_type, [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim]) for i in list(m.graph.input) + list(m.graph.output)])\n" +
                "for t in m.graph.initializer:\n" +
                "    print(t.name, list(t.dims), t.data_type, numpy_helper.to_array(t).astype('<f4').tobytes().hex())\n";
            (int exitCode, string output) = Python(script, path);
            Assert.True(exitCode == 0, output);
            string[] lines = output.Trim().Split('\n');
            Assert.Equal("8 [('', 17)] NetGen", lines[0]);
            Assert.Equal(
                "[('Gemm', ['input', 'W1', 'B1'], ['Y1'], [('alpha', 1.0), ('beta', 1.0), ('transA', 0), ('transB', 0)]), " +
                "('LeakyRelu', ['Y1'], ['Y2'], [('alpha', 0.10000000149011612)]), " +
                "('Gemm', ['Y2', 'W2', 'B2'], ['output'], [('alpha', 1.0), ('beta', 1.0), ('transA', 0), ('transB', 0)])]",
                lines[1]);
            Assert.Equal("[('input', 1, ['N', 6]), ('output', 1, ['N', 4])]", lines[2]);
            Assert.Equal($"W1 [6, 5] 1 {Hex(net.W1)}", lines[3]);
            Assert.Equal($"B1 [5] 1 {Hex(net.B1)}", lines[4]);
            Assert.Equal($"W2 [5, 4] 1 {Hex(net.W2)}", lines[5]);
            Assert.Equal($"B2 [4] 1 {Hex(net.B2)}", lines[6]);
        }

        internal static (int ExitCode, string Output) Python(string script, params string[] arguments)
        {
            string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
            var start = new System.Diagnostics.ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var process = System.Diagnostics.Process.Start(start)!;
            System.Threading.Tasks.Task<string> error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }

        private static string Hex(Span<float> values)
        {
            var bytes = new byte[values.Length * 4];
            for (int i = 0; i < values.Length; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
            }
            return Convert.ToHexString(bytes).ToLowerInvariant();
        }

        private static string Summary(ModelProto model)
        {
            var text = new System.Text.StringBuilder();
            text.Append($"ir {model.IrVersion}; producer {model.ProducerName} {model.ProducerVersion}; opsets ");
            text.AppendJoin(",", model.OpsetImport.Select(o => $"{o.Domain}:{o.Version}")).Append('\n');
            GraphProto graph = model.Graph!;
            foreach (NodeProto node in graph.Node)
            {
                text.Append($"node {node.Name} {node.OpType} {node.Domain} in [{string.Join(",", node.Input)}] out [{string.Join(",", node.Output)}]");
                foreach (AttributeProto a in node.Attribute)
                {
                    text.Append($" {a.Name}:{a.Type}:{a.F}:{a.I}:{Convert.ToHexString(a.S)}:{string.Join("/", a.Ints)}:{string.Join("/", a.Floats)}");
                }
                text.Append('\n');
            }
            foreach (TensorProto t in graph.Initializer)
            {
                text.Append($"tensor {t.Name} {t.DataType} [{string.Join(",", t.Dims)}] raw {(t.RawData is null ? "none" : Convert.ToHexString(t.RawData))} floats {string.Join("/", t.FloatData)} doubles {string.Join("/", t.DoubleData.Select(d => d.ToString("R")))}\n");
            }
            foreach (ValueInfoProto v in graph.Input.Concat(graph.Output))
            {
                text.Append($"value {v.Name} {v.ElemType} {v.ShapeText}\n");
            }
            return text.ToString();
        }

        private static (List<float>, List<double>, List<long>) ReadRepeated(byte[] bytes)
        {
            var floats = new List<float>();
            var doubles = new List<double>();
            var longs = new List<long>();
            var reader = new ProtoReader(bytes, "Test");
            while (reader.NextField())
            {
                switch (reader.FieldNumber)
                {
                    case 4: reader.ReadFloats(floats); break;
                    case 10: reader.ReadDoubles(doubles); break;
                    case 7: reader.ReadInt64s(longs); break;
                    default: reader.Skip(); break;
                }
            }
            return (floats, doubles, longs);
        }

        private static byte[] StripKeys(byte[] fields)
        {
            var run = new List<byte>();
            var reader = new ProtoReader(fields, "Test");
            while (reader.NextField())
            {
                ulong value = reader.ReadVarint();
                var writer = new ProtoWriter();
                writer.WriteInt64(1, unchecked((long)value));
                run.AddRange(writer.ToArray().Skip(1));
            }
            return run.ToArray();
        }

        private static string Hex(byte[] bytes) => string.Join(" ", bytes.Select(b => b.ToString("X2")));

        private static byte[] Bytes(string hex) => hex.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => Convert.ToByte(h, 16)).ToArray();
    }
}
