using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using NetGen.NumPy;
using NetGen.Sample.Fashion;
using NetGen.Training;

namespace NetGen.Sample.Tabular
{
    /// <summary>
    /// <c>digits</c> and <c>breast-cancer</c>: small classifiers trained through <see cref="Trainer"/> on the CSV files
    /// scikit-learn ships (Debian's python3-sklearn), with a stratified 25% test split, standardization fitted on the
    /// training part, a 10% validation split for early stopping, and one line per epoch.
    /// </summary>
    public static class TabularCommand
    {
        /// <summary>Where Debian's python3-sklearn puts scikit-learn's bundled data.</summary>
        public const string SklearnData = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

        /// <summary>One of the datasets: its file, how to read it, and the network to train.</summary>
        private sealed record Recipe(string Name, string FileName, string Description, CsvOptions Csv, Func<IClassifier<double>> Network, string NetworkDescription);

        private static readonly Recipe Digits = new(
            "digits", "digits.csv.gz", "scikit-learn's handwritten digits (1797 images of 8 x 8 pixels, 10 classes)",
            // 64 pixel columns, then the digit; no header.
            new CsvOptions { HasHeader = false, Label = ^1, ClassCount = 10 },
            () => new DigitsNet(), "64-64-10 ReLU, Adam, batch 32, float64");

        private static readonly Recipe BreastCancer = new(
            "breast-cancer", "breast_cancer.csv", "the Wisconsin breast cancer data (569 tumours, 30 measurements, malignant or benign)",
            // The first line is "569,30,malignant,benign" (counts and class names), then 30 measurements and the class.
            new CsvOptions { SkipLines = 1, HasHeader = false, Label = ^1, Classes = null, ClassCount = 2 },
            () => new BreastCancerNet(), "30-32-2 ReLU, Adam, batch 32, float64");

        public static Command BuildDigits(TextWriter output, TextWriter error) => Build(Digits, output, error);

        public static Command BuildBreastCancer(TextWriter output, TextWriter error) => Build(BreastCancer, output, error);

        private static Command Build(Recipe recipe, TextWriter output, TextWriter error)
        {
            var data = new Option<FileInfo>("--data")
            {
                Description = $"The CSV file (plain or gzip-compressed); default {SklearnData}/{recipe.FileName}.",
                DefaultValueFactory = _ => new FileInfo(Path.Combine(SklearnData, recipe.FileName)),
            };
            var epochs = new Option<int>("--epochs") { Description = "The most epochs to train (early stopping may end sooner).", DefaultValueFactory = _ => 200 };
            epochs.Validators.Add(result => OptionChecks.RequirePositive(result, "--epochs"));
            var learningRate = new Option<double>("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => 1e-3 };
            learningRate.Validators.Add(result => OptionChecks.RequirePositive(result, "--lr"));
            var patience = new Option<int>("--patience")
            {
                Description = "Stop after this many epochs without a better validation loss, and keep the best epoch's weights; 0 trains every epoch.",
                DefaultValueFactory = _ => 20,
            };
            var seed = new Option<int>("--seed") { Description = "Seeds the test split, the initial weights, the validation split and the shuffling.", DefaultValueFactory = _ => 0 };
            var saveSplit = new Option<DirectoryInfo?>("--save-split")
            {
                Description = "Write the test split's row indexes (train.npy, test.npy, int32, rows of the file from 0) into this directory, e.g. for bench/tabular_side_by_side.",
            };
            var noProgress = new Option<bool>("--no-progress") { Description = "Do not draw the progress line on the error stream." };

            var command = new Command(recipe.Name, $"Train a classifier on {recipe.Description} through NetGen.Training.Trainer; prints one line per epoch, the test accuracy and the training time.")
            {
                data, epochs, learningRate, patience, seed, saveSplit, noProgress,
            };
            command.SetAction(parse =>
            {
                string path = parse.GetValue(data)!.FullName;
                if (!File.Exists(path))
                {
                    error.WriteLine($"{recipe.Name}: {path} does not exist. Install scikit-learn's data with 'apt-get install python3-sklearn' (as root, or with sudo), which puts {recipe.FileName} in {SklearnData}, or pass --data with the file.");
                    return FashionCommand.DataMissingExitCode;
                }
                int seedValue = parse.GetValue(seed);
                ClassificationData<double> all;
                try
                {
                    all = ClassificationData<double>.FromCsv(path, recipe.Csv);
                }
                catch (Exception exception) when (exception is NetGen.Datasets.CsvFormatException or IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"{recipe.Name}: {exception.Message}");
                    return 1;
                }

                (int[] trainRows, int[] testRows) = DataSplit.Indexes(all.Count, 0.25, seedValue, all.Labels, all.ClassCount);
                if (parse.GetValue(saveSplit) is DirectoryInfo splitDirectory)
                {
                    Directory.CreateDirectory(splitDirectory.FullName);
                    NpyFile.Write(Path.Combine(splitDirectory.FullName, "train.npy"), trainRows, trainRows.Length);
                    NpyFile.Write(Path.Combine(splitDirectory.FullName, "test.npy"), testRows, testRows.Length);
                }
                ClassificationData<double> train = all.Select(trainRows);
                ClassificationData<double> test = all.Select(testRows);
                Standardization scaler = Standardization.Fit(train);
                train = scaler.Apply(train);
                test = scaler.Apply(test);

                IClassifier<double> network = recipe.Network();
                network.InitializeHe(seedValue);
                var trainer = new Trainer
                {
                    Epochs = parse.GetValue(epochs),
                    LearningRate = parse.GetValue(learningRate),
                    Seed = seedValue,
                    ValidationFraction = 0.1,
                    Patience = Math.Max(0, parse.GetValue(patience)),
                    Progress = parse.GetValue(noProgress) ? ProgressDisplay.Off : ProgressDisplay.Auto,
                    EpochEnded = report =>
                    {
                        output.WriteLine(report);
                        output.Flush();
                    },
                };
                output.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: {1}; {2} examples from {3}: {4} for training (10% of them for validation), {5} for testing (stratified, seed {6}); features standardized on the training part",
                    recipe.Name, recipe.NetworkDescription, all.Count, path, train.Count, test.Count, seedValue));
                output.Flush();

                TrainingHistory history = trainer.Fit(network, train);
                Evaluation result = Trainer.Evaluate(network, test);
                string ending = history.StopReason switch
                {
                    StopReason.EarlyStopped => $"stopped early after epoch {history.Epochs.Count}; kept epoch {history.BestEpoch}'s weights",
                    StopReason.Diverged => history.RestoredBest
                        ? $"the loss became infinite or NaN in epoch {history.Epochs.Count}; kept epoch {history.BestEpoch}'s weights (try a smaller --lr)"
                        : $"the loss became infinite or NaN in epoch {history.Epochs.Count} (try a smaller --lr)",
                    _ => $"{history.Epochs.Count} epochs",
                };
                output.WriteLine($"{recipe.Name}: {ending}");
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "test accuracy {0:0.0000} ({1} of {2})", result.Accuracy, result.Correct, result.Count));
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "training took {0:0.000} s", history.Seconds));
                return history.StopReason == StopReason.Diverged ? Program.DivergedExitCode : 0;
            });
            return command;
        }
    }
}
