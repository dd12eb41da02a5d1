using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>
    /// Who reports what: the analyzer reports a declaration's mistakes, once, and the generator generates nothing for
    /// it and reports nothing itself; the analyzer, which sees the generated code, does not take the generated members
    /// for the user's.
    /// </summary>
    public sealed class AnalyzerTests
    {
        [Fact]
        public void AMistake_IsReportedByTheAnalyzerOnce_AndTheGeneratorOnlyLeavesTheNetworkOut()
        {
            GeneratorRun run = GeneratorHarness.Run("""
                using NetGen;
                [Network(BatchSize = 4)] [Dense(3, 4)] [Dense(5, 2)] [SquaredErrorLoss] public partial class Broken { }
                [Network(BatchSize = 4)] [Dense(3, 4)] [Dense(4, 2)] [SquaredErrorLoss] public partial class Fine { }
                """);

            Assert.Empty(run.Exceptions);
            Assert.Empty(run.DriverDiagnostics);
            Diagnostic diagnostic = Assert.Single(run.AnalyzerDiagnostics);
            Assert.Equal("NG0002", diagnostic.Id);
            Assert.Equal("5", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
            Assert.Equal(new[] { "Fine.g.cs" }, run.Sources.Select(s => s.HintName));
        }

        [Fact]
        public void TheGeneratedMembers_AreNotTakenForTheUsers()
        {
            // After generation Net has W1, Forward, TrainStep, ... and its nested helper types; none is the user's.
            GeneratorRun run = GeneratorHarness.Run("""
                using NetGen;
                namespace Course;
                [Network(BatchSize = 8, Threads = 2)] [Dense(3, 4, Bias = true)] [ReLU] [Dense(4, 2)] [SquaredErrorLoss] [Adam]
                public partial class Net { public int Epochs; }
                """);

            Assert.Empty(run.Exceptions);
            Assert.NotEmpty(run.Output.GetTypeByMetadataName("Course.Net")!.GetMembers("TrainStep"));
            Assert.Empty(run.GeneratorDiagnostics);
        }
    }
}
