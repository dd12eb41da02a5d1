using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator;

namespace NetGen.Bench.Codegen
{
    /// <summary>One network to generate: its declaration and, for a snapshot network, the approved file it should match.</summary>
    internal sealed record Network(string Series, string Name, string Source, string? SnapshotPath);

    /// <summary>What generating one network gave and cost.</summary>
    internal sealed record Cost(Network Network, int DenseLayers, int Layers, int Batch, string Sizes, long Parameters,
        int Lines, int Bytes, int Kernels, double FirstMilliseconds, double MedianMilliseconds, double FastestMilliseconds, string Snapshot);

    /// <summary>
    /// Measures the cost of specializing: for each network, the lines and bytes of the code NetGen generates and the
    /// time the generator takes, warm (after warm-up runs, as in an IDE or a build server; the first run of a process
    /// also compiles the generator itself, and is reported apart). Each timed run is a new generator driver over a new
    /// compilation of the declaration, so nothing is cached between runs.
    /// <code>
    /// bench/codegen_cost                 # the snapshots and the depth, width and batch series
    /// bench/codegen_cost --runs 30 --json cost.json
    /// </code>
    /// </summary>
    public static class Program
    {
        private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
        private const string SnapshotSeries = "snapshots/: the approved networks, declared as the snapshot tests declare them";

        public static int Main(string[] args)
        {
            int runs = 15, warmup = 5;
            string? json = null;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--runs" when i + 1 < args.Length:
                        runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--warmup" when i + 1 < args.Length:
                        warmup = int.Parse(args[++i], CultureInfo.InvariantCulture);
                        break;
                    case "--json" when i + 1 < args.Length:
                        json = args[++i];
                        break;
                    default:
                        Console.Error.WriteLine("codegen: options --runs N (timed runs per network, default 15), --warmup N (default 5), --json FILE");
                        return 1;
                }
            }

            string root = RepositoryRoot();
            var networks = SnapshotNetworks(root).Concat(Series()).ToList();
            MetadataReference[] references = Net100.References.All
                .Append(MetadataReference.CreateFromFile(typeof(NetworkAttribute).Assembly.Location))
                .ToArray();

            Console.WriteLine($"NetGen generator cost: {networks.Count} networks, {warmup} warm-up and {runs} timed runs each " +
                $"(median); load average {LoadAverage()}");
            var costs = new List<Cost>();
            foreach (Network network in networks)
            {
                costs.Add(Measure(network, references, warmup, runs));
            }

