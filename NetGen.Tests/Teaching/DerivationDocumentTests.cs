using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Teaching
{
    /// <summary>
    /// <c>docs/derivation.md</c> maps each answer of questions 1 and 3–6 to a generated line. The lines it quotes must
    /// be lines of the approved question-1 snapshot, word for word, in both languages, and its link must lead there.
    /// </summary>
    public class DerivationDocumentTests
    {
        private const string SnapshotFile = "TeachingSnapshotTests.Question1Network#Assignment.Question1Net.g.verified.cs";

        // A mapping table row whose last cell quotes one generated statement: | 6 | $...$ | `dw[0, 0] = ...;` |
        private static readonly Regex QuotedLine = new(@"^\|[^|]+\|[^|]+\|\s*`(?<line>[^`]+;)`\s*\|\s*$", RegexOptions.Multiline);

        [Fact]
        public void EveryQuotedLineIsALineOfTheQuestion1Snapshot()
        {
            string[] snapshotLines = File.ReadAllLines(Path.Combine(Snapshot.SnapshotDirectory(), SnapshotFile)).Select(l => l.Trim()).ToArray();
            string[] quoted = QuotedLine.Matches(Derivation()).Select(m => m.Groups["line"].Value).ToArray();

            Assert.Equal(2 * 16, quoted.Length);
            Assert.All(quoted, line => Assert.Contains(line, snapshotLines));
        }

        [Fact]
        public void BothLanguagesQuoteTheSameLinesForTheSameElements()
        {
            string document = Derivation();
            int english = document.IndexOf("## English", StringComparison.Ordinal);
            Assert.True(english > 0);
            string[] japanese = QuotedLine.Matches(document[..english]).Select(m => m.Groups["line"].Value).ToArray();
            string[] englishLines = QuotedLine.Matches(document[english..]).Select(m => m.Groups["line"].Value).ToArray();

            Assert.Equal(japanese, englishLines);
            Assert.Equal(6, japanese.Count(l => l.StartsWith("y[", StringComparison.Ordinal)));
            Assert.Equal(4, japanese.Count(l => l.StartsWith("dx[", StringComparison.Ordinal)));
            Assert.Equal(6, japanese.Count(l => l.StartsWith("dw[", StringComparison.Ordinal)));
        }

        [Fact]
        public void SnapshotLinksLeadToTheApprovedFile()
        {
            string[] links = Regex.Matches(Derivation(), @"\]\(\.\./snapshots/(?<file>[^)]+)\)").Select(m => Uri.UnescapeDataString(m.Groups["file"].Value)).ToArray();

            Assert.NotEmpty(links);
            Assert.All(links, file => Assert.Equal(SnapshotFile, file));
            Assert.True(File.Exists(Path.Combine(Snapshot.SnapshotDirectory(), SnapshotFile)));
        }

        [Fact]
        public void QuotedCommentsAreTheCommentsGeneratedForQuestions7And8()
        {
            string[] generated = new[] { ("Question7Net", "SquaredErrorLoss"), ("Question8Net", "SoftmaxCrossEntropyLoss") }
                .SelectMany(network => Generate(network.Item1, network.Item2).Split('\n').Select(l => l.Trim()))
                .ToArray();
            string[] quoted = Regex.Matches(Derivation(), "`(?<comment>// [^`]+)`").Select(m => m.Groups["comment"].Value).ToArray();

            Assert.Equal(2 * 21, quoted.Length);
            Assert.All(quoted, comment => Assert.Contains(comment, generated));
        }

        private static string Generate(string className, string loss)
        {
            GeneratorRun run = GeneratorHarness.Run($$"""
                using NetGen;
                [Network(BatchSize = 64)]
                [Dense(1000, 100)]
                [ReLU]
                [Dense(100, 10)]
                [{{loss}}]
                public partial class {{className}} { }
                """);
            Assert.Empty(run.GeneratorDiagnostics);
            return run.Source(className + ".g.cs");
        }

        private static string Derivation() =>
            File.ReadAllText(Path.Combine(Path.GetDirectoryName(Snapshot.SnapshotDirectory())!, "docs", "derivation.md")).Replace("\r\n", "\n");
    }
}
