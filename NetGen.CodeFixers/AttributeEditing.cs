using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.CodeFixers
{
    /// <summary>
    /// Removing and moving attributes on a type declaration the way a person would: an attribute alone in its list
    /// goes with its brackets and its line (or its space, when the attributes share a line), one of several in a list
    /// goes with its comma, and comments and documentation before the first attribute stay where they are.
    /// </summary>
    internal static class AttributeEditing
    {
        /// <summary>The attribute that a diagnostic's span marks, if the span is on one.</summary>
        public static AttributeSyntax? AttributeAt(SyntaxNode root, TextSpan span) =>
            root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>();

        /// <summary>The type declaration that <paramref name="attribute"/> is written on, if it is on one.</summary>
        public static TypeDeclarationSyntax? OwnerOf(AttributeSyntax attribute) =>
            attribute.Parent is AttributeListSyntax { Parent: TypeDeclarationSyntax type } ? type : null;

        /// <summary>The declaration without <paramref name="attribute"/>.</summary>
        public static TypeDeclarationSyntax Remove(TypeDeclarationSyntax type, AttributeSyntax attribute)
        {
            List<List<AttributeSyntax>> lists = Contents(type);
            foreach (List<AttributeSyntax> attributes in lists)
            {
                attributes.Remove(attribute);
            }
            return Rebuild(type, lists);
        }

        /// <summary>
        /// The declaration with <paramref name="attribute"/> moved to just after <paramref name="anchor"/>. When both
        /// stand alone in their lists, the list moves, one per line if that is how they were written; otherwise the
        /// attribute joins the anchor's list after it.
        /// </summary>
        public static TypeDeclarationSyntax MoveAfter(TypeDeclarationSyntax type, AttributeSyntax attribute, AttributeSyntax anchor)
        {
            var movedList = (AttributeListSyntax)attribute.Parent!;
            var anchorList = (AttributeListSyntax)anchor.Parent!;
            if (movedList != anchorList && movedList.Attributes.Count == 1 && anchorList.Attributes.Last() == anchor)
            {
                return MoveList(type, movedList, anchorList);
            }

            List<List<AttributeSyntax>> lists = Contents(type);
            foreach (List<AttributeSyntax> attributes in lists)
            {
                attributes.Remove(attribute);
            }
            List<AttributeSyntax> target = lists[type.AttributeLists.IndexOf(anchorList)];
            target.Insert(target.IndexOf(anchor) + 1, attribute.WithoutTrivia());
            return Rebuild(type, lists);
        }

        /// <summary>Moves a whole attribute list to after another one (which comes after it), trading their line ends.</summary>
        private static TypeDeclarationSyntax MoveList(TypeDeclarationSyntax type, AttributeListSyntax moved, AttributeListSyntax anchor)
        {
            var lists = type.AttributeLists.ToList();
            int from = lists.IndexOf(moved);
            int to = lists.IndexOf(anchor);
            if (from < 0 || to < from)
            {
                return type;
            }
            // The list that ended the attributes keeps ending them: whatever followed it (a line break before the
            // modifiers, say) now follows the moved list, and the space or line break the moved list had goes to it.
            AttributeListSyntax newMoved = moved.WithTrailingTrivia(anchor.GetTrailingTrivia());
            lists[to] = lists[to].WithTrailingTrivia(moved.GetTrailingTrivia());
            if (from == 0)
            {
                // The first list carries the declaration's comments and indentation; they stay at the top.
                lists[1] = lists[1].WithLeadingTrivia(moved.GetLeadingTrivia());
                newMoved = newMoved.WithLeadingTrivia(Indentation(anchor.GetLeadingTrivia()));
            }
            lists.Insert(to + 1, newMoved);
            lists.RemoveAt(from);
            return type.WithAttributeLists(SyntaxFactory.List(lists));
        }

        private static List<List<AttributeSyntax>> Contents(TypeDeclarationSyntax type) =>
            type.AttributeLists.Select(list => list.Attributes.ToList()).ToList();

        /// <summary>
        /// The declaration with each attribute list holding the given attributes: unchanged lists stay as written, an
        /// emptied list goes away with its line or space, and a changed one keeps its commas.
        /// </summary>
        private static TypeDeclarationSyntax Rebuild(TypeDeclarationSyntax type, List<List<AttributeSyntax>> contents)
        {
            var lists = new List<AttributeListSyntax>();
            SyntaxTriviaList? leadingForNext = null;
            for (int i = 0; i < type.AttributeLists.Count; i++)
            {
                AttributeListSyntax list = type.AttributeLists[i];
                List<AttributeSyntax> attributes = contents[i];
                if (attributes.Count == 0)
                {
                    if (lists.Count == 0)
                    {
                        // The declaration's leading comments and indentation move to what now comes first.
                        leadingForNext ??= list.GetLeadingTrivia();
                    }
                    else if (EndsLine(list.GetTrailingTrivia()) && !EndsLine(lists[lists.Count - 1].GetTrailingTrivia()))
                    {
                        // [A] [X]⏎ loses [X] but keeps its line break: [A]⏎.
                        lists[lists.Count - 1] = lists[lists.Count - 1].WithTrailingTrivia(list.GetTrailingTrivia());
                    }
                    continue;
                }
                AttributeListSyntax kept = attributes.SequenceEqual(list.Attributes)
                    ? list
                    : list.WithAttributes(SyntaxFactory.SeparatedList(attributes, Separators(list, attributes.Count - 1)));
                if (leadingForNext is { } leading)
                {
                    kept = kept.WithLeadingTrivia(leading);
                    leadingForNext = null;
                }
                lists.Add(kept);
            }
            TypeDeclarationSyntax result = type.WithAttributeLists(SyntaxFactory.List(lists));
            if (leadingForNext is { } rest)
            {
                SyntaxToken first = result.GetFirstToken();
                result = result.ReplaceToken(first, first.WithLeadingTrivia(rest));
            }
            return result;
        }

        /// <summary>The list's own commas, as many as needed, then new ones written <c>, </c>.</summary>
        private static IEnumerable<SyntaxToken> Separators(AttributeListSyntax list, int count)
        {
            SyntaxToken[] existing = list.Attributes.GetSeparators().ToArray();
            for (int i = 0; i < count; i++)
            {
                yield return i < existing.Length
                    ? existing[i]
                    : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
            }
        }

        private static bool EndsLine(SyntaxTriviaList trivia) => trivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));

        /// <summary>The whitespace that starts a line: the last whitespace of a leading trivia list.</summary>
        private static SyntaxTriviaList Indentation(SyntaxTriviaList leading) =>
            leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
                : SyntaxFactory.TriviaList();
    }
}
