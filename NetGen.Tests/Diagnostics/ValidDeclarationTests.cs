using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>
    /// Every valid way to declare a network still generates code that compiles, with no diagnostics: namespaces of
    /// each kind, nesting in partial types, accessibility, several networks per file and across files.
    /// </summary>
    public sealed class ValidDeclarationTests
    {
        private const string Layers = "[Dense(3, 4)] [ReLU] [Dense(4, 2)] [SquaredErrorLoss]";

        /// <summary>Runs the generator and asserts no diagnostics, no exceptions and an output without errors.</summary>
        private static GeneratorRun GenerateCleanly(params string[] sources)
        {
            GeneratorRun run = GeneratorHarness.Run(sources);
            Assert.Empty(run.Exceptions);
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return run;
        }

        /// <summary>The type in the output, which must be one type made of the user's and the generated declaration.</summary>
        private static INamedTypeSymbol Network(GeneratorRun run, string metadataName)
        {
            INamedTypeSymbol? type = run.Output.GetTypeByMetadataName(metadataName);
            Assert.NotNull(type);
            Assert.Equal(2, type!.DeclaringSyntaxReferences.Length);
            Assert.NotEmpty(type.GetMembers("Forward"));
            Assert.NotEmpty(type.GetMembers("TrainStep"));
            return type;
        }

        [Fact]
        public void FileScopedNamespace()
        {
            GeneratorRun run = GenerateCleanly($$"""
                using NetGen;
                namespace Course.Week3;
                [Network(BatchSize = 2)] {{Layers}}
                public partial class Net { }
                """);
            Network(run, "Course.Week3.Net");
        }

        [Fact]
        public void TypesNamedLikeSystemTypesOfAnotherArityDoNotHideThem()
        {
            // The generated code names Span<T> and Vector512<T> (arity 1) and the static class Vector512: a non-generic
            // Span and a two-parameter Vector512 in the network's namespace are different types to C#'s lookup. Large
            // enough for the kernels, which use all three, on two threads.
            GeneratorRun run = GenerateCleanly("""
                using NetGen;
                namespace Shop
                {
                    public class Span { }
                    public class Vector512<TFirst, TSecond> { }

                    [Network(BatchSize = 8, Threads = 2)] [Dense(40, 32)] [ReLU] [Dense(32, 4)] [SquaredErrorLoss]
                    public partial class Net { }
                }
                """);
            Network(run, "Shop.Net");
        }

        [Fact]
        public void BlockNamespaces_NestedAndRepeated()
        {
            GeneratorRun run = GenerateCleanly($$"""
                using NetGen;
                namespace Course
                {
                    namespace Week3
                    {
                        [Network(BatchSize = 2)] {{Layers}}
                        partial class First { }
                    }
                }
                namespace Course.Week3
                {
                    [Network(BatchSize = 2)] {{Layers}}
                    partial class Second { }
                }
                """);
            Network(run, "Course.Week3.First");
            Network(run, "Course.Week3.Second");
        }

        [Fact]
        public void GlobalNamespace()
        {
            GeneratorRun run = GenerateCleanly($$"""
                using NetGen;
                [Network(BatchSize = 2)] {{Layers}}
                partial class Net { }
                """);
            Network(run, "Net");
        }

        [Theory]
        [InlineData("public partial class Outer", "Outer")]
        [InlineData("internal partial struct Outer", "Outer")]
        [InlineData("public partial record Outer", "Outer")]
        [InlineData("public partial record struct Outer", "Outer")]
        [InlineData("public static partial class Outer", "Outer")]
        [InlineData("public partial interface Outer", "Outer")]
        [InlineData("public partial class Outer<TItem> where TItem : class", "Outer`1")]
        public void NestedInPartialContainers(string container, string containerMetadataName)
        {
            GeneratorRun run = GenerateCleanly($$"""
                using NetGen;
                namespace Course;
                {{container}}
                {
                    public partial class Middle
                    {
                        [Network(BatchSize = 2)] {{Layers}}
                        public partial class Net { }
                    }
                }
                """);
            Network(run, $"Course.{containerMetadataName}+Middle+Net");
        }

        [Theory]
        [InlineData("public partial class", Accessibility.Public)]
        [InlineData("internal partial class", Accessibility.Internal)]
        [InlineData("partial class", Accessibility.Internal)]
        [InlineData("public sealed partial class", Accessibility.Public)]
        [InlineData("public abstract partial class", Accessibility.Public)]
        public void AccessibilityIsKept(string declaration, Accessibility accessibility)
        {
            GeneratorRun run = GenerateCleanly($$"""
                using NetGen;
                namespace Course;
                [Network(BatchSize = 2)] {{Layers}}
                {{declaration}} Net { }
                """);
            Assert.Equal(accessibility, Network(run, "Course.Net").DeclaredAccessibility);
        }

        [Theory]
        [InlineData("private", Accessibility.Private)]
        [InlineData("protected", Accessibility.Protected)]
        [InlineData("protected internal", Accessibility.ProtectedOrInternal)]
        [InlineData("private protected", Accessibility.ProtectedAndInternal)]
        public void NestedAccessibilityIsKept(string modifiers, Accessibility accessibility)
        {
            GeneratorRun run = GenerateCleanly($$"""
                using NetGen;
                public partial class Outer
                {
                    [Network(BatchSize = 2)] {{Layers}}
                    {{modifiers}} partial class Net { }
                }
                """);
            Assert.Equal(accessibility, Network(run, "Outer+Net").DeclaredAccessibility);
        }

        [Fact]
        public void SeveralNetworksInOneFileAndAcrossFiles()
        {
            GeneratorRun run = GenerateCleanly(
                $$"""
                using NetGen;
                namespace Course
                {
                    [Network(BatchSize = 2)] {{Layers}}
                    public partial class A { }

                    [Network(BatchSize = 3, Precision = Precision.Single)] [Dense(5, 3, Bias = true)] [SoftmaxCrossEntropyLoss]
                    internal partial class B { }
                }
                """,
                $$"""
                using NetGen;
                namespace Course;
                [Network(BatchSize = 4)] [Dense(2, 2)] [SquaredErrorLoss]
                public partial class C { }
                """);
            Assert.Equal(3, run.Sources.Length);
            Network(run, "Course.A");
            Network(run, "Course.B");
            Network(run, "Course.C");
        }

        [Fact]
        public void OnePartialDeclarationCarriesTheAttributes_OthersCarryMembers()
        {
            GeneratorRun run = GenerateCleanly(
                $$"""
                using NetGen;
                [Network(BatchSize = 2)] {{Layers}}
                public partial class Net { }
                """,
                """
                public partial class Net
                {
                    public int Epochs { get; set; }
                    public double Evaluate() => Forward(new double[BatchSize * InputSize])[0];
                }
                """);
            Assert.Equal(3, run.Output.GetTypeByMetadataName("Net")!.DeclaringSyntaxReferences.Length);
        }

        [Fact]
        public void AttributesInOneListAndNamedArguments()
        {
            GeneratorRun run = GenerateCleanly("""
                using NetGen;
                [Network(BatchSize = 2), Dense(outputs: 4, inputs: 3), ReLU]
                [Dense(inputs: 4, outputs: 2, Bias = false), SquaredErrorLoss]
                public partial class Net { }
                """);
            Assert.Contains("InputSize = 3", run.Sources.Single().SourceText.ToString());
        }

        [Fact]
        public void BaseClassWithOtherMembers()
        {
            GenerateCleanly($$"""
                using NetGen;
                public abstract class ModelBase
                {
                    public int Seed { get; set; }
                    private double W1;
                    public override string ToString() => "model";
                }
                [Network(BatchSize = 2)] {{Layers}}
                public partial class Net : ModelBase { }
                """);
        }

        [Fact]
        public void NamesThatAreKeywords()
        {
            GeneratorRun run = GenerateCleanly($$"""
                using NetGen;
                namespace @event
                {
                    public partial class @record
                    {
                        [Network(BatchSize = 2)] {{Layers}}
                        public partial class @checked { }
                    }
                }
                """);
            Network(run, "event.record+checked");
        }

        [Fact]
        public void GenericContainersAndNamesDifferingOnlyInCase_GetDistinctFiles()
        {
            GeneratorRun run = GenerateCleanly($$"""
                using NetGen;
                namespace Course
                {
                    public partial class Box<T>
                    {
                        [Network(BatchSize = 2)] {{Layers}}
                        public partial class Net { }
                    }
                    public partial class Box
                    {
                        [Network(BatchSize = 2)] {{Layers}}
                        public partial class Net { }
                    }
                    [Network(BatchSize = 2)] {{Layers}}
                    public partial class Model { }
                    [Network(BatchSize = 2)] {{Layers}}
                    public partial class model { }
                }
                """);
            Assert.Equal(4, run.Sources.Select(s => s.HintName.ToUpperInvariant()).Distinct().Count());
            Network(run, "Course.Box`1+Net");
            Network(run, "Course.Box+Net");
            Network(run, "Course.Model");
            Network(run, "Course.model");
        }
    }
}
