using System;
using System.Diagnostics;
using System.IO;
using NetGen.NumPy;

namespace NetGen.Sample.Training
{
    /// <summary>How a training run ended.</summary>
    public sealed record TrainingResult(double[] Losses, int DivergedAt, TimeSpan Elapsed)
    {
        /// <summary>True when a loss became infinite or NaN; <see cref="DivergedAt"/> is then its iteration.</summary>
        public bool Diverged => DivergedAt >= 0;
    }

    /// <summary>
    /// Runs training iterations and prints one <c>i loss</c> line per iteration, with the loss written as Python's
    /// <c>repr</c> writes it, so that the output can be compared line by line with NumPy's. Stops at the first loss
    /// that is infinite or NaN.
    /// </summary>
    public sealed class TrainingLog(TextWriter output)
    {
        public TrainingResult Run(int iterations, Func<int, double> trainStep)
        {
            var losses = new double[iterations];
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < iterations; i++)
            {
                double loss = trainStep(i);
                losses[i] = loss;
                output.WriteLine($"{i} {PythonFloat.Repr(loss)}");
                if (!double.IsFinite(loss))
                {
                    clock.Stop();
                    return new TrainingResult(losses[..(i + 1)], i, clock.Elapsed);
                }
            }
            clock.Stop();
            return new TrainingResult(losses, -1, clock.Elapsed);
        }
    }
}
