using NetGen;
using NetGen.Training;

namespace NetGen.Sample.Fashion
{
    /// <summary>
    /// The Fashion-MNIST networks: classifiers of float32 images, as NetGen implements <see cref="IClassifier{T}"/> for
    /// every cross-entropy network (plus <c>SaveWeights</c>, <c>InitializeHe</c>, … of <see cref="INetwork{T}"/>), and
    /// the ONNX files. The classes only name the interface; NetGen's generated members implement it.
    /// </summary>
    public interface IFashionClassifier : IClassifier<float>
    {
        /// <summary>Writes the network as an ONNX model (logits output and a softmax "probabilities" output).</summary>
        void SaveOnnx(string path);

        /// <summary>Reads every weight and bias from an ONNX model of the same layers.</summary>
        void LoadOnnx(string path);
    }

    /// <summary>
    /// The reference network: 784-256-128-10, ReLU, biases, Adam, batches of 64, float32 — what PyTorch trains to
    /// about 0.88 test accuracy in 10 epochs with a learning rate of 1e-3. TrainStep runs on two threads.
    /// </summary>
    [Network(BatchSize = 64, Precision = Precision.Single, Threads = 2)]
    [Dense(784, 256, Bias = true)]
    [ReLU]
    [Dense(256, 128, Bias = true)]
    [ReLU]
    [Dense(128, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam(Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
    public partial class FashionNet : IFashionClassifier
    {
    }

    /// <summary>The reference network with TrainStep on the caller's thread only (<c>fashion --threads 1</c>).</summary>
    [Network(BatchSize = 64, Precision = Precision.Single)]
    [Dense(784, 256, Bias = true)]
    [ReLU]
    [Dense(256, 128, Bias = true)]
    [ReLU]
    [Dense(128, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam(Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8)]
    public partial class FashionNetOneThread : IFashionClassifier
    {
    }

    /// <summary>
    /// The wider recipe network: 784-512-256-10, ReLU, biases, Adam, batches of 64, float32; trained longer with a
    /// decaying learning rate (see docs/fashion.md). TrainStep runs on two threads.
    /// </summary>
    [Network(BatchSize = 64, Precision = Precision.Single, Threads = 2)]
    [Dense(784, 512, Bias = true)]
    [ReLU]
    [Dense(512, 256, Bias = true)]
    [ReLU]
    [Dense(256, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class FashionWideNet : IFashionClassifier
    {
    }

    /// <summary>The wider recipe network with TrainStep on the caller's thread only (<c>fashion --network wide --threads 1</c>).</summary>
    [Network(BatchSize = 64, Precision = Precision.Single)]
    [Dense(784, 512, Bias = true)]
    [ReLU]
    [Dense(512, 256, Bias = true)]
    [ReLU]
    [Dense(256, 10, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class FashionWideNetOneThread : IFashionClassifier
    {
    }
}
