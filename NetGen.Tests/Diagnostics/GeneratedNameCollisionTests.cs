using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>
    /// NG0013 knows every name the generated code declares: for networks that exercise each way of writing a layer,
    /// a user member named like any generated member is reported as NG0013 rather than as a compiler error in
    /// generated code the student never wrote.
    /// </summary>
    public sealed class GeneratedNameCollisionTests
    {
        public static readonly TheoryData<string> Networks = new()
        {
            // Small layers (written out element by element), bias, two Dense layers, squared error.
            "[Network(BatchSize = 2)] [Dense(2, 3, Bias = true)] [ReLU] [Dense(3, 2)] [SquaredErrorLoss]",
            // Mid-sized layers, single precision, cross-entropy.
            "[Network(BatchSize = 16, Precision = Precision.Single)] [Dense(64, 32, Bias = true)] [ReLU] [Dense(32, 10)] [SoftmaxCrossEntropyLoss]",
            // Narrow and wide layers, three Dense layers.
            "[Network(BatchSize = 5)] [Dense(7, 2)] [ReLU] [Dense(2, 100, Bias = true)] [ReLU] [Dense(100, 3)] [SquaredErrorLoss]",
        };

        [Theory]
        [MemberData(nameof(Networks))]
        public void EveryGeneratedMemberNameIsReportedWhenTheUserDeclaresIt(string attributes)
        {
            string network = $"using NetGen;\n{attributes}\npublic partial class Net {{ }}";
            GeneratorRun clean = GeneratorHarness.Run(network);
            Assert.Empty(clean.GeneratorDiagnostics);
            INamedTypeSymbol type = clean.Output.GetTypeByMetadataName("Net")!;
            HashSet<SyntaxTree> userTrees = new(clean.Output.SyntaxTrees.Take(1));
            List<string> generated = type.GetMembers()
                .Where(m => !m.IsImplicitlyDeclared && m is not IMethodSymbol { AssociatedSymbol: not null })
                .Where(m => m.DeclaringSyntaxReferences.All(r => !userTrees.Contains(r.SyntaxTree)))
                .Select(m => m.Name)
                .Where(name => !name.StartsWith(".", System.StringComparison.Ordinal))
                .Distinct()
                .OrderBy(name => name, System.StringComparer.Ordinal)
                .ToList();
            Assert.NotEmpty(generated);

            string userMembers = "public partial class Net\n{\n" + string.Join("\n", generated.Select(n => $"    private int {n};")) + "\n}";
            GeneratorRun colliding = GeneratorHarness.Run(network, userMembers);
            Assert.Empty(colliding.Exceptions);
            HashSet<string> reported = colliding.GeneratorDiagnostics
                .Where(d => d.Id == "NG0013")
                .Select(d => d.GetMessage(CultureInfo.InvariantCulture).Split('\'')[3])
                .ToHashSet();
            List<string> missing = generated.Where(name => !reported.Contains(name)).ToList();
            Assert.True(missing.Count == 0, "GeneratedNames.All does not list these generated members: " + string.Join(", ", missing));
        }
    }
}
