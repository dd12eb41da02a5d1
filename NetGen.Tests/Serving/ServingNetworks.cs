using NetGen;

namespace NetGen.Tests.Serving
{
    /// <summary>The Fashion-MNIST network as it is served: float, biases, ReLU, Adam, 64 rows a batch.</summary>
    [Network(BatchSize = 64, Precision = Precision.Single)]
    [Dense(784, 256, Bias = true)]
    [ReLU]
    [Dense(256, 128, Bias = true)]
    [ReLU]
    [Dense(128, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class ServedFashionNet
    {
    }

    /// <summary>A double regression network of another shape: Tanh, a layer width that is no multiple of a vector.</summary>
    [Network(BatchSize = 32)]
    [Dense(300, 50, Bias = true)]
    [Tanh]
    [Dense(50, 5, Bias = true)]
    [SquaredErrorLoss]
    public partial class ServedTanhNet
    {
    }

    /// <summary>Small layers written as plain loops (too few multiply-adds for kernels), Sigmoid and LeakyReLU, batch 3.</summary>
    [Network(BatchSize = 3)]
    [Dense(5, 6, Bias = true)]
    [Sigmoid]
    [Dense(6, 4)]
    [LeakyReLU(0.1)]
    [Dense(4, 3, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    public partial class ServedLoopsNet
    {
    }

    /// <summary>A network that trains on two threads: the guard must keep a second caller out of its hand-offs.</summary>
    [Network(BatchSize = 16, Precision = Precision.Single, Threads = 2)]
    [Dense(40, 32, Bias = true)]
    [ReLU]
    [Dense(32, 5, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Momentum(0.9)]
    public partial class ServedTwoThreadNet
    {
    }

    /// <summary>The same network on one thread.</summary>
    [Network(BatchSize = 16, Precision = Precision.Single)]
    [Dense(40, 32, Bias = true)]
    [ReLU]
    [Dense(32, 5, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Momentum(0.9)]
    public partial class ServedOneThreadNet
    {
    }
}
