using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen.Datasets;

namespace NetGen.Sample.Fashion
{
    /// <summary>
    /// <c>fashion</c>: trains a float32 ReLU classifier on Fashion-MNIST with Adam and shuffled mini-batches, printing
    /// one line per epoch (mean training loss, test accuracy, seconds) and a progress display on the error stream.
    /// </summary>
    public static class FashionCommand
    {
        /// <summary>Exit code when the dataset is not installed.</summary>
        public const int DataMissingExitCode = 4;

        public static Command Build(TextWriter output, TextWriter error)
        {
            FashionSettings defaults = FashionSettings.Reference;
            var data = new Option<DirectoryInfo>("--data")
            {
                Description = "The directory holding the four Fashion-MNIST IDX files (gzip-compressed or not).",
                DefaultValueFactory = _ => new DirectoryInfo(FashionMnist.DefaultDirectory),
            };
            var network = new Option<string>("--network")
            {
                Description = "'standard' is 784-256-128-10 (the PyTorch comparison); 'wide' is 784-512-256-10 (the recipe in docs/fashion.md). Both: ReLU, biases, Adam, batches of 64, float32.",
                DefaultValueFactory = _ => defaults.Network,
            };
            network.AcceptOnlyFromAmong("standard", "wide");
            var epochs = new Option<int>("--epochs") { Description = "Passes over the training images.", DefaultValueFactory = _ => defaults.Epochs };
            epochs.Validators.Add(result => OptionChecks.RequirePositive(result, "--epochs"));
            var learningRate = new Option<double>("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
            learningRate.Validators.Add(result => OptionChecks.RequirePositive(result, "--lr"));
            var decay = new Option<double>("--lr-decay")
            {
                Description = "Multiply the learning rate by this after every epoch (1 keeps it constant).",
                DefaultValueFactory = _ => defaults.LearningRateDecay,
            };
            decay.Validators.Add(result => OptionChecks.RequirePositive(result, "--lr-decay"));
            var seed = new Option<int>("--seed") { Description = "Seed of the initial weights and of the shuffling.", DefaultValueFactory = _ => defaults.Seed };
            var trainImages = new Option<int?>("--train-images") { Description = "Train on only the first N training images." };
            trainImages.Validators.Add(result => OptionChecks.RequirePositive(result, "--train-images"));
            var testImages = new Option<int?>("--test-images") { Description = "Measure on only the first N test images." };
            testImages.Validators.Add(result => OptionChecks.RequirePositive(result, "--test-images"));
            var saveWeights = new Option<DirectoryInfo?>("--save-weights") { Description = "Save the trained weights and biases as .npy files into this directory." };
            var saveOnnx = new Option<FileInfo?>("--save-onnx") { Description = "Save the trained network as an ONNX model into this file (ONNX Runtime runs it; fashion-onnx reads it back)." };
            var plot = new Option<FileInfo?>("--plot") { Description = "Draw the training loss and test accuracy per epoch into this PNG file." };
            var threads = new Option<int>("--threads")
            {
                Description = "The threads TrainStep runs on: 2 (each takes half of every phase of a step) or 1.",
                DefaultValueFactory = _ => defaults.Threads,
            };
            threads.AcceptOnlyFromAmong("1", "2");
            var noProgress = new Option<bool>("--no-progress") { Description = "Do not draw the progress bar on the error stream." };

            var command = new Command("fashion", "Fashion-MNIST: train a ReLU classifier with Adam on the 60,000 training images and measure it on the 10,000 test images.")
            {
                data, network, epochs, learningRate, decay, seed, trainImages, testImages, threads, saveWeights, saveOnnx, plot, noProgress,
            };
            command.SetAction(parse =>
            {
                var settings = new FashionSettings(
                    parse.GetValue(network)!, parse.GetValue(epochs), parse.GetValue(learningRate), parse.GetValue(decay),
                    parse.GetValue(seed), parse.GetValue(trainImages), parse.GetValue(testImages), parse.GetValue(threads));
                string directory = parse.GetValue(data)!.FullName;
                MnistDataset dataset;
                try
                {
                    dataset = FashionTrainer.LoadData(directory);
                }
                catch (FashionDataMissingException missing)
                {
                    error.WriteLine("fashion: " + missing.Message);
                    return DataMissingExitCode;
                }

                string description = FashionTrainer.CreateNetwork(settings).Description;
                output.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "fashion: {0}, batch 64, {1} epochs, lr {2}{3}, seed {4}; {5} training and {6} test images from {7}",
                    description, settings.Epochs, settings.LearningRate.ToString("R", CultureInfo.InvariantCulture),
                    settings.LearningRateDecay == 1 ? "" : " x " + settings.LearningRateDecay.ToString("R", CultureInfo.InvariantCulture) + " per epoch",
                    settings.Seed, Math.Min(settings.TrainImages ?? int.MaxValue, dataset.Train.Count),
                    Math.Min(settings.TestImages ?? int.MaxValue, dataset.Test.Count), dataset.Directory));
                output.Flush();

                bool showProgress = !parse.GetValue(noProgress) && ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
                (IFashionClassifier trained, List<EpochResult> results) = FashionTrainer.Train(
                    dataset, settings,
                    result =>
                    {
                        output.WriteLine(FashionTrainer.Format(result));
                        output.Flush();
                    },
                    showProgress ? error : null);

                double trainSeconds = results.Sum(r => r.TrainSeconds);
                EpochResult last = results[results.Count - 1];
                output.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "fashion: test accuracy {0:0.0000} after {1} epochs; training took {2:0.00} s ({3:0.00} s per epoch), testing {4:0.00} s",
                    last.TestAccuracy, results.Count, trainSeconds, trainSeconds / results.Count, results.Sum(r => r.TestSeconds)));

                if (parse.GetValue(saveWeights) is DirectoryInfo weights)
                {
                    trained.SaveWeights(weights.FullName);
                    output.WriteLine($"fashion: weights saved in {weights.FullName}");
                }
                if (parse.GetValue(saveOnnx) is FileInfo onnxFile)
                {
                    trained.SaveOnnx(onnxFile.FullName);
                    output.WriteLine($"fashion: ONNX model saved in {onnxFile.FullName}");
                }
                if (parse.GetValue(plot) is FileInfo plotFile)
                {
                    FashionPlot.Write(plotFile.FullName, results, $"Fashion-MNIST, {description}");
                    output.WriteLine($"fashion: curves drawn in {plotFile.FullName}");
                }
                return 0;
            });
            return command;
        }
    }
}
