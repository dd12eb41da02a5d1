using System;
using System.Collections.Generic;

namespace NetGen.Onnx
{
    // The subset of onnx.proto (ONNX 1.12, IR version 8) NetGen reads and writes, with the field numbers of the
    // specification. Fields NetGen does not need are skipped when read and never written. Each message parses itself
    // from a ProtoReader and writes itself to a ProtoWriter.

    /// <summary>TensorProto.DataType values NetGen names in messages.</summary>
    internal static class OnnxDataType
    {
        public const int Undefined = 0;
        public const int Float = 1;
        public const int Double = 11;

        private static readonly string[] Names =
        {
            "UNDEFINED", "FLOAT", "UINT8", "INT8", "UINT16", "INT16", "INT32", "INT64", "STRING", "BOOL", "FLOAT16",
            "DOUBLE", "UINT32", "UINT64", "COMPLEX64", "COMPLEX128", "BFLOAT16",
        };

        /// <summary>The name onnx.proto gives a data type: <c>FLOAT</c>, <c>INT64</c>, or the number if unknown.</summary>
        public static string Name(int dataType) =>
            dataType >= 0 && dataType < Names.Length ? Names[dataType] : "data type " + dataType;
    }

    /// <summary>ModelProto: the IR version, the opsets, who wrote it, and the graph.</summary>
    internal sealed class ModelProto
    {
        public long IrVersion { get; set; }

        public List<OperatorSetIdProto> OpsetImport { get; } = new();

        public string ProducerName { get; set; } = "";

        public string ProducerVersion { get; set; } = "";

        public string DocString { get; set; } = "";

        public GraphProto? Graph { get; set; }

        /// <summary>Whether the file holds training_info or functions, which NetGen does not read.</summary>
        public bool HasFunctions { get; private set; }

        public static ModelProto Parse(ReadOnlySpan<byte> bytes)
        {
            var reader = new ProtoReader(bytes, "ModelProto");
            var model = new ModelProto();
            while (reader.NextField())
            {
                switch (reader.FieldNumber)
                {
                    case 1: model.IrVersion = reader.ReadInt64(); break;
                    case 2: model.ProducerName = reader.ReadString(); break;
                    case 3: model.ProducerVersion = reader.ReadString(); break;
                    case 6: model.DocString = reader.ReadString(); break;
                    case 7: model.Graph = GraphProto.Parse(reader.ReadMessage("ModelProto.graph (GraphProto)")); break;
                    case 8: model.OpsetImport.Add(OperatorSetIdProto.Parse(reader.ReadMessage("ModelProto.opset_import (OperatorSetIdProto)"))); break;
                    case 25: model.HasFunctions = true; reader.Skip(); break;
                    default: reader.Skip(); break;
                }
            }
            return model;
        }

        public byte[] ToBytes()
        {
            var writer = new ProtoWriter();
            writer.WriteInt64(1, IrVersion);
            writer.WriteString(2, ProducerName);
            writer.WriteString(3, ProducerVersion);
            if (DocString.Length > 0)
            {
                writer.WriteString(6, DocString);
            }
            if (Graph is GraphProto graph)
            {
                writer.WriteMessage(7, graph.Write);
            }
            foreach (OperatorSetIdProto opset in OpsetImport)
            {
                writer.WriteMessage(8, opset.Write);
            }
            return writer.ToArray();
        }
    }

    /// <summary>OperatorSetIdProto: an operator set's domain (empty for the default <c>ai.onnx</c>) and version.</summary>
    internal sealed class OperatorSetIdProto
    {
        public string Domain { get; set; } = "";

        public long Version { get; set; }

        public static OperatorSetIdProto Parse(ProtoReader reader)
        {
            var opset = new OperatorSetIdProto();
            while (reader.NextField())
            {
                switch (reader.FieldNumber)
                {
                    case 1: opset.Domain = reader.ReadString(); break;
                    case 2: opset.Version = reader.ReadInt64(); break;
                    default: reader.Skip(); break;
                }
            }
            return opset;
        }

        public void Write(ProtoWriter writer)
        {
            writer.WriteString(1, Domain);
            writer.WriteInt64(2, Version);
        }
    }

    /// <summary>GraphProto: nodes in topological order, initializers, inputs and outputs.</summary>
    internal sealed class GraphProto
    {
        public List<NodeProto> Node { get; } = new();

        public string Name { get; set; } = "";

        public List<TensorProto> Initializer { get; } = new();

