using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Trainers
{
    /// <summary>
    /// The schedules against the rates PyTorch's schedulers give (References/csv/schedules.json, written by
    /// make_csv_references.py with torch 1.13: the optimizer's rate before each epoch's steps).
    /// </summary>
    public sealed class LearningRateScheduleTests
    {
        private static readonly Dictionary<string, double[]> PyTorch = JsonSerializer.Deserialize<Dictionary<string, double[]>>(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "References", "csv", "schedules.json")))!;

        [Fact]
        public void StepMatchesStepLR() =>
            AssertRates(PyTorch["step_0.1_x0.5_every7"], LearningRateSchedule.Step(0.1, 0.5, every: 7), tolerance: 0);

        [Fact]
        public void ExponentialMatchesExponentialLR() =>
            AssertRates(PyTorch["exponential_0.1_x0.9"], LearningRateSchedule.Exponential(0.1, 0.9), tolerance: 0);

        [Fact]
        public void CosineMatchesCosineAnnealingLR()
        {
            // PyTorch updates the cosine rate recursively from the previous one; the closed form agrees to rounding.
            AssertRates(PyTorch["cosine_0.1_to_0.001_over20"], LearningRateSchedule.Cosine(0.1, epochs: 20, minimum: 0.001), tolerance: 1e-15);
            AssertRates(PyTorch["cosine_0.1_to_0_over10"], LearningRateSchedule.Cosine(0.1, epochs: 10), tolerance: 1e-15);
            Assert.Equal(0.001, LearningRateSchedule.Cosine(0.1, epochs: 20, minimum: 0.001).RateAt(35));
        }

        [Fact]
        public void ConstantAndFunctionSchedulesGiveWhatTheySay()
        {
            LearningRateSchedule constant = 0.003;
            Assert.All(Enumerable.Range(0, 10), e => Assert.Equal(0.003, constant.RateAt(e)));
            Assert.Equal("constant 0.003", constant.Description);
            LearningRateSchedule warmup = LearningRateSchedule.FromFunction(e => Math.Min(1, (e + 1) / 5.0) * 0.01, "warm-up");
            Assert.Equal(new[] { 0.002, 0.004, 0.006, 0.008, 0.01, 0.01 }, Enumerable.Range(0, 6).Select(warmup.RateAt).Select(r => Math.Round(r, 15)));
        }

        [Fact]
        public void BadRatesAreRefused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Constant(double.NaN));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Step(0.1, 0.5, every: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Cosine(0.1, epochs: 10, minimum: 0.2));
            var negative = LearningRateSchedule.FromFunction(e => 0.1 - e * 0.05, "falling");
            InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => negative.RateAt(3));
            Assert.Contains("'falling' gives -0.05", error.Message);
        }

        private static void AssertRates(double[] expected, LearningRateSchedule schedule, double tolerance)
        {
            for (int e = 0; e < expected.Length; e++)
            {
                double actual = schedule.RateAt(e);
                Assert.True(Math.Abs(actual - expected[e]) <= tolerance * expected[0], $"epoch {e}: {actual:R}, PyTorch {expected[e]:R}");
            }
        }
    }
}
