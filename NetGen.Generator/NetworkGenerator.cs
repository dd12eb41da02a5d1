using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator
{
    /// <summary>
    /// The pipeline, and only the pipeline: every class marked <c>[Network]</c> is parsed into a value-equal model
    /// (<see cref="NetworkParser"/>), its diagnostics are reported, and its code is written (<see cref="NetworkEmitter"/>).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NetworkGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline's steps, for caching tests.</summary>
        public static class Steps
        {
            /// <summary>Attribute to <c>ParseResult</c>.</summary>
            public const string Parse = "NetGen.Parse";

            /// <summary>The models that have no diagnostics.</summary>
            public const string Models = "NetGen.Models";

            /// <summary>The diagnostics of each declaration.</summary>
            public const string Diagnostics = "NetGen.Diagnostics";
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    NetworkParser.NetworkAttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    NetworkParser.Parse)
                .WithTrackingName(Steps.Parse);

            IncrementalValuesProvider<NetworkModel> models = results
                .Select(static (result, _) => result.Model)
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(Steps.Models);

            IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
                .Select(static (result, _) => result.Diagnostics)
                .Where(static diagnostics => diagnostics.Count > 0)
                .WithTrackingName(Steps.Diagnostics);

            context.RegisterSourceOutput(diagnostics, static (output, list) =>
            {
                foreach (DiagnosticInfo diagnostic in list)
                {
                    output.ReportDiagnostic(diagnostic.ToDiagnostic());
                }
            });

            // SaveWeights and LoadWeights call NetGen.Runtime, so they are generated only when it is referenced.
            IncrementalValueProvider<bool> runtimeReferenced = context.CompilationProvider
                .Select(static (compilation, _) => compilation.GetTypeByMetadataName("NetGen.NumPy.NpyFile") is not null);

            context.RegisterSourceOutput(models.Combine(runtimeReferenced), static (output, input) =>
                output.AddSource(input.Left.HintName, NetworkEmitter.Emit(input.Left, input.Right)));
        }
    }
}
