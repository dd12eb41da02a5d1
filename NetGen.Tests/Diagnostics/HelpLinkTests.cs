using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using NetGen.Generator;
using Xunit;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>Where NetGen's diagnostics link to: the section of docs/diagnostics.md named after the ID.</summary>
    public static class DiagnosticDocumentation
    {
        /// <summary>The documentation page on the project's repository.</summary>
        public const string Page = "https://github.com/netgen-dev/netgen/blob/main/docs/diagnostics.md";

        public static string HelpLink(string id) => Page + "#" + id.ToLowerInvariant();

        /// <summary>
        /// The anchor GitHub gives a Markdown heading: lower case, punctuation other than <c>-</c> and <c>_</c>
        /// dropped, spaces turned into <c>-</c>.
        /// </summary>
        public static string Anchor(string heading)
        {
            var anchor = new StringBuilder();
            foreach (char c in heading.Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    anchor.Append(c);
                }
                else if (c == ' ')
                {
                    anchor.Append('-');
                }
            }
            return anchor.ToString();
        }
    }

    /// <summary>
    /// Every descriptor has a help link to its own section of docs/diagnostics.md and the stable category; the page has
    /// one section per ID, and its links within the page lead to headings that exist.
    /// </summary>
    public sealed class HelpLinkTests
    {
        private static readonly string RepositoryRoot = FindRepositoryRoot();

        private static string FindRepositoryRoot()
        {
            for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "docs", "diagnostics.md")))
                {
                    return directory.FullName;
                }
            }
            throw new InvalidOperationException("docs/diagnostics.md was not found above " + AppContext.BaseDirectory);
        }

        private static List<DiagnosticDescriptor> Descriptors()
        {
            Type type = typeof(NetworkGenerator).Assembly.GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
            object all = type.GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return ((IEnumerable<DiagnosticDescriptor>)all).ToList();
        }

        private static string[] Page() => File.ReadAllLines(Path.Combine(RepositoryRoot, "docs", "diagnostics.md"));

        /// <summary>The anchors of the page's headings.</summary>
        private static HashSet<string> Anchors() =>
            Page().Where(line => line.StartsWith('#'))
                .Select(line => DiagnosticDocumentation.Anchor(line.TrimStart('#')))
                .ToHashSet(StringComparer.Ordinal);

        [Fact]
        public void EveryDescriptor_LinksToItsSection_InTheNetGenCategory()
        {
            List<DiagnosticDescriptor> descriptors = Descriptors();
            Assert.NotEmpty(descriptors);
            HashSet<string> anchors = Anchors();
            foreach (DiagnosticDescriptor descriptor in descriptors)
            {
                Assert.Equal(DiagnosticDocumentation.HelpLink(descriptor.Id), descriptor.HelpLinkUri);
                Assert.Equal("NetGen", descriptor.Category);
                string anchor = descriptor.HelpLinkUri[(descriptor.HelpLinkUri.IndexOf('#') + 1)..];
                Assert.True(anchors.Contains(anchor), $"docs/diagnostics.md has no heading with the anchor #{anchor} ({descriptor.Id}).");
            }
        }

        [Fact]
        public void ThePage_HasOneSectionPerDiagnostic_InOrder()
        {
            List<string> sections = Page().Where(line => line.StartsWith("### NG", StringComparison.Ordinal)).Select(line => line[4..]).ToList();
            Assert.Equal(Descriptors().Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal), sections);
        }

        [Fact]
        public void LinksWithinThePage_LeadToHeadings()
        {
            HashSet<string> anchors = Anchors();
            List<string> links = Page().SelectMany(line => Regex.Matches(line, @"\]\(#([^)]+)\)").Select(m => m.Groups[1].Value)).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, link => Assert.True(anchors.Contains(link), $"#{link} is not a heading of docs/diagnostics.md."));
        }

        [Fact]
        public void TheAnalyzer_SupportsEveryDescriptor_AndTheReportedOnesKeepTheirLinks()
        {
            var analyzer = new NetworkAnalyzer();
            Assert.Equal(
                Descriptors().Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal),
                analyzer.SupportedDiagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
            Assert.All(analyzer.SupportedDiagnostics, d => Assert.Equal(DiagnosticDocumentation.HelpLink(d.Id), d.HelpLinkUri));
        }
    }
}
