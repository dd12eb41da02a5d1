using System;
using System.Collections.Generic;
using NetGen;
using NetGen.Training;

namespace NetGen.Tests.Trainers
{
    /// <summary>A small generated classifier: 4 features, 3 classes, batches of 8, Adam.</summary>
    [Network(BatchSize = 8)]
    [Dense(4, 6, Bias = true)]
    [ReLU]
    [Dense(6, 3, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class TrainerClassifierNet
    {
    }

    /// <summary>A small generated regressor, single precision, plain SGD.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(3, 4, Bias = true)]
    [Tanh]
    [Dense(4, 1, Bias = true)]
    [SquaredErrorLoss]
    public partial class TrainerRegressorNet
    {
    }

    /// <summary>The classifier on two threads, to check that the trainer drives threaded networks alike.</summary>
    [Network(BatchSize = 8, Threads = 2)]
    [Dense(4, 6, Bias = true)]
    [ReLU]
    [Dense(6, 3, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class TrainerThreadedNet
    {
    }

    /// <summary>
    /// A classifier written by hand that records what the trainer asks of it: which examples each step sees (the
    /// examples' first feature is their index), how many rows, at which rate, and which examples are measured.
    /// Its one "parameter" counts the steps taken.
    /// </summary>
    public sealed class RecordingClassifier : IClassifier<double>
    {
        private readonly double[] _output;
        private double _steps;

        public RecordingClassifier(int batchSize, int inputSize = 2, int outputSize = 2)
        {
            BatchSize = batchSize;
            InputSize = inputSize;
            OutputSize = outputSize;
            _output = new double[batchSize * outputSize];
        }

        public int BatchSize { get; }

        public int InputSize { get; }

        public int OutputSize { get; }

        public int ParameterCount => 1;

        /// <summary>Per step: the example indexes trained on.</summary>
        public List<int[]> Steps { get; } = new();

        public List<double> Rates { get; } = new();

        /// <summary>Per Predict call: the example indexes measured.</summary>
        public List<int[]> Measured { get; } = new();

        /// <summary>Called at the start of each step with the step's number (from 1).</summary>
        public Action<int>? OnStep { get; set; }

        /// <summary>The loss each step returns: a function of the step's number.</summary>
        public Func<int, double> StepLoss { get; set; } = _ => 1;

        private int[] Examples(ReadOnlySpan<double> x, int rows)
        {
            var examples = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                examples[r] = (int)x[r * InputSize];
            }
            return examples;
        }

        public double TrainStep(ReadOnlySpan<double> x, ReadOnlySpan<int> labels, double learningRate, int rows)
        {
            OnStep?.Invoke(Steps.Count + 1);
            Steps.Add(Examples(x, rows));
            Rates.Add(learningRate);
            _steps++;
            return StepLoss(Steps.Count) * rows;
        }

        public bool LossIsMean => false;

        public ReadOnlySpan<double> Forward(ReadOnlySpan<double> x, int rows) => _output.AsSpan(0, rows * OutputSize);

        public void Predict(ReadOnlySpan<double> inputs, Span<double> outputs)
        {
            Measured.Add(Examples(inputs, inputs.Length / InputSize));
            outputs.Clear();
        }

        public void PredictProbabilities(ReadOnlySpan<double> inputs, Span<double> probabilities) => throw new NotSupportedException();

        public int PredictClass(ReadOnlySpan<double> input) => throw new NotSupportedException();

        public void PredictClasses(ReadOnlySpan<double> inputs, Span<int> classes) => throw new NotSupportedException();

        public double Loss(ReadOnlySpan<int> labels, int rows) => rows;

        public int CountCorrect(ReadOnlySpan<int> labels, int rows) => 0;

        public void ResetOptimizer()
        {
        }

        public void InitializeHe(int seed) => _steps = 0;

        public void InitializeXavier(int seed) => _steps = 0;

        public void SaveWeights(string directory) => throw new NotSupportedException();

        public void LoadWeights(string directory) => throw new NotSupportedException();

        public void CopyParametersTo(Span<double> destination) => destination[0] = _steps;

        public void CopyParametersFrom(ReadOnlySpan<double> source) => _steps = source[0];

        public double StepsTaken => _steps;

        /// <summary>Examples whose first feature is their index, labels alternating over <paramref name="classes"/>.</summary>
        public static ClassificationData<double> IndexedData(int count, int classes = 2, int width = 2)
        {
            var features = new double[count * width];
            var labels = new int[count];
            for (int i = 0; i < count; i++)
            {
                features[i * width] = i;
                labels[i] = i % classes;
            }
            return new ClassificationData<double>(features, width, labels, classes);
        }
    }
}
