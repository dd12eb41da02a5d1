using System;
using System.IO;

namespace NetGen.Tests.Package
{
    /// <summary>Setting up a user's project outside the repository that takes NetGen from the tests' folder feed.</summary>
    public static class ConsumerProject
    {
        /// <summary>
        /// A NuGet.config in <paramref name="directory"/>: the folder feed is added to the sources the machine already
        /// has, and any inherited package source mapping is cleared so that NetGen may come from the folder feed.
        /// </summary>
        public static void WriteNuGetConfig(string directory, string feed) =>
            File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="netgen-local-feed" value="{feed}" />
                  </packageSources>
                  <packageSourceMapping>
                    <clear />
                  </packageSourceMapping>
                </configuration>
                """);

        /// <summary>
        /// <c>dotnet add package NetGen --version ...</c>. Restore also asks the machine's other package sources, so a
        /// source that could not be reached (NU1301) is retried once before the test fails.
        /// </summary>
        public static void AddPackage(string project, string version, TimeSpan timeout)
        {
            CommandResult result = DotNetCli.Run(project, timeout, "add", "package", "NetGen", "--version", version);
            if (result.ExitCode != 0 && result.Output.Contains("NU1301", StringComparison.Ordinal))
            {
                result = DotNetCli.Run(project, timeout, "add", "package", "NetGen", "--version", version);
            }
            result.Succeeded();
        }
    }
}
