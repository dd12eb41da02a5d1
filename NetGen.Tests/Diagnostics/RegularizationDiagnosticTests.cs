using NetGen.Tests.Support;
using Xunit;
using static NetGen.Tests.Diagnostics.DiagnosticVerifier;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>
    /// The regularizers' diagnostics, each with its whole message and the span it marks: a negative or infinite
    /// weight decay (NG0030), a dropout probability outside [0, 1) (NG0040), a misplaced dropout (NG0041: before any
    /// Dense layer, right after another dropout, right before the loss; after the loss is NG0007), and a reduction
    /// that is neither Sum nor Mean (NG0042).
    /// </summary>
    public sealed class RegularizationDiagnosticTests
    {
        private const string Using = "using NetGen;\n";

        [Theory]
        [InlineData("Sgd", "-0.0001", "[Sgd]", "-0.0001")]
        [InlineData("Momentum(0.9, WeightDecay = -1)", "-1", "[Momentum]", "-1")]
        [InlineData("AdamW", "double.PositiveInfinity", "[AdamW]", "Infinity")]
        public void NG0030_WeightDecayThatIsNegativeOrInfinite(string optimizer, string value, string described, string shown)
        {
            string declaration = optimizer.Contains("WeightDecay")
                ? optimizer.Replace("WeightDecay = " + value, "{|NG0030:WeightDecay = " + value + "|}")
                : $"{optimizer}({{|NG0030:WeightDecay = {value}|}})";
            Verify(Using + $$"""
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [{{declaration}}]
                public partial class Net { }
                """,
                Diagnostic("NG0030", $"The network 'Net' declares {described} with WeightDecay = {shown}, but WeightDecay must be a non-negative, finite number such as 1e-4 (0 is none)"));
        }

        [Fact]
        public void NG0030_AdamWChecksItsBetasAsAdamDoes()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [AdamW({|NG0030:Beta2 = 1|}, WeightDecay = 0.01)]
                public partial class Net { }
                """,
                Diagnostic("NG0030", "The network 'Net' declares [AdamW] with Beta2 = 1, but Beta2 must be a number in [0, 1), such as 0.9"));
        }

        [Fact]
        public void NG0031_AdamAndAdamW()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [Adam]
                [{|NG0031:AdamW|}]
                public partial class Net { }
                """,
                Diagnostic("NG0031", "The network 'Net' declares [AdamW] after [Adam], but a network is trained by one optimizer; keep only one of [Sgd], [Momentum], [Adam] and [AdamW]"));
        }

        [Theory]
        [InlineData("1", "1")]
        [InlineData("1.5", "1.5")]
        [InlineData("-0.1", "-0.1")]
        [InlineData("double.NaN", "NaN")]
        public void NG0040_DropoutProbabilityOutsideZeroToOne(string written, string shown)
        {
            Verify(Using + $$"""
                [Network(BatchSize = 4)]
                [Dense(3, 5)]
                [Dropout({|NG0040:{{written}}|})]
                [Dense(5, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0040", $"Layer 2, [Dropout({shown})], drops with probability {shown}, but a dropout probability must be a number in [0, 1), such as 0.5: at 1 every value is dropped and the kept ones would be scaled by 1 / 0"));
        }

        [Fact]
        public void NG0040_AtTheNamedArgument()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 5)]
                [Dropout(Seed = 3, {|NG0040:probability: 2|})]
                [Dense(5, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0040", "Layer 2, [Dropout(2, Seed = 3)], drops with probability 2, but a dropout probability must be a number in [0, 1), such as 0.5: at 1 every value is dropped and the kept ones would be scaled by 1 / 0"));
        }

        [Fact]
        public void NG0041_DropoutBeforeAnyDenseLayer()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [{|NG0041:Dropout(0.2)|}]
                [Dense(3, 5)]
                [ReLU]
                [Dense(5, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0041", "Layer 1, [Dropout(0.2)], comes before any Dense layer, so there are no hidden units to drop; put [Dropout] after a Dense layer or its activation"));
        }

        [Fact]
        public void NG0041_TwoDropoutsInARow()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 5)]
                [ReLU]
                [Dropout(0.5)]
                [{|NG0041:Dropout(0.3, Seed = 2)|}]
                [Dense(5, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0041", "Layer 4, [Dropout(0.3, Seed = 2)], directly follows layer 3, another dropout, [Dropout(0.5)]; two in a row keep a value with probability (1 - p)(1 - q), so declare one [Dropout] with that combined probability"));
        }

        [Fact]
        public void NG0041_DropoutRightBeforeTheLoss()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 5)]
                [ReLU]
                [Dense(5, 2)]
                [{|NG0041:Dropout|}]
                [SoftmaxCrossEntropyLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0041", "Layer 4, [Dropout(0.5)], is the last layer, so it would drop the network's outputs themselves and the loss would compare randomly zeroed outputs with the targets; put [Dropout] between hidden layers, before a Dense layer"));
        }

        [Fact]
        public void NG0007_DropoutAfterTheLoss()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [{|NG0007:SquaredErrorLoss(Reduction = Reduction.Mean)|}]
                [Dropout(0.5)]
                public partial class Net { }
                """,
                Diagnostic("NG0007", "The loss [SquaredErrorLoss(Reduction = Reduction.Mean)] must come after every layer, but layer 2, [Dropout(0.5)], follows it; move [SquaredErrorLoss(Reduction = Reduction.Mean)] to the end"));
        }

        [Fact]
        public void NG0016_DropoutWithAnUnreadableArgument()
        {
            GeneratorRun run = Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 5)]
                [{|NG0016:Dropout("half")|}]
                [Dense(5, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0016", "NetGen cannot read the arguments of [Dropout]; fix the compiler error on it so that every argument is a constant of the right type"));
            Assert.Contains(run.CompilationDiagnostics, d => d.Id == "CS1503");
        }

        [Theory]
        [InlineData("[Network(BatchSize = 4)] [Dense(3, 5)] [Dropout(0.5)] [ReLU] [Dense(5, 2)] [SquaredErrorLoss]")]
        [InlineData("[Network(BatchSize = 4)] [Dense(3, 5)] [ReLU] [Dropout(0)] [Dense(5, 2)] [SquaredErrorLoss(Reduction = Reduction.Sum)]")]
        [InlineData("[Network(BatchSize = 4, Precision = Precision.Single, Threads = 3)] [Dense(3, 5)] [Tanh] [Dropout(0.999, Seed = -3)] [Dense(5, 6)] [Dropout] [Dense(6, 2)] [SoftmaxCrossEntropyLoss(Reduction = Reduction.Mean)] [Sgd(WeightDecay = 0.5)]")]
        [InlineData("[Network(BatchSize = 1)] [Dense(2, 3, Bias = true)] [Dropout(probability: 0.25f)] [Dense(3, 1)] [SquaredErrorLoss(Reduction = Reduction.Mean)] [AdamW(Beta1 = 0.5, WeightDecay = 0)]")]
        public void ValidRegularizedDeclarationsCompileWithoutDiagnostics(string attributes)
        {
            GeneratorRun run = GeneratorHarness.Run(Using + attributes + " public partial class Net { }");
            Assert.Empty(run.Exceptions);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            Assert.Single(run.Sources);
        }

        [Fact]
        public void NG0042_AReductionThatIsNeitherSumNorMean()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SoftmaxCrossEntropyLoss({|NG0042:Reduction = (Reduction)2|})]
                public partial class Net { }
                """,
                Diagnostic("NG0042", "The loss [SoftmaxCrossEntropyLoss(Reduction = (Reduction)2)] has Reduction = (Reduction)2, which is not a reduction NetGen knows; use Reduction.Sum or Reduction.Mean"));
        }
    }
}
