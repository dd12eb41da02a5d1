using System;
using System.IO;
using NetGen.Sample;
using Xunit;

namespace NetGen.Tests.Training
{
    /// <summary>The sample's command line: options, the divergence stop, the CSV and PNG outputs.</summary>
    public class SampleCommandTests
    {
        private static (int ExitCode, string Output, string Error) Invoke(params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int exitCode = Program.BuildCommand(output, error).Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
            return (exitCode, output.ToString(), error.ToString());
        }

        [Fact]
        public void DivergenceStopsWithAMessageAndANonZeroExitCode()
        {
            (int exitCode, string output, string error) = Invoke("q7", "--lr", "1e-4");
            Assert.Equal(Program.DivergedExitCode, exitCode);
            Assert.Contains("diverged at iteration 5", error);
            Assert.Contains("smaller learning rate", error);
            Assert.StartsWith("0 26365524.1934543", output);
            Assert.EndsWith("5 inf\n", output.Replace("\r\n", "\n"));
        }

        [Fact]
        public void WritesThePlotAndTheCsv()
        {
            string directory = Path.Combine(Path.GetTempPath(), "netgen-sample-" + Guid.NewGuid().ToString("N"));
            string png = Path.Combine(directory, "loss.png");
            string csv = Path.Combine(directory, "loss.csv");
            try
            {
                (int exitCode, _, string error) = Invoke("q8", "--iterations", "20", "--plot", png, "--csv", csv);
                Assert.Equal(0, exitCode);
                Assert.Contains("20 iterations", error);
                byte[] image = File.ReadAllBytes(png);
                Assert.True(image.Length > 10_000, $"PNG has only {image.Length} bytes");
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image[..4]);
                string[] lines = File.ReadAllLines(csv);
                Assert.Equal("iteration,loss", lines[0]);
                Assert.Equal(21, lines.Length);
                Assert.StartsWith("0,21709.6111364811", lines[1]);
            }
            finally
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }

        [Theory]
        [InlineData("q7", "--rng", "mt")]
        [InlineData("q7", "--lr", "-1")]
        [InlineData("q7", "--lr", "abc")]
        [InlineData("q8", "--iterations", "0")]
        [InlineData("q9")]
        public void BadOptionsFailWithAMessage(params string[] args)
        {
            (int exitCode, _, string error) = Invoke(args);
            Assert.NotEqual(0, exitCode);
            Assert.False(string.IsNullOrWhiteSpace(error));
        }

        [Fact]
        public void OtherSeedsAndIterationCountsRun()
        {
            (int exitCode, string output, _) = Invoke("q7", "--rng", "pcg64", "--seed", "3", "--iterations", "3");
            Assert.Equal(0, exitCode);
            Assert.Equal(3, output.Trim().Split('\n').Length);
        }
    }
}
