using NetGen;

namespace NetGen.Tests.Networks
{
    /// <summary>Every layer kind with squared error: biases on both Dense layers, a ReLU between them.</summary>
    [Network(BatchSize = 3)]
    [Dense(4, 5, Bias = true)]
    [ReLU]
    [Dense(5, 2, Bias = true)]
    [SquaredErrorLoss]
    public partial class SmallSquaredErrorNet
    {
    }

    /// <summary>Every layer kind with softmax cross-entropy.</summary>
    [Network(BatchSize = 4)]
    [Dense(6, 7, Bias = true)]
    [ReLU]
    [Dense(7, 3)]
    [SoftmaxCrossEntropyLoss]
    public partial class SmallCrossEntropyNet
    {
    }

    /// <summary>Three hidden layers, no biases.</summary>
    [Network(BatchSize = 5)]
    [Dense(8, 9)]
    [ReLU]
    [Dense(9, 7)]
    [ReLU]
    [Dense(7, 6)]
    [ReLU]
    [Dense(6, 4)]
    [SoftmaxCrossEntropyLoss]
    public partial class ThreeHiddenLayerNet
    {
    }

    /// <summary>A single layer, the shape of the assignment's questions 1-6.</summary>
    [Network(BatchSize = 2)]
    [Dense(2, 3)]
    [SquaredErrorLoss]
    public partial class SingleLayerNet
    {
    }
}
