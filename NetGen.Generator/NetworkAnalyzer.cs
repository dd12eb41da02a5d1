using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator.Diagnostics;

namespace NetGen.Generator
{
    /// <summary>
    /// Reports every mistake in NetGen declarations, as the Roslyn cookbook recommends for source generators: from an
    /// analyzer, so that the IDE, <c>dotnet build</c> and <c>dotnet format analyzers</c> all see the diagnostics and the
    /// code fixes of NetGen.CodeFixers can apply to them. It runs the generator's own parser
    /// (<see cref="NetworkParser"/>), so a declaration is reported exactly when the generator generates nothing for it.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NetworkAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableArray<DiagnosticDescriptor> Descriptors = DiagnosticDescriptors.All.ToImmutableArray();

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors;

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            // The generator reads declarations in generated files too, so they are checked and reported alike.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(
                AnalyzeDeclaration,
                SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.InterfaceDeclaration,
                SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
        }

        private static void AnalyzeDeclaration(SyntaxNodeAnalysisContext context)
        {
            // Only attributes make a declaration NetGen's business; most declarations have none.
            if (context.Node is not TypeDeclarationSyntax { AttributeLists.Count: > 0 } node
                || context.SemanticModel.GetDeclaredSymbol(node, context.CancellationToken) is not INamedTypeSymbol symbol)
            {
                return;
            }
            var diagnostics = new List<Diagnostic>();
            NetworkParser.Analyze(new NetworkParser.Declaration(node, symbol, context.SemanticModel), diagnostics, context.CancellationToken);
            foreach (Diagnostic diagnostic in diagnostics)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
