using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace NetGen.Tests.Package
{
    /// <summary>
    /// The code fixes outside an IDE, on a user's project: a fresh console project with the packed NetGen and four
    /// networks, each with one mistake (NG0001, NG0002, NG0007, NG0031), fails to build; its SARIF error log gives every
    /// NetGen rule a help link; <c>dotnet format analyzers --diagnostics NG0001 NG0002 NG0007 NG0031</c> repairs all
    /// four as a person would; then the project builds with warnings as errors and its networks train.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class CodeFixConsumerTests
    {
        private const string BrokenNetworks = """
            using NetGen;

            namespace Fixme;

            [Network(BatchSize = 4)]
            [Dense(3, 5)]
            [ReLU]
            [Dense(5, 2)]
            [SquaredErrorLoss]
            public class NotPartialNet
            {
            }

            [Network(BatchSize = 4)]
            [Dense(3, 5)]
            [ReLU]
            [Dense(4, 2)]
            [SquaredErrorLoss]
            public partial class MismatchNet
            {
            }

            [Network(BatchSize = 4)]
            [Dense(3, 5)]
            [SquaredErrorLoss]
            [ReLU]
            [Dense(5, 2)]
            public partial class LossFirstNet
            {
            }

            [Network(BatchSize = 4)]
            [Dense(3, 5)]
            [ReLU]
            [Dense(5, 2)]
            [SquaredErrorLoss]
            [Momentum(0.9)]
            [Adam]
            public partial class TwoOptimizersNet
            {
            }

            """;

        private const string FixedNetworks = """
            using NetGen;

            namespace Fixme;

            [Network(BatchSize = 4)]
            [Dense(3, 5)]
            [ReLU]
            [Dense(5, 2)]
            [SquaredErrorLoss]
            public partial class NotPartialNet
            {
            }

            [Network(BatchSize = 4)]
            [Dense(3, 5)]
            [ReLU]
            [Dense(5, 2)]
            [SquaredErrorLoss]
            public partial class MismatchNet
            {
            }

            [Network(BatchSize = 4)]
            [Dense(3, 5)]
            [ReLU]
            [Dense(5, 2)]
            [SquaredErrorLoss]
            public partial class LossFirstNet
            {
            }

            [Network(BatchSize = 4)]
            [Dense(3, 5)]
            [ReLU]
            [Dense(5, 2)]
            [SquaredErrorLoss]
            [Momentum(0.9)]
            public partial class TwoOptimizersNet
            {
            }

            """;

        /// <summary>Trains each network from the same draws for 20 steps and prints its first and last loss.</summary>
        private const string ProgramSource = """
            using System;
            using Fixme;
            using NetGen.NumPy;

            Train("NotPartialNet", new NotPartialNet(), (n, r) => { r.StandardNormal(n.W1); r.StandardNormal(n.W2); }, (n, x, t) => n.TrainStep(x, t, 0.01));
            Train("MismatchNet", new MismatchNet(), (n, r) => { r.StandardNormal(n.W1); r.StandardNormal(n.W2); }, (n, x, t) => n.TrainStep(x, t, 0.01));
            Train("LossFirstNet", new LossFirstNet(), (n, r) => { r.StandardNormal(n.W1); r.StandardNormal(n.W2); }, (n, x, t) => n.TrainStep(x, t, 0.01));
            Train("TwoOptimizersNet", new TwoOptimizersNet(), (n, r) => { r.StandardNormal(n.W1); r.StandardNormal(n.W2); }, (n, x, t) => n.TrainStep(x, t, 0.001));

            static void Train<T>(string name, T net, Action<T, LegacyRandom> draw, Func<T, double[], double[], double> step)
            {
                var random = new LegacyRandom(0);               // np.random.seed(0)
                double[] x = new double[4 * 3];
                double[] t = new double[4 * 2];
                random.StandardNormal(x);                       // np.random.randn(4, 3)
                random.StandardNormal(t);                       // np.random.randn(4, 2)
                draw(net, random);                              // w1 = np.random.randn(3, 5); w2 = np.random.randn(5, 2)
                double first = step(net, x, t);
                double last = first;
                for (int i = 1; i < 20; i++)
                {
                    last = step(net, x, t);
                }
                Console.WriteLine($"{name} {PythonFloat.Repr(first)} {PythonFloat.Repr(last)}");
            }
            """;

        private static readonly string[] FixedIds = { "NG0001", "NG0002", "NG0007", "NG0031" };

        private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

        private readonly PackedNetGen _package;

        public CodeFixConsumerTests(PackedNetGen package) => _package = package;

        [Fact]
        public void DotnetFormat_AppliesTheFixes_AndTheProjectBuildsAndTrains()
        {
            string root = Path.Combine(_package.WorkDirectory, "codefixes");
            string project = Path.Combine(root, "Fixme");
            Directory.CreateDirectory(project);
            ConsumerProject.WriteNuGetConfig(root, _package.Feed);
            DotNetCli.Run(project, Timeout, "new", "console", "--name", "Fixme", "--output", project, "--no-restore").Succeeded();
            ConsumerProject.AddPackage(project, _package.Version, Timeout);
            string networks = Path.Combine(project, "Networks.cs");
            File.WriteAllText(networks, BrokenNetworks);
            File.WriteAllText(Path.Combine(project, "Program.cs"), ProgramSource);

            // Before: the four mistakes are errors, each on its network, and the SARIF log links every NetGen rule.
            string brokenLog = Path.Combine(project, "broken.sarif");
            CommandResult broken = DotNetCli.Run(project, Timeout, Build(brokenLog));
            Assert.True(broken.ExitCode != 0, "The project with four mistakes built:\n" + broken.Output);
            foreach (string id in FixedIds)
            {
                Assert.Contains($"error {id}:", broken.Output, StringComparison.Ordinal);
            }
            using (JsonDocument sarif = JsonDocument.Parse(File.ReadAllText(brokenLog)))
            {
                JsonElement run = sarif.RootElement.GetProperty("runs").EnumerateArray().Single();
                List<JsonElement> rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
                    .Where(rule => rule.GetProperty("id").GetString()!.StartsWith("NG", StringComparison.Ordinal))
                    .ToList();
                Assert.Equal(NetGenRuleCount(), rules.Count);
                foreach (JsonElement rule in rules)
                {
                    string id = rule.GetProperty("id").GetString()!;
                    Assert.True(rule.TryGetProperty("helpUri", out JsonElement helpUri), $"The SARIF rule {id} has no helpUri.");
                    Assert.Equal("https://github.com/netgen-dev/netgen/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant(), helpUri.GetString());
                }
                List<string> reported = run.GetProperty("results").EnumerateArray()
                    .Select(result => result.GetProperty("ruleId").GetString()!)
                    .Where(id => id.StartsWith("NG", StringComparison.Ordinal))
                    .OrderBy(id => id, StringComparer.Ordinal)
                    .ToList();
                Assert.Equal(FixedIds, reported);
            }

            CommandResult format = DotNetCli.Run(
                project, Timeout, new[] { "format", "analyzers", "--diagnostics" }.Concat(FixedIds).Concat(new[] { "--no-restore", "--verbosity", "detailed" }).ToArray());
            format.Succeeded();
            Assert.DoesNotContain("Unable to fix", format.Output, StringComparison.Ordinal);
            Assert.Equal(FixedNetworks, File.ReadAllText(networks).Replace("\r\n", "\n"));

            // After: a clean build with warnings as errors, and every network trains.
            string fixedLog = Path.Combine(project, "fixed.sarif");
            DotNetCli.Run(project, Timeout, Build(fixedLog).Append("-p:TreatWarningsAsErrors=true").ToArray()).Succeeded();
            using (JsonDocument sarif = JsonDocument.Parse(File.ReadAllText(fixedLog)))
            {
                JsonElement run = sarif.RootElement.GetProperty("runs").EnumerateArray().Single();
                Assert.Empty(run.GetProperty("results").EnumerateArray());
            }

            string[] lines = DotNetCli.Run(project, Timeout, "run", "-c", "Release", "--no-build").Succeeded().Lines().ToArray();
            // /usr/bin/python3 -c "import numpy as np; np.random.seed(0); x = np.random.randn(4, 3); t = np.random.randn(4, 2);
            //   w1 = np.random.randn(3, 5); w2 = np.random.randn(5, 2); print(repr(np.square(np.maximum(x @ w1, 0) @ w2 - t).sum()))"
            const double NumPysFirstLoss = 415.63581003202114;
            foreach (string name in new[] { "NotPartialNet", "MismatchNet", "LossFirstNet", "TwoOptimizersNet" })
            {
                string? line = lines.SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
                Assert.True(line is not null, $"{name} printed nothing:\n{string.Join("\n", lines)}");
                double[] losses = line!.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                Assert.True(Math.Abs(losses[0] - NumPysFirstLoss) <= 1e-12 * NumPysFirstLoss, $"{name}: first loss {losses[0]:R}, NumPy's {NumPysFirstLoss:R}");
                Assert.True(losses[1] < losses[0] / 2, $"{name} did not train: {line}");
            }
        }

        /// <summary>How many rules NetGen has: its descriptors.</summary>
        private static int NetGenRuleCount()
        {
            Type descriptors = typeof(NetGen.Generator.NetworkGenerator).Assembly.GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
            object all = descriptors.GetProperty("All", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
            return ((IEnumerable<Microsoft.CodeAnalysis.DiagnosticDescriptor>)all).Count();
        }

        /// <summary>A Release build with a SARIF 2.1 error log (the comma escaped, or MSBuild would split the property there).</summary>
        private static string[] Build(string errorLog) =>
            new[] { "build", "-c", "Release", "--no-restore", "--disable-build-servers", $"-p:ErrorLog={errorLog}%2Cversion=2.1" };
    }
}
