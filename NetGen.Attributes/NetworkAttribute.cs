using System;

namespace NetGen
{
    /// <summary>
    /// Marks a <c>partial class</c> as a NetGen network. The layer attributes that follow it, in source order,
    /// describe the network; the last one is its loss. NetGen generates <c>Forward</c>, <c>Loss</c>,
    /// <c>Backward</c>, <c>Step</c> and <c>TrainStep</c> specialized for the declared sizes.
    /// </summary>
    /// <example>
    /// <code>
    /// [Network(BatchSize = 64)]
    /// [Dense(1000, 100)]
    /// [ReLU]
    /// [Dense(100, 10)]
    /// [SquaredErrorLoss]
    /// public partial class TwoLayerNet { }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class NetworkAttribute : Attribute
    {
        /// <summary>The number of examples (rows of the input) that one call processes. Required, positive.</summary>
        public int BatchSize { get; set; }

        /// <summary>The element type of every buffer: <see cref="Precision.Double"/> (the default) or <see cref="Precision.Single"/>.</summary>
        public Precision Precision { get; set; } = Precision.Double;

        /// <summary>
        /// The threads <c>TrainStep</c> and <c>Forward</c> run on: 1 (the default) runs them on the caller's thread only.
        /// With more, each thread sums the first layer over an equal band of its weights' rows, takes an equal share of
        /// the batch's rows through the other layers (and, training, back through the chain rule), then computes and
        /// steps an equal band of every weight matrix's rows. The numbers are those of one thread up to the rounding of
        /// the first layer's sum. The extra threads are started by the first call, wait briefly between steps and sleep
        /// when training pauses. Between 1 and <see cref="BatchSize"/>, at most 64.
        /// </summary>
        public int Threads { get; set; } = 1;
    }

    /// <summary>The floating-point type a network computes in.</summary>
    public enum Precision
    {
        /// <summary>64-bit <c>double</c>: the precision NumPy uses by default.</summary>
        Double = 0,

        /// <summary>32-bit <c>float</c>: half the memory traffic, twice the SIMD width.</summary>
        Single = 1,
    }
}