        public List<ValueInfoProto> Input { get; } = new();

        public List<ValueInfoProto> Output { get; } = new();

        /// <summary>How many sparse initializers the graph holds (NetGen reads none).</summary>
        public int SparseInitializerCount { get; private set; }

        public static GraphProto Parse(ProtoReader reader)
        {
            var graph = new GraphProto();
            while (reader.NextField())
            {
                switch (reader.FieldNumber)
                {
                    case 1: graph.Node.Add(NodeProto.Parse(reader.ReadMessage($"GraphProto.node[{graph.Node.Count}] (NodeProto)"))); break;
                    case 2: graph.Name = reader.ReadString(); break;
                    case 5: graph.Initializer.Add(TensorProto.Parse(reader.ReadMessage($"GraphProto.initializer[{graph.Initializer.Count}] (TensorProto)"))); break;
                    case 11: graph.Input.Add(ValueInfoProto.Parse(reader.ReadMessage($"GraphProto.input[{graph.Input.Count}] (ValueInfoProto)"))); break;
                    case 12: graph.Output.Add(ValueInfoProto.Parse(reader.ReadMessage($"GraphProto.output[{graph.Output.Count}] (ValueInfoProto)"))); break;
                    case 15: graph.SparseInitializerCount++; reader.Skip(); break;
                    default: reader.Skip(); break;
                }
            }
            return graph;
        }

        public void Write(ProtoWriter writer)
        {
            foreach (NodeProto node in Node)
            {
                writer.WriteMessage(1, node.Write);
            }
            writer.WriteString(2, Name);
            foreach (TensorProto tensor in Initializer)
            {
                writer.WriteMessage(5, tensor.Write);
            }
            foreach (ValueInfoProto input in Input)
            {
                writer.WriteMessage(11, input.Write);
            }
            foreach (ValueInfoProto output in Output)
            {
                writer.WriteMessage(12, output.Write);
            }
        }
    }

    /// <summary>NodeProto: one operator application.</summary>
    internal sealed class NodeProto
    {
        public List<string> Input { get; } = new();

        public List<string> Output { get; } = new();

        public string Name { get; set; } = "";

        public string OpType { get; set; } = "";

        public string Domain { get; set; } = "";

        public List<AttributeProto> Attribute { get; } = new();

        public static NodeProto Parse(ProtoReader reader)
        {
            var node = new NodeProto();
            while (reader.NextField())
            {
                switch (reader.FieldNumber)
                {
                    case 1: node.Input.Add(reader.ReadString()); break;
                    case 2: node.Output.Add(reader.ReadString()); break;
                    case 3: node.Name = reader.ReadString(); break;
                    case 4: node.OpType = reader.ReadString(); break;
                    case 5: node.Attribute.Add(AttributeProto.Parse(reader.ReadMessage($"NodeProto.attribute[{node.Attribute.Count}] (AttributeProto)"))); break;
                    case 7: node.Domain = reader.ReadString(); break;
                    default: reader.Skip(); break;
                }
            }
            return node;
        }

        public void Write(ProtoWriter writer)
        {
            foreach (string input in Input)
            {
                writer.WriteString(1, input);
            }
            foreach (string output in Output)
            {
                writer.WriteString(2, output);
            }
            writer.WriteString(3, Name);
            writer.WriteString(4, OpType);
            foreach (AttributeProto attribute in Attribute)
            {
                writer.WriteMessage(5, attribute.Write);
            }
            if (Domain.Length > 0)
            {
                writer.WriteString(7, Domain);
            }
        }

        /// <summary>The attribute named <paramref name="name"/>, or null.</summary>
        public AttributeProto? FindAttribute(string name) => Attribute.Find(a => a.Name == name);
    }

    /// <summary>AttributeProto.AttributeType values NetGen uses.</summary>
    internal enum AttributeType
    {
        Undefined = 0,
        Float = 1,
        Int = 2,
        String = 3,
        Tensor = 4,
        Graph = 5,
        Floats = 6,
        Ints = 7,
        Strings = 8,
    }

    /// <summary>AttributeProto: a named float, int, string, tensor or list attribute of a node.</summary>
    internal sealed class AttributeProto
    {
        public string Name { get; set; } = "";

        public AttributeType Type { get; set; }

        public float F { get; set; }

        public long I { get; set; }

        public byte[] S { get; set; } = Array.Empty<byte>();

        public TensorProto? T { get; set; }

        public List<float> Floats { get; } = new();

