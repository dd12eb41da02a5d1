using System;
using System.Linq;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Teaching
{
    /// <summary>
    /// Which layers are written out element by element, what those lines say, and that everything generated compiles
    /// without a warning. Large layers keep loops (or kernels), so the generated code grows with the number of
    /// layers, not with the number of weights.
    /// </summary>
    public class UnrolledLayerTests
    {
        [Fact]
        public void Question1ForwardIsOneLinePerElementOfY()
        {
            string source = Question1Source();

            // Question 1: y_{j,i} = x_{j,1} w_{1,i} + x_{j,2} w_{2,i}, 0-based.
            AssertLines(source,
                "y[0, 0] = x[0, 0] * w[0, 0] + x[0, 1] * w[1, 0];",
                "y[0, 1] = x[0, 0] * w[0, 1] + x[0, 1] * w[1, 1];",
                "y[0, 2] = x[0, 0] * w[0, 2] + x[0, 1] * w[1, 2];",
                "y[1, 0] = x[1, 0] * w[0, 0] + x[1, 1] * w[1, 0];",
                "y[1, 1] = x[1, 0] * w[0, 1] + x[1, 1] * w[1, 1];",
                "y[1, 2] = x[1, 0] * w[0, 2] + x[1, 1] * w[1, 2];");
        }

        [Fact]
        public void Question1BackwardIsOneLinePerElementOfDxAndDw()
        {
            string source = Question1Source();

            // Questions 3–5: dL/dX = dL/dY · Wᵀ, dx[j, k] = Σᵢ dy[j, i] · w[k, i].
            AssertLines(source,
                "dx[0, 0] = dy[0, 0] * w[0, 0] + dy[0, 1] * w[0, 1] + dy[0, 2] * w[0, 2];",
                "dx[0, 1] = dy[0, 0] * w[1, 0] + dy[0, 1] * w[1, 1] + dy[0, 2] * w[1, 2];",
                "dx[1, 0] = dy[1, 0] * w[0, 0] + dy[1, 1] * w[0, 1] + dy[1, 2] * w[0, 2];",
                "dx[1, 1] = dy[1, 0] * w[1, 0] + dy[1, 1] * w[1, 1] + dy[1, 2] * w[1, 2];");
            // Question 6: dL/dW = Xᵀ · dL/dY, dw[k, l] = Σⱼ x[j, k] · dy[j, l].
            AssertLines(source,
                "dw[0, 0] = x[0, 0] * dy[0, 0] + x[1, 0] * dy[1, 0];",
                "dw[0, 1] = x[0, 0] * dy[0, 1] + x[1, 0] * dy[1, 1];",
                "dw[0, 2] = x[0, 0] * dy[0, 2] + x[1, 0] * dy[1, 2];",
                "dw[1, 0] = x[0, 1] * dy[0, 0] + x[1, 1] * dy[1, 0];",
                "dw[1, 1] = x[0, 1] * dy[0, 1] + x[1, 1] * dy[1, 1];",
                "dw[1, 2] = x[0, 1] * dy[0, 2] + x[1, 1] * dy[1, 2];");
        }

        [Fact]
        public void HiddenLayersAreNamedAsTheRestOfTheFile()
        {
            string source = Generate("""
                using NetGen;
                [Network(BatchSize = 2)]
                [Dense(2, 2, Bias = true)]
                [ReLU]
                [Dense(2, 1)]
                [SquaredErrorLoss]
                public partial class TwoLayers { }
                """, "TwoLayers.g.cs");

            AssertLines(source,
                "y1[0, 0] = x[0, 0] * w1[0, 0] + x[0, 1] * w1[1, 0] + b1[0];",
                "y3[1, 0] = y2[1, 0] * w2[0, 0] + y2[1, 1] * w2[1, 0];",
                "dY2[0, 1] = dY3[0, 0] * w2[1, 0];",
                "dW2[1, 0] = y2[0, 1] * dY3[0, 0] + y2[1, 1] * dY3[1, 0];",
                "dX[1, 0] = dY1[1, 0] * w1[0, 0] + dY1[1, 1] * w1[0, 1];",
                "dB1[1] = dY1[0, 1] + dY1[1, 1];",
                "Layer1Forward(x, w1, b1, y1);",
                "Layer3Backward(y2, w2, dY3, dY2, gradW2);");
        }

        [Theory]
        [InlineData(2, 2, 3, true)]
        [InlineData(1, 1, 1, true)]
        [InlineData(4, 4, 4, true)]
        [InlineData(5, 2, 3, false)]
        [InlineData(2, 5, 3, false)]
        [InlineData(2, 3, 5, false)]
        [InlineData(64, 1000, 100, false)]
        public void LayerIsUnrolledWhenBatchInputsAndOutputsAreAtMostFour(int batch, int inputs, int outputs, bool unrolled)
        {
            string source = Generate($$"""
                using NetGen;
                [Network(BatchSize = {{batch}})]
                [Dense({{inputs}}, {{outputs}})]
                [SquaredErrorLoss]
                public partial class Net { }
                """, "Net.g.cs");

            Assert.Equal(unrolled, source.Contains("private static void Layer1Forward(", StringComparison.Ordinal));
            Assert.Equal(unrolled, source.Contains("private static void Layer1Backward(", StringComparison.Ordinal));
            Assert.Equal(unrolled, source.Contains("public ReadOnlySpan<double> GradX", StringComparison.Ordinal));
            Assert.Equal(unrolled, source.Contains("ref struct Matrix", StringComparison.Ordinal));
        }

        [Fact]
        public void LargeLayersOfQuestion7KeepTheirLoopsAndGainNoUnrolledCode()
        {
            string source = Generate("""
                using NetGen;
                [Network(BatchSize = 64)]
                [Dense(1000, 100)]
                [ReLU]
                [Dense(100, 10)]
                [SquaredErrorLoss]
                public partial class Question7Net { }
                """, "Question7Net.g.cs");

            foreach (string absent in new[] { "Layer1Forward", "Layer3Backward", "Matrix", "GradX", "_gradX" })
            {
                Assert.DoesNotContain(absent, source, StringComparison.Ordinal);
            }
            Assert.Contains("// dL/dX is not needed: X is data, not a parameter.", source, StringComparison.Ordinal);
            Assert.Contains("CheckGradients(", source, StringComparison.Ordinal);
        }

        [Fact]
        public void GeneratedCodeGrowsWithLayersNotWithWeights()
        {
            // Layers with loops (three outputs: too narrow for kernels). 100 times the weights: the same lines, only
            // the literal bounds change. One more layer: more lines.
            int small = LineCount(Layers(64, (100, 3), (3, 2)));
            int large = LineCount(Layers(64, (10000, 3), (3, 2)));
            int deeper = LineCount(Layers(64, (100, 3), (3, 3), (3, 2)));

            Assert.Equal(small, large);
            Assert.True(deeper > small + 20, $"one more layer adds its code: {small} → {deeper} lines");
        }

        [Fact]
        public void UnrolledLayerWritesAtMostFiftyTwoLines()
        {
            // Batch 4, Dense(4, 4) with a bias, the largest unrolled layer: 16 y lines, 16 dx, 16 dw and 4 db.
            string source = Generate("""
                using NetGen;
                [Network(BatchSize = 4)]
                [Dense(4, 4, Bias = true)]
                [SquaredErrorLoss]
                public partial class Net { }
                """, "Net.g.cs");

            string[] lines = source.Split('\n').Select(l => l.Trim()).ToArray();
            Assert.Equal(16, lines.Count(l => l.StartsWith("y[", StringComparison.Ordinal)));
            Assert.Equal(16, lines.Count(l => l.StartsWith("dx[", StringComparison.Ordinal)));
            Assert.Equal(16, lines.Count(l => l.StartsWith("dw[", StringComparison.Ordinal)));
            Assert.Equal(4, lines.Count(l => l.StartsWith("db[", StringComparison.Ordinal)));
            Assert.All(lines.Where(l => l.StartsWith("y[", StringComparison.Ordinal)), l => Assert.Equal(4, l.Split(" * ").Length - 1));
        }

        public static TheoryData<string, string> EveryKindOfNetwork => new()
        {
            { TeachingSnapshotTests.Question1Source, TeachingSnapshotTests.Question1HintName },
            {
                """
                using NetGen;
                namespace Examples;
                [Network(BatchSize = 2, Precision = Precision.Single)]
                [Dense(2, 3, Bias = true)]
                [ReLU]
                [Dense(3, 2)]
                [SoftmaxCrossEntropyLoss]
                internal partial class SingleNet { }
                """,
                "Examples.SingleNet.g.cs"
            },
            {
                """
                using NetGen;
                public partial class Outer
                {
                    [Network(BatchSize = 1)]
                    [Dense(1, 1)]
                    [SquaredErrorLoss]
                    private partial class Smallest { }
                }
                """,
                "Outer.Smallest.g.cs"
            },
            {
                """
                using NetGen;
                [Network(BatchSize = 4)]
                [Dense(3, 4)]
                [ReLU]
                [Dense(4, 40)]
                [ReLU]
                [Dense(40, 30, Bias = true)]
                [ReLU]
                [Dense(30, 3)]
                [SoftmaxCrossEntropyLoss]
                public partial class EveryStrategy { }
                """,
                "EveryStrategy.g.cs"
            },
            {
                """
                using NetGen;
                [Network(BatchSize = 3, Precision = Precision.Single)]
                [Dense(4, 3, Bias = true)]
                [ReLU]
                [Dense(3, 4)]
                [ReLU]
                [Dense(4, 4, Bias = true)]
                [ReLU]
                [Dense(4, 2)]
                [SquaredErrorLoss]
                public partial class DeepUnrolledSingle { }
                """,
                "DeepUnrolledSingle.g.cs"
            },
            {
                """
                using NetGen;
                namespace Assignment;
                [Network(BatchSize = 64)]
                [Dense(1000, 100)]
                [ReLU]
                [Dense(100, 10)]
                [SoftmaxCrossEntropyLoss]
                public partial class Question8Net { }
                """,
                "Assignment.Question8Net.g.cs"
            },
        };

        [Theory]
        [MemberData(nameof(EveryKindOfNetwork))]
        public void EveryKindOfNetworkCompilesWithoutWarnings(string declaration, string hintName)
        {
            GeneratorRun run = GeneratorHarness.Run(declaration);

            Assert.Empty(run.Exceptions);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            Assert.Equal(hintName, Assert.Single(run.Sources).HintName);
        }

        private static string Question1Source() =>
            Generate(TeachingSnapshotTests.Question1Source, TeachingSnapshotTests.Question1HintName);

        private static string Generate(string declaration, string hintName)
        {
            GeneratorRun run = GeneratorHarness.Run(declaration);
            Assert.Empty(run.Exceptions);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            return run.Source(hintName);
        }

        private static string Layers(int batch, params (int Inputs, int Outputs)[] dense)
        {
            string layers = string.Join("\n[ReLU]\n", dense.Select(d => $"[Dense({d.Inputs}, {d.Outputs})]"));
            return $"using NetGen;\n[Network(BatchSize = {batch})]\n{layers}\n[SquaredErrorLoss]\npublic partial class Net {{ }}\n";
        }

        private static int LineCount(string declaration) => Generate(declaration, "Net.g.cs").Split('\n').Length;

        private static void AssertLines(string source, params string[] expected)
        {
            string[] lines = source.Split('\n').Select(l => l.Trim()).ToArray();
            foreach (string line in expected)
            {
                Assert.Contains(line, lines);
            }
        }
    }
}
