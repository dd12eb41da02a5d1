using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Sample.Assignment;
using NetGen.Sample.Training;
using Xunit;

namespace NetGen.Tests.Training
{
    /// <summary>
    /// The sample's q7 and q8 runs, printed exactly as the sample prints them, against NumPy's trajectories and the
    /// assignment's own printed output (References/trajectories, with their provenance).
    /// </summary>
    public class AssignmentTrajectoryTests
    {
        [Fact]
        public void Question7MatchesTheAssignmentsPrintedOutput()
        {
            Dictionary<int, double> printed = Run(AssignmentRuns.Question7, RunSettings.Assignment);
            AssertMatches(printed, Reference("assignment-q7-output.txt"), 1e-9, expectedLines: 20);
        }

        [Theory]
        [InlineData(7, RandomKind.Legacy, "q7-legacy-seed0-lr1e-6.txt")]
        [InlineData(8, RandomKind.Legacy, "q8-legacy-seed0-lr1e-6.txt")]
        [InlineData(7, RandomKind.Pcg64, "q7-pcg64-seed0-lr1e-6.txt")]
        [InlineData(8, RandomKind.Pcg64, "q8-pcg64-seed0-lr1e-6.txt")]
        public void EveryIterationMatchesNumPy(int question, RandomKind random, string reference)
        {
            var settings = RunSettings.Assignment with { Random = random };
            Dictionary<int, double> printed = Run(question == 7 ? AssignmentRuns.Question7 : AssignmentRuns.Question8, settings);
            AssertMatches(printed, Reference(reference), 1e-8, expectedLines: 500);
        }

        [Theory]
        [InlineData(7, RandomKind.Legacy, 1u, 5e-7, 200, "q7-legacy-seed1-lr5e-7-iters200.txt")]
        [InlineData(7, RandomKind.Pcg64, 42u, 2e-6, 100, "q7-pcg64-seed42-lr2e-6-iters100.txt")]
        [InlineData(8, RandomKind.Legacy, 7u, 3e-6, 150, "q8-legacy-seed7-lr3e-6-iters150.txt")]
        [InlineData(8, RandomKind.Pcg64, 12345u, 1e-5, 60, "q8-pcg64-seed12345-lr1e-5-iters60.txt")]
        public void OtherSeedsRatesAndLengthsMatchNumPy(int question, RandomKind random, uint seed, double learningRate, int iterations, string reference)
        {
            var settings = new RunSettings(random, seed, learningRate, iterations);
            Dictionary<int, double> printed = Run(question == 7 ? AssignmentRuns.Question7 : AssignmentRuns.Question8, settings);
            AssertMatches(printed, Reference(reference), 1e-8, expectedLines: iterations);
            Assert.Equal(iterations, printed.Count);
        }

        [Fact]
        public void TheAssignmentsOwnLearningRateDivergesAndSaysWhere()
        {
            var output = new StringWriter();
            TrainingResult result = AssignmentRuns.Question7(RunSettings.Assignment with { LearningRate = 1e-4 }, new TrainingLog(output));
            Assert.True(result.Diverged);
            Assert.InRange(result.DivergedAt, 1, 10);
            Assert.False(double.IsFinite(result.Losses[^1]));
            Assert.All(result.Losses[..^1], loss => Assert.True(double.IsFinite(loss)));
            // The lines before the divergence are printed as they were.
            Dictionary<int, double> printed = Parse(output.ToString());
            Assert.Equal(result.DivergedAt + 1, printed.Count);
            Assert.Equal(26365524.19345431, printed[0], 1e-9 * 26365524.19345431);
        }

        private static Dictionary<int, double> Run(Func<RunSettings, TrainingLog, TrainingResult> run, RunSettings settings)
        {
            var output = new StringWriter();
            TrainingResult result = run(settings, new TrainingLog(output));
            Assert.False(result.Diverged);
            return Parse(output.ToString());
        }

        private static Dictionary<int, double> Parse(string text) =>
            text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' '))
                .ToDictionary(parts => int.Parse(parts[0], CultureInfo.InvariantCulture),
                              parts => ParsePythonFloat(parts[1]));

        /// <summary>Reads a float as Python prints it, including <c>inf</c>, <c>-inf</c> and <c>nan</c>.</summary>
        private static double ParsePythonFloat(string text) => text switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            _ => double.Parse(text, CultureInfo.InvariantCulture),
        };

        public static Dictionary<int, double> Reference(string name) =>
            Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "References", "trajectories", name)));

        private static void AssertMatches(Dictionary<int, double> actual, Dictionary<int, double> expected, double tolerance, int expectedLines)
        {
            Assert.Equal(expectedLines, expected.Count);
            foreach ((int iteration, double want) in expected)
            {
                Assert.True(actual.TryGetValue(iteration, out double got), $"iteration {iteration} was not printed");
                double relative = Math.Abs(got - want) / Math.Abs(want);
                Assert.True(relative <= tolerance,
                    $"iteration {iteration}: NetGen printed {got:R}, the reference says {want:R} (relative difference {relative:E2} > {tolerance:E0})");
            }
        }
    }
}
