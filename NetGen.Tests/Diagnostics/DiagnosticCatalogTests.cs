using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NetGen.Generator;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>
    /// The list of diagnostics in docs/diagnostics.md and in AnalyzerReleases.Unshipped.md matches the generator's
    /// descriptors, and every example in the documentation gives exactly the message the documentation shows.
    /// </summary>
    public sealed class DiagnosticCatalogTests
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

        private static IReadOnlyList<DiagnosticDescriptor> Descriptors()
        {
            Type type = typeof(NetworkGenerator).Assembly.GetType("NetGen.Generator.Diagnostics.DiagnosticDescriptors", throwOnError: true)!;
            object all = type.GetProperty("All", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return ((IEnumerable<DiagnosticDescriptor>)all).ToList();
        }

        /// <summary>The rows of the table in docs/diagnostics.md: ID, trigger, example, location, message.</summary>
        private static List<string[]> DocumentedRows() =>
            File.ReadAllLines(Path.Combine(RepositoryRoot, "docs", "diagnostics.md"))
                .Where(line => line.StartsWith("| NG", StringComparison.Ordinal))
                .Select(line => line.Trim().Trim('|').Split(" | ").Select(cell => cell.Trim()).ToArray())
                .ToList();

        [Fact]
        public void EveryDescriptorIsAnErrorTrackedInTheReleaseFileAndDocumented()
        {
            string releases = File.ReadAllText(Path.Combine(RepositoryRoot, "NetGen.Generator", "AnalyzerReleases.Unshipped.md"));
            HashSet<string> documented = DocumentedRows().Select(row => row[0]).ToHashSet();
            IReadOnlyList<DiagnosticDescriptor> descriptors = Descriptors();
            Assert.NotEmpty(descriptors);
            foreach (DiagnosticDescriptor descriptor in descriptors)
            {
                Assert.Equal(DiagnosticSeverity.Error, descriptor.DefaultSeverity);
                Assert.Matches("^NG[0-9]{4}$", descriptor.Id);
                Assert.Contains($"{descriptor.Id} | NetGen | Error | {descriptor.Title}", releases, StringComparison.Ordinal);
                Assert.Contains(descriptor.Id, documented);
            }
            Assert.Equal(descriptors.Count, documented.Count);
        }

        public static TheoryData<string> DocumentedIds()
        {
            var ids = new TheoryData<string>();
            foreach (string[] row in DocumentedRows().Where(row => row[0] != "NG0099"))
            {
                ids.Add(row[0]);
            }
            return ids;
        }

        [Theory]
        [MemberData(nameof(DocumentedIds))]
        public void TheDocumentedExampleGivesTheDocumentedMessage(string id)
        {
            string[] row = DocumentedRows().Single(r => r[0] == id);
            List<string> snippets = Regex.Matches(row[2], "`([^`]+)`").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(snippets);
            (string Path, string Text)[] files = row[2].Contains("file A.cs", StringComparison.Ordinal)
                ? snippets.Select((snippet, i) => ($"{(char)('A' + i)}.cs", "using NetGen;\n" + snippet)).ToArray()
                : new[] { ("Example.cs", "using NetGen;\n" + string.Join("\n", snippets)) };

            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(files));
            Assert.Empty(run.Exceptions);
            Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(row[4], diagnostic.GetMessage(CultureInfo.InvariantCulture));
        }
    }
}
