using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace NetGen.Tests.Package
{
    /// <summary>What one <c>dotnet</c> command printed and returned.</summary>
    public sealed record CommandResult(string Command, int ExitCode, string Output)
    {
        public override string ToString() => $"`{Command}` exited with {ExitCode}:\n{Output}";
    }

    /// <summary>
    /// Runs the <c>dotnet</c> command line as a user would, in a clean environment: without the MSBuild variables
    /// the test runner's own build sets, and without build servers or reused nodes, which would outlive the command
    /// and hold its output open.
    /// </summary>
    public static class DotNetCli
    {
        /// <summary>Variables set by the <c>dotnet test</c> that runs these tests; a nested build must not see them.</summary>
        private static readonly string[] InheritedBuildVariables =
        {
            "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly",
            "MSBUILDTARGETOUTPUTLOGGING", "MSBUILDLOGIMPORTS",
        };

        public static CommandResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
        {
            var start = new ProcessStartInfo(DotNetPath())
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
            foreach (string name in start.Environment.Keys.ToList())
            {
                if (InheritedBuildVariables.Contains(name, StringComparer.OrdinalIgnoreCase) || name.StartsWith("VSTEST_", StringComparison.OrdinalIgnoreCase))
                {
                    start.Environment.Remove(name);
                }
            }
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["UseSharedCompilation"] = "false";

            string command = "dotnet " + string.Join(" ", arguments);
            var output = new StringBuilder();
            // Each stream reports null at its end; only then has every line arrived.
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
            if (!Task.WaitAll(new[] { outputEnded.Task, errorEnded.Task }, TimeSpan.FromSeconds(30)))
            {
                return new CommandResult(command, -1, $"Exited with {process.ExitCode}, but its output did not end: a process it started still holds it.\n{Snapshot(output)}");
            }
            return new CommandResult(command, process.ExitCode, Snapshot(output));
        }

        /// <summary>The <c>dotnet</c> executable that runs these tests, so that the nested commands use the same SDK.</summary>
        internal static string DotNetPath()
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }
            string? processPath = Environment.ProcessPath;
            if (processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            {
                return processPath;
            }
            return "dotnet";
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

        /// <summary>The folder NuGet extracts packages into, as <c>dotnet nuget locals global-packages --list</c> reports it.</summary>
        public static string GlobalPackagesFolder(string workingDirectory)
        {
            CommandResult result = Run(workingDirectory, TimeSpan.FromMinutes(1), "nuget", "locals", "global-packages", "--list");
            const string Prefix = "global-packages:";
            string? line = result.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
            if (result.ExitCode != 0 || line is null)
            {
                throw new InvalidOperationException("Could not find NuGet's global packages folder. " + result);
            }
            return line.Substring(Prefix.Length).Trim();
        }

        /// <summary>Fails with the command's whole output unless it succeeded.</summary>
        public static CommandResult Succeeded(this CommandResult result)
        {
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(result.ToString());
            }
            return result;
        }

        internal static IEnumerable<string> Lines(this CommandResult result) =>
            result.Output.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
