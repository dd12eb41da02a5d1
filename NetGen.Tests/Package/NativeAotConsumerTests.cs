using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;
using System.Threading.Tasks;
using NetGen.Tests.Performance;
using Xunit;

namespace NetGen.Tests.Package
{
    /// <summary>
    /// A consumer of the packed NetGen that sets only <c>PublishAot=true</c>, published with NativeAOT once: the
    /// package's build files choose x86-64-v3 (AVX2 + FMA) and say so in one message, the publish reports no trim or
    /// AOT warning, and the native program trains question 7 (bench/aot_consumer/Program.cs) to exactly the losses,
    /// bit for bit, that the same program gives under the JIT with AVX-512 turned off, where the AVX2 kernels run too,
    /// and then predicts exactly the same outputs.
    /// The same program under the JIT without AVX2 runs the Vector128 kernels, which stay on NumPy's trajectory.
    /// </summary>
    /// <remarks>Needs clang and zlib1g-dev (installed by .ci/install) for the native link, and an x64 CPU with AVX2 and
    /// FMA to run what was published.</remarks>
    [Collection(PackageCollection.Name)]
    public sealed class NativeAotConsumerTests
    {
        private const string ProjectName = "Q7Aot";

        private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(5);

        private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

        private readonly PackedNetGen _package;

        public NativeAotConsumerTests(PackedNetGen package) => _package = package;

        [Fact]
        public void PublishAotAlone_RunsTheAvx2Kernels_WithTheLossesOfTheJitWithoutAvx512()
        {
            Assert.True(RuntimeInformation.ProcessArchitecture == Architecture.X64 && Avx2.IsSupported && Fma.IsSupported,
                "This test publishes for x86-64-v3 and runs the result: it needs an x64 CPU with AVX2 and FMA.");
            string root = Path.Combine(_package.WorkDirectory, "aot");
            string project = Path.Combine(root, ProjectName);
            Directory.CreateDirectory(project);
            WriteConsumer(root, project);

            CommandResult publish = Publish(project);

            // One message, naming the kernels and the way to choose others; no trim or AOT warning (ILxxxx), no warning of ours.
            string[] lines = publish.Lines().ToArray();
            string[] messages = lines.Where(l => l.Contains("NetGen: NativeAOT", StringComparison.Ordinal)).ToArray();
            Assert.True(messages.Length == 1, $"expected one NetGen message, got {messages.Length}:\n{publish.Output}");
            Assert.Contains("x86-64-v3 (AVX2 + FMA)", messages[0]);
            Assert.Contains("Vector256 kernels", messages[0]);
            Assert.Contains("NetGenAotInstructionSet", messages[0]);
            Assert.DoesNotContain(": warning", messages[0]);
            string[] warnings = lines.Where(l => l.Contains(": warning ", StringComparison.Ordinal) && !l.Contains(": warning NU", StringComparison.Ordinal)).ToArray();
            Assert.True(warnings.Length == 0, "The publish warned:\n" + string.Join("\n", warnings));

            // The instruction set reached the compiler's command line.
            string rsp = Directory.GetFiles(Path.Combine(project, "obj"), ProjectName + ".ilc.rsp", SearchOption.AllDirectories).Single();
            Assert.Contains("--instruction-set:x86-64-v3", File.ReadAllLines(rsp));

            string native = Directory.GetFiles(Path.Combine(project, "bin"), ProjectName, SearchOption.AllDirectories)
                .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) == "publish");
            string managed = Directory.GetFiles(Path.Combine(project, "bin"), ProjectName + ".dll", SearchOption.AllDirectories)
                .Single(f => Path.GetFileName(Path.GetDirectoryName(f)) != "publish");

            Question7Run aot = Question7Run.Parse(ProgramRunner.Run(native, project, RunTimeout, new Dictionary<string, string>(), "q7").Succeeded());
            // .NET 10 turns AVX-512 off with DOTNET_EnableAVX512 (DOTNET_EnableAVX512F no longer does).
            Question7Run jit = Question7Run.Parse(ProgramRunner.Run(DotNetCli.DotNetPath(), project, RunTimeout,
                new Dictionary<string, string> { ["DOTNET_EnableAVX512"] = "0" }, managed, "q7").Succeeded());

