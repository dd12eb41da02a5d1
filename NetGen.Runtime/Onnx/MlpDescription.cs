using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NetGen.Onnx
{
    /// <summary>The kinds of layer a NetGen network declares.</summary>
    public enum MlpLayerKind
    {
        /// <summary><c>[Dense(inputs, outputs)]</c>: <c>Y = X · W (+ b)</c>, W row-major (inputs, outputs).</summary>
        Dense,

        /// <summary><c>[ReLU]</c>.</summary>
        Relu,

        /// <summary><c>[Sigmoid]</c>.</summary>
        Sigmoid,

        /// <summary><c>[Tanh]</c>.</summary>
        Tanh,

        /// <summary><c>[LeakyReLU(alpha)]</c>.</summary>
        LeakyRelu,

        /// <summary><c>[Dropout(p)]</c>: the identity at inference, so it has no node in an ONNX model.</summary>
        Dropout,
    }

    /// <summary>The element type of a network's parameters and buffers.</summary>
    public enum MlpElementType
    {
        /// <summary><c>float</c> (<c>Precision.Single</c>), ONNX's FLOAT.</summary>
        Float,

        /// <summary><c>double</c> (<c>Precision.Double</c>), ONNX's DOUBLE.</summary>
        Double,
    }

    /// <summary>One layer of a <see cref="MlpDescription"/>, as the network declares it.</summary>
    public sealed class MlpLayer
    {
        private MlpLayer(MlpLayerKind kind, int inputs, int outputs, bool bias, double alpha)
        {
            Kind = kind;
            Inputs = inputs;
            Outputs = outputs;
            Bias = bias;
            Alpha = alpha;
        }

        /// <summary>The layer's kind.</summary>
        public MlpLayerKind Kind { get; }

        /// <summary>A Dense layer's inputs per example; 0 for the other kinds.</summary>
        public int Inputs { get; }

        /// <summary>A Dense layer's outputs per example; 0 for the other kinds.</summary>
        public int Outputs { get; }

        /// <summary>Whether a Dense layer adds a bias.</summary>
        public bool Bias { get; }

        /// <summary>LeakyReLU's slope for negative inputs, or Dropout's probability; 0 for the other kinds.</summary>
        public double Alpha { get; }

        /// <summary>A Dense layer of the given sizes.</summary>
        public static MlpLayer Dense(int inputs, int outputs, bool bias)
        {
            if (inputs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "A Dense layer has at least one input.");
            }
            if (outputs <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "A Dense layer has at least one output.");
            }
            return new MlpLayer(MlpLayerKind.Dense, inputs, outputs, bias, 0);
        }

        /// <summary>A ReLU.</summary>
        public static MlpLayer Relu() => new(MlpLayerKind.Relu, 0, 0, false, 0);

        /// <summary>A logistic sigmoid.</summary>
        public static MlpLayer Sigmoid() => new(MlpLayerKind.Sigmoid, 0, 0, false, 0);

        /// <summary>A hyperbolic tangent.</summary>
        public static MlpLayer Tanh() => new(MlpLayerKind.Tanh, 0, 0, false, 0);

        /// <summary>A leaky ReLU with slope <paramref name="alpha"/> for negative inputs.</summary>
        public static MlpLayer LeakyRelu(double alpha)
        {
            if (double.IsNaN(alpha) || double.IsInfinity(alpha))
            {
                throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "LeakyReLU's alpha is a finite number.");
            }
            return new MlpLayer(MlpLayerKind.LeakyRelu, 0, 0, false, alpha);
        }

        /// <summary>A dropout layer with drop probability <paramref name="probability"/> (the identity at inference).</summary>
        public static MlpLayer Dropout(double probability) => new(MlpLayerKind.Dropout, 0, 0, false, probability);

        /// <summary>The layer as its attribute is written: <c>[Dense(784, 256, Bias = true)]</c>, <c>[LeakyReLU(0.1)]</c>.</summary>
        public override string ToString() => Kind switch
        {
            MlpLayerKind.Dense => Bias ? $"[Dense({Inputs}, {Outputs}, Bias = true)]" : $"[Dense({Inputs}, {Outputs})]",
            MlpLayerKind.Relu => "[ReLU]",
            MlpLayerKind.Sigmoid => "[Sigmoid]",
            MlpLayerKind.Tanh => "[Tanh]",
            MlpLayerKind.LeakyRelu => $"[LeakyReLU({Number(Alpha)})]",
            _ => $"[Dropout({Number(Alpha)})]",
        };

        internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// What a generated network tells <see cref="OnnxMlp"/> about itself: its name, element type, layers in declaration
    /// order and whether its output feeds a softmax cross-entropy loss. The parameters travel as one array per tensor in
    /// the order <c>W1, B1 (if declared), W2, B2, ...</c>, each weight row-major (inputs, outputs).
    /// </summary>
    public sealed class MlpDescription
    {
        /// <summary>Describes a network; the layers must start with a Dense layer and their sizes must chain.</summary>
        /// <param name="networkName">The network class's name, used in messages and as the ONNX graph's name.</param>
        /// <param name="elementType">The element type of the network's parameters.</param>
        /// <param name="crossEntropy">Whether the network's loss is softmax cross-entropy (its output is logits).</param>
        /// <param name="layers">The layers in declaration order.</param>
        public MlpDescription(string networkName, MlpElementType elementType, bool crossEntropy, params MlpLayer[] layers)
        {
            if (networkName is null)
            {
                throw new ArgumentNullException(nameof(networkName));
            }
            if (layers is null)
            {
                throw new ArgumentNullException(nameof(layers));
            }
            if (elementType != MlpElementType.Float && elementType != MlpElementType.Double)
            {
                throw new ArgumentOutOfRangeException(nameof(elementType), elementType, "The element type is Float or Double.");
            }
            MlpLayer[] dense = layers.Where(l => l?.Kind == MlpLayerKind.Dense).ToArray();
            if (dense.Length == 0)
            {
                throw new ArgumentException("A network has at least one Dense layer.", nameof(layers));
            }
            for (int i = 0; i < layers.Length; i++)
            {
                if (layers[i] is null)
                {
                    throw new ArgumentException($"Layer {i + 1} is null.", nameof(layers));
                }
            }
            for (int i = 1; i < dense.Length; i++)
            {
                if (dense[i].Inputs != dense[i - 1].Outputs)
                {
                    throw new ArgumentException($"Dense layer {i + 1}, {dense[i]}, takes {dense[i].Inputs} inputs but the Dense layer before it, {dense[i - 1]}, has {dense[i - 1].Outputs} outputs.", nameof(layers));
                }
            }
            NetworkName = networkName;
            ElementType = elementType;
            CrossEntropy = crossEntropy;
            Layers = Array.AsReadOnly((MlpLayer[])layers.Clone());
        }

        /// <summary>The network class's name.</summary>
        public string NetworkName { get; }

        /// <summary>The element type of the network's parameters.</summary>
        public MlpElementType ElementType { get; }

        /// <summary>Whether the loss is softmax cross-entropy, so that the output is logits.</summary>
        public bool CrossEntropy { get; }

        /// <summary>The layers in declaration order.</summary>
        public IReadOnlyList<MlpLayer> Layers { get; }

        /// <summary>The first Dense layer's inputs.</summary>
        public int InputSize => Layers.First(l => l.Kind == MlpLayerKind.Dense).Inputs;

        /// <summary>The last Dense layer's outputs.</summary>
        public int OutputSize => Layers.Last(l => l.Kind == MlpLayerKind.Dense).Outputs;

        /// <summary>The parameter tensors in the order they travel: <c>W1</c>, <c>B1</c>, <c>W2</c>, ... with their lengths.</summary>
        public IReadOnlyList<(string Name, int Length)> Parameters
        {
            get
            {
                var parameters = new List<(string, int)>();
                int index = 0;
                foreach (MlpLayer layer in Layers.Where(l => l.Kind == MlpLayerKind.Dense))
                {
                    index++;
                    parameters.Add(("W" + index, checked(layer.Inputs * layer.Outputs)));
                    if (layer.Bias)
                    {
                        parameters.Add(("B" + index, layer.Outputs));
                    }
                }
                return parameters;
            }
        }

        /// <summary>The layers as one line: <c>Dense(5, 7, Bias = true) → ReLU → Dense(7, 3)</c>.</summary>
        public override string ToString() => string.Join(" → ", Layers.Select(l => l.ToString().Trim('[', ']')));
    }
}
