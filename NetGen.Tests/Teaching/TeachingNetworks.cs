using NetGen;

namespace NetGen.Tests.Teaching
{
    /// <summary>The layer of the assignment's questions 1–6: Y = X · W with X (2, 2) and W (2, 3). Unrolled.</summary>
    [Network(BatchSize = 2)]
    [Dense(2, 3)]
    [SquaredErrorLoss]
    public partial class Question1Net
    {
    }

    /// <summary>The network of question 7: large layers, squared error.</summary>
    [Network(BatchSize = 64)]
    [Dense(1000, 100)]
    [ReLU]
    [Dense(100, 10)]
    [SquaredErrorLoss]
    public partial class Question7Net
    {
    }

    /// <summary>The network of question 8: large layers, softmax cross-entropy.</summary>
    [Network(BatchSize = 64)]
    [Dense(1000, 100)]
    [ReLU]
    [Dense(100, 10)]
    [SoftmaxCrossEntropyLoss]
    public partial class Question8Net
    {
    }

    /// <summary>
    /// Three hidden layers, one of each code strategy: Dense(3, 4) is unrolled (every size at most 4), Dense(4, 40)
    /// and Dense(30, 3) keep loops, Dense(40, 30) is large enough for kernels.
    /// </summary>
    [Network(BatchSize = 4)]
    [Dense(3, 4)]
    [ReLU]
    [Dense(4, 40)]
    [ReLU]
    [Dense(40, 30)]
    [ReLU]
    [Dense(30, 3)]
    [SoftmaxCrossEntropyLoss]
    public partial class ThreeHiddenLayerNet
    {
    }

    /// <summary>Three hidden layers, all small enough to be unrolled, so that every dL/dY of a hidden layer is written out.</summary>
    [Network(BatchSize = 3)]
    [Dense(4, 3)]
    [ReLU]
    [Dense(3, 4)]
    [ReLU]
    [Dense(4, 4)]
    [ReLU]
    [Dense(4, 2)]
    [SquaredErrorLoss]
    public partial class UnrolledThreeHiddenLayerNet
    {
    }

    /// <summary>Biases on every layer; the first and last layers are unrolled, the middle ones keep loops.</summary>
    [Network(BatchSize = 4)]
    [Dense(3, 4, Bias = true)]
    [ReLU]
    [Dense(4, 32, Bias = true)]
    [ReLU]
    [Dense(32, 4, Bias = true)]
    [ReLU]
    [Dense(4, 2, Bias = true)]
    [SquaredErrorLoss]
    public partial class BiasedNet
    {
    }

    /// <summary>A single-precision network with a bias and cross-entropy, unrolled.</summary>
    [Network(BatchSize = 2, Precision = Precision.Single)]
    [Dense(2, 3, Bias = true)]
    [ReLU]
    [Dense(3, 2)]
    [SoftmaxCrossEntropyLoss]
    public partial class SinglePrecisionNet
    {
    }

    /// <summary>Softmax regression: no ReLU, so the loss is smooth everywhere and a large step shows truncation error.</summary>
    [Network(BatchSize = 2)]
    [Dense(3, 4)]
    [SoftmaxCrossEntropyLoss]
    public partial class SoftmaxRegressionNet
    {
    }

    /// <summary>One example through a ReLU, small enough to place a ReLU input next to its kink by hand.</summary>
    [Network(BatchSize = 1)]
    [Dense(2, 2)]
    [ReLU]
    [Dense(2, 1)]
    [SquaredErrorLoss]
    public partial class KinkNet
    {
    }
}
