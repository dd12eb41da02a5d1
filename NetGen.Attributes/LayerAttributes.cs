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
    /// question 7. Must be the last layer attribute.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SquaredErrorLossAttribute : Attribute
    {
    }

    /// <summary>
    /// Softmax cross-entropy summed over the batch: <c>L = Σₙ -log softmax(yₙ)[labelₙ]</c>, computed stably, the loss
    /// of the assignment's question 8. Targets are class indexes. Must be the last layer attribute.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SoftmaxCrossEntropyLossAttribute : Attribute
    {
    }
}