        public List<long> Ints { get; } = new();

        /// <summary>Whether the attribute refers to a function's attribute (ref_attr_name) instead of holding a value.</summary>
        public bool IsReference { get; private set; }

        public static AttributeProto Parse(ProtoReader reader)
        {
            var attribute = new AttributeProto();
            while (reader.NextField())
            {
                switch (reader.FieldNumber)
                {
                    case 1: attribute.Name = reader.ReadString(); break;
                    case 2: attribute.F = reader.ReadFloat(); break;
                    case 3: attribute.I = reader.ReadInt64(); break;
                    case 4: attribute.S = reader.ReadBytes().ToArray(); break;
                    case 5: attribute.T = TensorProto.Parse(reader.ReadMessage("AttributeProto.t (TensorProto)")); break;
                    case 7: reader.ReadFloats(attribute.Floats); break;
                    case 8: reader.ReadInt64s(attribute.Ints); break;
                    case 20: attribute.Type = (AttributeType)reader.ReadInt32(); break;
                    case 21: attribute.IsReference = true; reader.Skip(); break;
                    default: reader.Skip(); break;
                }
            }
            return attribute;
        }

        public void Write(ProtoWriter writer)
        {
            writer.WriteString(1, Name);
            switch (Type)
            {
                case AttributeType.Float:
                    writer.WriteFloat(2, F);
                    break;
                case AttributeType.Int:
                    writer.WriteInt64(3, I);
                    break;
                case AttributeType.String:
                    writer.WriteBytes(4, S);
                    break;
                case AttributeType.Tensor when T is not null:
                    writer.WriteMessage(5, T.Write);
                    break;
                case AttributeType.Floats:
                    foreach (float value in Floats)
                    {
                        writer.WriteFloat(7, value);
                    }
                    break;
                case AttributeType.Ints:
                    foreach (long value in Ints)
                    {
                        writer.WriteInt64(8, value);
                    }
                    break;
                default:
                    throw new InvalidOperationException($"Attribute '{Name}' of type {Type} cannot be written.");
            }
            writer.WriteInt64(20, (long)Type);
        }

        public static AttributeProto Of(string name, float value) => new() { Name = name, Type = AttributeType.Float, F = value };

        public static AttributeProto Of(string name, long value) => new() { Name = name, Type = AttributeType.Int, I = value };
    }

    /// <summary>TensorProto: dims, data type, name, and the values as raw_data or typed float_data / double_data.</summary>
    internal sealed class TensorProto
    {
        public List<long> Dims { get; } = new();

        public int DataType { get; set; }

        public string Name { get; set; } = "";

        /// <summary>raw_data, or null when the field is absent.</summary>
        public byte[]? RawData { get; set; }

        public List<float> FloatData { get; } = new();

        public List<double> DoubleData { get; } = new();

        /// <summary>How many values int32_data, int64_data, uint64_data and string_data hold together.</summary>
        public int OtherTypedCount { get; private set; }

        /// <summary>Whether the values are stored in another file (data_location = EXTERNAL or external_data entries).</summary>
        public bool IsExternal { get; set; }

        /// <summary>Whether the tensor is one segment of a larger tensor (segment field).</summary>
        public bool IsSegment { get; private set; }

        public static TensorProto Parse(ProtoReader reader)
        {
            var tensor = new TensorProto();
            var others = new List<long>();
            while (reader.NextField())
            {
                switch (reader.FieldNumber)
                {
                    case 1: reader.ReadInt64s(tensor.Dims); break;
                    case 2: tensor.DataType = reader.ReadInt32(); break;
                    case 3: tensor.IsSegment = true; reader.Skip(); break;
                    case 4: reader.ReadFloats(tensor.FloatData); break;
                    case 5:
                    case 7:
                    case 11:
                        reader.ReadInt64s(others);
                        break;
                    case 6: tensor.OtherTypedCount++; reader.Skip(); break;
                    case 8: tensor.Name = reader.ReadString(); break;
                    case 9: tensor.RawData = reader.ReadBytes().ToArray(); break;
                    case 10: reader.ReadDoubles(tensor.DoubleData); break;
                    case 13: tensor.IsExternal = true; reader.Skip(); break;
                    case 14: tensor.IsExternal |= reader.ReadInt64() == 1; break;
                    default: reader.Skip(); break;
                }
            }
            tensor.OtherTypedCount += others.Count;
            return tensor;
        }

