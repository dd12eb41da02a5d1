using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using NetGen.Datasets;
using NetGen.Onnx;

namespace NetGen.Sample.Fashion
{
    /// <summary>
    /// <c>fashion-onnx FILE</c>: loads an ONNX MLP (for example one PyTorch trained and exported, see
    /// NetGen.Sample/scripts/train_fashion_onnx.py) into the Fashion network and reports its accuracy on the test images.
    /// </summary>
    public static class FashionOnnxCommand
    {
        /// <summary>Exit code when the model cannot be loaded into the network.</summary>
        public const int ModelRefusedExitCode = 5;

        public static Command Build(TextWriter output, TextWriter error)
        {
            var model = new Argument<FileInfo>("model") { Description = "The ONNX file: an MLP with the layers of --network (e.g. from torch.onnx.export or fashion --save-onnx)." };
            var data = new Option<DirectoryInfo>("--data")
            {
                Description = "The directory holding the four Fashion-MNIST IDX files (gzip-compressed or not).",
                DefaultValueFactory = _ => new DirectoryInfo(FashionMnist.DefaultDirectory),
            };
            var network = new Option<string>("--network")
            {
                Description = "'standard' is 784-256-128-10, 'wide' is 784-512-256-10; ReLU, biases, float32. The model must have these layers.",
                DefaultValueFactory = _ => "standard",
            };
            network.AcceptOnlyFromAmong("standard", "wide");
            var testImages = new Option<int?>("--test-images") { Description = "Measure on only the first N test images." };
            testImages.Validators.Add(result => OptionChecks.RequirePositive(result, "--test-images"));

            var command = new Command("fashion-onnx", "Fashion-MNIST: load an ONNX MLP into the fashion network and measure it on the test images (pixels scaled to [0, 1], 784 per row).")
            {
                model, data, network, testImages,
            };
            command.SetAction(parse =>
            {
                string path = parse.GetValue(model)!.FullName;
                var settings = new FashionSettings(parse.GetValue(network)!, 1, 1e-3, 1, 1, TestImages: parse.GetValue(testImages), Threads: 1);
                (IFashionClassifier classifier, int batchSize, string description) = FashionTrainer.CreateNetwork(settings);
                try
                {
                    classifier.LoadOnnx(path);
                }
                catch (Exception exception) when (exception is OnnxFormatException or IOException or UnauthorizedAccessException)
                {
                    error.WriteLine("fashion-onnx: " + exception.Message);
                    return ModelRefusedExitCode;
                }

                MnistDataset dataset;
                try
                {
                    dataset = FashionTrainer.LoadData(parse.GetValue(data)!.FullName);
                }
                catch (FashionDataMissingException missing)
                {
                    error.WriteLine("fashion-onnx: " + missing.Message);
                    return FashionCommand.DataMissingExitCode;
                }

                int count = Math.Min(settings.TestImages ?? dataset.Test.Count, dataset.Test.Count);
                double accuracy = FashionTrainer.Accuracy(
                    classifier, batchSize, dataset.Test.ImagesAsFloat(), dataset.Test.Labels, count, dataset.Test.PixelsPerImage);
                output.WriteLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "fashion-onnx: {0} loaded into {1}; test accuracy {2:0.0000} on {3} test images from {4}",
                    path, description.Replace(", Adam", "", StringComparison.Ordinal), accuracy, count, dataset.Directory));
                return 0;
            });
            return command;
        }
    }
}
