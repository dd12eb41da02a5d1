using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Teaching
{
    /// <summary>
    /// The generated source of the question-1 network, approved in <c>snapshots/</c>: the file that
    /// <c>docs/derivation.md</c> maps line by line to the answers of questions 1 and 3–6.
    /// </summary>
    public class TeachingSnapshotTests
    {
        public const string Question1Source = """
            using NetGen;

            namespace Assignment;

            [Network(BatchSize = 2)]
            [Dense(2, 3)]
            [SquaredErrorLoss]
            public partial class Question1Net { }
            """;

        public const string Question1HintName = "Assignment.Question1Net.g.cs";

        [Fact]
        public void Question1Network()
        {
            GeneratorRun run = GeneratorHarness.Run(Question1Source);

            Assert.Empty(run.Exceptions);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            Snapshot.Verify(run.Source(Question1HintName), nameof(TeachingSnapshotTests), nameof(Question1Network), Question1HintName);
        }
    }
}
