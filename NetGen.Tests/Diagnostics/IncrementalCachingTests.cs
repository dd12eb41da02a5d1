using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>
    /// The pipeline caches: an edit that does not touch a network leaves every step Cached or Unchanged, and changing
    /// one layer re-runs that network alone. Each test runs the driver twice, as the IDE does between keystrokes.
    /// </summary>
    public sealed class IncrementalCachingTests
    {
        private const string NetworkA = """
            using NetGen;
            namespace Course;
            [Network(BatchSize = 2)] [Dense(3, 4)] [ReLU] [Dense(4, 2)] [SquaredErrorLoss]
            public partial class A { }
            """;

        private const string NetworkB = """
            using NetGen;
            namespace Course;
            [Network(BatchSize = 8, Precision = Precision.Single)] [Dense(6, 5, Bias = true)] [SoftmaxCrossEntropyLoss]
            public partial class B { public int Epochs; }
            """;

        /// <summary>A network with a mistake and a class without [Network], so that the parse has nothing to emit to cache.</summary>
        private const string Broken = """
            using NetGen;
            namespace Course;
            [Network(BatchSize = 2)] [Dense(3, 4)] [Dense(5, 2)] [SquaredErrorLoss]
            public partial class Broken { }
            [Dense(3, 4)] [SquaredErrorLoss]
            public partial class Orphan { }
            """;

        private const string Unrelated = """
            namespace Course;
            public static class Helpers
            {
                public static int Twice(int x) => 2 * x;
            }
            """;

        private static readonly string[] AllSteps =
        {
            NetworkGenerator.Steps.Parse,
            NetworkGenerator.Steps.Models,
            NetworkGenerator.Steps.FileNames,
            NetworkGenerator.Steps.Emit,
        };

        private static GeneratorDriver CreateDriver() =>
            CSharpGeneratorDriver.Create(
                new[] { new NetworkGenerator().AsSourceGenerator() },
                parseOptions: GeneratorHarness.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        private static CSharpCompilation Compilation() =>
            GeneratorHarness.Compile(("A.cs", NetworkA), ("B.cs", NetworkB), ("Broken.cs", Broken), ("Unrelated.cs", Unrelated));

        private static SyntaxTree Tree(Compilation compilation, string path) =>
            compilation.SyntaxTrees.Single(t => t.FilePath == path);

        private static Compilation Edit(Compilation compilation, string path, string oldText, string newText)
        {
            SyntaxTree tree = Tree(compilation, path);
            string text = tree.GetText().ToString();
            int at = text.IndexOf(oldText, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{oldText}' is not in {path}.");
            SyntaxTree edited = tree.WithChangedText(tree.GetText().WithChanges(new TextChange(new TextSpan(at, oldText.Length), newText)));
            return compilation.ReplaceSyntaxTree(tree, edited);
        }

        /// <summary>Runs once, then again on the edited compilation, and returns the second run's result.</summary>
        private static GeneratorRunResult RunTwice(Compilation first, Func<Compilation, Compilation> edit)
        {
            GeneratorDriver driver = CreateDriver().RunGenerators(first);
            driver = driver.RunGenerators(edit(first));
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            Assert.Null(result.Exception);
            return result;
        }

        private static IEnumerable<(string Step, object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
            result.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> runs)
                ? runs.SelectMany(run => run.Outputs.Select(output => (step, output.Value, output.Reason)))
                : Enumerable.Empty<(string, object, IncrementalStepRunReason)>();

        private static void AssertEverythingCached(GeneratorRunResult result)
        {
            foreach (string step in AllSteps)
            {
                Assert.True(result.TrackedSteps.ContainsKey(step), $"Step {step} was not tracked.");
                foreach ((string name, object value, IncrementalStepRunReason reason) in Outputs(result, step))
                {
                    Assert.True(
                        reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"{name} output {value} is {reason}.");
                }
            }
            Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
                output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        }

        [Fact]
        public void EditingAnUnrelatedFile_LeavesEveryStepCachedOrUnchanged()
        {
            GeneratorRunResult result = RunTwice(Compilation(), c => Edit(c, "Unrelated.cs", "2 * x", "x + x"));
            AssertEverythingCached(result);
        }

        [Fact]
        public void AddingAnUnrelatedFile_LeavesEveryStepCachedOrUnchanged()
        {
            GeneratorRunResult result = RunTwice(Compilation(), c => c.AddSyntaxTrees(
                CSharpSyntaxTree.ParseText("namespace Course; public sealed class Extra { }", GeneratorHarness.ParseOptions, "Extra.cs")));
            AssertEverythingCached(result);
        }

        [Fact]
        public void EditingANetworkFileOutsideTheNetwork_LeavesEveryStepCachedOrUnchanged()
        {
            GeneratorRunResult result = RunTwice(Compilation(), c => Edit(c, "B.cs", "public int Epochs;", "public int Epochs; public int Seed;"));
            AssertEverythingCached(result);
        }

        [Fact]
        public void ChangingOneLayerSize_RerunsOnlyThatNetwork()
        {
            GeneratorRunResult result = RunTwice(Compilation(), c => Edit(c, "A.cs", "[Dense(4, 2)]", "[Dense(4, 3)]"));

            List<(string Step, object Value, IncrementalStepRunReason Reason)> models = Outputs(result, NetworkGenerator.Steps.Models).ToList();
            Assert.Equal(2, models.Count);
            Assert.Single(models, m => m.Reason == IncrementalStepRunReason.Modified && m.Value.ToString()!.Contains("ClassName = A"));
            Assert.Single(models, m => m.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged
                && m.Value.ToString()!.Contains("ClassName = B"));

            List<(string Step, object Value, IncrementalStepRunReason Reason)> emitted = Outputs(result, NetworkGenerator.Steps.Emit).ToList();
            Assert.Single(emitted, e => e.Reason == IncrementalStepRunReason.Modified);
            Assert.Single(emitted, e => e.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);

            // The file names did not change, so network B is not emitted again.
            Assert.All(Outputs(result, NetworkGenerator.Steps.FileNames),
                f => Assert.True(f.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
            // Only A's file changed, so only A is parsed again; the broken network's (empty) parse stays cached.
            List<(string Step, object Value, IncrementalStepRunReason Reason)> parsed = Outputs(result, NetworkGenerator.Steps.Parse).ToList();
            Assert.Single(parsed, p => p.Reason == IncrementalStepRunReason.Modified && p.Value.ToString()!.Contains("ClassName = A"));
            Assert.All(parsed.Where(p => p.Reason != IncrementalStepRunReason.Modified),
                p => Assert.True(p.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{p.Value} is {p.Reason}."));
            Assert.Single(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
                output => output.Reason == IncrementalStepRunReason.Modified);
        }

        [Fact]
        public void FixingAMistake_RemovesItsDiagnosticsAndGeneratesTheNetwork()
        {
            var exceptions = new List<Exception>();
            Compilation broken = Compilation();
            GeneratorDriver driver = CreateDriver().RunGenerators(broken);
            Assert.Contains(GeneratorHarness.Analyze(broken, exceptions), d => d.Id == "NG0002");
            Assert.DoesNotContain(driver.GetRunResult().Results.Single().GeneratedSources, s => s.HintName == "Course.Broken.g.cs");

            Compilation fixedCompilation = Edit(Compilation(), "Broken.cs", "[Dense(5, 2)]", "[Dense(4, 2)]");
            driver = driver.RunGenerators(fixedCompilation);
            GeneratorDriverRunResult result = driver.GetRunResult();
            Assert.DoesNotContain(GeneratorHarness.Analyze(fixedCompilation, exceptions), d => d.Id == "NG0002");
            Assert.Contains(result.Results.Single().GeneratedSources, s => s.HintName == "Course.Broken.g.cs");
            Assert.Empty(exceptions);
        }
    }
}
