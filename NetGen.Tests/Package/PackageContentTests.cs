using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace NetGen.Tests.Package
{
    /// <summary>
    /// The packed NetGen holds every piece a user needs and nothing else: the generator and its code fixes under
    /// analyzers/dotnet/cs (built against Roslyn 4.8, so the .NET 8 SDK's compiler and tools load them), the
    /// attributes for netstandard2.0 and net8.0, the runtime for net8.0, the readme, the metadata, symbols, and no
    /// dependencies.
    /// </summary>
    [Collection(PackageCollection.Name)]
    public sealed class PackageContentTests
    {
        private readonly PackedNetGen _package;

        public PackageContentTests(PackedNetGen package) => _package = package;

        [Fact]
        public void HoldsTheGeneratorUnderAnalyzers_AndTheAssembliesUnderLib()
        {
            List<string> files = Entries(_package.PackagePath).Where(IsContent).OrderBy(f => f, StringComparer.Ordinal).ToList();

            Assert.Equal(
                new[]
                {
                    "README.md",
                    "analyzers/dotnet/cs/NetGen.CodeFixers.dll",
                    "analyzers/dotnet/cs/NetGen.Generator.dll",
                    "build/NetGen.props",
                    "build/NetGen.targets",
                    "buildTransitive/NetGen.props",
                    "buildTransitive/NetGen.targets",
                    "lib/net8.0/NetGen.Attributes.dll",
                    "lib/net8.0/NetGen.Attributes.xml",
                    "lib/net8.0/NetGen.Runtime.dll",
                    "lib/net8.0/NetGen.Runtime.xml",
                    "lib/netstandard2.0/NetGen.Attributes.dll",
                    "lib/netstandard2.0/NetGen.Attributes.xml",
                },
                files);
        }

        [Fact]
        public void TheGenerator_IsBuiltAgainstRoslyn48()
        {
            Dictionary<string, Version> references = AssemblyReferences("analyzers/dotnet/cs/NetGen.Generator.dll");

            Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis"]);
            Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis.CSharp"]);
            Assert.True(references.ContainsKey("netstandard"), "The generator does not target netstandard2.0.");
            // The compiler loads no Workspaces; an analyzer assembly that needs it would not load there (RS1038).
            Assert.DoesNotContain(references.Keys, name => name.StartsWith("Microsoft.CodeAnalysis.Workspaces", StringComparison.Ordinal)
                || name == "Microsoft.CodeAnalysis.CSharp.Workspaces");
        }

        [Fact]
        public void TheCodeFixes_AreBuiltAgainstRoslyn48Workspaces()
        {
            Dictionary<string, Version> references = AssemblyReferences("analyzers/dotnet/cs/NetGen.CodeFixers.dll");

            Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis"]);
            Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis.Workspaces"]);
            Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis.CSharp"]);
            Assert.True(references.ContainsKey("netstandard"), "The code fixes do not target netstandard2.0.");
            Assert.False(references.ContainsKey("NetGen.Generator"), "The code fixes depend on the generator assembly.");
        }

        private Dictionary<string, Version> AssemblyReferences(string entryName)
        {
            using ZipArchive package = ZipFile.OpenRead(_package.PackagePath);
            using var assembly = new MemoryStream();
            using (Stream entry = package.GetEntry(entryName)!.Open())
            {
                entry.CopyTo(assembly);
            }
            assembly.Position = 0;
            using var pe = new PEReader(assembly);
            MetadataReader metadata = pe.GetMetadataReader();
            return metadata.AssemblyReferences
                .Select(metadata.GetAssemblyReference)
                .ToDictionary(r => metadata.GetString(r.Name), r => r.Version);
        }

        [Fact]
        public void Nuspec_HasTheMetadataAndTheVersion_AndNoDependencies()
        {
            XElement metadata = Nuspec().Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

            Assert.Equal("NetGen", Value("id"));
            Assert.Equal(_package.Version, Value("version"));
            Assert.Contains("source generator", Value("description"));
            Assert.Equal("MIT", Value("license"));
            Assert.Equal("README.md", Value("readme"));
            XElement repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("git", (string?)repository.Attribute("type"));

            // One empty group per target framework says "nothing to install"; no package is a dependency.
            XElement? dependencies = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "dependencies");
            Assert.Empty(dependencies?.Descendants().Where(e => e.Name.LocalName == "dependency") ?? Enumerable.Empty<XElement>());
        }

        [Fact]
        public void SymbolsPackage_HoldsThePdbsOfTheLibAssemblies()
        {
            Assert.Equal(
                new[]
                {
                    "lib/net8.0/NetGen.Attributes.pdb",
                    "lib/net8.0/NetGen.Runtime.pdb",
                    "lib/netstandard2.0/NetGen.Attributes.pdb",
                },
                Entries(_package.SymbolsPackagePath).Where(IsContent).Where(f => f != "README.md").OrderBy(f => f, StringComparer.Ordinal));
        }

        [Fact]
        public void Readme_ShowsTheInstallLine()
        {
            using ZipArchive package = ZipFile.OpenRead(_package.PackagePath);
            using var reader = new StreamReader(package.GetEntry("README.md")!.Open());

            Assert.Contains("dotnet add package NetGen", reader.ReadToEnd());
        }

        private XDocument Nuspec()
        {
            using ZipArchive package = ZipFile.OpenRead(_package.PackagePath);
            using Stream nuspec = package.GetEntry("NetGen.nuspec")!.Open();
            return XDocument.Load(nuspec);
        }

        private static List<string> Entries(string packagePath)
        {
            using ZipArchive package = ZipFile.OpenRead(packagePath);
            return package.Entries.Select(e => e.FullName).ToList();
        }

        /// <summary>False for the files every package has: the nuspec and the Open Packaging Conventions parts.</summary>
        private static bool IsContent(string entry) =>
            !entry.EndsWith(".nuspec", StringComparison.Ordinal)
            && !entry.StartsWith("_rels/", StringComparison.Ordinal)
            && !entry.StartsWith("package/", StringComparison.Ordinal)
            && entry != "[Content_Types].xml";
    }
}