        public void Write(ProtoWriter writer)
        {
            foreach (long dim in Dims)
            {
                writer.WriteInt64(1, dim);
            }
            writer.WriteInt64(2, DataType);
            if (FloatData.Count > 0)
            {
                writer.WritePackedFloats(4, FloatData.ToArray());
            }
            writer.WriteString(8, Name);
            if (RawData is not null)
            {
                writer.WriteBytes(9, RawData);
            }
            if (DoubleData.Count > 0)
            {
                writer.WritePackedDoubles(10, DoubleData.ToArray());
            }
            if (IsExternal)
            {
                writer.WriteInt64(14, 1); // data_location = EXTERNAL
            }
        }
    }

    /// <summary>ValueInfoProto: a graph input's or output's name and tensor type (element type and shape).</summary>
    internal sealed class ValueInfoProto
    {
        public string Name { get; set; } = "";

        /// <summary>TypeProto.tensor_type.elem_type; 0 when the value is not a tensor or the type is absent.</summary>
        public int ElemType { get; set; }

        /// <summary>Whether the type is a tensor type (not a sequence, map, optional or sparse tensor).</summary>
        public bool IsTensor { get; set; }

        /// <summary>The shape's dimensions, or null when the type states no shape.</summary>
        public List<Dimension>? Shape { get; set; }

        public static ValueInfoProto Parse(ProtoReader reader)
        {
            var value = new ValueInfoProto();
            while (reader.NextField())
            {
                switch (reader.FieldNumber)
                {
                    case 1: value.Name = reader.ReadString(); break;
                    case 2: value.ParseType(reader.ReadMessage("ValueInfoProto.type (TypeProto)")); break;
                    default: reader.Skip(); break;
                }
            }
            return value;
        }

        private void ParseType(ProtoReader type)
        {
            while (type.NextField())
            {
                if (type.FieldNumber != 1)
                {
                    type.Skip();
                    continue;
                }
                IsTensor = true;
                ProtoReader tensor = type.ReadMessage("TypeProto.tensor_type (TypeProto.Tensor)");
                while (tensor.NextField())
                {
                    switch (tensor.FieldNumber)
                    {
                        case 1: ElemType = tensor.ReadInt32(); break;
                        case 2:
                            Shape = new List<Dimension>();
                            ProtoReader shape = tensor.ReadMessage("TypeProto.Tensor.shape (TensorShapeProto)");
                            while (shape.NextField())
                            {
                                if (shape.FieldNumber == 1)
                                {
                                    Shape.Add(Dimension.Parse(shape.ReadMessage($"TensorShapeProto.dim[{Shape.Count}] (Dimension)")));
                                }
                                else
                                {
                                    shape.Skip();
                                }
                            }
                            break;
                        default: tensor.Skip(); break;
                    }
                }
            }
        }

        public void Write(ProtoWriter writer)
        {
            writer.WriteString(1, Name);
            writer.WriteMessage(2, type => type.WriteMessage(1, tensor =>
            {
                tensor.WriteInt64(1, ElemType);
                if (Shape is not null)
                {
                    tensor.WriteMessage(2, shape =>
                    {
                        foreach (Dimension dim in Shape)
                        {
                            shape.WriteMessage(1, dim.Write);
                        }
                    });
                }
            }));
        }

        /// <summary>The shape as text: <c>(N, 784)</c>, <c>(?, 10)</c> for a dimension with neither value nor name.</summary>
        public string ShapeText => Shape is null ? "(no shape)" : "(" + string.Join(", ", Shape.ConvertAll(d => d.ToString())) + ")";
    }

    /// <summary>TensorShapeProto.Dimension: a fixed size (dim_value), a named dynamic size (dim_param), or neither.</summary>
    internal sealed class Dimension
    {
        public long? Value { get; set; }

        public string? Param { get; set; }

        public static Dimension Parse(ProtoReader reader)
        {
            var dim = new Dimension();
            while (reader.NextField())
            {
                switch (reader.FieldNumber)
                {
                    case 1: dim.Value = reader.ReadInt64(); dim.Param = null; break;
                    case 2: dim.Param = reader.ReadString(); dim.Value = null; break;
                    default: reader.Skip(); break;
                }
            }
            return dim;
        }

        public void Write(ProtoWriter writer)
        {
            if (Value is long value)
            {
                writer.WriteInt64(1, value);
            }
            else if (Param is string param)
            {
                writer.WriteString(2, param);
            }
        }

        public override string ToString() => Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Param ?? "?";
    }
}
