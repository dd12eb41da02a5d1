using NetGen;

namespace NetGen.Tests.Networks
{
    /// <summary>Sigmoid between two biased Dense layers, squared error.</summary>
    [Network(BatchSize = 3)]
    [Dense(4, 6, Bias = true)]
    [Sigmoid]
    [Dense(6, 2, Bias = true)]
    [SquaredErrorLoss]
    public partial class SigmoidNet
    {
    }

    /// <summary>Tanh between two biased Dense layers, cross-entropy.</summary>
    [Network(BatchSize = 5)]
    [Dense(6, 7, Bias = true)]
    [Tanh]
    [Dense(7, 3, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    public partial class TanhNet
    {
    }

    /// <summary>LeakyReLU with a large slope, so that the negative side is plainly visible in the gradients.</summary>
    [Network(BatchSize = 6)]
    [Dense(5, 8, Bias = true)]
    [LeakyReLU(0.2)]
    [Dense(8, 4, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    public partial class LeakyReLUNet
    {
    }

    /// <summary>Big enough for the vectorized kernels, with every activation and biases: the gradient check at scale.</summary>
    [Network(BatchSize = 8)]
    [Dense(40, 32, Bias = true)]
    [Tanh]
    [Dense(32, 24, Bias = true)]
    [LeakyReLU(0.1)]
    [Dense(24, 16, Bias = true)]
    [Sigmoid]
    [Dense(16, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    public partial class MixedActivationNet
    {
    }

    /// <summary>SGD with momentum 0.9 on a network with one weight matrix and one bias.</summary>
    [Network(BatchSize = 2)]
    [Dense(3, 5, Bias = true)]
    [SquaredErrorLoss]
    [Momentum(0.9)]
    public partial class MomentumNet
    {
    }

    /// <summary>Adam with PyTorch's defaults, on a network with one weight matrix and one bias.</summary>
    [Network(BatchSize = 2)]
    [Dense(3, 5, Bias = true)]
    [SquaredErrorLoss]
    [Adam]
    public partial class AdamNet
    {
    }

    /// <summary>Adam with every hyperparameter given, and more elements than one vector holds.</summary>
    [Network(BatchSize = 2)]
    [Dense(7, 5, Bias = true)]
    [SquaredErrorLoss]
    [Adam(Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6)]
    public partial class TunedAdamNet
    {
    }

    /// <summary>A float classifier with kernels and Adam: the short batch and accuracy tests' network.</summary>
    [Network(BatchSize = 4, Precision = Precision.Single)]
    [Dense(12, 16, Bias = true)]
    [ReLU]
    [Dense(16, 3, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class ShortBatchNet
    {
    }

    /// <summary>The same classifier in double with plain SGD, for exact comparisons of short and full batches.</summary>
    [Network(BatchSize = 4)]
    [Dense(12, 16, Bias = true)]
    [ReLU]
    [Dense(16, 3, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    public partial class ShortBatchDoubleNet
    {
    }
}
