using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator;

namespace NetGen.Tests.Support
{
    /// <summary>
    /// What running NetGen over some source gives, as a build does: the compilation after generation, the diagnostics
    /// of <see cref="NetworkAnalyzer"/> (every mistake in a declaration) and of <see cref="NetworkGenerator"/> (a
    /// failure while writing code), the generated sources, and anything either of them threw.
    /// </summary>
    public sealed record GeneratorRun(
        Compilation Output,
        ImmutableArray<Diagnostic> AnalyzerDiagnostics,
        ImmutableArray<Diagnostic> DriverDiagnostics,
        ImmutableArray<GeneratedSourceResult> Sources,
        ImmutableArray<Exception> Exceptions)
    {
        /// <summary>Every diagnostic NetGen reports: the analyzer's and the generator's.</summary>
        public ImmutableArray<Diagnostic> GeneratorDiagnostics => AnalyzerDiagnostics.AddRange(DriverDiagnostics);

        /// <summary>Compiler diagnostics of the output compilation, warnings included.</summary>
        public ImmutableArray<Diagnostic> CompilationDiagnostics =>
            Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

        public string Source(string hintName) =>
            Sources.Single(s => s.HintName == hintName).SourceText.ToString();

        /// <summary>Emits the output compilation to an in-memory assembly and loads it.</summary>
        public Assembly Load()
        {
            using var stream = new MemoryStream();
            var result = Output.Emit(stream);
            if (!result.Success)
            {
                throw new InvalidOperationException("Emit failed:\n" + string.Join("\n", result.Diagnostics));
            }
            return Assembly.Load(stream.ToArray());
        }
    }

    /// <summary>Runs <see cref="NetworkGenerator"/> and <see cref="NetworkAnalyzer"/> over in-memory C# source against the .NET 10 reference assemblies.</summary>
    public static class GeneratorHarness
    {
        public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

        public static CSharpCompilation Compile(params string[] sources) =>
            Compile(sources.Select((text, i) => ($"Source{i}.cs", text)).ToArray());

        public static CSharpCompilation Compile(params (string Path, string Text)[] sources)
        {
            IEnumerable<MetadataReference> references = Net100.References.All
                .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location));
            return CSharpCompilation.Create(
                "NetGenTestAssembly",
                sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)),
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                    // As the .NET SDK does by default (NoWarn CS1701;CS1702): a referenced assembly built against an
                    // older framework version binds to the newer one without comment.
                    .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
                    {
                        ["CS1701"] = ReportDiagnostic.Suppress,
                        ["CS1702"] = ReportDiagnostic.Suppress,
                    }));
        }

        /// <summary>
        /// <see cref="Compile(string[])"/> with NetGen.Runtime referenced, as the NetGen package references it: the
        /// generator then also writes what calls the runtime (SaveWeights and LoadWeights, the kernels' prefetches).
        /// </summary>
        public static CSharpCompilation CompileWithRuntime(params string[] sources) =>
            Compile(sources).AddReferences(MetadataReference.CreateFromFile(typeof(NetGen.NumPy.NpyFile).Assembly.Location));

        public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

        public static GeneratorRun Run(Compilation compilation)
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new NetworkGenerator().AsSourceGenerator() },
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
            GeneratorDriverRunResult result = driver.GetRunResult();
            var exceptions = result.Results.Select(r => r.Exception).Where(e => e is not null).Select(e => e!).ToList();
            ImmutableArray<Diagnostic> analyzerDiagnostics = Analyze(output, exceptions);
            return new GeneratorRun(
                output,
                analyzerDiagnostics,
                diagnostics,
                result.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray(),
                exceptions.ToImmutableArray());
        }

        /// <summary>
        /// <see cref="NetworkAnalyzer"/>'s diagnostics for a compilation, as the compiler runs it: over the sources
        /// and the generated code. An exception it throws is added to <paramref name="exceptions"/>.
        /// </summary>
        public static ImmutableArray<Diagnostic> Analyze(Compilation compilation, List<Exception> exceptions)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, _, _) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add(exception);
                    }
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            CompilationWithAnalyzers withAnalyzers = compilation.WithAnalyzers(
                ImmutableArray.Create<DiagnosticAnalyzer>(new NetworkAnalyzer()), options);
            return withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        }
    }
}
