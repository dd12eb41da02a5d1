using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Xunit;

namespace NetGen.Tests.Package
{
    /// <summary>
    /// The NetGen package, packed once for the tests of <see cref="PackageCollection"/> with <c>dotnet pack</c> into a
    /// temporary folder feed. Its version is the repository's (<c>VersionPrefix</c> in Directory.Build.props) with a
    /// pre-release suffix unique to this run, so that a copy NuGet cached from an earlier run can never be used.
    /// The build goes to its own artifacts folder and leaves the repository's outputs alone.
    /// </summary>
    public sealed class PackedNetGen : IDisposable
    {
        public PackedNetGen()
        {
            RepositoryRoot = FindRepositoryRoot();
            VersionPrefix = ReadVersionPrefix(RepositoryRoot);
            VersionSuffix = "test" + Guid.NewGuid().ToString("N")[..16];
            Version = $"{VersionPrefix}-{VersionSuffix}";
            WorkDirectory = Path.Combine(Path.GetTempPath(), "netgen-package-" + Guid.NewGuid().ToString("N"));
            Feed = Path.Combine(WorkDirectory, "feed");
            Directory.CreateDirectory(Feed);
            GlobalPackagesFolder = DotNetCli.GlobalPackagesFolder(WorkDirectory);

            PackResult = DotNetCli.Run(
                RepositoryRoot,
                TimeSpan.FromMinutes(4),
                "pack", Path.Combine(RepositoryRoot, "NetGen.Package", "NetGen.Package.csproj"),
                "-c", "Release",
                "-o", Feed,
                "--artifacts-path", Path.Combine(WorkDirectory, "artifacts"),
                "--disable-build-servers",
                $"-p:VersionSuffix={VersionSuffix}").Succeeded();
            PackagePath = Path.Combine(Feed, $"NetGen.{Version}.nupkg");
            SymbolsPackagePath = Path.Combine(Feed, $"NetGen.{Version}.snupkg");
        }

        public string RepositoryRoot { get; }

        /// <summary>The version as Directory.Build.props sets it, e.g. <c>0.1.0</c>.</summary>
        public string VersionPrefix { get; }

        /// <summary>This run's pre-release label, e.g. <c>test1a2b3c4d5e6f7a8b</c>.</summary>
        public string VersionSuffix { get; }

        /// <summary>The packed version: <see cref="VersionPrefix"/> and this run's suffix, e.g. <c>0.1.0-test1a2b3c4d5e6f7a8b</c>.</summary>
        public string Version { get; }

        /// <summary>A temporary folder outside the repository for everything these tests write.</summary>
        public string WorkDirectory { get; }

        /// <summary>The folder feed holding the packed <c>.nupkg</c> and <c>.snupkg</c>.</summary>
        public string Feed { get; }

        public string PackagePath { get; }

        public string SymbolsPackagePath { get; }

        public string GlobalPackagesFolder { get; }

        public CommandResult PackResult { get; }

        public void Dispose()
        {
            // This run's version is used by no one else: remove NuGet's extracted copy, then the work folder.
            DeleteDirectory(Path.Combine(GlobalPackagesFolder, "netgen", Version.ToLowerInvariant()));
            DeleteDirectory(WorkDirectory);
        }

        private static void DeleteDirectory(string path)
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        /// <summary>
        /// The folder holding NetGen.sln: above the test assembly when it is built inside the repository, otherwise
        /// (a build with --artifacts-path elsewhere) above this source file.
        /// </summary>
        private static string FindRepositoryRoot([CallerFilePath] string sourceFile = "")
        {
            foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
            {
                for (DirectoryInfo? directory = new(start); directory is not null && start.Length > 0; directory = directory.Parent)
                {
                    if (File.Exists(Path.Combine(directory.FullName, "NetGen.sln")))
                    {
                        return directory.FullName;
                    }
                }
            }
            throw new InvalidOperationException($"No NetGen.sln above {AppContext.BaseDirectory} or {sourceFile}.");
        }

        private static string ReadVersionPrefix(string repositoryRoot)
        {
            string props = Path.Combine(repositoryRoot, "Directory.Build.props");
            string? version = XDocument.Load(props).Descendants("VersionPrefix").Select(e => e.Value.Trim()).SingleOrDefault();
            if (string.IsNullOrEmpty(version))
            {
                throw new InvalidOperationException($"{props} sets no VersionPrefix.");
            }
            return version;
        }
    }

    /// <summary>The tests that share one packed NetGen; they run one after the other.</summary>
    [CollectionDefinition(Name)]
    public sealed class PackageCollection : ICollectionFixture<PackedNetGen>
    {
        public const string Name = "NetGen package";
    }
}
