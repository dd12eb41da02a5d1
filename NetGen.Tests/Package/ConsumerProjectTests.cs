using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace NetGen.Tests.Package
{
    /// <summary>
    /// A user's first steps with the packed NetGen, outside the solution: <c>dotnet new console</c>, <c>dotnet add
    /// package NetGen</c> from a folder feed, a network declared in Program.cs, build, run. The program trains the network,
    /// saves and reloads its weights and prints what it saw; a missing generator, attribute or runtime assembly makes
    /// the build or the run fail. The build treats warnings as errors, as many users' builds do.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class ConsumerProjectTests
    {
        private const string ProgramSource = """
            using System;
            using System.IO;
            using System.Linq;
            using NetGen;
            using NetGen.NumPy;

            var net = new TinyNet();
            var random = new LegacyRandom(0);                   // np.random.seed(0)
            double[] x = new double[TinyNet.BatchSize * TinyNet.InputSize];
            double[] t = new double[TinyNet.BatchSize * TinyNet.OutputSize];
            random.StandardNormal(x);                           // np.random.randn(4, 3)
            random.StandardNormal(t);                           // np.random.randn(4, 2)
            random.StandardNormal(net.W1);                      // np.random.randn(3, 5)
            random.StandardNormal(net.W2);                      // np.random.randn(5, 2)

            double first = net.TrainStep(x, t, 0.01);
            double last = first;
            for (int i = 1; i < 20; i++)
            {
                last = net.TrainStep(x, t, 0.01);
            }
            Console.WriteLine($"first loss {PythonFloat.Repr(first)}");
            Console.WriteLine($"loss decreased {last < first}");

            string directory = Path.Combine(AppContext.BaseDirectory, "weights");
            net.SaveWeights(directory);
            var reloaded = new TinyNet();
            reloaded.LoadWeights(directory);
            bool same = reloaded.W1.SequenceEqual(net.W1) && reloaded.B1.SequenceEqual(net.B1) && reloaded.W2.SequenceEqual(net.W2);
            Console.WriteLine($"reloaded equal {same}");
            Console.WriteLine($"files {string.Join(" ", Directory.GetFiles(directory).Select(Path.GetFileName).Order())}");
            Console.WriteLine($"parameters {TinyNet.ParameterCount} bytes {TinyNet.ParameterBytes}");

            [Network(BatchSize = 4)]
            [Dense(3, 5, Bias = true)]
            [ReLU]
            [Dense(5, 2)]
            [SquaredErrorLoss]
            partial class TinyNet
            {
            }
            """;

        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

        private readonly PackedNetGen _package;

        public ConsumerProjectTests(PackedNetGen package) => _package = package;

        [Fact]
        public void NewConsoleProject_AddsThePackageByName_BuildsAndRunsANetwork()
        {
            string project = Path.Combine(_package.WorkDirectory, "consumer", "TinyConsumer");
            Directory.CreateDirectory(project);
            WriteNuGetConfig(Path.Combine(_package.WorkDirectory, "consumer"));

            DotNetCli.Run(project, Timeout, "new", "console", "--name", "TinyConsumer", "--output", project, "--no-restore").Succeeded();
            AddPackage(project);
            File.WriteAllText(Path.Combine(project, "Program.cs"), ProgramSource);
            // Restored by `add package`; restoring again would let a restore warning (such as a package source that
            // could not be asked about vulnerabilities) fail the build, which is not what this test is about.
            DotNetCli.Run(project, Timeout,
                "build", "-c", "Release", "--no-restore", "--disable-build-servers",
                "-p:TreatWarningsAsErrors=true", "-p:EmitCompilerGeneratedFiles=true").Succeeded();

            // The runtime and the attributes are copied beside the program; the generator is only used by the compiler.
            string outputDirectory = Path.GetDirectoryName(
                Directory.GetFiles(Path.Combine(project, "bin"), "TinyConsumer.dll", SearchOption.AllDirectories).Single())!;
            Assert.True(File.Exists(Path.Combine(outputDirectory, "NetGen.Attributes.dll")), "NetGen.Attributes.dll is not in the build output.");
            Assert.True(File.Exists(Path.Combine(outputDirectory, "NetGen.Runtime.dll")), "NetGen.Runtime.dll is not in the build output.");
            Assert.False(File.Exists(Path.Combine(outputDirectory, "NetGen.Generator.dll")), "The generator was copied into the build output.");

            // Where docs/package.md tells users to find the generated source on disk.
            string generated = Directory.GetFiles(Path.Combine(project, "obj"), "TinyNet.g.cs", SearchOption.AllDirectories).Single();
            Assert.EndsWith(Path.Combine("generated", "NetGen.Generator", "NetGen.Generator.NetworkGenerator", "TinyNet.g.cs"), generated);
            Assert.Contains("public const int ParameterCount = 30;", File.ReadAllText(generated));

            CommandResult run = DotNetCli.Run(project, Timeout, "run", "-c", "Release", "--no-build").Succeeded();

            string[] lines = run.Lines().ToArray();
            // /usr/bin/python3 -c "import numpy as np; np.random.seed(0); x = np.random.randn(4, 3); t = np.random.randn(4, 2);
            //   w1 = np.random.randn(3, 5); w2 = np.random.randn(5, 2); print(repr(np.square(np.maximum(x @ w1, 0) @ w2 - t).sum()))"
            const double NumPysFirstLoss = 415.63581003202114;
            double firstLoss = double.Parse(Line(lines, "first loss "), CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(firstLoss - NumPysFirstLoss) <= 1e-12 * NumPysFirstLoss, $"first loss {firstLoss:R}, NumPy's {NumPysFirstLoss:R}");
            Assert.Equal("True", Line(lines, "loss decreased "));
            Assert.Equal("True", Line(lines, "reloaded equal "));
            Assert.Equal("B1.npy W1.npy W2.npy", Line(lines, "files "));
            Assert.Equal("30 bytes 240", Line(lines, "parameters "));
        }

        /// <summary>
        /// A NuGet.config beside the consumer projects: the folder feed is added to the sources the machine already
        /// has, and any inherited package source mapping is cleared so that NetGen may come from the folder feed.
        /// </summary>
        private void WriteNuGetConfig(string directory)
        {
            File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="netgen-local-feed" value="{_package.Feed}" />
                  </packageSources>
                  <packageSourceMapping>
                    <clear />
                  </packageSourceMapping>
                </configuration>
                """);
        }

        /// <summary>
        /// <c>dotnet add package NetGen --version ...</c>. Restore also asks the machine's other package sources, so a
        /// source that could not be reached (NU1301) is retried once before the test fails.
        /// </summary>
        private void AddPackage(string project)
        {
            CommandResult result = DotNetCli.Run(project, Timeout, "add", "package", "NetGen", "--version", _package.Version);
            if (result.ExitCode != 0 && result.Output.Contains("NU1301", StringComparison.Ordinal))
            {
                result = DotNetCli.Run(project, Timeout, "add", "package", "NetGen", "--version", _package.Version);
            }
            result.Succeeded();
        }

        private static string Line(string[] lines, string prefix)
        {
            string? line = lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            Assert.True(line is not null, $"No line starting with '{prefix}' in:\n{string.Join("\n", lines)}");
            return line!.Substring(prefix.Length);
        }
    }
}
