using System.Linq;
using System.Runtime.CompilerServices;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Generator
{
    /// <summary>
    /// The generated source of representative networks, compared with the approved files in <c>snapshots/</c>, and
    /// compiled in memory: no diagnostics from the generator and no warnings from the compiler.
    /// </summary>
    public class GeneratorSnapshotTests
    {
        [Fact]
        public void Question7Network() => Verify("""
            using NetGen;

            namespace Assignment;

            [Network(BatchSize = 64)]
            [Dense(1000, 100)]
            [ReLU]
            [Dense(100, 10)]
            [SquaredErrorLoss]
            public partial class Question7Net { }
            """, "Assignment.Question7Net.g.cs");

        [Fact]
        public void Question8Network() => Verify("""
            using NetGen;

            namespace Assignment;

            [Network(BatchSize = 64)]
            [Dense(1000, 100)]
            [ReLU]
            [Dense(100, 10)]
            [SoftmaxCrossEntropyLoss]
            public partial class Question8Net { }
            """, "Assignment.Question8Net.g.cs");

        [Fact]
        public void ThreeHiddenLayerNetwork() => Verify("""
            using NetGen;

            namespace Examples
            {
                [Network(BatchSize = 32)]
                [Dense(784, 256)]
                [ReLU]
                [Dense(256, 128)]
                [ReLU]
                [Dense(128, 64)]
                [ReLU]
                [Dense(64, 10)]
                [SoftmaxCrossEntropyLoss]
                internal partial class DeepNet { }
            }
            """, "Examples.DeepNet.g.cs");

        [Fact]
        public void NetworkWithBiases() => Verify("""
            using NetGen;

            [Network(BatchSize = 16)]
            [Dense(20, 16, Bias = true)]
            [ReLU]
            [Dense(16, 3, Bias = true)]
            [SquaredErrorLoss]
            public partial class BiasedNet { }
            """, "BiasedNet.g.cs");

        private static void Verify(string source, string hintName, [CallerMemberName] string test = "")
        {
            GeneratorRun run = GeneratorHarness.Run(source);
            Assert.Empty(run.Exceptions);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            Assert.Equal(hintName, Assert.Single(run.Sources).HintName);
            Snapshot.Verify(run.Source(hintName), nameof(GeneratorSnapshotTests), test, hintName);
        }
    }
}
