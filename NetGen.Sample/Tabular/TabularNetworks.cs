using NetGen;

namespace NetGen.Sample.Tabular
{
    /// <summary>
    /// scikit-learn's handwritten digits (8 x 8 pixels, 0 to 16, 10 classes): 64-64-10 ReLU, biases, Adam, batches of
    /// 32 — the shape of <c>MLPClassifier(hidden_layer_sizes=(64,))</c>.
    /// </summary>
    [Network(BatchSize = 32)]
    [Dense(64, 64, Bias = true)]
    [ReLU]
    [Dense(64, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class DigitsNet
    {
    }

    /// <summary>The Wisconsin breast cancer data (30 measurements, malignant or benign): 30-32-2 ReLU, biases, Adam, batches of 32.</summary>
    [Network(BatchSize = 32)]
    [Dense(30, 32, Bias = true)]
    [ReLU]
    [Dense(32, 2, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class BreastCancerNet
    {
    }
}
