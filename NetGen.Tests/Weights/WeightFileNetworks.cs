using NetGen;

namespace NetGen.Tests.Weights
{
    /// <summary>
    /// The network of the NumPy-written files in References/weights: W1 (4, 5), B1 (5,), W2 (5, 2), B2 (2,).
    /// </summary>
    [Network(BatchSize = 3)]
    [Dense(4, 5, Bias = true)]
    [ReLU]
    [Dense(5, 2, Bias = true)]
    [SquaredErrorLoss]
    public partial class WeightFilesNet
    {
    }

    /// <summary>The same network in single precision.</summary>
    [Network(BatchSize = 3, Precision = Precision.Single)]
    [Dense(4, 5, Bias = true)]
    [ReLU]
    [Dense(5, 2, Bias = true)]
    [SquaredErrorLoss]
    public partial class SingleWeightFilesNet
    {
    }
}
