using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.CodeFixes
{
    /// <summary>
    /// Each code fix applied to a document: the text it gives is exactly what a person would have typed, the
    /// diagnostic is gone, and the network then generates code that compiles. Fix All repairs every occurrence.
    /// </summary>
    public sealed class CodeFixTests
    {
        private static async Task AssertFixAsync(string before, string id, string title, string after, int index = 0)
        {
            FixResult result = await CodeFixHarness.FixAsync(before, id, index);
            Assert.Equal(title, result.Title);
            Assert.Equal(after, result.Text);
        }

        /// <summary>No NetGen diagnostic, no compiler error, and code generated for every network.</summary>
        private static void AssertClean(string source, int networks = 1)
        {
            GeneratorRun run = GeneratorHarness.Run(source);
            Assert.Empty(run.Exceptions);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            Assert.Equal(networks, run.Sources.Length);
        }

        // ---- NG0001: add partial. ----

        [Fact]
        public async Task NG0001_AddsPartialAfterTheOtherModifiers()
        {
            const string Before = """
                using NetGen;

                namespace Course;

                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public sealed class Net { }
                """;
            const string After = """
                using NetGen;

                namespace Course;

                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public sealed partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0001", "Make 'Net' partial", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0001_WithoutModifiers_PutsPartialWhereTheLineStarts()
        {
            const string Before = """
                using NetGen;

                namespace Course
                {
                    [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss]
                    class Net
                    {
                    }
                }
                """;
            const string After = """
                using NetGen;

                namespace Course
                {
                    [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss]
                    partial class Net
                    {
                    }
                }
                """;
            await AssertFixAsync(Before, "NG0001", "Make 'Net' partial", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0001_FixAll_MakesEveryNetworkPartial()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss] public class First { }

                [Network(BatchSize = 8)] [Dense(5, 3)] [ReLU] [Dense(3, 2)] [SquaredErrorLoss] internal class Second { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss] public partial class First { }

                [Network(BatchSize = 8)] [Dense(5, 3)] [ReLU] [Dense(3, 2)] [SquaredErrorLoss] internal partial class Second { }
                """;
            Assert.Equal(After, await CodeFixHarness.FixAllAsync(Before, "NG0001"));
            AssertClean(After, networks: 2);
        }

        // ---- NG0012: make the containing types partial. ----

        [Fact]
        public async Task NG0012_MakesTheContainingTypePartial()
        {
            const string Before = """
                using NetGen;

                public class Outer
                {
                    [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss]
                    public partial class Net { }
                }
                """;
            const string After = """
                using NetGen;

                public partial class Outer
                {
                    [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss]
                    public partial class Net { }
                }
                """;
            await AssertFixAsync(Before, "NG0012", "Make 'Outer' partial", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0012_FixAll_MakesEveryContainingTypePartial()
        {
            const string Before = """
                using NetGen;

                namespace Course;

                public class Outer
                {
                    internal struct Middle
                    {
                        [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss]
                        public partial class Net { }
                    }
                }
                """;
            const string After = """
                using NetGen;

                namespace Course;

                public partial class Outer
                {
                    internal partial struct Middle
                    {
                        [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss]
                        public partial class Net { }
                    }
                }
                """;
            Assert.Equal(After, await CodeFixHarness.FixAllAsync(Before, "NG0012"));
            AssertClean(After);
        }

        [Fact]
        public async Task NG0012_ForAFileLocalContainer_OffersNoFix()
        {
            const string Source = """
                using NetGen;

                file partial class Outer
                {
                    [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss]
                    public partial class Net { }
                }
                """;
            Document document = CodeFixHarness.CreateDocument(Source);
            Diagnostic diagnostic = Assert.Single(await CodeFixHarness.DiagnosticsAsync(document.Project), d => d.Id == "NG0012");
            Assert.Empty(await CodeFixHarness.ActionsAsync(document, diagnostic));
        }

        // ---- NG0002: set the inputs to the previous layer's outputs. ----

        [Fact]
        public async Task NG0002_SetsTheInputsToThePreviousOutputs()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(784, 100)]
                [ReLU]
                [Dense(50, 10)]
                [SquaredErrorLoss]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(784, 100)]
                [ReLU]
                [Dense(100, 10)]
                [SquaredErrorLoss]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0002", "Set the inputs to 100", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0002_KeepsANamedArgumentsName_AndTheBias()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 5)] [Dense(outputs: 2, inputs: 4, Bias = true)] [SquaredErrorLoss]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 5)] [Dense(outputs: 2, inputs: 5, Bias = true)] [SquaredErrorLoss]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0002", "Set the inputs to 5", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0002_FixAll_ChainsEveryLayer()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 4)]
                [Dense(5, 6)]
                [Tanh]
                [Dense(7, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 4)]
                [Dense(4, 6)]
                [Tanh]
                [Dense(6, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """;
            Assert.Equal(After, await CodeFixHarness.FixAllAsync(Before, "NG0002"));
            AssertClean(After);
        }

        // ---- NG0007: move the loss after the last layer. ----

        [Fact]
        public async Task NG0007_MovesTheLossLine_AfterTheLastLayer()
        {
            const string Before = """
                using NetGen;

                namespace Course
                {
                    [Network(BatchSize = 4)]
                    [Dense(3, 4)]
                    [SquaredErrorLoss]
                    [ReLU]
                    [Dense(4, 2)]
                    [Adam]
                    public partial class Net
                    {
                    }
                }
                """;
            const string After = """
                using NetGen;

                namespace Course
                {
                    [Network(BatchSize = 4)]
                    [Dense(3, 4)]
                    [ReLU]
                    [Dense(4, 2)]
                    [SquaredErrorLoss]
                    [Adam]
                    public partial class Net
                    {
                    }
                }
                """;
            await AssertFixAsync(Before, "NG0007", "Move [SquaredErrorLoss] after the last layer", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0007_OnOneLine_KeepsTheLineBreakBeforeTheClass()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 4)] [SoftmaxCrossEntropyLoss] [Dense(4, 2)]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 4)] [Dense(4, 2)] [SoftmaxCrossEntropyLoss]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0007", "Move [SoftmaxCrossEntropyLoss] after the last layer", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0007_FirstAttribute_LeavesTheDocumentationCommentOnTop()
        {
            const string Before = """
                using NetGen;

                /// <summary>A small regression network.</summary>
                [SquaredErrorLoss]
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                /// <summary>A small regression network.</summary>
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0007", "Move [SquaredErrorLoss] after the last layer", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0007_InOneAttributeList_MovesTheLossWithinIt()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4), Dense(3, 4), SquaredErrorLoss, ReLU, Dense(4, 2)]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4), Dense(3, 4), ReLU, Dense(4, 2), SquaredErrorLoss]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0007", "Move [SquaredErrorLoss] after the last layer", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0007_FromItsOwnListIntoTheLastLayersList()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)]
                [SquaredErrorLoss]
                [Dense(3, 4), ReLU, Dense(4, 2), Sgd]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 4), ReLU, Dense(4, 2), SquaredErrorLoss, Sgd]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0007", "Move [SquaredErrorLoss] after the last layer", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0007_FixAll_MovesTheLossOfEveryNetwork()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)]
                [SquaredErrorLoss]
                [Dense(3, 2)]
                public partial class First { }

                [Network(BatchSize = 4)]
                [Dense(3, 4)]
                [SoftmaxCrossEntropyLoss]
                [Dense(4, 2)]
                public partial class Second { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class First { }

                [Network(BatchSize = 4)]
                [Dense(3, 4)]
                [Dense(4, 2)]
                [SoftmaxCrossEntropyLoss]
                public partial class Second { }
                """;
            Assert.Equal(After, await CodeFixHarness.FixAllAsync(Before, "NG0007"));
            AssertClean(After, networks: 2);
        }

        // ---- NG0006, NG0017, NG0031: remove the extra attribute. ----

        [Fact]
        public async Task NG0006_RemovesTheSecondLoss()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [SoftmaxCrossEntropyLoss]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0006", "Remove [SoftmaxCrossEntropyLoss]", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0006_InOneList_RemovesTheLossAndItsComma()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4), Dense(3, 2), SquaredErrorLoss, SoftmaxCrossEntropyLoss, Sgd]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4), Dense(3, 2), SquaredErrorLoss, Sgd]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0006", "Remove [SoftmaxCrossEntropyLoss]", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0017_RemovesTheSecondNetworkAttribute()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)] [Network(BatchSize = 8)] [Dense(3, 2)] [SquaredErrorLoss] public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss] public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0017", "Remove the second [Network(BatchSize = 8)]", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0031_RemovesTheExtraOptimizer_AtTheEndOfTheLine()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss] [Sgd] [Adam(Beta1 = 0.8)]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss] [Sgd]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0031", "Remove [Adam(Beta1 = 0.8)]", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0031_FixAll_KeepsOnlyTheFirstOptimizer()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [Momentum(0.9)]
                [Adam]
                [Sgd]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [Momentum(0.9)]
                public partial class Net { }
                """;
            Assert.Equal(After, await CodeFixHarness.FixAllAsync(Before, "NG0031"));
            AssertClean(After);
        }

        // ---- NG0009: remove the repeated activation. ----

        [Fact]
        public async Task NG0009_RemovesTheRepeatedReLU()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 4)]
                [ReLU]
                [ReLU]
                [Dense(4, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)]
                [Dense(3, 4)]
                [ReLU]
                [Dense(4, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """;
            await AssertFixAsync(Before, "NG0009", "Remove the repeated [ReLU]", After);
            AssertClean(After);
        }

        [Fact]
        public async Task NG0009_ForAnActivationBeforeAnyDenseLayer_OffersNoFix()
        {
            const string Source = """
                using NetGen;

                [Network(BatchSize = 4)] [ReLU] [Dense(3, 2)] [SquaredErrorLoss] public partial class Net { }
                """;
            Document document = CodeFixHarness.CreateDocument(Source);
            Diagnostic diagnostic = Assert.Single(await CodeFixHarness.DiagnosticsAsync(document.Project), d => d.Id == "NG0009");
            Assert.Empty(await CodeFixHarness.ActionsAsync(document, diagnostic));
        }

        // ---- The providers. ----

        [Fact]
        public void TheProviders_FixTheEightMechanicalMistakes_EachOnce_InEveryFixAllScope()
        {
            string[] fixable = CodeFixHarness.Providers.SelectMany(p => p.FixableDiagnosticIds).OrderBy(id => id).ToArray();
            Assert.Equal(new[] { "NG0001", "NG0002", "NG0006", "NG0007", "NG0009", "NG0012", "NG0017", "NG0031" }, fixable);
            Assert.All(CodeFixHarness.Providers, p => Assert.Subset(
                p.GetFixAllProvider()!.GetSupportedFixAllScopes().ToHashSet(),
                new HashSet<FixAllScope> { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution }));
        }

        /// <summary>The README's diagnostics table and the sections of docs/diagnostics.md say which diagnostics have a fix.</summary>
        [Fact]
        public void TheDocumentation_NamesTheDiagnosticsThatHaveAFix()
        {
            string root = RepositoryRoot();
            HashSet<string> fixable = CodeFixHarness.Providers.SelectMany(p => p.FixableDiagnosticIds).ToHashSet();

            List<string[]> rows = File.ReadAllLines(Path.Combine(root, "README.md"))
                .Where(line => line.StartsWith("| NG", StringComparison.Ordinal))
                .Select(line => line.Trim().Trim('|').Split(" | ").Select(cell => cell.Trim()).ToArray())
                .ToList();
            Assert.Equal(new NetGen.Generator.NetworkAnalyzer().SupportedDiagnostics.Length, rows.Count);
            Assert.All(rows, row => Assert.Equal(4, row.Length));
            Assert.Equal(
                fixable.OrderBy(id => id, StringComparer.Ordinal),
                rows.Where(row => row[3] != "—").Select(row => row[0]).OrderBy(id => id, StringComparer.Ordinal));

            string[] page = File.ReadAllLines(Path.Combine(root, "docs", "diagnostics.md"));
            foreach (string id in rows.Select(row => row[0]))
            {
                int start = Array.IndexOf(page, "### " + id);
                Assert.True(start >= 0, $"docs/diagnostics.md has no section for {id}.");
                string section = string.Join("\n", page.Skip(start + 1).TakeWhile(line => !line.StartsWith('#')));
                Assert.True(
                    section.Contains("Code fix", StringComparison.Ordinal) == fixable.Contains(id),
                    $"The section of {id} {(fixable.Contains(id) ? "does not name its code fix" : "names a code fix it does not have")}.");
            }
        }

        /// <summary>
        /// The code fix assembly reports nothing itself (the rules are the generator's, tracked in its release files), and
        /// its own release files, which the release tracking analyzer reads, list no rule.
        /// </summary>
        [Fact]
        public void TheCodeFixAssembly_DeclaresNoRules_AndItsReleaseFilesListNone()
        {
            System.Reflection.Assembly fixers = typeof(NetGen.CodeFixers.MakePartialCodeFixProvider).Assembly;
            Assert.DoesNotContain(fixers.GetTypes(), t => typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer).IsAssignableFrom(t));
            Assert.DoesNotContain(
                fixers.GetTypes().SelectMany(t => t.GetFields(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)),
                f => f.FieldType == typeof(DiagnosticDescriptor));
            foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
            {
                string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "NetGen.CodeFixers", file));
                Assert.All(lines, line => Assert.True(line.Length == 0 || line.StartsWith(';'), $"{file} lists a rule: {line}"));
            }
        }

        private static string RepositoryRoot()
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "docs", "diagnostics.md")))
                {
                    return directory.FullName;
                }
            }
            throw new InvalidOperationException("docs/diagnostics.md was not found above " + AppContext.BaseDirectory);
        }

        /// <summary>
        /// <c>dotnet format analyzers --diagnostics NG0002 NG0007</c> asks the NG0002 provider for Fix All in the
        /// solution with the key of whatever diagnostic came first, often none: the NG0002s are fixed all the same,
        /// and the NG0007 is left to its own provider.
        /// </summary>
        [Fact]
        public async Task FixAll_InTheSolution_WithoutAnEquivalenceKey_AsDotnetFormatAsks()
        {
            const string Before = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 5)] [SquaredErrorLoss] [Dense(4, 2)] public partial class First { }

                [Network(BatchSize = 4)] [Dense(3, 5)] [ReLU] [Dense(6, 2)] [Dense(3, 1)] [SquaredErrorLoss] public partial class Second { }
                """;
            const string After = """
                using NetGen;

                [Network(BatchSize = 4)] [Dense(3, 5)] [SquaredErrorLoss] [Dense(5, 2)] public partial class First { }

                [Network(BatchSize = 4)] [Dense(3, 5)] [ReLU] [Dense(5, 2)] [Dense(2, 1)] [SquaredErrorLoss] public partial class Second { }
                """;
            Assert.Equal(After, await CodeFixHarness.FixAllAsync(Before, "NG0002", FixAllScope.Solution, withoutKey: true));
            GeneratorRun run = GeneratorHarness.Run(After);
            Assert.Equal("NG0007", Assert.Single(run.GeneratorDiagnostics).Id);
        }
    }
}
