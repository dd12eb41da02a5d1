using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace NetGen.Onnx
{
    /// <summary>
    /// Writes a NetGen network as an ONNX model and reads an ONNX model's parameters into one. The generated
    /// <c>SaveOnnx</c> and <c>LoadOnnx</c> call these methods with the network's <see cref="MlpDescription"/> and its
    /// parameter arrays (<c>W1, B1, W2, ...</c>, weights row-major (inputs, outputs)).
    /// </summary>
    /// <remarks>
    /// <para>Written: IR version <see cref="IrVersion"/>, the default operator set at version <see cref="Opset"/>, producer
    /// <c>NetGen</c> and NetGen's version; one input <c>input</c> of shape (N, InputSize) with a dynamic batch dimension
    /// named <c>N</c>; each Dense layer as <c>Gemm</c> (transB = 0, the weight initializer <c>Wk</c> stored (inputs,
    /// outputs) as the network holds it, the bias <c>Bk</c> as its third input); each activation as <c>Relu</c>,
    /// <c>Sigmoid</c>, <c>Tanh</c> or <c>LeakyRelu</c> (alpha as a float attribute, as ONNX defines it); Dropout layers
    /// not at all (they are the identity at inference). The output <c>output</c> (N, OutputSize) is what
    /// <c>Forward</c> returns: the logits for a cross-entropy network, which gets a second output
    /// <c>probabilities</c> = <c>Softmax(output, axis = 1)</c>. Initializers hold raw little-endian FLOAT or DOUBLE
    /// data, the network's precision.</para>
    /// <para>Read: what exporters write for sequential MLPs: <c>Gemm</c> (transA = 0, transB 0 or 1, alpha 1, beta 1,
    /// bias of shape (outputs) or (1, outputs)), <c>MatMul</c> with or without a following <c>Add</c> of a bias,
    /// <c>Relu</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>LeakyRelu</c>, the harmless <c>Identity</c>, <c>Dropout</c> and
    /// <c>Flatten(axis = 1)</c>, <c>Constant</c> nodes as parameters, and for cross-entropy networks a last
    /// <c>Softmax</c> or <c>LogSoftmax</c> over the classes; initializers as raw_data or float_data / double_data, FLOAT
    /// or DOUBLE, converted to the network's precision; default opset versions 9 to 18. The graph is checked against
    /// the declaration layer by layer and everything is checked before anything is returned: the first problem throws
    /// an <see cref="OnnxFormatException"/> naming the file, the ONNX node and the NetGen layer.</para>
    /// </remarks>
    public static class OnnxMlp
    {
        /// <summary>The ONNX IR version NetGen writes (8, ONNX 1.10 to 1.12).</summary>
        public const int IrVersion = 8;

        /// <summary>The version of the default operator set NetGen writes.</summary>
        public const int Opset = 17;

        /// <summary>The oldest default operator set version NetGen reads.</summary>
        public const int OldestOpset = 9;

        /// <summary>The newest default operator set version NetGen reads.</summary>
        public const int NewestOpset = 18;

        /// <summary>The producer name written into every model.</summary>
        public const string ProducerName = "NetGen";

        /// <summary>NetGen's version, written as the producer version.</summary>
        public static string ProducerVersion { get; } = ReadVersion();

        /// <summary>Writes a single-precision network to <paramref name="path"/> as an ONNX model.</summary>
        /// <param name="path">The file to write (replaced if it exists).</param>
        /// <param name="network">The network's layers and element type (<see cref="MlpElementType.Float"/>).</param>
        /// <param name="parameters">W1, B1, W2, ... as the network holds them.</param>
        public static void Save(string path, MlpDescription network, IReadOnlyList<float[]> parameters)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }
            File.WriteAllBytes(path, Serialize(network, parameters));
        }

        /// <summary>Writes a double-precision network to <paramref name="path"/> as an ONNX model.</summary>
        /// <param name="path">The file to write (replaced if it exists).</param>
        /// <param name="network">The network's layers and element type (<see cref="MlpElementType.Double"/>).</param>
        /// <param name="parameters">W1, B1, W2, ... as the network holds them.</param>
        public static void Save(string path, MlpDescription network, IReadOnlyList<double[]> parameters)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }
            File.WriteAllBytes(path, Serialize(network, parameters));
        }

        /// <summary>The ONNX model of a single-precision network, as the bytes <see cref="Save(string, MlpDescription, IReadOnlyList{float[]})"/> writes.</summary>
        public static byte[] Serialize(MlpDescription network, IReadOnlyList<float[]> parameters)
        {
            CheckParameters(network, MlpElementType.Float, parameters?.Select(p => p?.Length).ToArray(), nameof(parameters));
            return OnnxMlpWriter.Write(network, index =>
            {
                float[] values = parameters![index];
                var bytes = new byte[values.Length * 4];
                for (int i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
                }
                return bytes;
            });
        }

        /// <summary>The ONNX model of a double-precision network, as the bytes <see cref="Save(string, MlpDescription, IReadOnlyList{double[]})"/> writes.</summary>
        public static byte[] Serialize(MlpDescription network, IReadOnlyList<double[]> parameters)
        {
            CheckParameters(network, MlpElementType.Double, parameters?.Select(p => p?.Length).ToArray(), nameof(parameters));
            return OnnxMlpWriter.Write(network, index =>
            {
                double[] values = parameters![index];
                var bytes = new byte[values.Length * 8];
                for (int i = 0; i < values.Length; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
                }
                return bytes;
            });
        }

        /// <summary>Reads the parameters of a single-precision network from the ONNX model in <paramref name="path"/>.</summary>
        /// <param name="path">The ONNX file.</param>
        /// <param name="network">The network the model must match (<see cref="MlpElementType.Float"/>).</param>
        /// <returns>W1, B1, W2, ... in the network's layout; DOUBLE values rounded to the nearest float.</returns>
        /// <exception cref="OnnxFormatException">The file is not a valid ONNX model, or not one of this network.</exception>
        public static float[][] ReadSingle(string path, MlpDescription network)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }
            return ReadSingle(File.ReadAllBytes(path), network, path);
        }

        /// <summary>Reads the parameters of a double-precision network from the ONNX model in <paramref name="path"/>.</summary>
        /// <param name="path">The ONNX file.</param>
        /// <param name="network">The network the model must match (<see cref="MlpElementType.Double"/>).</param>
        /// <returns>W1, B1, W2, ... in the network's layout; FLOAT values widened exactly.</returns>
        /// <exception cref="OnnxFormatException">The file is not a valid ONNX model, or not one of this network.</exception>
        public static double[][] ReadDouble(string path, MlpDescription network)
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }
            return ReadDouble(File.ReadAllBytes(path), network, path);
        }

        /// <summary>Reads the parameters of a single-precision network from an ONNX model's bytes.</summary>
        /// <param name="model">The encoded ModelProto.</param>
        /// <param name="network">The network the model must match.</param>
        /// <param name="sourceName">What the messages call the model, e.g. its file name.</param>
        public static float[][] ReadSingle(ReadOnlySpan<byte> model, MlpDescription network, string sourceName)
        {
            CheckElementType(network, MlpElementType.Float);
            double[][] values = OnnxMlpReader.Read(model, network, sourceName, out string[] tensorNames);
            var narrow = new float[values.Length][];
            for (int p = 0; p < values.Length; p++)
            {
                narrow[p] = new float[values[p].Length];
                for (int i = 0; i < values[p].Length; i++)
                {
                    float value = (float)values[p][i];
                    if (float.IsInfinity(value) && !double.IsInfinity(values[p][i]))
                    {
                        throw new OnnxFormatException(
                            $"{sourceName}: initializer '{tensorNames[p]}' holds {MlpLayer.Number(values[p][i])} at flat index {i}, beyond the range of float; {network.NetworkName} is a single-precision network.");
                    }
                    narrow[p][i] = value;
                }
            }
            return narrow;
        }

        /// <summary>Reads the parameters of a double-precision network from an ONNX model's bytes.</summary>
        /// <param name="model">The encoded ModelProto.</param>
        /// <param name="network">The network the model must match.</param>
        /// <param name="sourceName">What the messages call the model, e.g. its file name.</param>
        public static double[][] ReadDouble(ReadOnlySpan<byte> model, MlpDescription network, string sourceName)
        {
            CheckElementType(network, MlpElementType.Double);
            return OnnxMlpReader.Read(model, network, sourceName, out _);
        }

        private static void CheckElementType(MlpDescription network, MlpElementType expected)
        {
            if (network is null)
            {
                throw new ArgumentNullException(nameof(network));
            }
            if (network.ElementType != expected)
            {
                throw new ArgumentException($"{network.NetworkName} is a {network.ElementType} network; this method is for {expected} networks.", nameof(network));
            }
        }

        private static void CheckParameters(MlpDescription network, MlpElementType expected, int?[]? lengths, string parameterName)
        {
            CheckElementType(network, expected);
            if (lengths is null)
            {
                throw new ArgumentNullException(parameterName);
            }
            IReadOnlyList<(string Name, int Length)> declared = network.Parameters;
            if (lengths.Length != declared.Count)
            {
                throw new ArgumentException($"{network.NetworkName} has {declared.Count} parameter tensors ({string.Join(", ", declared.Select(p => p.Name))}), but {lengths.Length} arrays were given.", parameterName);
            }
            for (int i = 0; i < lengths.Length; i++)
            {
                if (lengths[i] != declared[i].Length)
                {
                    throw new ArgumentException($"{declared[i].Name} of {network.NetworkName} must hold {declared[i].Length} values, but the array given holds {(lengths[i] is int n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none (null)")}.", parameterName);
                }
            }
        }

        private static string ReadVersion()
        {
            string? version = typeof(OnnxMlp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(version))
            {
                return typeof(OnnxMlp).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            }
            int plus = version!.IndexOf('+');
            return plus < 0 ? version : version.Substring(0, plus);
        }
    }
}
