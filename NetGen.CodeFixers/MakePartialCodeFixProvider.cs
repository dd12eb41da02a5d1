using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.CodeFixers
{
    /// <summary>
    /// NG0001 (a network class without <c>partial</c>) and NG0012 (a containing type without <c>partial</c>): adds
    /// <c>partial</c> to the type the diagnostic names, as the last modifier, where C# requires it
    /// (<c>public sealed partial class Net</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
    public sealed class MakePartialCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("NG0001", "NG0012");

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
                // Both diagnostics mark the name of the type that needs the modifier.
                SyntaxToken name = root.FindToken(diagnostic.Location.SourceSpan.Start);
                if (name.Parent is not TypeDeclarationSyntax type || type.Identifier != name || type.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    // NG0012 also reports a file-local containing type that is partial: no mechanical repair.
                    continue;
                }
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{name.ValueText}' partial",
                        cancellationToken => AddPartialAsync(context.Document, type, cancellationToken),
                        equivalenceKey: FixAll.KeyFor(diagnostic.Id)),
                    diagnostic);
            }
        }

        private static async Task<Document> AddPartialAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
        {
            SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            return document.WithSyntaxRoot(root.ReplaceNode(type, WithPartial(type)));
        }

        internal static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
        {
            SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (type.Modifiers.Count > 0)
            {
                return type.WithModifiers(type.Modifiers.Add(partial));
            }
            // 'class Net' has its line's indentation before 'class'; it moves to 'partial'.
            SyntaxToken keyword = type.Keyword;
            return type
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
        }
    }
}
