using System.Runtime.CompilerServices;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Generator
{
    /// <summary>
    /// The generated source of one network per activation and per optimizer, compared with the approved files in
    /// <c>snapshots/</c>, and compiled in memory without diagnostics or warnings.
    /// </summary>
    public class TrainingSnapshotTests
    {
        [Fact]
        public void SigmoidNetwork() => Verify("""
            using NetGen;

            [Network(BatchSize = 8)]
            [Dense(6, 5, Bias = true)]
            [Sigmoid]
            [Dense(5, 2, Bias = true)]
            [SquaredErrorLoss]
            public partial class SigmoidNet { }
            """, "SigmoidNet.g.cs");

        [Fact]
        public void TanhNetwork() => Verify("""
            using NetGen;

            [Network(BatchSize = 8)]
            [Dense(6, 5, Bias = true)]
            [Tanh]
            [Dense(5, 3, Bias = true)]
            [SoftmaxCrossEntropyLoss]
            public partial class TanhNet { }
            """, "TanhNet.g.cs");

        [Fact]
        public void LeakyReLUSinglePrecisionNetwork() => Verify("""
            using NetGen;

            [Network(BatchSize = 8, Precision = Precision.Single)]
            [Dense(6, 5, Bias = true)]
            [LeakyReLU(0.2)]
            [Dense(5, 3, Bias = true)]
            [SoftmaxCrossEntropyLoss]
            public partial class LeakyNet { }
            """, "LeakyNet.g.cs");

        [Fact]
        public void MomentumNetwork() => Verify("""
            using NetGen;

            [Network(BatchSize = 8)]
            [Dense(6, 5, Bias = true)]
            [ReLU]
            [Dense(5, 3)]
            [SoftmaxCrossEntropyLoss]
            [Momentum(0.9)]
            public partial class MomentumNet { }
            """, "MomentumNet.g.cs");

        [Fact]
        public void AdamNetwork() => Verify("""
            using NetGen;

            [Network(BatchSize = 8)]
            [Dense(6, 5, Bias = true)]
            [ReLU]
            [Dense(5, 3)]
            [SoftmaxCrossEntropyLoss]
            [Adam(Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6)]
            public partial class AdamNet { }
            """, "AdamNet.g.cs");

        [Fact]
        public void FashionNetwork() => Verify("""
            using NetGen;

            namespace Fashion;

            [Network(BatchSize = 64, Precision = Precision.Single)]
            [Dense(784, 256, Bias = true)]
            [ReLU]
            [Dense(256, 128, Bias = true)]
            [ReLU]
            [Dense(128, 10, Bias = true)]
            [SoftmaxCrossEntropyLoss]
            [Adam]
            public partial class FashionNet { }
            """, "Fashion.FashionNet.g.cs");

        [Fact]
        public void TwoThreadNetwork() => Verify("""
            using NetGen;

            [Network(BatchSize = 8, Precision = Precision.Single, Threads = 2)]
            [Dense(40, 32, Bias = true)]
            [ReLU]
            [Dense(32, 10, Bias = true)]
            [SoftmaxCrossEntropyLoss]
            [Adam]
            public partial class TwoThreadNet { }
            """, "TwoThreadNet.g.cs");

        [Fact]
        public void DropoutAdamWMeanLossNetwork() => Verify("""
            using NetGen;

            [Network(BatchSize = 8)]
            [Dense(6, 5, Bias = true)]
            [ReLU]
            [Dropout(0.5, Seed = 1)]
            [Dense(5, 3, Bias = true)]
            [SoftmaxCrossEntropyLoss(Reduction = Reduction.Mean)]
            [AdamW(WeightDecay = 0.01)]
            public partial class DropoutNet { }
            """, "DropoutNet.g.cs");

        [Fact]
        public void TwoThreadDropoutNetwork() => Verify("""
            using NetGen;

            [Network(BatchSize = 8, Precision = Precision.Single, Threads = 2)]
            [Dense(40, 32, Bias = true)]
            [ReLU]
            [Dropout(0.2)]
            [Dense(32, 10, Bias = true)]
            [SquaredErrorLoss(Reduction = Reduction.Mean)]
            [AdamW(WeightDecay = 0.05)]
            public partial class TwoThreadDropoutNet { }
            """, "TwoThreadDropoutNet.g.cs");

        [Fact]
        public void WeightDecayNetwork() => Verify("""
            using NetGen;

            [Network(BatchSize = 8)]
            [Dense(6, 5, Bias = true)]
            [Tanh]
            [Dense(5, 2)]
            [SquaredErrorLoss(Reduction = Reduction.Mean)]
            [Momentum(0.9, WeightDecay = 1e-4)]
            public partial class WeightDecayNet { }
            """, "WeightDecayNet.g.cs");

        private static void Verify(string source, string hintName, [CallerMemberName] string test = "")
        {
            GeneratorRun run = GeneratorHarness.Run(source);
            Assert.Empty(run.Exceptions);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            Assert.Equal(hintName, Assert.Single(run.Sources).HintName);
            Snapshot.Verify(run.Source(hintName), nameof(TrainingSnapshotTests), test, hintName);
        }
    }
}