            Assert.Equal("Vector256", aot.Tier);
            Assert.Equal("Vector256", jit.Tier);
            for (int i = 0; i < 500; i++)
            {
                Assert.True(aot.Bits[i] == jit.Bits[i],
                    $"step {i}: NativeAOT's loss {aot.Losses[i]:R} ({aot.Bits[i]:X16}), the JIT's {jit.Losses[i]:R} ({jit.Bits[i]:X16})");
            }
            // The trained network's Predict on 1, 7 and 100 rows (more than one batch), every output bit for bit.
            Assert.Equal(1 + 7 + 100, aot.Predictions.Length);
            Assert.Equal(jit.Predictions, aot.Predictions);

            // The .npy writer and reader are compiled ahead of time too, and give back every weight.
            string weights = Path.Combine(project, "weights");
            string[] saved = ProgramRunner.Run(native, project, RunTimeout, new Dictionary<string, string>(), "weights", weights).Succeeded().Lines().ToArray();
            Assert.Equal(new[] { "W1.npy shape (1000, 100)", "W2.npy shape (100, 10)", "reloaded equal True" }, saved);

            // Without AVX2 the dispatchers fall back to the Vector128 kernels (a multiply and then an add), not to the
            // scalar loops; their losses follow NumPy's (References/trajectories/q7-legacy-seed0-lr1e-6.txt).
            Question7Run narrow = Question7Run.Parse(ProgramRunner.Run(DotNetCli.DotNetPath(), project, RunTimeout,
                new Dictionary<string, string> { ["DOTNET_EnableAVX2"] = "0" }, managed, "q7").Succeeded());
            Assert.Equal("Vector128", narrow.Tier);
            double[] numpy = TrainStepTests.Reference();
            for (int i = 0; i < 500; i++)
            {
                Assert.True(Math.Abs(narrow.Losses[i] - numpy[i]) <= 1e-8 * Math.Abs(numpy[i]), $"step {i}: NumPy {numpy[i]:R}, Vector128 kernels {narrow.Losses[i]:R}");
            }
        }

        /// <summary>
        /// What the package's target sets <c>IlcInstructionSet</c> to, for each <c>NetGenAotInstructionSet</c>, a
        /// project's own <c>IlcInstructionSet</c> and a runtime that is not x64: the target is run on its own, as the
        /// publish runs it just before the compiler's command line is written, and the property read after it.
        /// </summary>
        [Fact]
        public void TheTarget_SetsIlcInstructionSet_AsNetGenAotInstructionSetSays()
        {
            string root = Path.Combine(_package.WorkDirectory, "aot-choice");
            string project = Path.Combine(root, ProjectName);
            Directory.CreateDirectory(project);
            WriteConsumer(root, project);
            CommandResult restore = DotNetCli.Run(project, PublishTimeout, "restore", "--disable-build-servers");
            if (restore.ExitCode != 0 && restore.Output.Contains("NU1301", StringComparison.Ordinal))
            {
                restore = DotNetCli.Run(project, PublishTimeout, "restore", "--disable-build-servers");
            }
            restore.Succeeded();

            CommandResult Choose(params string[] properties) => DotNetCli.Run(project, PublishTimeout,
                new[] { "msbuild", ProjectName + ".csproj", "-nologo", "-t:NetGenChooseAotInstructionSet", "-getProperty:IlcInstructionSet" }
                    .Concat(properties).ToArray());
            string Chosen(params string[] properties) => Choose(properties).Succeeded().Output.Trim();

            Assert.Equal("x86-64-v3", Chosen("-p:RuntimeIdentifier=linux-x64"));
            Assert.Equal("x86-64-v3", Chosen("-p:RuntimeIdentifier=win-x64", "-p:NetGenAotInstructionSet=x86-64-v3"));
            Assert.Equal("x86-64-v4", Chosen("-p:RuntimeIdentifier=linux-x64", "-p:NetGenAotInstructionSet=x86-64-v4"));
            Assert.Equal("native", Chosen("-p:RuntimeIdentifier=linux-x64", "-p:NetGenAotInstructionSet=Native"));
            Assert.Equal("", Chosen("-p:RuntimeIdentifier=linux-x64", "-p:NetGenAotInstructionSet=baseline"));
            Assert.Equal("x86-64-v2", Chosen("-p:RuntimeIdentifier=linux-x64", "-p:IlcInstructionSet=x86-64-v2", "-p:NetGenAotInstructionSet=x86-64-v4"));
            Assert.Equal("", Chosen("-p:RuntimeIdentifier=linux-arm64"));
            Assert.Equal("", Chosen("-p:RuntimeIdentifier=linux-x64", "-p:PublishAot=false"));

            CommandResult wrong = Choose("-p:RuntimeIdentifier=linux-x64", "-p:NetGenAotInstructionSet=avx512");
            Assert.NotEqual(0, wrong.ExitCode);
            Assert.Contains("NetGenAotInstructionSet is 'avx512', but it must be x86-64-v3, x86-64-v4, native or baseline.", wrong.Output);
        }

        /// <summary>
        /// The consumer: a NuGet.config adding the folder feed, a project that sets only <c>PublishAot</c> and
        /// references the packed NetGen, and the program bench/aot_side_by_side publishes too.
        /// </summary>
        private void WriteConsumer(string root, string project)
        {
            File.WriteAllText(Path.Combine(root, "NuGet.config"), $"""
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
            File.WriteAllText(Path.Combine(project, ProjectName + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <PublishAot>true</PublishAot>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="NetGen" Version="{_package.Version}" />
                  </ItemGroup>
                </Project>
                """);
            File.Copy(Path.Combine(_package.RepositoryRoot, "bench", "aot_consumer", "Program.cs"), Path.Combine(project, "Program.cs"));
        }

        /// <summary>
        /// <c>dotnet publish</c> with nothing but the project's settings (the runtime identifier is the machine's). Restore
        /// also asks the machine's other package sources (the ILCompiler package comes from there), so a source that could
        /// not be reached (NU1301) is retried once.
        /// </summary>
        private static CommandResult Publish(string project)
        {
            string[] arguments = { "publish", "-c", "Release", "-v:n", "--disable-build-servers" };
            CommandResult result = DotNetCli.Run(project, PublishTimeout, arguments);
            if (result.ExitCode != 0 && result.Output.Contains("NU1301", StringComparison.Ordinal))
            {
                result = DotNetCli.Run(project, PublishTimeout, arguments);
            }
            return result.Succeeded();
        }

        /// <summary>
        /// What bench/aot_consumer/Program.cs printed for <c>q7</c>: the tier, each step's loss, and the lines of
        /// Predict's outputs (<c>predict rows row bits...</c>).
        /// </summary>
        private sealed record Question7Run(string Tier, long[] Bits, double[] Losses, string[] Predictions)
        {
            public static Question7Run Parse(CommandResult result)
            {
                string[] lines = result.Lines().ToArray();
                Assert.True(lines.Length > 502 && lines[0].StartsWith("tier ", StringComparison.Ordinal) && lines[^1].StartsWith("seconds ", StringComparison.Ordinal),
                    "Unexpected output: " + result);
                string[] predictions = lines[501..^1];
                Assert.All(predictions, line => Assert.Matches("^predict [0-9]+ [0-9]+( [0-9A-F]{16}){10}$", line));
                var bits = new long[500];
                var losses = new double[500];
                for (int i = 0; i < 500; i++)
                {
                    string[] fields = lines[i + 1].Split(' ');
                    Assert.True(fields.Length == 3 && fields[0] == i.ToString(CultureInfo.InvariantCulture), $"line {i + 1}: {lines[i + 1]}");
                    bits[i] = long.Parse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    losses[i] = double.Parse(fields[2], CultureInfo.InvariantCulture);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(losses[i]), bits[i]);
                }
                return new Question7Run(lines[0].Substring("tier ".Length), bits, losses, predictions);
            }
        }
    }

    /// <summary>Runs a program other than <c>dotnet</c> itself, or <c>dotnet</c> with variables of its own, capturing what it prints.</summary>
    internal static class ProgramRunner
    {
        public static CommandResult Run(string path, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
        {
            var start = new ProcessStartInfo(path)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            foreach ((string name, string value) in environment)
            {
                start.Environment[name] = value;
            }
            string command = string.Join(" ", environment.Select(e => $"{e.Key}={e.Value}").Append(path).Concat(arguments));
            var output = new StringBuilder();
            var outputEnded = new TaskCompletionSource();
            var errorEnded = new TaskCompletionSource();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data, outputEnded);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data, errorEnded);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
                return new CommandResult(command, -1, $"Timed out after {timeout.TotalSeconds} s.\n{Snapshot(output)}");
            }
            Task.WaitAll(new[] { outputEnded.Task, errorEnded.Task }, TimeSpan.FromSeconds(30));
            return new CommandResult(command, process.ExitCode, Snapshot(output));
        }

        private static void Append(StringBuilder output, string? line, TaskCompletionSource ended)
        {
            if (line is null)
            {
                ended.TrySetResult();
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
            }
        }

        private static string Snapshot(StringBuilder output)
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }
}
