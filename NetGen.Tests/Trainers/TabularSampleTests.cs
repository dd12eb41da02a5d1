using System;
using System.IO;
using System.Linq;
using NetGen.NumPy;
using NetGen.Sample;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Trainers
{
    /// <summary>The sample's <c>digits</c> and <c>breast-cancer</c> commands, and the README's "train on your own data" program.</summary>
    public sealed class TabularSampleTests
    {
        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public TabularSampleTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        private static (int ExitCode, string[] Lines, string Error) Invoke(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exitCode = Program.BuildCommand(output, error).Parse(args)
                .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
            return (exitCode, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
        }

        private static double TestAccuracy(string[] lines) =>
            double.Parse(lines.Single(l => l.StartsWith("test accuracy ", StringComparison.Ordinal)).Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);

        [SklearnDataFact]
        public void DigitsReachesTheIssuesAccuracy()
        {
            (int exitCode, string[] lines, _) = Invoke("digits", "--no-progress");
            Assert.Equal(0, exitCode);
            Assert.StartsWith("epoch   1  lr 0.001  loss ", lines.First(l => l.StartsWith("epoch", StringComparison.Ordinal)));
            Assert.True(TestAccuracy(lines) >= 0.97, string.Join("\n", lines.TakeLast(4)));
            Assert.Matches(@"^training took \d+\.\d{3} s$", lines[^1]);
        }

        [SklearnDataFact]
        public void BreastCancerReachesTheIssuesAccuracy()
        {
            (int exitCode, string[] lines, _) = Invoke("breast-cancer", "--no-progress");
            Assert.Equal(0, exitCode);
            Assert.True(TestAccuracy(lines) >= 0.95, string.Join("\n", lines.TakeLast(4)));
        }

        [SklearnDataFact]
        public void TheSavedSplitIsDisjointAndStratified()
        {
            string directory = Path.Combine(Path.GetTempPath(), "netgen-split-" + Guid.NewGuid().ToString("N"));
            try
            {
                (int exitCode, _, _) = Invoke("breast-cancer", "--no-progress", "--epochs", "1", "--save-split", directory);
                Assert.Equal(0, exitCode);
                int[] train = NpyFile.ReadInt32(Path.Combine(directory, "train.npy"), out _);
                int[] test = NpyFile.ReadInt32(Path.Combine(directory, "test.npy"), out _);
                Assert.Equal(143, test.Length); // ceil(0.25 · 569)
                Assert.Equal(Enumerable.Range(0, 569), train.Concat(test).OrderBy(i => i));
                ClassificationData<double> cancer = ClassificationData<double>.FromCsv(
                    Path.Combine(SklearnDataFactAttribute.Directory, "breast_cancer.csv"), new CsvOptions { SkipLines = 1, HasHeader = false, ClassCount = 2 });
                // 212 malignant of 569: 143 · 212 / 569 = 53.3, so 53 in the test part.
                Assert.Equal(53, test.Count(i => cancer.Labels[i] == 0));
            }
            finally
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }

        [Fact]
        public void MissingDataNamesThePackageAndExitsWithCode4()
        {
            (int exitCode, _, string error) = Invoke("digits", "--data", "/nonexistent/digits.csv.gz");
            Assert.Equal(4, exitCode);
            Assert.Contains("apt-get install python3-sklearn", error);
            Assert.Contains("/nonexistent/digits.csv.gz does not exist", error);
        }

        [Fact]
        public void AMalformedFileIsReportedWithItsLineAndExitCode1()
        {
            string path = Path.Combine(Path.GetTempPath(), "netgen-bad-digits-" + Guid.NewGuid().ToString("N") + ".csv");
            File.WriteAllText(path, string.Join(",", Enumerable.Repeat("0", 64)) + ",3\n" + string.Join(",", Enumerable.Repeat("1", 63)) + ",x,4\n");
            try
            {
                (int exitCode, _, string error) = Invoke("digits", "--data", path);
                Assert.Equal(1, exitCode);
                Assert.Contains($"{path}, line 2, column 64: the feature 'column 64' holds 'x', which is not a number", error);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void TheReadmeProgramTrainsIrisFromCsv()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "References", "csv", "iris.csv");
            // The README's program, with the file name and the printing changed.
            var data = ClassificationData<float>.FromCsv(path, new CsvOptions { Label = "species" });
            var (train, test) = data.Split(testFraction: 0.25, seed: 0);
            var scaler = Standardization.Fit(train);
            var net = new IrisNetSingle();
            net.InitializeHe(seed: 0);
            var printed = new StringWriter();
            var trainer = new Trainer { Epochs = 200, LearningRate = 0.01, ValidationFraction = 0.1, Patience = 20, EpochEnded = printed.WriteLine, Progress = ProgressDisplay.Off };
            TrainingHistory history = trainer.Fit(net, scaler.Apply(train));
            double accuracy = Trainer.Evaluate(net, scaler.Apply(test)).Accuracy;
            _output.WriteLine($"{history.Epochs.Count} epochs, best {history.BestEpoch}, test accuracy {accuracy}; first line: {printed.ToString().Split('\n')[0]}");
            Assert.StartsWith("epoch   1  lr 0.01  loss ", printed.ToString());

            Assert.True(accuracy >= 0.9, $"iris test accuracy {accuracy}");
            Assert.True(history.Epochs.Count > 5);
        }
    }

    /// <summary>The README's iris network.</summary>
    [Network(BatchSize = 16, Precision = Precision.Single)]
    [Dense(4, 16, Bias = true)]
    [ReLU]
    [Dense(16, 3, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    [Adam]
    public partial class IrisNetSingle
    {
    }
}
