using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace NetGen.Tests.Support
{
    /// <summary>
    /// Approved-file snapshots kept in the repository's <c>snapshots/</c> folder, named as Verify names them
    /// (<c>{Class}.{Method}#{HintName}.verified.cs</c>). A mismatch writes <c>.received.cs</c> beside the approved file
    /// and fails with a unified diff. Set <c>NETGEN_ACCEPT_SNAPSHOTS=1</c> to accept the received text instead.
    /// </summary>
    public static class Snapshot
    {
        public const string AcceptVariable = "NETGEN_ACCEPT_SNAPSHOTS";

        public static void Verify(string actual, string testClass, string testMethod, string hintName)
        {
            string directory = SnapshotDirectory();
            Directory.CreateDirectory(directory);
            string stem = $"{testClass}.{testMethod}#{Path.GetFileNameWithoutExtension(hintName)}";
            string approvedPath = Path.Combine(directory, stem + ".verified.cs");
            string receivedPath = Path.Combine(directory, stem + ".received.cs");
            string normalized = Normalize(actual);
            bool accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";

            string? approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
            if (approved == normalized)
            {
                File.Delete(receivedPath);
                return;
            }
            if (accept)
            {
                File.WriteAllText(approvedPath, normalized, new UTF8Encoding(false));
                File.Delete(receivedPath);
                return;
            }
            File.WriteAllText(receivedPath, normalized, new UTF8Encoding(false));
            string message = approved is null
                ? $"No approved snapshot {approvedPath}. Review {receivedPath}; accept it with {AcceptVariable}=1."
                : $"Generated source differs from {approvedPath} (received text in {receivedPath}; accept with {AcceptVariable}=1):\n"
                  + UnifiedDiff(approved, normalized, Path.GetFileName(approvedPath), Path.GetFileName(receivedPath));
            throw new XunitException(message);
        }

        /// <summary>Line-based unified diff with three lines of context, rendered from DiffPlex's line model.</summary>
        public static string UnifiedDiff(string oldText, string newText, string oldName, string newName)
        {
            DiffPaneModel model = InlineDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false);
            var lines = model.Lines;
            var output = new StringBuilder();
            output.Append("--- ").Append(oldName).Append('\n');
            output.Append("+++ ").Append(newName).Append('\n');
            const int context = 3;
            int index = 0;
            while (index < lines.Count)
            {
                if (lines[index].Type == ChangeType.Unchanged)
                {
                    index++;
                    continue;
                }
                int start = Math.Max(0, index - context);
                int end = index;
                int quiet = 0;
                while (end < lines.Count && quiet <= 2 * context)
                {
                    quiet = lines[end].Type == ChangeType.Unchanged ? quiet + 1 : 0;
                    end++;
                }
                end = Math.Min(lines.Count, end - Math.Max(0, quiet - context));
                int oldStart = 1, newStart = 1;
                for (int i = 0; i < start; i++)
                {
                    if (lines[i].Type != ChangeType.Inserted) oldStart++;
                    if (lines[i].Type != ChangeType.Deleted) newStart++;
                }
                int oldCount = 0, newCount = 0;
                var hunk = new StringBuilder();
                for (int i = start; i < end; i++)
                {
                    DiffPiece line = lines[i];
                    char mark = line.Type switch { ChangeType.Inserted => '+', ChangeType.Deleted => '-', _ => ' ' };
                    if (mark != '+') oldCount++;
                    if (mark != '-') newCount++;
                    hunk.Append(mark).Append(line.Text).Append('\n');
                }
                output.Append($"@@ -{oldStart},{oldCount} +{newStart},{newCount} @@\n").Append(hunk);
                index = end;
            }
            return output.ToString();
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n");

        /// <summary>The repository's <c>snapshots/</c> folder, found from this source file's path at compile time.</summary>
        public static string SnapshotDirectory([CallerFilePath] string thisFile = "")
        {
            string? directory = Path.GetDirectoryName(thisFile);
            while (directory is not null && !File.Exists(Path.Combine(directory, "NetGen.sln")))
            {
                directory = Path.GetDirectoryName(directory);
            }
            if (directory is null)
            {
                throw new InvalidOperationException($"Cannot find NetGen.sln above {thisFile}.");
            }
            return Path.Combine(directory, "snapshots");
        }
    }
}
