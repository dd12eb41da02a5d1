using System;

namespace NetGen.Benchmarks
{
    /// <summary>What every benchmarked network offers: one SGD training step on a batch, and its weight buffers.</summary>
    public interface ITrainable
    {
        /// <summary>Forward, loss, backward and one SGD step; returns the loss before the update.</summary>
        double TrainStep(ReadOnlySpan<double> x, ReadOnlySpan<double> target, double learningRate);

        /// <summary>The output for a batch.</summary>
        ReadOnlySpan<double> Forward(ReadOnlySpan<double> x);

        /// <summary>The loss of the last Forward.</summary>
        double Loss(ReadOnlySpan<double> target);

        /// <summary>The gradients of the last Forward.</summary>
        void Backward(ReadOnlySpan<double> x, ReadOnlySpan<double> target);

        /// <summary>One SGD step from the gradients.</summary>
        void Step(double learningRate);
    }

    /// <summary>Question 7: 64 examples, 1000-100-10, ReLU, squared error, no biases (as in the assignment).</summary>
    [Network(BatchSize = 64)]
    [Dense(1000, 100)]
    [ReLU]
    [Dense(100, 10)]
    [SquaredErrorLoss]
    public partial class Question7Net : ITrainable
    {
    }

    /// <summary>An MNIST-sized perceptron with biases: 64 examples, 784-256-128-10.</summary>
    [Network(BatchSize = 64)]
    [Dense(784, 256, Bias = true)]
    [ReLU]
    [Dense(256, 128, Bias = true)]
    [ReLU]
    [Dense(128, 10, Bias = true)]
    [SquaredErrorLoss]
    public partial class Mlp784Net : ITrainable
    {
    }

    /// <summary>A tiny network with a small batch: 8 examples, 20-16-3, with biases.</summary>
    [Network(BatchSize = 8)]
    [Dense(20, 16, Bias = true)]
    [ReLU]
    [Dense(16, 3, Bias = true)]
    [SquaredErrorLoss]
    public partial class Tiny20Net : ITrainable
    {
    }

    // The scaling table: question 7's network with one of batch, inputs or hidden units multiplied by 4 and by 16.

    /// <summary>Batch 256 (×4).</summary>
    [Network(BatchSize = 256)] [Dense(1000, 100)] [ReLU] [Dense(100, 10)] [SquaredErrorLoss]
    public partial class ScaleBatch4Net : ITrainable { }

    /// <summary>Batch 1024 (×16).</summary>
    [Network(BatchSize = 1024)] [Dense(1000, 100)] [ReLU] [Dense(100, 10)] [SquaredErrorLoss]
    public partial class ScaleBatch16Net : ITrainable { }

    /// <summary>4000 inputs (×4).</summary>
    [Network(BatchSize = 64)] [Dense(4000, 100)] [ReLU] [Dense(100, 10)] [SquaredErrorLoss]
    public partial class ScaleInputs4Net : ITrainable { }

    /// <summary>16000 inputs (×16).</summary>
    [Network(BatchSize = 64)] [Dense(16000, 100)] [ReLU] [Dense(100, 10)] [SquaredErrorLoss]
    public partial class ScaleInputs16Net : ITrainable { }

    /// <summary>400 hidden units (×4).</summary>
    [Network(BatchSize = 64)] [Dense(1000, 400)] [ReLU] [Dense(400, 10)] [SquaredErrorLoss]
    public partial class ScaleHidden4Net : ITrainable { }

    /// <summary>1600 hidden units (×16).</summary>
    [Network(BatchSize = 64)] [Dense(1000, 1600)] [ReLU] [Dense(1600, 10)] [SquaredErrorLoss]
    public partial class ScaleHidden16Net : ITrainable { }
}
