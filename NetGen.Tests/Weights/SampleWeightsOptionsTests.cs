using System;
using System.IO;
using System.Linq;
using NetGen.NumPy;
using NetGen.Sample;
using Xunit;

namespace NetGen.Tests.Weights
{
    /// <summary>
    /// The sample's <c>--save-weights DIR</c> and <c>--load-weights DIR</c>: the saved files hold the matrices NumPy
    /// trains from the same start, and a run that loads them continues the saved run exactly.
    /// </summary>
    public sealed class SampleWeightsOptionsTests
    {
        private static (int ExitCode, string[] Lines, string Error) Invoke(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exitCode = Program.BuildCommand(output, error).Parse(args)
                .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
            return (exitCode, output.ToString().Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
        }

        [Fact]
        public void SavedWeights_AreTheMatricesNumPyTrains()
        {
            // /usr/bin/python3 -c "import numpy as np; np.random.seed(0); x = np.random.randn(64, 1000); t = np.random.randn(64, 10);
            //   w1 = np.random.randn(1000, 100); w2 = np.random.randn(100, 10)
            //   [three iterations of make_refs.py's q7 with lr = 1e-6]; print(w2[0].tolist()); print(w1[0, :5].tolist())"
            double[] numPysW2Row0 =
            {
                -0.21065154285483742, -0.9668897233389159, -0.6048587930896182, 1.2481671942974557, 1.688955342811063,
                0.29476947114242386, 0.5931948026429967, -0.6733073606054034, -0.21746124529737326, -0.27376779295780995,
            };
            double[] numPysW1Row0Start = { 1.1252898343568007, -0.013504298189041392, -1.2737558921235435, -0.8857084075795584, -0.5221763705867942 };
            using var directory = new TemporaryDirectory();

            (int exitCode, _, string error) = Invoke("q7", "--iterations", "3", "--save-weights", directory.Path);

            Assert.True(exitCode == 0, error);
            double[] w1 = NpyFile.Read(directory.Combine("W1.npy"), out int[] w1Shape);
            double[] w2 = NpyFile.Read(directory.Combine("W2.npy"), out int[] w2Shape);
            Assert.Equal(new[] { 1000, 100 }, w1Shape);
            Assert.Equal(new[] { 100, 10 }, w2Shape);
            AssertClose(numPysW2Row0, w2[..10]);
            AssertClose(numPysW1Row0Start, w1[..5]);
        }

        [Theory]
        [InlineData("q7")]
        [InlineData("q8")]
        public void LoadingSavedWeights_ContinuesTheRunExactly(string question)
        {
            // Five iterations in one run print the same losses as three, saved, then two more from the saved weights.
            using var directory = new TemporaryDirectory();
            (_, string[] uninterrupted, _) = Invoke(question, "--iterations", "5");

            (int saveExit, _, string saveError) = Invoke(question, "--iterations", "3", "--save-weights", directory.Path);
            (int loadExit, string[] continued, string loadError) = Invoke(question, "--iterations", "2", "--load-weights", directory.Path);

            Assert.True(saveExit == 0, saveError);
            Assert.True(loadExit == 0, loadError);
            Assert.Equal(uninterrupted.Skip(3).Select(DropIteration), continued.Select(DropIteration));
        }

        [Fact]
        public void LoadWeights_FromADirectoryWithoutTheFiles_FailsWithAMessage()
        {
            using var directory = new TemporaryDirectory();

            (int exitCode, string[] lines, string error) = Invoke("q7", "--load-weights", directory.Path);

            Assert.Equal(1, exitCode);
            Assert.Empty(lines);
            Assert.Contains(Path.Combine(directory.Path, "W1.npy"), error);
            Assert.Contains("W1.npy (1000, 100), W2.npy (100, 10)", error);
        }

        [Fact]
        public void LoadWeights_OfAnotherNetwork_FailsNamingTheShapes()
        {
            // References/weights/double holds the (4, 5) and (5, 2) parameters of a smaller network.
            (int exitCode, _, string error) = Invoke("q8", "--load-weights", WeightFiles.Reference("double"));

            Assert.Equal(1, exitCode);
            Assert.Contains("has shape (4, 5) but Question8Net.W1 has shape (1000, 100)", error);
        }

        [Fact]
        public void DivergedRun_DoesNotSaveWeights()
        {
            using var directory = new TemporaryDirectory();
            string target = directory.Combine("weights");

            (int exitCode, _, string error) = Invoke("q7", "--lr", "1e-4", "--save-weights", target);

            Assert.Equal(Program.DivergedExitCode, exitCode);
            Assert.Contains("weights were not saved", error);
            Assert.False(Directory.Exists(target));
        }

        private static string DropIteration(string line) => line.Substring(line.IndexOf(' ') + 1);

        private static void AssertClose(double[] expected, double[] actual)
        {
            // Three SGD steps through 64 x 1000 products: only the order of the additions differs from OpenBLAS's.
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(
                    Math.Abs(actual[i] - expected[i]) <= 1e-12 * Math.Abs(expected[i]) + 1e-15,
                    $"element {i}: NetGen {actual[i]:R}, NumPy {expected[i]:R}");
            }
        }
    }
}
