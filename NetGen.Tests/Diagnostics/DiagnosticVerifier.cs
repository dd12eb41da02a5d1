using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>A diagnostic a test expects: its ID and its whole message (which spells out every argument).</summary>
    public sealed record ExpectedDiagnostic(string Id, string Message);

    /// <summary>
    /// Runs the generator and the analyzer over sources marked up with the expected locations, as in Roslyn's own tests:
    /// <c>{|NG0002:50|}</c> marks the span where an NG0002 is expected. Sources are named <c>Source0.cs</c>,
    /// <c>Source1.cs</c>, ... as <see cref="GeneratorHarness"/> names them.
    /// </summary>
    public static class DiagnosticVerifier
    {
        /// <summary>
        /// Asserts that NetGen (its analyzer and its generator together) reports exactly <paramref name="expected"/>, each at its marked span (markers of one
        /// ID are matched to the expected diagnostics of that ID in source order), that neither throws, that each
        /// diagnostic links to its documentation, and that no code is generated for a declaration that is reported.
        /// </summary>
        public static GeneratorRun Verify(string[] markedSources, params ExpectedDiagnostic[] expected)
        {
            var sources = new string[markedSources.Length];
            var marks = new List<(string Id, int File, TextSpan Span)>();
            for (int i = 0; i < markedSources.Length; i++)
            {
                (sources[i], List<(string Id, TextSpan Span)> spans) = Markup.Parse(markedSources[i]);
                int file = i;
                marks.AddRange(spans.Select(s => (s.Id, file, s.Span)));
            }

            GeneratorRun run = GeneratorHarness.Run(sources);
            Assert.Empty(run.Exceptions);

            List<Diagnostic> actual = run.GeneratorDiagnostics
                .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ToList();
            string report = Describe(actual, sources);
            Assert.True(actual.Count == expected.Length, $"Expected {expected.Length} diagnostic(s), got {actual.Count}:\n{report}");

            foreach (IGrouping<string, ExpectedDiagnostic> group in expected.GroupBy(e => e.Id))
            {
                List<(string Id, int File, TextSpan Span)> groupMarks = marks.Where(m => m.Id == group.Key).ToList();
                List<Diagnostic> groupActual = actual.Where(d => d.Id == group.Key).ToList();
                Assert.True(groupMarks.Count == group.Count(), $"The sources mark {groupMarks.Count} span(s) for {group.Key} but {group.Count()} are expected.");
                Assert.True(groupActual.Count == group.Count(), $"Expected {group.Count()} {group.Key}, got:\n{report}");
                int index = 0;
                foreach (ExpectedDiagnostic expectation in group)
                {
                    Diagnostic diagnostic = groupActual[index];
                    (string _, int file, TextSpan span) = groupMarks[index];
                    Assert.Equal(expectation.Message, diagnostic.GetMessage(CultureInfo.InvariantCulture));
                    Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
                    Assert.Equal(DiagnosticDocumentation.HelpLink(diagnostic.Id), diagnostic.Descriptor.HelpLinkUri);
                    Assert.Equal(PathOf(file), diagnostic.Location.GetLineSpan().Path);
                    Assert.True(
                        span == diagnostic.Location.SourceSpan,
                        $"{group.Key} is at {diagnostic.Location.SourceSpan} '{TextAt(sources, diagnostic)}', expected {span} '{sources[file].Substring(span.Start, span.Length)}'.");
                    index++;
                }
            }

            if (expected.Length > 0)
            {
                Assert.Empty(run.Sources);
            }
            return run;
        }

        /// <summary>Shorthand for one source.</summary>
        public static GeneratorRun Verify(string markedSource, params ExpectedDiagnostic[] expected) =>
            Verify(new[] { markedSource }, expected);

        public static ExpectedDiagnostic Diagnostic(string id, string message) => new(id, message);

        private static string Describe(IEnumerable<Diagnostic> diagnostics, string[] sources) =>
            string.Join("\n", diagnostics.Select(d => $"  {d} at '{TextAt(sources, d)}'"));

        private static string PathOf(int file) => $"Source{file}.cs";

        private static string TextAt(string[] sources, Diagnostic diagnostic)
        {
            string path = diagnostic.Location.GetLineSpan().Path ?? "";
            int file = Array.FindIndex(Enumerable.Range(0, sources.Length).ToArray(), i => PathOf(i) == path);
            TextSpan span = diagnostic.Location.SourceSpan;
            return file >= 0 && span.End <= sources[file].Length ? sources[file].Substring(span.Start, span.Length) : "";
        }
    }

    /// <summary>Reads <c>{|ID:text|}</c> markers out of source text, giving the clean text and the marked spans.</summary>
    public static class Markup
    {
        public static (string Text, List<(string Id, TextSpan Span)> Spans) Parse(string markup)
        {
            var text = new StringBuilder(markup.Length);
            var spans = new List<(string Id, TextSpan Span)>();
            var open = new Stack<(string Id, int Start)>();
            int i = 0;
            while (i < markup.Length)
            {
                if (string.CompareOrdinal(markup, i, "{|", 0, 2) == 0)
                {
                    int colon = markup.IndexOf(':', i + 2);
                    if (colon < 0)
                    {
                        throw new FormatException($"Marker at {i} has no ':' after its ID.");
                    }
                    open.Push((markup.Substring(i + 2, colon - i - 2), text.Length));
                    i = colon + 1;
                }
                else if (string.CompareOrdinal(markup, i, "|}", 0, 2) == 0)
                {
                    if (open.Count == 0)
                    {
                        throw new FormatException($"Marker end at {i} closes nothing.");
                    }
                    (string id, int start) = open.Pop();
                    spans.Add((id, TextSpan.FromBounds(start, text.Length)));
                    i += 2;
                }
                else
                {
                    text.Append(markup[i]);
                    i++;
                }
            }
            if (open.Count > 0)
            {
                throw new FormatException("A marker is not closed.");
            }
            return (text.ToString(), spans.OrderBy(s => s.Span.Start).ToList());
        }
    }
}
