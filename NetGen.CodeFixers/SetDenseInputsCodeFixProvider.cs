using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;

namespace NetGen.CodeFixers
{
    /// <summary>
    /// NG0002 (a Dense layer whose inputs differ from the previous layer's outputs): sets the inputs argument, which the
    /// diagnostic marks, to the previous layer's outputs, which it carries as a property: <c>[Dense(50, 10)]</c> after
    /// 100 outputs becomes <c>[Dense(100, 10)]</c>. Fixing all of a network's mismatches at once chains every layer
    /// to the one before it, because each fix keeps the outputs of its layer.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetDenseInputsCodeFixProvider)), Shared]
    public sealed class SetDenseInputsCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("NG0002");

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.ExpectedInputs, out string? text)
                    || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int inputs)
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeArgumentSyntax>()
                        is not { NameEquals: null } argument)
                {
                    continue;
                }
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Set the inputs to {inputs.ToString(CultureInfo.InvariantCulture)}",
                        cancellationToken => SetInputsAsync(context.Document, argument, inputs, cancellationToken),
                        equivalenceKey: FixAll.KeyFor(diagnostic.Id)),
                    diagnostic);
            }
        }

        private static async Task<Document> SetInputsAsync(
            Document document, AttributeArgumentSyntax argument, int inputs, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            ExpressionSyntax value = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(inputs))
                .WithTriviaFrom(argument.Expression);
            return document.WithSyntaxRoot(root.ReplaceNode(argument.Expression, value));
        }
    }
}
