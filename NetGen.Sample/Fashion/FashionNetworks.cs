using System;
using NetGen;

namespace NetGen.Sample.Fashion
{
    /// <summary>
    /// What the Fashion-MNIST trainer needs from a network. The generated members of each classifier below implement
    /// it as they are: NetGen writes them, the class only names the interface.
    /// </summary>
    public interface IFashionClassifier
    {
        /// <summary>Runs the first <paramref name="rows"/> examples of a batch.</summary>
        ReadOnlySpan<float> Forward(ReadOnlySpan<float> x, int rows);

        /// <summary>Forward, loss, backward and one Adam step; returns the summed loss of the rows.</summary>
        double TrainStep(ReadOnlySpan<float> x, ReadOnlySpan<int> labels, double learningRate, int rows);

        /// <summary>How many of the rows of the last Forward are classified right.</summary>
        int CountCorrect(ReadOnlySpan<int> labels, int rows);

        /// <summary>He uniform weights, zero biases, a fresh optimizer.</summary>
        void InitializeHe(int seed);

        /// <summary>Writes every weight and bias as a .npy file into the directory.</summary>
        void SaveWeights(string directory);

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
