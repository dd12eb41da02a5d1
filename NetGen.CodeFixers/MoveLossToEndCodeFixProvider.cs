using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixers
{
    /// <summary>
    /// NG0007 (a loss before a layer): moves the loss, which the diagnostic marks, to just after the network's last
    /// layer, which the diagnostic gives as its additional location. <c>[Dense(3, 4)] [SquaredErrorLoss] [Dense(4, 2)]</c>
    /// becomes <c>[Dense(3, 4)] [Dense(4, 2)] [SquaredErrorLoss]</c>; optimizers after the last layer stay after the loss.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveLossToEndCodeFixProvider)), Shared]
    public sealed class MoveLossToEndCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("NG0007");

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
                if (diagnostic.AdditionalLocations.Count != 1
                    || diagnostic.AdditionalLocations[0].SourceTree != diagnostic.Location.SourceTree
                    || AttributeEditing.AttributeAt(root, diagnostic.Location.SourceSpan) is not { } loss
                    || AttributeEditing.AttributeAt(root, diagnostic.AdditionalLocations[0].SourceSpan) is not { } lastLayer
                    || AttributeEditing.OwnerOf(loss) is not { } type
                    || AttributeEditing.OwnerOf(lastLayer) != type
                    || lastLayer.SpanStart < loss.SpanStart)
                {
                    continue;
                }
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Move [{loss}] after the last layer",
                        cancellationToken => MoveAsync(context.Document, type, loss, lastLayer, cancellationToken),
                        equivalenceKey: FixAll.KeyFor(diagnostic.Id)),
                    diagnostic);
            }
        }

        private static async Task<Document> MoveAsync(
            Document document, TypeDeclarationSyntax type, AttributeSyntax loss, AttributeSyntax lastLayer, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            return document.WithSyntaxRoot(root.ReplaceNode(type, AttributeEditing.MoveAfter(type, loss, lastLayer)));
        }
    }
}
