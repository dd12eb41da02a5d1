using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Weights
{
    /// <summary>
    /// <c>SaveWeights</c> and <c>LoadWeights</c> call NetGen.Runtime, so they are generated exactly when the compilation
    /// references it: a project with the attributes and the generator alone still compiles.
    /// </summary>
    public sealed class WeightMethodGenerationTests
    {
        private const string Source = """
            using NetGen;
            namespace Course;
            [Network(BatchSize = 2, Precision = Precision.Single)] [Dense(3, 4, Bias = true)] [ReLU] [Dense(4, 2)] [SquaredErrorLoss]
            public partial class Net { }
            """;

        [Fact]
        public void WithoutNetGenRuntime_NoWeightMethodsAreGenerated_AndTheNetworkCompiles()
        {
            GeneratorRun run = GeneratorHarness.Run(Source);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            string generated = run.Source("Course.Net.g.cs");
            Assert.DoesNotContain("SaveWeights", generated);
            Assert.DoesNotContain("NetGen.NumPy", generated);
        }

        [Fact]
        public void WithNetGenRuntime_SaveAndLoadAreGenerated_AndCompileWithoutWarnings()
        {
            Compilation compilation = GeneratorHarness.CompileWithRuntime(Source);

            GeneratorRun run = GeneratorHarness.Run(compilation);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            string generated = run.Source("Course.Net.g.cs");
            Assert.Contains("public void SaveWeights(string directory)", generated);
            Assert.Contains("public void LoadWeights(string directory)", generated);
            Assert.Contains("W1.npy (3, 4), B1.npy (4,), W2.npy (4, 2)", generated);
            var type = run.Output.GetTypeByMetadataName("Course.Net")!;
            Assert.Single(type.GetMembers("SaveWeights"));
            Assert.Single(type.GetMembers("LoadWeights"));
        }
    }
}
