using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.NumPy;
using NetGen.Tests.Support;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Trainers
{
    /// <summary>Generated networks as <see cref="INetwork{T}"/>: sizes, the parameter snapshot, and when it is generated.</summary>
    public sealed class NetworkInterfaceTests
    {
        [Fact]
        public void AClassifierIsAnIClassifierWithItsSizes()
        {
            IClassifier<double> network = new TrainerClassifierNet();
            Assert.Equal(TrainerClassifierNet.BatchSize, network.BatchSize);
            Assert.Equal(4, network.InputSize);
            Assert.Equal(3, network.OutputSize);
            Assert.Equal(4 * 6 + 6 + 6 * 3 + 3, network.ParameterCount);
            IRegressor<float> regressor = new TrainerRegressorNet();
            Assert.Equal(5, regressor.BatchSize);
            Assert.Equal(TrainerRegressorNet.ParameterCount, regressor.ParameterCount);
        }

        [Fact]
        public void CopyParametersLaysOutW1B1W2B2InOrder_AndPutsThemBackBitForBit()
        {
            var network = new TrainerClassifierNet();
            network.InitializeHe(3);
            new LegacyRandom(1).StandardNormal(network.B1);
            new LegacyRandom(2).StandardNormal(network.B2);
            var parameters = new double[TrainerClassifierNet.ParameterCount];
            network.CopyParametersTo(parameters);
            Assert.Equal(network.W1.ToArray().Concat(network.B1.ToArray()).Concat(network.W2.ToArray()).Concat(network.B2.ToArray()), parameters);

            var other = new TrainerClassifierNet();
            other.CopyParametersFrom(parameters);
            Assert.Equal(network.W1.ToArray(), other.W1.ToArray());
            Assert.Equal(network.B2.ToArray(), other.B2.ToArray());
        }

        [Fact]
        public void AWrongLengthIsRefusedNamingTheLength_AndNothingChanges()
        {
            var network = new TrainerClassifierNet();
            network.InitializeHe(3);
            double[] before = network.W1.ToArray();
            ArgumentException error = Assert.Throws<ArgumentException>(() => network.CopyParametersFrom(new double[10]));
            Assert.Equal("source must hold 51 values (ParameterCount = 51, row-major), but it holds 10. (Parameter 'source')", error.Message);
            Assert.Equal(before, network.W1.ToArray());
            Assert.Throws<ArgumentException>(() => network.CopyParametersTo(new double[52]));
        }

        private const string Source = """
            using NetGen;
            namespace Course;
            [Network(BatchSize = 2, Precision = Precision.Single)] [Dense(3, 4, Bias = true)] [ReLU] [Dense(4, 2)] [SoftmaxCrossEntropyLoss]
            public partial class Net { }
            [Network(BatchSize = 2)] [Dense(3, 1)] [SquaredErrorLoss]
            public partial class Fit { }
            """;

        [Fact]
        public void WithoutNetGenRuntimeTheInterfaceIsNotGenerated()
        {
            GeneratorRun run = GeneratorHarness.Run(Source);
            Assert.Empty(run.CompilationDiagnostics);
            Assert.DoesNotContain("NetGen.Training", run.Source("Course.Net.g.cs"));
            Assert.DoesNotContain("CopyParametersTo", run.Source("Course.Net.g.cs"));
        }

        [Fact]
        public void WithNetGenRuntimeEveryNetworkImplementsItsInterface()
        {
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CompileWithRuntime(Source));
            Assert.Empty(run.GeneratorDiagnostics);
            Assert.Empty(run.CompilationDiagnostics);
            INamedTypeSymbol net = run.Output.GetTypeByMetadataName("Course.Net")!;
            INamedTypeSymbol fit = run.Output.GetTypeByMetadataName("Course.Fit")!;
            Assert.Contains(net.AllInterfaces, i => i.ToDisplayString() == "NetGen.Training.IClassifier<float>");
            Assert.Contains(fit.AllInterfaces, i => i.ToDisplayString() == "NetGen.Training.IRegressor<double>");
        }

        [Fact]
        public void AUserMemberNamedLikeTheSnapshotMethodsIsNG0013()
        {
            string user = "namespace Course; public partial class Net { public void CopyParametersTo() { } private int CopyParametersFrom; }";
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CompileWithRuntime(Source, user));
            string[] reported = run.GeneratorDiagnostics.Where(d => d.Id == "NG0013")
                .Select(d => d.GetMessage(CultureInfo.InvariantCulture).Split('\'')[3]).ToArray();
            Assert.Contains("CopyParametersTo", reported);
            Assert.Contains("CopyParametersFrom", reported);
        }

        [Fact]
        public void EveryMemberGeneratedWithTheRuntimeIsReservedForNG0013()
        {
            // As GeneratedNameCollisionTests, with NetGen.Runtime referenced: the members only then generated are listed too.
            GeneratorRun clean = GeneratorHarness.Run(GeneratorHarness.CompileWithRuntime(Source));
            INamedTypeSymbol type = clean.Output.GetTypeByMetadataName("Course.Net")!;
            List<string> generated = type.GetMembers()
                .Where(m => !m.IsImplicitlyDeclared && m is not IMethodSymbol { AssociatedSymbol: not null })
                .Where(m => m is not IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 })
                .Select(m => m.Name)
                .Where(name => !name.StartsWith(".", StringComparison.Ordinal))
                .Distinct()
                .ToList();
            Assert.Contains("CopyParametersTo", generated);
            string user = "namespace Course; public partial class Net\n{\n" + string.Join("\n", generated.Select(n => $"    private int {n};")) + "\n}";
            GeneratorRun colliding = GeneratorHarness.Run(GeneratorHarness.CompileWithRuntime(Source, user));
            HashSet<string> reported = colliding.GeneratorDiagnostics.Where(d => d.Id == "NG0013")
                .Select(d => d.GetMessage(CultureInfo.InvariantCulture).Split('\'')[3]).ToHashSet();
            List<string> missing = generated.Where(name => !reported.Contains(name)).ToList();
            Assert.True(missing.Count == 0, "not reserved: " + string.Join(", ", missing));
        }
    }
}
