using System;

namespace NetGen
{
    /// <summary>
    /// A fully connected layer <c>Y = X · W (+ b)</c>, with <c>W</c> stored row-major as <c>[inputs, outputs]</c>.
    /// The k-th <c>Dense</c> of a network owns the parameters <c>Wk</c> (and <c>Bk</c> when <see cref="Bias"/> is set).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DenseAttribute : Attribute
    {
        /// <summary>Declares a fully connected layer.</summary>
        /// <param name="inputs">Features per example coming in; must equal the previous layer's outputs.</param>
        /// <param name="outputs">Features per example going out.</param>
        public DenseAttribute(int inputs, int outputs)
        {
            Inputs = inputs;
            Outputs = outputs;
        }

        /// <summary>Features per example coming in.</summary>
        public int Inputs { get; }

        /// <summary>Features per example going out.</summary>
        public int Outputs { get; }

        /// <summary>Adds a bias vector <c>b</c> of length <see cref="Outputs"/>: <c>Y = X · W + b</c>.</summary>
        public bool Bias { get; set; }
    }

    /// <summary>The rectified linear unit <c>max(0, y)</c>, applied element by element.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ReLUAttribute : Attribute
    {
    }

    /// <summary>
    /// Squared error summed over the batch and the outputs: <c>L = Σ (y - t)²</c>, the loss of the assignment's
    /// question 7; with <c>Reduction = Reduction.Mean</c> the mean over those elements, <c>L = Σ (y - t)² / (N · J)</c>,
    /// as PyTorch's <c>MSELoss()</c>. Must be the last layer attribute.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SquaredErrorLossAttribute : Attribute
    {
        /// <summary>How the loss of the elements is combined: <see cref="Reduction.Sum"/> (the default) or <see cref="Reduction.Mean"/>.</summary>
        public Reduction Reduction { get; set; } = Reduction.Sum;
    }

    /// <summary>
    /// Softmax cross-entropy summed over the batch: <c>L = Σₙ -log softmax(yₙ)[labelₙ]</c>, computed stably, the loss
    /// of the assignment's question 8; with <c>Reduction = Reduction.Mean</c> the mean over the examples, as PyTorch's
    /// <c>CrossEntropyLoss()</c>. Targets are class indexes. Must be the last layer attribute.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SoftmaxCrossEntropyLossAttribute : Attribute
    {
        /// <summary>How the loss of the examples is combined: <see cref="Reduction.Sum"/> (the default) or <see cref="Reduction.Mean"/>.</summary>
        public Reduction Reduction { get; set; } = Reduction.Sum;
    }

    /// <summary>How a loss combines the terms of a batch. The gradients follow the loss: a mean divides them too.</summary>
    public enum Reduction
    {
        /// <summary>The sum of the terms, the assignment's loss (NumPy's <c>.sum()</c>, PyTorch's <c>reduction='sum'</c>).</summary>
        Sum = 0,

        /// <summary>
        /// The mean, PyTorch's default <c>reduction='mean'</c>: squared error divided by the number of elements (examples
        /// × outputs), cross-entropy by the number of examples. A short batch of <c>rows</c> examples divides by its rows.
        /// </summary>
        Mean = 1,
    }

    /// <summary>
    /// Inverted dropout, as PyTorch's <c>nn.Dropout(p)</c>: while the network trains, each value of the previous
    /// layer's output is set to 0 with probability p and the others are multiplied by 1 / (1 - p), so that a value's
    /// expectation is unchanged; Backward passes the gradient through the same units, scaled alike. Off (the identity)
    /// when the network's <c>Training</c> property is false, and always in <c>Predict</c>. Each Dropout layer draws its
    /// masks from its own SplitMix64 stream, started from <see cref="Seed"/> (and reseeded by <c>SeedDropout</c>), so
    /// training is reproducible and the same on any number of threads. Goes between layers: after a Dense layer or
    /// an activation, before another Dense layer.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class DropoutAttribute : Attribute
    {
        /// <summary>Declares a dropout layer.</summary>
        /// <param name="probability">The probability p that a value is dropped, in [0, 1); PyTorch's default is 0.5.</param>
        public DropoutAttribute(double probability = 0.5)
        {
            Probability = probability;
        }

        /// <summary>The probability p that a value is dropped.</summary>
        public double Probability { get; }

        /// <summary>The seed the layer's mask stream starts from when the network is created; 0 unless given.</summary>
        public int Seed { get; set; }
    }
}
