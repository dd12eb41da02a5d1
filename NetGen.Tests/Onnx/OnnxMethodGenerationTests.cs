using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Onnx;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Onnx
{
    /// <summary>
    /// <c>SaveOnnx</c> and <c>LoadOnnx</c> call NetGen.Runtime, so they are generated exactly when the compilation
    /// references it, as the weight file methods are; their names are reserved (NG0013).
    /// </summary>
    public sealed class OnnxMethodGenerationTests
    {
        private const string Source = """
            using NetGen;
            namespace Course;
            [Network(BatchSize = 2, Precision = Precision.Single)] [Dense(3, 4, Bias = true)] [LeakyReLU(0.25)] [Dense(4, 2)] [SoftmaxCrossEntropyLoss]
            public partial class Net { }
            """;

        [Fact]
        public void WithoutNetGenRuntime_NoOnnxMethodsAreGenerated_AndTheNetworkCompiles()
        {
            GeneratorRun run = GeneratorHarness.Run(Source);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            string generated = run.Source("Course.Net.g.cs");
            Assert.DoesNotContain("SaveOnnx", generated);
            Assert.DoesNotContain("NetGen.Onnx", generated);
        }

        [Fact]
        public void WithNetGenRuntime_SaveOnnxAndLoadOnnxAreGenerated_AndCompileWithoutWarnings()
        {
            Compilation compilation = GeneratorHarness.Compile(Source)
                .AddReferences(MetadataReference.CreateFromFile(typeof(OnnxMlp).Assembly.Location));

            GeneratorRun run = GeneratorHarness.Run(compilation);

            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            string generated = run.Source("Course.Net.g.cs");
            Assert.Contains("public void SaveOnnx(string path)", generated);
            Assert.Contains("public void LoadOnnx(string path)", generated);
            Assert.Contains("global::NetGen.Onnx.MlpLayer.LeakyRelu(0.25)", generated);
            Assert.Contains("initializers W1 (3, 4), B1 (4), W2 (4, 2)", generated);
            // The documentation says what the output of a cross-entropy network is.
            Assert.Contains("The output <c>output</c> (N, 2) holds the logits", generated);
            Assert.Contains("<c>probabilities</c> (N, 2) holds their softmax over the classes", generated);
            INamedTypeSymbol type = run.Output.GetTypeByMetadataName("Course.Net")!;
            Assert.Single(type.GetMembers("SaveOnnx"));
            Assert.Single(type.GetMembers("LoadOnnx"));
        }

        [Theory]
        [InlineData("SaveOnnx")]
        [InlineData("LoadOnnx")]
        public void AUserMemberNamedLikeAnOnnxMethod_IsNG0013(string name)
        {
            string user = $"namespace Course; public partial class Net {{ public int {name}; }}";
            GeneratorRun run = GeneratorHarness.Run(Source, user);

            Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "NG0013");
            Assert.Contains($"'{name}'", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        }
    }
}

namespace NetGen.Tests.Onnx
{
    /// <summary>The generated documentation of the ONNX methods resolves: compiled with documentation diagnostics on.</summary>
    public sealed class OnnxMethodDocumentationTests
    {
        [Fact]
        public void TheOnnxMethodsDocumentation_HasNoWarnings()
        {
            var options = Microsoft.CodeAnalysis.CSharp.CSharpParseOptions.Default
                .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)
                .WithDocumentationMode(DocumentationMode.Diagnose);
            string source = """
                using NetGen;
                namespace Course;
                /// <summary>A network.</summary>
                [Network(BatchSize = 2)] [Dense(3, 4, Bias = true)] [Tanh] [Dense(4, 2)] [SoftmaxCrossEntropyLoss]
                public partial class Net { }
                """;
            Compilation compilation = GeneratorHarness.Compile(source)
                .AddReferences(MetadataReference.CreateFromFile(typeof(OnnxMlp).Assembly.Location));
            compilation = compilation.ReplaceSyntaxTree(
                compilation.SyntaxTrees.First(),
                Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, options, "Source0.cs"));
            GeneratorDriver driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
                new[] { new NetGen.Generator.NetworkGenerator().AsSourceGenerator() }, parseOptions: options);
            driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);

            SyntaxTree generated = output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Course.Net.g.cs", System.StringComparison.Ordinal));
            string text = generated.ToString();
            int start = text.IndexOf("Writes the network's inference graph", System.StringComparison.Ordinal);
            int end = text.IndexOf("public void LoadOnnx(string path)", System.StringComparison.Ordinal);
            Assert.True(start > 0 && end > start);
            var warnings = output.GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree == generated)
                .Where(d => d.Location.SourceSpan.Start >= start && d.Location.SourceSpan.Start <= end)
                .Select(d => d.ToString())
                .ToList();
            Assert.True(warnings.Count == 0, string.Join("\n", warnings));
        }
    }
}
