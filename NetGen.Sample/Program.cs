using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using NetGen.NumPy;
using NetGen.Sample.Assignment;
using NetGen.Sample.Training;

namespace NetGen.Sample
{
    /// <summary>
    /// The NetGen sample: the assignment's questions 7 and 8 trained with generated code, printed so that the output
    /// can be compared line by line with NumPy's, and the generated source of the sample networks.
    /// </summary>
    public static class Program
    {
        /// <summary>Exit code of a run whose loss became infinite or NaN.</summary>
        public const int DivergedExitCode = 3;

        public static int Main(string[] args) => BuildCommand(Console.Out, Console.Error).Parse(args).Invoke();

        public static RootCommand BuildCommand(TextWriter output, TextWriter error)
        {
            var root = new RootCommand("NetGen sample: networks declared with attributes, trained with generated code.");
            root.Subcommands.Add(TrainingCommand("q7", "Question 7: 1000-100-10 ReLU network, squared error, random targets.", AssignmentRuns.Question7, output, error));
            root.Subcommands.Add(TrainingCommand("q8", "Question 8: 1000-100-10 ReLU network, softmax cross-entropy, random labels over 10 classes.", AssignmentRuns.Question8, output, error));
            root.Subcommands.Add(SourceCommand.Build(output, error));
            root.Subcommands.Add(NetGen.Sample.Fashion.FashionCommand.Build(output, error));
            root.Subcommands.Add(NetGen.Sample.Fashion.FashionOnnxCommand.Build(output, error));
            root.Subcommands.Add(NetGen.Sample.Tabular.TabularCommand.BuildDigits(output, error));
            root.Subcommands.Add(NetGen.Sample.Tabular.TabularCommand.BuildBreastCancer(output, error));
            return root;
        }

        private static Command TrainingCommand(
            string name, string description, Func<RunSettings, TrainingLog, TrainingResult> run, TextWriter output, TextWriter error)
        {
            RunSettings defaults = RunSettings.Assignment;
            var rng = new Option<string>("--rng")
            {
                Description = "Random numbers for the data and weights: 'legacy' is np.random.seed + randn/randint (what printed the assignment's output), 'pcg64' is np.random.default_rng + standard_normal/integers (what the assignment's code says).",
                DefaultValueFactory = _ => "legacy",
            };
            rng.AcceptOnlyFromAmong("legacy", "pcg64");
            var seed = new Option<uint>("--seed")
            {
                Description = "Seed of the random numbers, as passed to np.random.seed or default_rng.",
                DefaultValueFactory = _ => defaults.Seed,
            };
            // No DefaultValueFactory: the help would print the default as 1E-06; the description states it as written.
            var learningRate = new Option<double?>("--lr")
            {
                Description = $"Learning rate of plain SGD (W -= lr * dL/dW); default {OptionChecks.Number(defaults.LearningRate)}, as in the assignment's output (its code's 1e-4 diverges).",
            };
            learningRate.Validators.Add(result => OptionChecks.RequirePositive(result, "--lr"));
            var iterations = new Option<int>("--iterations")
            {
                Description = "Training iterations; one 'i loss' line is printed for each.",
                DefaultValueFactory = _ => defaults.Iterations,
            };
            iterations.Validators.Add(result => OptionChecks.RequirePositive(result, "--iterations"));
            var plot = new Option<FileInfo?>("--plot") { Description = "Also draw the loss curve (log scale) into this PNG file." };
            var csv = new Option<FileInfo?>("--csv") { Description = "Also write 'iteration,loss' lines into this CSV file." };
            var loadWeights = new Option<DirectoryInfo?>("--load-weights")
            {
                Description = "Start from W1.npy and W2.npy in this directory (float64 or float32, shapes (1000, 100) and (100, 10), e.g. from np.save or --save-weights) instead of the drawn weights; the data is still drawn from --rng and --seed.",
            };
            var saveWeights = new Option<DirectoryInfo?>("--save-weights")
            {
                Description = "After training, write the weights into this directory as W1.npy and W2.npy (float64, C order); np.load reads them.",
            };

            var command = new Command(name, description + " Prints one 'i loss' line per iteration, formatted as Python prints floats.")
            {
                rng, seed, learningRate, iterations, plot, csv, loadWeights, saveWeights,
            };
            command.SetAction(parse =>
            {
                var settings = new RunSettings(
                    parse.GetValue(rng) == "pcg64" ? RandomKind.Pcg64 : RandomKind.Legacy,
                    parse.GetValue(seed),
                    parse.GetValue(learningRate) ?? defaults.LearningRate,
                    parse.GetValue(iterations),
                    parse.GetValue(loadWeights)?.FullName,
                    parse.GetValue(saveWeights)?.FullName);
                TrainingResult result;
                try
                {
                    result = run(settings, new TrainingLog(output));
                }
                catch (Exception exception) when (exception is NpyFormatException or IOException or UnauthorizedAccessException)
                {
                    output.Flush();
                    error.WriteLine($"{name}: {exception.Message}");
                    return 1;
                }
                output.Flush();

                if (parse.GetValue(csv) is FileInfo csvFile)
                {
                    LossReports.WriteCsv(csvFile.FullName, result.Losses);
                }
                if (parse.GetValue(plot) is FileInfo plotFile)
                {
                    LossReports.WritePlot(plotFile.FullName, result.Losses,
                        $"{name}: loss per iteration ({settings.Random.ToString().ToLowerInvariant()} seed {settings.Seed}, lr {PythonFloat.Repr(settings.LearningRate)})");
                }

                int done = result.Losses.Length;
                double perIteration = result.Elapsed.TotalMilliseconds / Math.Max(1, done);
                if (result.Diverged)
                {
                    double bad = result.Losses[result.DivergedAt];
                    error.WriteLine(
                        $"{name}: training diverged at iteration {result.DivergedAt}: the loss became {PythonFloat.Repr(bad)} " +
                        $"(learning rate {PythonFloat.Repr(settings.LearningRate)} is too large for this network; each step overshoots and the weights grow without bound). " +
                        $"Try a smaller learning rate, e.g. --lr {PythonFloat.Repr(settings.LearningRate / 100)}.");
                    if (settings.SaveWeightsTo is string unsaved)
                    {
                        error.WriteLine($"{name}: the weights were not saved to {unsaved}: they are no longer finite.");
                    }
                    return DivergedExitCode;
                }
                error.WriteLine(
                    $"{name}: {done} iterations, final loss {PythonFloat.Repr(result.Losses[done - 1])}, " +
                    $"{perIteration.ToString("0.###", CultureInfo.InvariantCulture)} ms per iteration ({result.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s in all)");
                return 0;
            });
            return command;
        }
    }
}
