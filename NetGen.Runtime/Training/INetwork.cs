using System;

namespace NetGen.Training
{
    /// <summary>
    /// What every generated network offers to library code that drives it without knowing its class: its sizes, its
    /// entry points for a batch of up to <see cref="BatchSize"/> rows, its weights and its optimizer. NetGen implements
    /// it in the generated part of each network class when the project references NetGen.Runtime (the NetGen package
    /// does); the generated methods are the implementation, so calling through the interface computes exactly what
    /// calling the class does. No reflection is involved, so NativeAOT keeps working.
    /// </summary>
    /// <typeparam name="T">The network's element type: <see cref="double"/>, or <see cref="float"/> for
    /// <c>Precision = Precision.Single</c>.</typeparam>
    /// <remarks>
    /// Use <see cref="IClassifier{T}"/> (softmax cross-entropy networks, labels as class indexes) or
    /// <see cref="IRegressor{T}"/> (squared-error networks, real targets) for training; <see cref="Trainer"/> takes
    /// either. <c>TrainStep</c> and <c>Loss</c> return what the generated methods return: the loss summed over the
    /// rows, or its mean when <see cref="LossIsMean"/>.
    /// </remarks>
    public interface INetwork<T>
        where T : unmanaged
    {
        /// <summary>The most examples one call takes: the declared <c>[Network(BatchSize = n)]</c>.</summary>
        int BatchSize { get; }

        /// <summary>Features per example: the columns of an input row.</summary>
        int InputSize { get; }

        /// <summary>Outputs per example: the classes of a classifier, the target's columns of a regressor.</summary>
        int OutputSize { get; }

        /// <summary>Trainable numbers in all weights and biases: the length <see cref="CopyParametersTo"/> writes.</summary>
        int ParameterCount { get; }

        /// <summary>
        /// Whether <c>TrainStep</c> and <c>Loss</c> return the mean of the loss (over the rows for cross-entropy, over
        /// rows × outputs for squared error, as PyTorch's default reduction) rather than its sum.
        /// </summary>
        bool LossIsMean { get; }

        /// <summary>
        /// Runs the network on every row of <paramref name="inputs"/> (any whole number of rows of
        /// <see cref="InputSize"/> values, row-major) and writes each row's <see cref="OutputSize"/> outputs (a
        /// classifier's logits) to <paramref name="outputs"/>: inference only, dropout-free, safe on several threads
        /// while no training method runs; allocates nothing after a thread's first call.
        /// </summary>
        void Predict(ReadOnlySpan<T> inputs, Span<T> outputs);

        /// <summary>
        /// Runs the first <paramref name="rows"/> examples (1 ≤ rows ≤ <see cref="BatchSize"/>), <paramref name="x"/>
        /// being (rows, <see cref="InputSize"/>) row-major, and returns their outputs (rows, <see cref="OutputSize"/>):
        /// the logits of a classifier. The span is the network's own buffer, valid until its next call.
        /// </summary>
        ReadOnlySpan<T> Forward(ReadOnlySpan<T> x, int rows);

        /// <summary>Forgets the optimizer's state (momentum velocities, Adam's moments and step count).</summary>
        void ResetOptimizer();

        /// <summary>He uniform weights drawn from <paramref name="seed"/>, zero biases, the optimizer reset.</summary>
        void InitializeHe(int seed);

        /// <summary>Xavier uniform weights drawn from <paramref name="seed"/>, zero biases, the optimizer reset.</summary>
        void InitializeXavier(int seed);

        /// <summary>Writes every parameter into the directory as a NumPy <c>.npy</c> file (<c>W1.npy</c>, <c>B1.npy</c>, …).</summary>
        void SaveWeights(string directory);

        /// <summary>Reads every parameter from the files <see cref="SaveWeights"/> writes; checks them all before changing any.</summary>
        void LoadWeights(string directory);

        /// <summary>
        /// Copies every parameter into <paramref name="destination"/>, which must hold exactly
        /// <see cref="ParameterCount"/> values: W1, then B1 if the first layer has a bias, then W2, B2, …, each in its
        /// own row-major layout.
        /// </summary>
        /// <exception cref="ArgumentException">The destination's length is not <see cref="ParameterCount"/>.</exception>
        void CopyParametersTo(Span<T> destination);

        /// <summary>
        /// Sets every parameter from <paramref name="source"/>, laid out as <see cref="CopyParametersTo"/> writes it.
        /// The optimizer's state is left as it is.
        /// </summary>
        /// <exception cref="ArgumentException">The source's length is not <see cref="ParameterCount"/>; nothing changes.</exception>
        void CopyParametersFrom(ReadOnlySpan<T> source);
    }

    /// <summary>A network with a softmax cross-entropy loss: its targets are class indexes in [0, OutputSize).</summary>
    /// <typeparam name="T">The network's element type.</typeparam>
    public interface IClassifier<T> : INetwork<T>
        where T : unmanaged
    {
        /// <summary>
        /// Forward, loss, backward and one optimizer step on the first <paramref name="rows"/> examples; returns their
        /// loss before the update, summed over them.
        /// </summary>
        double TrainStep(ReadOnlySpan<T> x, ReadOnlySpan<int> labels, double learningRate, int rows);

        /// <summary>The cross-entropy of the first <paramref name="rows"/> examples of the last Forward, summed over them.</summary>
        double Loss(ReadOnlySpan<int> labels, int rows);

        /// <summary>How many of the first <paramref name="rows"/> examples of the last Forward have their largest logit at their label.</summary>
        int CountCorrect(ReadOnlySpan<int> labels, int rows);

        /// <summary>Like <see cref="INetwork{T}.Predict"/>, then each row's softmax: the class probabilities, (rows, OutputSize).</summary>
        void PredictProbabilities(ReadOnlySpan<T> inputs, Span<T> probabilities);

        /// <summary>The class (index of the largest logit, the first on ties) of one example of <c>InputSize</c> features.</summary>
        int PredictClass(ReadOnlySpan<T> input);

        /// <summary>The class of every row of <paramref name="inputs"/>, one per row into <paramref name="classes"/>.</summary>
        void PredictClasses(ReadOnlySpan<T> inputs, Span<int> classes);
    }

    /// <summary>A network with a squared-error loss: its targets are (rows, OutputSize) real values.</summary>
    /// <typeparam name="T">The network's element type.</typeparam>
    public interface IRegressor<T> : INetwork<T>
        where T : unmanaged
    {
        /// <summary>
        /// Forward, loss, backward and one optimizer step on the first <paramref name="rows"/> examples; returns their
        /// loss before the update, summed over them.
        /// </summary>
        double TrainStep(ReadOnlySpan<T> x, ReadOnlySpan<T> target, double learningRate, int rows);

        /// <summary>The squared error of the first <paramref name="rows"/> examples of the last Forward, summed over them and the outputs.</summary>
        double Loss(ReadOnlySpan<T> target, int rows);
    }
}
