using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>
    /// Thousands of random declarations through the generator driver, 50 per compilation: the generator never throws,
    /// and every declaration either gets a diagnostic or generated code that compiles without errors. Declarations
    /// written to be valid must generate code; those written with one mistake must get that mistake's diagnostic.
    /// </summary>
    public sealed class RandomDeclarationTests
    {
        private const int Seed = 20240611;
        private const int Compilations = 44;
        private const int DeclarationsPerCompilation = 50;

        private readonly ITestOutputHelper _output;

        public RandomDeclarationTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void EveryRandomDeclarationYieldsADiagnosticOrCodeThatCompiles()
        {
            var random = new Random(Seed);
            var writer = new RandomNetworkWriter(random);
            List<RandomCompilationSource> sources = Enumerable.Range(0, Compilations)
                .Select(i => writer.Write(i, DeclarationsPerCompilation))
                .ToList();

            var failures = new ConcurrentBag<string>();
            var reportedIds = new ConcurrentDictionary<string, int>();
            var generated = new ConcurrentBag<int>();
            Stopwatch clock = Stopwatch.StartNew();
            Parallel.ForEach(sources, source =>
            {
                (List<string> compilationFailures, int networks) = Check(source, reportedIds);
                foreach (string failure in compilationFailures)
                {
                    failures.Add(failure);
                }
                generated.Add(networks);
            });

            int declarations = sources.Sum(s => s.Declarations.Count);
            _output.WriteLine($"{declarations} declarations in {Compilations} compilations, {generated.Sum()} networks generated, {clock.Elapsed.TotalSeconds:F1} s.");
            _output.WriteLine("Diagnostics reported: " + string.Join(", ", reportedIds.OrderBy(p => p.Key).Select(p => $"{p.Key} x{p.Value}")));

            Assert.True(declarations >= 2000, $"Only {declarations} declarations were written.");
            Assert.True(failures.IsEmpty, $"{failures.Count} failure(s); the first:\n\n" + string.Join("\n\n", failures.Take(8)));
            string[] unreached = Enumerable.Range(1, 21)
                .Select(i => "NG" + i.ToString("0000", CultureInfo.InvariantCulture))
                .Where(id => !reportedIds.ContainsKey(id))
                .ToArray();
            Assert.True(unreached.Length == 0, "No random declaration produced " + string.Join(", ", unreached));
        }

        private static (List<string> Failures, int Networks) Check(RandomCompilationSource source, ConcurrentDictionary<string, int> reportedIds)
        {
            var failures = new List<string>();
            CSharpCompilation input = GeneratorHarness.Compile(source.Paths.Zip(source.Texts, (p, t) => (p, t)).ToArray());
            GeneratorRun run = GeneratorHarness.Run(input);

            foreach (Exception exception in run.Exceptions)
            {
                failures.Add($"The generator threw: {exception}");
            }
            foreach (Diagnostic crash in run.GeneratorDiagnostics.Where(d => d.Id is "CS8785" or "NG0099"))
            {
                failures.Add($"The generator failed: {crash}");
            }
            foreach (Diagnostic diagnostic in run.GeneratorDiagnostics)
            {
                reportedIds.AddOrUpdate(diagnostic.Id, 1, (_, n) => n + 1);
            }

            // Generated code compiles: the output has no error that the input did not already have.
            var inputTrees = new HashSet<SyntaxTree>(input.SyntaxTrees);
            var inputErrors = new HashSet<string>(input.GetDiagnostics().Where(IsError).Select(Key));
            List<Diagnostic> outputErrors = run.Output.GetDiagnostics().Where(IsError).ToList();
            foreach (Diagnostic error in outputErrors.Where(e => !inputErrors.Contains(Key(e))))
            {
                SyntaxTree? tree = error.Location.SourceTree;
                string line = tree is null ? "" : tree.GetText().Lines[error.Location.GetLineSpan().StartLinePosition.Line].ToString().Trim();
                failures.Add($"Generated code does not compile: {error}\n    {line}");
            }

            List<Diagnostic> inputErrorList = input.GetDiagnostics().Where(IsError).ToList();
            int networks = 0;
            foreach (RandomDeclaration declaration in source.Declarations)
            {
                List<Diagnostic> ng = run.GeneratorDiagnostics.Where(d => IsWithin(d, declaration, source)).ToList();
                List<Diagnostic> compilerErrors = inputErrorList.Where(d => IsWithin(d, declaration, source)).ToList();
                INamedTypeSymbol? type = run.Output.GetTypeByMetadataName(declaration.MetadataName);
                bool hasCode = type is not null && type.DeclaringSyntaxReferences.Any(r => !inputTrees.Contains(r.SyntaxTree));
                networks += hasCode ? 1 : 0;

                string? problem =
                    hasCode && ng.Count > 0 ? "code was generated although it was reported"
                    : !hasCode && ng.Count == 0 && compilerErrors.Count == 0 ? "it got neither a diagnostic nor generated code"
                    : declaration.Intent == Intent.Valid && (!hasCode || compilerErrors.Count > 0) ? "it was written to be valid but generated no clean code"
                    : declaration.Intent == Intent.OneMistake && (hasCode || !ng.Any(d => d.Id == declaration.ExpectedId)) ? $"it was written with the mistake of {declaration.ExpectedId}, which was not reported"
                    : null;
                if (problem is not null)
                {
                    string reported = string.Join("\n", ng.Concat(compilerErrors).Select(d => "    " + d));
                    failures.Add($"{declaration.MetadataName} ({declaration.Description}): {problem}.\n{declaration.Text}\n  Reported:\n{reported}");
                }
            }

            // Every NetGen diagnostic points into the declaration it is about.
            foreach (Diagnostic diagnostic in run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("NG", StringComparison.Ordinal)))
            {
                if (!source.Declarations.Any(d => IsWithin(diagnostic, d, source)))
                {
                    failures.Add($"{diagnostic} is outside every declaration.");
                }
            }
            return (failures, networks);
        }

        private static bool IsError(Diagnostic diagnostic) => diagnostic.Severity == DiagnosticSeverity.Error;

        private static string Key(Diagnostic diagnostic) =>
            $"{diagnostic.Id}|{diagnostic.Location.GetLineSpan().Path}|{diagnostic.Location.SourceSpan}|{diagnostic.GetMessage(CultureInfo.InvariantCulture)}";

        private static bool IsWithin(Diagnostic diagnostic, RandomDeclaration declaration, RandomCompilationSource source)
        {
            string path = diagnostic.Location.GetLineSpan().Path ?? "";
            return declaration.Spans.Any(s => source.Paths[s.File] == path && s.Span.Contains(diagnostic.Location.SourceSpan));
        }
    }
}