            var c = CultureInfo.InvariantCulture;
            foreach (IGrouping<string, Cost> series in costs.GroupBy(cost => cost.Network.Series))
            {
                Console.WriteLine();
                Console.WriteLine(series.Key);
                Console.WriteLine($"  {"network",-32} {"Dense",5} {"batch",5} {"sizes",-26} {"parameters",12} {"lines",7} {"bytes",9} {"kernels",7} {"bytes/Dense",11} {"first ms",8} {"warm ms",8} {"fastest",8}  snapshot");
                foreach (Cost cost in series)
                {
                    Console.WriteLine(string.Create(c,
                        $"  {cost.Network.Name,-32} {cost.DenseLayers,5} {cost.Batch,5} {cost.Sizes,-26} {cost.Parameters,12:N0} {cost.Lines,7} {cost.Bytes,9} {cost.Kernels,7} {cost.Bytes / Math.Max(1, cost.DenseLayers),11} {cost.FirstMilliseconds,8:F1} {cost.MedianMilliseconds,8:F2} {cost.FastestMilliseconds,8:F2}  {cost.Snapshot}"));
                }
                Cost smallest = series.First(), largest = series.Last();
                if (series.Key != SnapshotSeries)
                {
                    Console.WriteLine(string.Create(c,
                        $"  first to last: Dense layers x{(double)largest.DenseLayers / smallest.DenseLayers:0.##}, parameters x{(double)largest.Parameters / smallest.Parameters:N0}, " +
                        $"batch x{(double)largest.Batch / smallest.Batch:0.##}; generated bytes x{(double)largest.Bytes / smallest.Bytes:0.00}, kernels {smallest.Kernels} -> {largest.Kernels}"));
                }
            }
            Console.WriteLine();
            Console.WriteLine("kernels: methods generated for one product shape or one element-wise size (each with its Vector512, Vector256, Vector128 and scalar versions);");
            Console.WriteLine("first ms: the first run in this process, which includes compiling the generator; warm ms: the median of the timed runs; fastest: the fastest of them (the least disturbed by other processes).");
            Console.WriteLine($"load average after: {LoadAverage()}");
            if (costs.Any(cost => cost.Snapshot.StartsWith("differs", StringComparison.Ordinal)))
            {
                Console.WriteLine("Some snapshots differ from what the generator writes now: the sizes above are the generator's current output.");
            }
            if (json is not null)
            {
                File.WriteAllText(json, Json(costs));
            }
            return 0;
        }

        private static Cost Measure(Network network, MetadataReference[] references, int warmup, int runs)
        {
            SyntaxTree tree = CSharpSyntaxTree.ParseText(network.Source, ParseOptions, "Network.cs");
            var watch = Stopwatch.StartNew();
            ImmutableArray<GeneratedSourceResult> sources = Generate(tree, references);
            double first = watch.Elapsed.TotalMilliseconds;
            for (int i = 0; i < warmup; i++)
            {
                Generate(tree, references);
            }
            var times = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                watch.Restart();
                Generate(tree, references);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;

            string text = string.Concat(sources.Select(s => s.SourceText.ToString()));
            int lines = text.Count(ch => ch == '\n');
            int bytes = Encoding.UTF8.GetByteCount(text);
            // Kernels are the specialized methods: their names end in the shape or size they were written for.
            int kernels = Regex.Matches(text, @"private static [\w<>]+ (\w+?_\d+(?:x\d+)*)\(").Select(m => m.Groups[1].Value).Distinct().Count();
            (int dense, int layers, int batch, string sizes, long parameters) = Describe(text);
            string snapshot = "-";
            if (network.SnapshotPath is not null)
            {
                if (!File.Exists(network.SnapshotPath))
                {
                    snapshot = "no approved file";
                }
                else
                {
                    snapshot = Normalize(File.ReadAllText(network.SnapshotPath)) == Normalize(text)
                        ? "matches"
                        : "differs (the generator changed since it was approved)";
                }
            }
            return new Cost(network, dense, layers, batch, sizes, parameters, lines, bytes, kernels, first, median, times[0], snapshot);
        }

        private static ImmutableArray<GeneratedSourceResult> Generate(SyntaxTree tree, MetadataReference[] references)
        {
            var compilation = CSharpCompilation.Create("CodegenCost", new[] { tree }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                new[] { new NetworkGenerator().AsSourceGenerator() },
                parseOptions: ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
            driver = driver.RunGenerators(compilation);
            GeneratorDriverRunResult result = driver.GetRunResult();
            foreach (GeneratorRunResult r in result.Results)
            {
                if (r.Exception is not null)
                {
                    throw new InvalidOperationException("The generator threw", r.Exception);
                }
            }
            var sources = result.Results.SelectMany(r => r.GeneratedSources).ToImmutableArray();
            // Make the text: a source's text is produced lazily.
            foreach (GeneratedSourceResult source in sources)
            {
                _ = source.SourceText.Length;
            }
            return sources;
        }

        /// <summary>Dense layers, all layers, batch, layer sizes and parameters, read from the generated class's remarks table.</summary>
        private static (int Dense, int Layers, int Batch, string Sizes, long Parameters) Describe(string text)
        {
            var dense = Regex.Matches(text, @"/// (\d+) +Dense +Y\d+ \((\d+), (\d+)\) +W\d+ \((\d+), (\d+)\)");
            int layers = Regex.Matches(text, @"/// \d+ +\w+ +Y\d+ \(").Count;
            int batch = dense.Count > 0 ? int.Parse(dense[0].Groups[2].Value, CultureInfo.InvariantCulture) : 0;
            var sizes = new List<string>();
            if (dense.Count > 0)
            {
                sizes.Add(dense[0].Groups[4].Value);
                sizes.AddRange(dense.Select(m => m.Groups[5].Value));
            }
            Match count = Regex.Match(text, @"ParameterCount = (\d+);");
            long parameters = count.Success ? long.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            string joined = string.Join("-", sizes);
            return (dense.Count, layers, batch, joined.Length > 26 ? joined[..23] + "..." : joined, parameters);
        }

        /// <summary>
        /// The networks of snapshots/: their declarations are read from the snapshot tests (a test method's
        /// <c>Verify("""...""", "Hint.g.cs")</c>, or its <c>GeneratorHarness.Run(Source)</c> and
        /// <c>Snapshot.Verify(..., Hint)</c> with the class's string constants), and each approved file is compared
        /// with what the generator writes now.
        /// </summary>
        private static IEnumerable<Network> SnapshotNetworks(string root)
        {
            string snapshots = Path.Combine(root, "snapshots");
            foreach (string path in Directory.EnumerateFiles(Path.Combine(root, "NetGen.Tests"), "*SnapshotTests.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
            {
                CompilationUnitSyntax unit = CSharpSyntaxTree.ParseText(File.ReadAllText(path), ParseOptions).GetCompilationUnitRoot();
                foreach (ClassDeclarationSyntax type in unit.DescendantNodes().OfType<ClassDeclarationSyntax>())
                {
                    var constants = type.Members.OfType<FieldDeclarationSyntax>()
                        .Where(f => f.Modifiers.Any(SyntaxKind.ConstKeyword))
                        .SelectMany(f => f.Declaration.Variables)
                        .Where(v => v.Initializer?.Value is LiteralExpressionSyntax)
                        .ToDictionary(v => v.Identifier.ValueText, v => ((LiteralExpressionSyntax)v.Initializer!.Value).Token.ValueText);
                    string? Text(ExpressionSyntax? e) => e switch
                    {
                        LiteralExpressionSyntax literal => literal.Token.ValueText,
                        IdentifierNameSyntax name when constants.TryGetValue(name.Identifier.ValueText, out string? value) => value,
                        _ => null,
                    };
                    foreach (MethodDeclarationSyntax method in type.Members.OfType<MethodDeclarationSyntax>())
                    {
                        var calls = method.DescendantNodes().OfType<InvocationExpressionSyntax>().ToList();
                        string? source = null, hint = null;
                        foreach (InvocationExpressionSyntax call in calls)
                        {
                            var arguments = call.ArgumentList.Arguments;
                            string name = call.Expression.ToString();
                            if (name == "Verify" && arguments.Count >= 2)
                            {
                                source = Text(arguments[0].Expression);
                                hint = Text(arguments[1].Expression);
                            }
                            else if (name == "GeneratorHarness.Run" && arguments.Count == 1)
                            {
                                source = Text(arguments[0].Expression);
                            }
                            else if (name == "Snapshot.Verify" && arguments.Count == 4)
                            {
                                hint = Text(arguments[3].Expression);
                            }
                        }
                        if (source is null || hint is null || method.Identifier.ValueText == "Verify")
                        {
                            continue;
                        }
                        string stem = $"{type.Identifier.ValueText}.{method.Identifier.ValueText}#{Path.GetFileNameWithoutExtension(hint)}";
                        yield return new Network(SnapshotSeries, method.Identifier.ValueText, source,
                            Path.Combine(snapshots, stem + ".verified.cs"));
                    }
                }
            }
        }

        /// <summary>
        /// Networks that grow along one dimension at a time: depth with every hidden layer of one shape (their kernels
        /// are shared), depth with every layer of its own shape (one set of kernels each), width, batch.
        /// </summary>
        private static IEnumerable<Network> Series()
        {
            const string depth = "depth: 1 to 16 Dense layers of 256 units, ReLU between, batch 64, float, Adam";
            foreach (int layers in new[] { 1, 2, 4, 8, 16 })
            {
                var sizes = Enumerable.Repeat(256, layers).Append(10).ToArray();
                yield return Declared(depth, $"Depth{layers}", 64, sizes);
            }
            const string distinct = "depth, every layer its own shape: 1 to 16 Dense layers of 512, 496, 480, ... units, batch 64, float, Adam";
            foreach (int layers in new[] { 1, 2, 4, 8, 16 })
            {
                var sizes = Enumerable.Range(0, layers).Select(i => 512 - 16 * i).Append(10).ToArray();
                yield return Declared(distinct, $"Distinct{layers}", 64, sizes);
            }
            const string width = "width: 3 Dense layers (inputs and hidden units w, 10 outputs), batch 64, float, Adam";
            foreach (int w in new[] { 16, 64, 256, 1024, 4096 })
            {
                yield return Declared(width, $"Width{w}", 64, new[] { w, w, w, 10 });
            }
            const string batch = "batch: 3 Dense layers 784-256-128-10, float, Adam";
            foreach (int b in new[] { 8, 64, 512, 4096 })
            {
                yield return Declared(batch, $"Batch{b}", b, new[] { 784, 256, 128, 10 });
            }
        }

        private static Network Declared(string series, string name, int batch, int[] sizes)
        {
            var source = new StringBuilder("using NetGen;\n\nnamespace CodegenCost;\n\n");
            source.Append(CultureInfo.InvariantCulture, $"[Network(BatchSize = {batch}, Precision = Precision.Single)]\n");
            for (int i = 0; i + 1 < sizes.Length; i++)
            {
                if (i > 0)
                {
                    source.Append("[ReLU]\n");
                }
                source.Append(CultureInfo.InvariantCulture, $"[Dense({sizes[i]}, {sizes[i + 1]}, Bias = true)]\n");
            }
            source.Append("[SoftmaxCrossEntropyLoss]\n[Adam]\n");
            source.Append(CultureInfo.InvariantCulture, $"public partial class {name}Net {{ }}\n");
            return new Network(series, name, source.ToString(), null);
        }

        private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd() + "\n";

        private static string RepositoryRoot()
        {
            for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, "NetGen.sln")))
                {
                    return directory;
                }
            }
            for (string? directory = Directory.GetCurrentDirectory(); directory is not null; directory = Path.GetDirectoryName(directory))
            {
                if (File.Exists(Path.Combine(directory, "NetGen.sln")))
                {
                    return directory;
                }
            }
            throw new DirectoryNotFoundException("NetGen.sln not found above this program or the current directory.");
        }

        private static string LoadAverage()
        {
            try
            {
                return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
            catch (IOException)
            {
                return "unknown";
            }
        }

        private static string Json(List<Cost> costs)
        {
            var c = CultureInfo.InvariantCulture;
            var json = new StringBuilder("[\n");
            for (int i = 0; i < costs.Count; i++)
            {
                Cost cost = costs[i];
                json.Append(string.Create(c,
                    $"  {{\"series\": \"{cost.Network.Series}\", \"network\": \"{cost.Network.Name}\", \"dense_layers\": {cost.DenseLayers}, \"layers\": {cost.Layers}, \"batch\": {cost.Batch}, \"sizes\": \"{cost.Sizes}\", \"parameters\": {cost.Parameters}, \"lines\": {cost.Lines}, \"bytes\": {cost.Bytes}, \"kernels\": {cost.Kernels}, \"first_ms\": {cost.FirstMilliseconds:F2}, \"warm_ms\": {cost.MedianMilliseconds:F3}, \"fastest_ms\": {cost.FastestMilliseconds:F3}, \"snapshot\": \"{cost.Snapshot}\"}}"));
                json.Append(i + 1 < costs.Count ? ",\n" : "\n");
            }
            return json.Append("]\n").ToString();
        }
    }
}
