using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace NetGen.Sample
{
    /// <summary>
    /// <c>source q1|q7|q8</c>: prints the code NetGen generated for a sample network, read from the files the build
    /// writes under <c>NetGen.Sample/Generated/</c> (EmitCompilerGeneratedFiles).
    /// </summary>
    public static class SourceCommand
    {
        private static readonly (string Name, string Class)[] Networks =
        {
            ("q1", "Question1Net"),
            ("q7", "Question7Net"),
            ("q8", "Question8Net"),
        };

        public static Command Build(TextWriter output, TextWriter error)
        {
            var network = new Argument<string>("network")
            {
                Description = "q1 (the 2x2 · 2x3 layer of questions 1-6), q7 or q8.",
            };
            network.AcceptOnlyFromAmong(Networks.Select(n => n.Name).ToArray());
            var command = new Command("source", "Prints the source NetGen generated for a sample network.") { network };
            command.SetAction(parse =>
            {
                string name = parse.GetValue(network)!;
                string className = Networks.Single(n => n.Name == name).Class;
                string? path = FindGeneratedFile(className);
                if (path is null)
                {
                    error.WriteLine($"No generated file for {className} under {GeneratedDirectory()}; build NetGen.Sample first (dotnet build NetGen.Sample).");
                    return 1;
                }
                output.Write(File.ReadAllText(path));
                return 0;
            });
            return command;
        }

        private static string? FindGeneratedFile(string className)
        {
            string directory = GeneratedDirectory();
            return Directory.Exists(directory)
                ? Directory.EnumerateFiles(directory, $"*.{className}.g.cs", SearchOption.AllDirectories).FirstOrDefault()
                : null;
        }

        private static string GeneratedDirectory([CallerFilePath] string thisFile = "") =>
            Path.Combine(Path.GetDirectoryName(thisFile)!, "Generated");
    }
}
