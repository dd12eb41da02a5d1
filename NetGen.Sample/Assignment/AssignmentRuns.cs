using System;
using NetGen.Sample.Networks;
using NetGen.Sample.Training;

namespace NetGen.Sample.Assignment
{
    /// <summary>
    /// Questions 7 and 8 of the assignment: the data and weights drawn in the assignment's order
    /// (x, then t or the labels, then w1, then w2), then plain SGD, one printed loss per iteration. Weights can be
    /// loaded from and saved to NumPy <c>.npy</c> files around the training.
    /// </summary>
    public static class AssignmentRuns
    {
        /// <summary>Question 7: squared error against a random target.</summary>
        public static TrainingResult Question7(RunSettings settings, TrainingLog log)
        {
            IAssignmentRandom random = AssignmentRandom.Create(settings.Random, settings.Seed);
            var net = new Question7Net();
            double[] x = new double[Question7Net.BatchSize * Question7Net.InputSize];
            double[] t = new double[Question7Net.BatchSize * Question7Net.OutputSize];
            random.Normal(x);
            random.Normal(t);
            random.Normal(net.W1);
            random.Normal(net.W2);
            if (settings.LoadWeightsFrom is string loadFrom)
            {
                net.LoadWeights(loadFrom);
            }
            TrainingResult result = log.Run(settings.Iterations, _ => net.TrainStep(x, t, settings.LearningRate));
            SaveUnlessDiverged(result, settings, net.SaveWeights);
            return result;
        }

        /// <summary>Question 8: softmax cross-entropy against random class indexes over all ten classes.</summary>
        public static TrainingResult Question8(RunSettings settings, TrainingLog log)
        {
            IAssignmentRandom random = AssignmentRandom.Create(settings.Random, settings.Seed);
            var net = new Question8Net();
            double[] x = new double[Question8Net.BatchSize * Question8Net.InputSize];
            int[] labels = new int[Question8Net.BatchSize];
            random.Normal(x);
            random.Classes(Question8Net.OutputSize, labels);
            random.Normal(net.W1);
            random.Normal(net.W2);
            if (settings.LoadWeightsFrom is string loadFrom)
            {
                net.LoadWeights(loadFrom);
            }
            TrainingResult result = log.Run(settings.Iterations, _ => net.TrainStep(x, labels, settings.LearningRate));
            SaveUnlessDiverged(result, settings, net.SaveWeights);
            return result;
        }

        /// <summary>Writes the trained weights where <see cref="RunSettings.SaveWeightsTo"/> says, unless the loss diverged.</summary>
        private static void SaveUnlessDiverged(TrainingResult result, RunSettings settings, Action<string> saveWeights)
        {
            if (settings.SaveWeightsTo is string directory && !result.Diverged)
            {
                saveWeights(directory);
            }
        }
    }

    /// <summary>
    /// The options of a q7 or q8 run. <see cref="LoadWeightsFrom"/> names a directory of <c>W1.npy</c> and <c>W2.npy</c>
    /// that replace the drawn weights (the data is still drawn, so the random stream is the same);
    /// <see cref="SaveWeightsTo"/> a directory the trained weights are written into.
    /// </summary>
    public sealed record RunSettings(
        RandomKind Random, uint Seed, double LearningRate, int Iterations, string? LoadWeightsFrom = null, string? SaveWeightsTo = null)
    {
        /// <summary>The settings that reproduce the assignment's printed output.</summary>
        public static readonly RunSettings Assignment = new(RandomKind.Legacy, 0, 1e-6, 500);
    }
}
