namespace NetGen.Generator.Model
{
    /// <summary>What kind of step a layer attribute declares.</summary>
    internal enum LayerKind
    {
        Dense,
        ReLU,
        Sigmoid,
        Tanh,
        LeakyReLU,
        Dropout,
    }

    /// <summary>The loss that closes a network.</summary>
    internal enum LossKind
    {
        SquaredError,
        SoftmaxCrossEntropy,
    }

    /// <summary>How the loss combines the terms of a batch.</summary>
    internal enum LossReduction
    {
        Sum,
        Mean,
    }

    /// <summary>The element type of a network's buffers.</summary>
    internal enum ElementType
    {
        Double,
        Single,
    }

    /// <summary>
    /// One layer in declaration order. <see cref="Inputs"/> and <see cref="Outputs"/> are features per example
    /// (for an activation both equal the previous layer's outputs). <see cref="Index"/> is the layer's position
    /// counting from 1, which names its output buffer <c>Y{Index}</c>; <see cref="ParameterIndex"/> numbers the
    /// Dense layers from 1 and names their parameters <c>W{ParameterIndex}</c>, <c>B{ParameterIndex}</c>.
    /// </summary>
    internal sealed record LayerModel(LayerKind Kind, int Index, int ParameterIndex, int Inputs, int Outputs, bool Bias)
    {
        /// <summary>The slope of a <see cref="LayerKind.LeakyReLU"/> for negative inputs; 0 for every other kind.</summary>
        public double Alpha { get; init; }

        /// <summary>The probability that a <see cref="LayerKind.Dropout"/> drops a value; 0 for every other kind.</summary>
        public double Probability { get; init; }

        /// <summary>The seed a <see cref="LayerKind.Dropout"/>'s mask stream starts from; 0 for every other kind.</summary>
        public int Seed { get; init; }

        /// <summary>True for the element-wise activations: ReLU, Sigmoid, Tanh and LeakyReLU.</summary>
        public bool IsActivation => Kind != LayerKind.Dense && Kind != LayerKind.Dropout;
    }

    /// <summary>A type that contains the network class, outermost first, e.g. <c>partial class Outer</c>.</summary>
    internal sealed record ContainingTypeModel(string Keyword, string Name);

    /// <summary>
    /// Everything the emitter needs to write one network, and nothing from Roslyn: strings, numbers, enums and
    /// equatable arrays only, so that the incremental pipeline can compare two models by value.
    /// </summary>
    internal sealed record NetworkModel(
        string? Namespace,
        EquatableArray<ContainingTypeModel> ContainingTypes,
        string ClassName,
        string Accessibility,
        int BatchSize,
        ElementType ElementType,
        EquatableArray<LayerModel> Layers,
        LossKind Loss)
    {
        /// <summary>How Step updates the parameters; plain SGD unless the class declares an optimizer attribute.</summary>
        public OptimizerModel Optimizer { get; init; } = OptimizerModel.Sgd;

        /// <summary>Whether the loss is the sum (the default) or the mean of its terms.</summary>
        public LossReduction Reduction { get; init; } = LossReduction.Sum;

        /// <summary>The threads TrainStep runs on (<c>[Network(Threads = 2)]</c>); 1 unless declared.</summary>
        public int Threads { get; init; } = 1;

        public int InputSize => Layers[0].Inputs;

        public int OutputSize => Layers[Layers.Count - 1].Outputs;

        /// <summary>The generated file's hint name: namespace, containing types and class, dot-separated.</summary>
        public string HintName
        {
            get
            {
                var name = new System.Text.StringBuilder();
                if (Namespace is not null)
                {
                    name.Append(Namespace).Append('.');
                }
                foreach (ContainingTypeModel container in ContainingTypes)
                {
                    name.Append(container.Name).Append('.');
                }
                return name.Append(ClassName).Append(".g.cs").ToString();
            }
        }
    }
}
