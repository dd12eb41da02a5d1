using System;
using System.IO;
using System.Linq;
using NetGen.Sample;
using NetGen.Sample.Fashion;
using NetGen.Tests.Formats;
using Xunit;

namespace NetGen.Tests.Onnx
{
    /// <summary>
    /// The sample's <c>fashion --save-onnx FILE</c> and <c>fashion-onnx FILE</c>: a model the sample trained and saved
    /// loads back with the test accuracy the training run printed; a model of other layers is refused with the
    /// loader's message.
    /// </summary>
    public sealed class FashionOnnxSampleTests
    {
        private static (int ExitCode, string[] Lines, string Error) Invoke(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exitCode = Program.BuildCommand(output, error).Parse(args)
                .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
            return (exitCode, output.ToString().Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
        }

        [FashionMnistInstalledFact]
        public void SavedOnnxModel_LoadsBackWithTheSameTestAccuracy()
        {
            using var directory = new OnnxTemporaryDirectory();
            string path = directory.File("fashion.onnx");

            (int trainExit, string[] trainLines, string trainError) = Invoke(
                "fashion", "--epochs", "1", "--train-images", "2000", "--test-images", "1000", "--no-progress", "--save-onnx", path);
            Assert.True(trainExit == 0, trainError);
            Assert.Contains($"fashion: ONNX model saved in {path}", trainLines);
            string trained = trainLines.Single(l => l.StartsWith("fashion: test accuracy ", StringComparison.Ordinal));
            string accuracy = trained.Split(' ')[3];

            (int loadExit, string[] loadLines, string loadError) = Invoke("fashion-onnx", path, "--test-images", "1000");
            Assert.True(loadExit == 0, loadError);
            Assert.Contains($"test accuracy {accuracy} on 1000 test images", Assert.Single(loadLines));
        }

        [Fact]
        public void ModelOfOtherLayers_IsRefusedWithTheLoadersMessage()
        {
            string model = OnnxTestFiles.Reference("relu_bias_float_op13.onnx");

            (int exitCode, string[] lines, string error) = Invoke("fashion-onnx", model);

            Assert.Equal(FashionOnnxCommand.ModelRefusedExitCode, exitCode);
            Assert.Empty(lines);
            Assert.Contains("does not match FashionNetOneThread: graph input 'input' has shape (batch, 5), 5 features per row, but layer 1 of FashionNetOneThread, [Dense(784, 256, Bias = true)], takes 784.", error);
        }

        [Fact]
        public void MissingModel_IsRefused()
        {
            (int exitCode, _, string error) = Invoke("fashion-onnx", Path.Combine(Path.GetTempPath(), "netgen-no-such-fashion.onnx"));

            Assert.Equal(FashionOnnxCommand.ModelRefusedExitCode, exitCode);
            Assert.Contains("netgen-no-such-fashion.onnx", error);
        }
    }
}
