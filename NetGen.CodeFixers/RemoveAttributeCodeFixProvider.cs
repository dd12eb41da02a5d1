using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;

namespace NetGen.CodeFixers
{
    /// <summary>
    /// The mistakes repaired by deleting the attribute the diagnostic marks: NG0006 (a second loss), NG0017 (a second
    /// <c>[Network]</c>), NG0031 (a second optimizer) and NG0009 when the activation repeats the one before it
    /// (<c>[ReLU] [ReLU]</c>). An NG0009 for an activation before any Dense layer has no fix: it belongs somewhere
    /// else, and only its author knows where.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveAttributeCodeFixProvider)), Shared]
    public sealed class RemoveAttributeCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("NG0006", "NG0009", "NG0017", "NG0031");

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
                if (diagnostic.Id == "NG0009"
                    && !(diagnostic.Properties.TryGetValue(DiagnosticProperties.RepeatedActivation, out string? repeated)
                         && repeated == DiagnosticProperties.True))
                {
                    continue;
                }
                if (AttributeEditing.AttributeAt(root, diagnostic.Location.SourceSpan) is not { } attribute
                    || AttributeEditing.OwnerOf(attribute) is not { } type)
                {
                    continue;
                }
                string title = diagnostic.Id switch
                {
                    "NG0009" => $"Remove the repeated [{attribute}]",
                    "NG0017" => $"Remove the second [{attribute}]",
                    _ => $"Remove [{attribute}]",
                };
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        cancellationToken => RemoveAsync(context.Document, type, attribute, cancellationToken),
                        equivalenceKey: FixAll.KeyFor(diagnostic.Id)),
                    diagnostic);
            }
        }

        private static async Task<Document> RemoveAsync(
            Document document, TypeDeclarationSyntax type, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            return document.WithSyntaxRoot(root.ReplaceNode(type, AttributeEditing.Remove(type, attribute)));
        }
    }
}
