using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>What the writer meant a random declaration to be, which decides what the test can demand of it.</summary>
    public enum Intent
    {
        /// <summary>Valid by construction: must generate code that compiles, with no diagnostic.</summary>
        Valid,

        /// <summary>A valid declaration with one mistake: must be reported with <see cref="RandomDeclaration.ExpectedId"/>.</summary>
        OneMistake,

        /// <summary>Anything at all: must yield a diagnostic or code that compiles.</summary>
        Chaos,
    }

    /// <summary>One random declaration: where its text is, what it was meant to be, and how to find its type.</summary>
    public sealed class RandomDeclaration
    {
        public RandomDeclaration(string metadataName, Intent intent, string? expectedId, string description)
        {
            MetadataName = metadataName;
            Intent = intent;
            ExpectedId = expectedId;
            Description = description;
        }

        /// <summary>The type's metadata name, <c>R3.N1.Box_3_7+Net_3_7</c>, to look it up in the output compilation.</summary>
        public string MetadataName { get; }

        public Intent Intent { get; }

        /// <summary>For <see cref="Intent.OneMistake"/>, the diagnostic the mistake must produce.</summary>
        public string? ExpectedId { get; }

        public string Description { get; }

        /// <summary>The spans of its declarations (two for a class split across files), by file index.</summary>
        public List<(int File, TextSpan Span)> Spans { get; } = new();

        /// <summary>Its source text, for failure messages.</summary>
        public StringBuilder Text { get; } = new();
    }

    /// <summary>The files of one compilation and the declarations in them.</summary>
    public sealed class RandomCompilationSource
    {
        public RandomCompilationSource(string[] paths, string[] texts, List<RandomDeclaration> declarations)
        {
            Paths = paths;
            Texts = texts;
            Declarations = declarations;
        }

        public string[] Paths { get; }

        public string[] Texts { get; }

        public List<RandomDeclaration> Declarations { get; }
    }

    /// <summary>
    /// Writes random network declarations: valid ones (random layer sequences, sizes, precisions, namespaces, nesting,
    /// accessibility), valid ones with one deliberate mistake per diagnostic, and chaos (random attribute sequences
    /// with sizes including 0, negatives, int.MaxValue and 1 &lt;&lt; 20, every activation and optimizer, missing and
    /// repeated attributes, every kind of type and container). Everything comes from the one <see cref="Random"/> it
    /// is given.
    /// </summary>
    public sealed class RandomNetworkWriter
    {
        /// <summary>Files of a compilation: two in the global namespace, two with block namespaces, one file-scoped.</summary>
        private static readonly FileKind[] FileKinds = { FileKind.Global, FileKind.Block, FileKind.FileScoped, FileKind.Global, FileKind.Block };

        /// <summary>Base classes every compilation declares: one harmless, one with a member named like a generated one.</summary>
        private const string SupportSource = """
            public abstract class ModelBase
            {
                public int Seed { get; set; }
                protected void Log(string message) { }
            }

            public class ForwardBase
            {
                public void Forward() { }
            }
            """;

        private static readonly string[] HarmlessMembers =
        {
            "public int Epochs;",
            "public double LearningRate { get; set; } = 0.1;",
            "public void Train() { }",
            "public override string ToString() => \"network\";",
            "private readonly int _seed = 42;",
        };

        private static readonly string[] CollidingMembers =
        {
            "public int W1;",
            "public void Forward() { }",
            "private double[] _y1 = new double[1];",
            "public const int BatchSize = 3;",
            "public int Step { get; set; }",
            "public void Layer1Forward() { }",
            "public int CheckGradients;",
            "public static void SgdUpdate_12() { }",
        };

        private static readonly string[] GeneratedMemberNames = { "Step", "Forward", "Loss", "W1", "Output", "TrainStep", "InputSize" };

        private static readonly int[] OddSizes = { 0, -1, -7, int.MinValue, int.MaxValue, 1 << 20, 1 << 16, 46341, 100000, 8192 };

        private static readonly int?[] OddBatchSizes = { null, 0, -1, int.MinValue, int.MaxValue, 1 << 20, 1 << 16, 1000 };

        private readonly Random _random;

        public RandomNetworkWriter(Random random) => _random = random;

        private enum FileKind
        {
            Global,
            Block,
            FileScoped,
        }

        private enum AttributeKind
        {
            Network,
            Dense,
            ReLU,
            SquaredErrorLoss,
            SoftmaxCrossEntropyLoss,
            Sigmoid,
            Tanh,
            LeakyReLU,
            Sgd,
            Momentum,
            Adam,
            AdamW,
            Dropout,
        }

        private enum DenseStyle
        {
            Positional,
            Named,
            NamedReversed,
            MissingArgument,
        }

        /// <summary>One attribute as the declaration will spell it.</summary>
        private sealed class AttributeSpec
        {
            public AttributeKind Kind;
            public int? BatchSize;

            /// <summary>0 not written, 1 Double, 2 Single, 3 a value that is no precision.</summary>
            public int Precision;

            /// <summary>[Network(Threads = n)], or not written.</summary>
            public int? Threads;

            public int Inputs;
            public int Outputs;
            public bool Bias;
            public DenseStyle Style;

            /// <summary>The argument of [LeakyReLU(alpha)], [Momentum(momentum)], [Adam(Epsilon = ...)], [Dropout(p)] or a loss's Reduction, as written.</summary>
            public string Argument = "";

            public AttributeSpec Clone() => (AttributeSpec)MemberwiseClone();

            public bool IsLoss => Kind is AttributeKind.SquaredErrorLoss or AttributeKind.SoftmaxCrossEntropyLoss;

            public bool IsLayer => Kind is AttributeKind.Dense or AttributeKind.ReLU or AttributeKind.Dropout;

            public override string ToString()
            {
                switch (Kind)
                {
                    case AttributeKind.Network:
                    {
                        var settings = new List<string>();
                        if (BatchSize is int batch)
                        {
                            settings.Add("BatchSize = " + Literal(batch));
                        }
                        if (Precision > 0)
                        {
                            settings.Add("Precision = " + (Precision == 1 ? "Precision.Double" : Precision == 2 ? "Precision.Single" : "(Precision)5"));
                        }
                        if (Threads is int threads)
                        {
                            settings.Add("Threads = " + Literal(threads));
                        }
                        return settings.Count == 0 ? "Network" : $"Network({string.Join(", ", settings)})";
                    }
                    case AttributeKind.Dense:
                    {
                        string bias = Bias ? ", Bias = true" : "";
                        return Style switch
                        {
                            DenseStyle.Named => $"Dense(inputs: {Literal(Inputs)}, outputs: {Literal(Outputs)}{bias})",
                            DenseStyle.NamedReversed => $"Dense(outputs: {Literal(Outputs)}, inputs: {Literal(Inputs)}{bias})",
                            DenseStyle.MissingArgument => $"Dense({Literal(Inputs)})",
                            _ => $"Dense({Literal(Inputs)}, {Literal(Outputs)}{bias})",
                        };
                    }
                    default:
                        return Argument.Length == 0 ? Kind.ToString() : $"{Kind}({Argument})";
                }
            }

            private static string Literal(int value) =>
                value == int.MinValue ? "int.MinValue" : value == int.MaxValue ? "int.MaxValue" : value.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>A type that contains the network.</summary>
        private sealed record ContainerSpec(string Modifiers, bool Partial, string Kind, string Name, int Arity);

        /// <summary>Everything about one declaration, before it is written out.</summary>
        private sealed class DeclarationSpec
        {
            public string Name = "";
            public List<AttributeSpec> Attributes = new();
            public bool MergeAttributeLists;
            public string Access = "public";
            public string Modifiers = "";
            public bool Partial = true;
            public string Kind = "class";
            public string TypeParameters = "";
            public List<ContainerSpec> Containers = new();
            public List<string> Members = new();
            public string? BaseType;

            /// <summary>The attributes from this index on go to a second partial declaration (-1: none).</summary>
            public int SplitAt = -1;

            /// <summary>A second partial declaration in another file, with these members.</summary>
            public List<string>? SecondPartMembers;

            public bool CanSplitAcrossFiles => Containers.Count == 0 && Partial && Modifiers != "file";
        }

        /// <summary>Writes one compilation's files holding <paramref name="count"/> declarations.</summary>
        public RandomCompilationSource Write(int compilationIndex, int count)
        {
            string prefix = "R" + compilationIndex.ToString(CultureInfo.InvariantCulture);
            var files = new StringBuilder[FileKinds.Length];
            for (int f = 0; f < files.Length; f++)
            {
                files[f] = new StringBuilder("using NetGen;\n");
                if (FileKinds[f] == FileKind.FileScoped)
                {
                    files[f].Append($"namespace {prefix}.Scoped;\n");
                }
                files[f].Append('\n');
            }

            var declarations = new List<RandomDeclaration>();
            for (int i = 0; i < count; i++)
            {
                string suffix = $"{compilationIndex}_{i}";
                (DeclarationSpec spec, Intent intent, string? expectedId, string description) = NextDeclaration(suffix);
                declarations.Add(Place(spec, intent, expectedId, description, files, prefix));
            }

            var paths = new List<string>();
            var texts = new List<string>();
            for (int f = 0; f < files.Length; f++)
            {
                paths.Add($"{prefix}_File{f}.cs");
                texts.Add(files[f].ToString());
            }
            paths.Add($"{prefix}_Support.cs");
            texts.Add(SupportSource);
            return new RandomCompilationSource(paths.ToArray(), texts.ToArray(), declarations);
        }

        private (DeclarationSpec Spec, Intent Intent, string? ExpectedId, string Description) NextDeclaration(string suffix)
        {
            // Compiling generated code is what takes time (tens of kilobytes per network), so most declarations
            // carry a mistake: about 150 of 2,200 are valid by construction.
            double roll = _random.NextDouble();
            if (roll < 0.07)
            {
                return (Valid(suffix), Intent.Valid, null, "valid");
            }
            if (roll < 0.75)
            {
                while (true)
                {
                    DeclarationSpec spec = Valid(suffix);
                    string id = Mistakes[_random.Next(Mistakes.Length)];
                    if (TryMakeMistake(spec, id, suffix))
                    {
                        return (spec, Intent.OneMistake, id, "valid with the mistake of " + id);
                    }
                }
            }
            return (Chaos(suffix), Intent.Chaos, null, "chaos");
        }

        // ---- Valid declarations ----

        private DeclarationSpec Valid(string suffix)
        {
            var spec = new DeclarationSpec { Name = "Net_" + suffix };
            // Mostly small sizes: their generated code compiles fast. A few large ones exercise the other code paths.
            bool large = _random.NextDouble() < 0.03;
            int batch = large ? _random.Next(1, 5) : _random.NextDouble() < 0.05 ? Pick(16, 32, 64) : Pick(1, 2, 3, 4, 5, 6, 8);
            spec.Attributes.Add(new AttributeSpec
            {
                Kind = AttributeKind.Network,
                BatchSize = batch,
                Precision = _random.Next(3),
                Threads = _random.NextDouble() < 0.12 ? _random.Next(1, Math.Min(batch, 4) + 1) : null,
            });

            int denseCount = _random.Next(1, 5);
            var sizes = new int[denseCount + 1];
            for (int s = 0; s < sizes.Length; s++)
            {
                sizes[s] = _random.Next(1, 13);
            }
            if (large)
            {
                sizes[_random.Next(sizes.Length)] = Pick(1 << 10, 1 << 16, 1 << 20);
            }
            bool crossEntropy = sizes[denseCount] >= 2 && _random.NextDouble() < 0.4;
            for (int d = 0; d < denseCount; d++)
            {
                spec.Attributes.Add(new AttributeSpec
                {
                    Kind = AttributeKind.Dense,
                    Inputs = sizes[d],
                    Outputs = sizes[d + 1],
                    Bias = _random.NextDouble() < 0.4,
                    Style = (DenseStyle)_random.Next(3),
                });
                if (_random.NextDouble() < (d < denseCount - 1 ? 0.6 : 0.15))
                {
                    spec.Attributes.Add(new AttributeSpec { Kind = AttributeKind.ReLU });
                }
                if (d < denseCount - 1 && _random.NextDouble() < 0.2)
                {
                    spec.Attributes.Add(new AttributeSpec { Kind = AttributeKind.Dropout, Argument = Pick("", "0", "0.1", "0.5", "0.9", "0.25, Seed = 3", "probability: 0.5f", "Seed = -7") });
                }
            }
            spec.Attributes.Add(new AttributeSpec
            {
                Kind = crossEntropy ? AttributeKind.SoftmaxCrossEntropyLoss : AttributeKind.SquaredErrorLoss,
                Argument = Pick("", "", "", "Reduction = Reduction.Mean", "Reduction = Reduction.Sum"),
            });
            if (_random.NextDouble() < 0.15)
            {
                spec.Attributes.Add(ValidOptimizer());
            }
            spec.MergeAttributeLists = _random.NextDouble() < 0.25;

            spec.Modifiers = Pick("", "", "", "sealed", "abstract");
            if (_random.NextDouble() < 0.3)
            {
                int depth = _random.Next(1, 3);
                for (int c = 0; c < depth; c++)
                {
                    spec.Containers.Add(PartialContainer($"Box{c}_{suffix}"));
                }
                spec.Access = Pick("public", "internal", "private", "");
            }
            else
            {
                spec.Access = Pick("public", "internal", "");
            }
            int members = _random.Next(3);
            for (int m = 0; m < members; m++)
            {
                spec.Members.Add(Pick(HarmlessMembers));
            }
            spec.Members = spec.Members.Distinct().ToList();
            if (_random.NextDouble() < 0.15)
            {
                spec.BaseType = "ModelBase";
            }
            if (spec.CanSplitAcrossFiles && _random.NextDouble() < 0.1)
            {
                spec.SecondPartMembers = new List<string> { "public int Extra;" };
            }
            return spec;
        }

        private AttributeSpec ValidOptimizer() =>
            _random.Next(4) switch
            {
                0 => new AttributeSpec { Kind = AttributeKind.Sgd, Argument = Pick("", "WeightDecay = 1e-4", "WeightDecay = 0") },
                1 => new AttributeSpec { Kind = AttributeKind.Momentum, Argument = Pick("0.9", "0.5, WeightDecay = 0.01") },
                2 => new AttributeSpec { Kind = AttributeKind.Adam, Argument = Pick("", "Beta1 = 0.8") },
                _ => new AttributeSpec { Kind = AttributeKind.AdamW, Argument = Pick("", "WeightDecay = 0.1", "Beta2 = 0.99, WeightDecay = 0") },
            };

        private ContainerSpec PartialContainer(string name) =>
            _random.Next(6) switch
            {
                0 => new ContainerSpec("", true, "struct", name, 0),
                1 => new ContainerSpec("", true, "record", name, 0),
                2 => new ContainerSpec("static", true, "class", name, 0),
                3 => new ContainerSpec("", true, "class", name, 1),
                _ => new ContainerSpec("", true, "class", name, 0),
            };

        // ---- One mistake per diagnostic ----

        private static readonly string[] Mistakes =
        {
            "NG0001", "NG0002", "NG0003", "NG0004", "NG0005", "NG0006", "NG0007", "NG0008", "NG0009", "NG0010", "NG0011",
            "NG0012", "NG0013", "NG0014", "NG0015", "NG0016", "NG0017", "NG0018", "NG0019", "NG0020", "NG0021",
            "NG0022", "NG0040", "NG0041", "NG0042",
        };

        private bool TryMakeMistake(DeclarationSpec spec, string id, string suffix)
        {
            List<AttributeSpec> attributes = spec.Attributes;
            List<int> dense = Indexes(attributes, a => a.Kind == AttributeKind.Dense);
            int loss = attributes.FindIndex(a => a.IsLoss);
            if (id != "NG0022" && attributes.Count > 0 && attributes[0].Kind == AttributeKind.Network)
            {
                // A mistake that shrinks the batch could leave more threads than rows: one mistake at a time.
                attributes[0].Threads = null;
            }
            switch (id)
            {
                case "NG0001":
                    spec.Partial = false;
                    spec.SecondPartMembers = null;
                    return true;
                case "NG0002":
                    if (dense.Count < 2)
                    {
                        return false;
                    }
                    attributes[dense[_random.Next(1, dense.Count)]].Inputs += _random.Next(1, 4);
                    return true;
                case "NG0003":
                {
                    AttributeSpec layer = attributes[Pick(dense.ToArray())];
                    int size = Pick(0, -1, -3, int.MinValue);
                    if (_random.Next(2) == 0)
                    {
                        layer.Inputs = size;
                    }
                    else
                    {
                        layer.Outputs = size;
                    }
                    return true;
                }
                case "NG0004":
                    attributes.RemoveAll(a => a.Kind == AttributeKind.Dense);
                    return true;
                case "NG0005":
                    attributes.RemoveAt(loss);
                    return true;
                case "NG0006":
                    attributes.Add(new AttributeSpec { Kind = Pick(AttributeKind.SquaredErrorLoss, AttributeKind.SoftmaxCrossEntropyLoss) });
                    return true;
                case "NG0007":
                {
                    AttributeSpec lossAttribute = attributes[loss];
                    attributes.RemoveAt(loss);
                    int lastLayer = attributes.FindLastIndex(a => a.IsLayer);
                    attributes.Insert(_random.Next(1, lastLayer + 1), lossAttribute);
                    return true;
                }
                case "NG0008":
                    attributes[0].BatchSize = Pick<int?>(null, 0, -1, int.MinValue);
                    return true;
                case "NG0009":
                    if (_random.Next(2) == 0)
                    {
                        attributes.Insert(1, new AttributeSpec { Kind = AttributeKind.ReLU });
                    }
                    else
                    {
                        int after = Pick(dense.ToArray()) + 1;
                        attributes.Insert(after, new AttributeSpec { Kind = AttributeKind.ReLU });
                        attributes.Insert(after, new AttributeSpec { Kind = AttributeKind.ReLU });
                    }
                    return true;
                case "NG0010":
                    switch (_random.Next(4))
                    {
                        case 0:
                            attributes[0].BatchSize = int.MaxValue;
                            break;
                        case 1:
                            attributes[dense[0]].Inputs = int.MaxValue;
                            break;
                        default:
                            // Three 8192 x 8192 layers in double precision: 3,221,225,472 bytes of weights and gradients;
                            // or a 100,000 x 100,000 weight matrix.
                            attributes[0].Precision = 1;
                            attributes.RemoveAll(a => a.IsLayer);
                            int[] chain = _random.Next(2) == 0 ? new[] { 8192, 8192, 8192, 8192 } : new[] { 3, 100000, 100000 };
                            for (int d = 0; d < chain.Length - 1; d++)
                            {
                                attributes.Insert(1 + d, new AttributeSpec { Kind = AttributeKind.Dense, Inputs = chain[d], Outputs = chain[d + 1] });
                            }
                            attributes[0].BatchSize = 1;
                            break;
                    }
                    return true;
                case "NG0011":
                    switch (_random.Next(7))
                    {
                        case 0: spec.Kind = "struct"; break;
                        case 1: spec.Kind = "record"; break;
                        case 2: spec.Kind = "record struct"; break;
                        case 3: spec.Kind = "interface"; spec.Members.Clear(); spec.BaseType = null; break;
                        case 4: spec.Modifiers = "static"; spec.Members.Clear(); spec.BaseType = null; break;
                        case 5: spec.TypeParameters = "<T>"; break;
                        default:
                            if (spec.Containers.Count > 0)
                            {
                                return false;
                            }
                            spec.Modifiers = "file";
                            spec.Access = "";
                            spec.SecondPartMembers = null;
                            break;
                    }
                    if (spec.Kind != "class")
                    {
                        spec.Modifiers = "";
                        spec.Members.Clear();
                        spec.BaseType = null;
                    }
                    return true;
                case "NG0012":
                    spec.Containers.Insert(0, Pick(
                        new ContainerSpec("", false, "class", "Outer_" + suffix, 0),
                        new ContainerSpec("", false, "struct", "Outer_" + suffix, 0),
                        new ContainerSpec("static", false, "class", "Outer_" + suffix, 0)));
                    spec.SecondPartMembers = null;
                    if (spec.Access == "")
                    {
                        spec.Access = "public";
                    }
                    return true;
                case "NG0013":
                    if (spec.SecondPartMembers is not null && _random.Next(2) == 0)
                    {
                        spec.SecondPartMembers.Add(Pick(CollidingMembers));
                    }
                    else
                    {
                        spec.Members.Add(Pick(CollidingMembers));
                    }
                    return true;
                case "NG0014":
                    if (!spec.CanSplitAcrossFiles)
                    {
                        return false;
                    }
                    spec.SplitAt = _random.Next(1, attributes.Count);
                    spec.SecondPartMembers ??= new List<string>();
                    return true;
                case "NG0015":
                {
                    attributes[dense[dense.Count - 1]].Outputs = 1;
                    attributes[loss].Kind = AttributeKind.SoftmaxCrossEntropyLoss;
                    return true;
                }
                case "NG0016":
                    attributes[Pick(dense.ToArray())].Style = DenseStyle.MissingArgument;
                    return true;
                case "NG0017":
                    attributes.Insert(_random.Next(1, attributes.Count + 1), attributes[0].Clone());
                    return true;
                case "NG0018":
                    attributes.RemoveAt(0);
                    return true;
                case "NG0019":
                    spec.BaseType = "ForwardBase";
                    return true;
                case "NG0020":
                    spec.Name = Pick(GeneratedMemberNames);
                    if (spec.Containers.Count == 0)
                    {
                        spec.Containers.Add(new ContainerSpec("", true, "class", "Box_" + suffix, 0));
                        spec.Access = "public";
                    }
                    spec.SecondPartMembers = null;
                    return true;
                case "NG0021":
                    attributes[0].Precision = 3;
                    return true;
                case "NG0022":
                    attributes[0].Threads = Pick(0, -2, attributes[0].BatchSize!.Value + 1, 65);
                    if (attributes[0].Threads == 65 && attributes[0].BatchSize < 65)
                    {
                        attributes[0].Threads = attributes[0].BatchSize + 1;
                    }
                    return true;
                case "NG0040":
                {
                    List<int> dropouts = Indexes(attributes, a => a.Kind == AttributeKind.Dropout);
                    string probability = Pick("1", "1.0", "-0.5", "2", "double.NaN", "double.PositiveInfinity");
                    if (dropouts.Count > 0)
                    {
                        attributes[Pick(dropouts.ToArray())].Argument = probability;
                        return true;
                    }
                    if (dense.Count < 2)
                    {
                        return false;
                    }
                    attributes.Insert(dense[1], new AttributeSpec { Kind = AttributeKind.Dropout, Argument = probability });
                    return true;
                }
                case "NG0041":
                    switch (_random.Next(3))
                    {
                        case 0:
                            attributes.Insert(1, new AttributeSpec { Kind = AttributeKind.Dropout, Argument = Pick("", "0.5") });
                            return true;
                        case 1:
                        {
                            int after = Pick(dense.ToArray()) + 1;
                            attributes.Insert(after, new AttributeSpec { Kind = AttributeKind.Dropout });
                            attributes.Insert(after, new AttributeSpec { Kind = AttributeKind.Dropout, Argument = "0.2" });
                            return true;
                        }
                        default:
                            if (attributes[loss - 1].Kind == AttributeKind.Dropout)
                            {
                                return false;
                            }
                            attributes.Insert(loss, new AttributeSpec { Kind = AttributeKind.Dropout, Argument = Pick("", "0.3, Seed = 1") });
                            return true;
                    }
                case "NG0042":
                    attributes[loss].Argument = Pick("Reduction = (Reduction)2", "Reduction = (Reduction)(-1)", "Reduction = (Reduction)100");
                    return true;
                default:
                    throw new ArgumentOutOfRangeException(nameof(id), id, "No mistake is written for this diagnostic.");
            }
        }

        // ---- Chaos ----

        private DeclarationSpec Chaos(string suffix)
        {
            var spec = new DeclarationSpec { Name = "Net_" + suffix };
            int count = _random.Next(1, 8);
            for (int a = 0; a < count; a++)
            {
                double roll = _random.NextDouble();
                AttributeSpec attribute = roll < 0.2 ? new AttributeSpec { Kind = AttributeKind.Network, BatchSize = ChaosBatchSize(), Precision = Pick(0, 0, 1, 2, 3), Threads = Pick<int?>(null, null, null, 0, 2, 100) }
                    : roll < 0.65 ? new AttributeSpec
                    {
                        Kind = AttributeKind.Dense,
                        Inputs = ChaosSize(),
                        Outputs = ChaosSize(),
                        Bias = _random.Next(2) == 0,
                        Style = _random.NextDouble() < 0.05 ? DenseStyle.MissingArgument : (DenseStyle)_random.Next(3),
                    }
                    : roll < 0.8 ? ChaosActivation()
                    : roll < 0.92 ? new AttributeSpec { Kind = AttributeKind.SquaredErrorLoss, Argument = ChaosReduction() }
                    : new AttributeSpec { Kind = AttributeKind.SoftmaxCrossEntropyLoss, Argument = ChaosReduction() };
                spec.Attributes.Add(attribute);
            }
            if (_random.NextDouble() < 0.1)
            {
                spec.Attributes.Insert(_random.Next(spec.Attributes.Count + 1), ChaosOptimizer());
            }
            if (_random.NextDouble() < 0.6 && spec.Attributes[0].Kind != AttributeKind.Network)
            {
                spec.Attributes.Insert(0, new AttributeSpec { Kind = AttributeKind.Network, BatchSize = ChaosBatchSize(), Precision = Pick(0, 1, 2) });
            }
            spec.MergeAttributeLists = _random.NextDouble() < 0.3;

            (spec.Kind, spec.Modifiers, spec.Partial) = _random.Next(12) switch
            {
                0 => ("class", "", false),
                1 => ("struct", "", true),
                2 => ("record", "", true),
                3 => ("record struct", "", true),
                4 => ("interface", "", true),
                5 => ("class", "static", true),
                6 => ("class", "file", true),
                7 => ("class", "abstract", true),
                8 => ("class", "sealed", false),
                _ => ("class", "", true),
            };
            spec.TypeParameters = _random.NextDouble() < 0.08 ? "<T>" : "";
            int depth = _random.NextDouble() < 0.3 ? _random.Next(1, 3) : 0;
            for (int c = 0; c < depth; c++)
            {
                spec.Containers.Add(_random.NextDouble() < 0.7
                    ? PartialContainer($"Box{c}_{suffix}")
                    : new ContainerSpec(Pick("", "static"), false, Pick("class", "struct"), $"Box{c}_{suffix}", 0));
            }
            spec.Access = spec.Modifiers == "file" ? "" : depth > 0 ? Pick("public", "internal", "private", "") : Pick("public", "internal", "");
            if (spec.Kind is "class" or "record" && spec.Modifiers != "static")
            {
                int members = _random.Next(3);
                for (int m = 0; m < members; m++)
                {
                    spec.Members.Add(_random.NextDouble() < 0.3 ? Pick(CollidingMembers) : Pick(HarmlessMembers));
                }
                spec.Members = spec.Members.Distinct().ToList();
                spec.BaseType = Pick<string?>(null, null, null, "ModelBase", "ForwardBase");
            }
            if (depth > 0 && _random.NextDouble() < 0.1)
            {
                spec.Name = Pick(GeneratedMemberNames);
            }
            if (spec.CanSplitAcrossFiles && _random.NextDouble() < 0.15)
            {
                spec.SecondPartMembers = new List<string>();
                if (_random.Next(2) == 0 && spec.Attributes.Count > 1)
                {
                    spec.SplitAt = _random.Next(1, spec.Attributes.Count);
                }
            }
            return spec;
        }

        private string ChaosReduction() => Pick("", "", "", "Reduction = Reduction.Mean", "Reduction = (Reduction)7", "Reduction = Reduction.Sum");

        private AttributeSpec ChaosActivation() =>
            _random.Next(7) switch
            {
                6 => new AttributeSpec { Kind = AttributeKind.Dropout, Argument = Pick("", "0.5", "1", "-0.5", "0.3, Seed = 4", "double.NaN", "0", "0.99999999") },
                0 => new AttributeSpec { Kind = AttributeKind.Sigmoid },
                1 => new AttributeSpec { Kind = AttributeKind.Tanh },
                2 => new AttributeSpec { Kind = AttributeKind.LeakyReLU, Argument = Pick("", "0.2", "-1", "double.NaN") },
                _ => new AttributeSpec { Kind = AttributeKind.ReLU },
            };

        private AttributeSpec ChaosOptimizer() =>
            _random.Next(4) switch
            {
                0 => new AttributeSpec { Kind = AttributeKind.Sgd, Argument = Pick("", "WeightDecay = 1e-4", "WeightDecay = -1", "WeightDecay = double.NaN") },
                1 => new AttributeSpec { Kind = AttributeKind.Momentum, Argument = Pick("", "0.9", "1.5", "-0.1", "0.9, WeightDecay = 0.5", "WeightDecay = double.PositiveInfinity") },
                2 => new AttributeSpec { Kind = AttributeKind.Adam, Argument = Pick("", "Beta1 = 0.8", "Beta2 = 1", "Epsilon = 0") },
                _ => new AttributeSpec { Kind = AttributeKind.AdamW, Argument = Pick("", "WeightDecay = 0.01", "WeightDecay = -0.01", "Beta1 = 1, WeightDecay = 0") },
            };

        /// <summary>Mostly small sizes, so that generated code stays small; sometimes 0, negative or huge.</summary>
        private int ChaosSize() => _random.NextDouble() < 0.8 ? _random.Next(1, 13) : Pick(OddSizes);

        private int? ChaosBatchSize() => _random.NextDouble() < 0.75 ? _random.Next(1, 9) : Pick(OddBatchSizes);

        // ---- Writing out ----

        private RandomDeclaration Place(
            DeclarationSpec spec, Intent intent, string? expectedId, string description, StringBuilder[] files, string prefix)
        {
            bool twoParts = spec.SecondPartMembers is not null;
            int[] globalFiles = Enumerable.Range(0, FileKinds.Length).Where(f => FileKinds[f] != FileKind.FileScoped).ToArray();
            int file = twoParts ? Pick(globalFiles) : _random.Next(FileKinds.Length);
            string? ns = FileKinds[file] switch
            {
                FileKind.FileScoped => prefix + ".Scoped",
                FileKind.Block when !twoParts && _random.Next(2) == 0 => $"{prefix}.N{_random.Next(3)}",
                _ => null,
            };

            string metadataName = (ns is null ? "" : ns + ".")
                + string.Concat(spec.Containers.Select(c => c.Name + (c.Arity > 0 ? "`" + c.Arity.ToString(CultureInfo.InvariantCulture) : "") + "+"))
                + spec.Name + (spec.TypeParameters.Length > 0 ? "`1" : "");
            var declaration = new RandomDeclaration(metadataName, intent, expectedId, description);

            List<AttributeSpec> firstAttributes = spec.SplitAt >= 0 ? spec.Attributes.Take(spec.SplitAt).ToList() : spec.Attributes;
            string main = MainPart(spec, firstAttributes);
            if (ns is not null && FileKinds[file] == FileKind.Block)
            {
                main = $"namespace {ns}\n{{\n{main}}}\n";
            }
            Append(declaration, files, file, main);

            if (twoParts)
            {
                int other = Pick(globalFiles.Where(f => f != file).ToArray());
                List<AttributeSpec> rest = spec.SplitAt >= 0 ? spec.Attributes.Skip(spec.SplitAt).ToList() : new List<AttributeSpec>();
                Append(declaration, files, other, SecondPart(spec, rest));
            }
            return declaration;
        }

        private static void Append(RandomDeclaration declaration, StringBuilder[] files, int file, string text)
        {
            int start = files[file].Length;
            files[file].Append(text).Append('\n');
            declaration.Spans.Add((file, new TextSpan(start, text.Length)));
            declaration.Text.Append($"// File{file}\n").Append(text);
        }

        private string MainPart(DeclarationSpec spec, List<AttributeSpec> attributes)
        {
            var text = new StringBuilder();
            foreach (ContainerSpec container in spec.Containers)
            {
                string typeParameters = container.Arity > 0 ? "<TItem>" : "";
                text.Append(Words(container.Modifiers, container.Partial ? "partial" : "", container.Kind, container.Name + typeParameters)).Append("\n{\n");
            }
            AppendAttributes(text, attributes, spec.MergeAttributeLists);
            string baseList = spec.BaseType is null ? "" : " : " + spec.BaseType;
            text.Append(Words(spec.Access, spec.Modifiers, spec.Partial ? "partial" : "", spec.Kind, spec.Name + spec.TypeParameters + baseList)).Append("\n{\n");
            foreach (string member in spec.Members)
            {
                text.Append("    ").Append(member).Append('\n');
            }
            text.Append("}\n");
            for (int c = 0; c < spec.Containers.Count; c++)
            {
                text.Append("}\n");
            }
            return text.ToString();
        }

        private static string SecondPart(DeclarationSpec spec, List<AttributeSpec> attributes)
        {
            var text = new StringBuilder();
            AppendAttributes(text, attributes, merge: false);
            text.Append(Words(spec.Modifiers == "file" ? "file" : "", "partial", spec.Kind, spec.Name + spec.TypeParameters)).Append("\n{\n");
            foreach (string member in spec.SecondPartMembers!)
            {
                text.Append("    ").Append(member).Append('\n');
            }
            return text.Append("}\n").ToString();
        }

        private static void AppendAttributes(StringBuilder text, List<AttributeSpec> attributes, bool merge)
        {
            for (int a = 0; a < attributes.Count; a += merge ? 2 : 1)
            {
                IEnumerable<AttributeSpec> list = attributes.Skip(a).Take(merge ? 2 : 1);
                text.Append('[').Append(string.Join(", ", list)).Append("]\n");
            }
        }

        private static string Words(params string[] words) => string.Join(" ", words.Where(w => w.Length > 0));

        private static List<int> Indexes(List<AttributeSpec> attributes, Func<AttributeSpec, bool> predicate) =>
            Enumerable.Range(0, attributes.Count).Where(i => predicate(attributes[i])).ToList();

        private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
    }
}
