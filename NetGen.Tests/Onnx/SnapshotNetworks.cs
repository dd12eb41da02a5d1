using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Tests.Support;

namespace NetGen.Tests.Onnx
{
    /// <summary>
    /// The networks whose generated source is approved in <c>snapshots/</c>, declared exactly as the snapshot tests
    /// declare them (GeneratorSnapshotTests, TrainingSnapshotTests, TeachingSnapshotTests), compiled in memory with
    /// NetGen.Runtime referenced so that they get <c>SaveOnnx</c> and <c>LoadOnnx</c>. A second partial declaration of
    /// each class adds <see cref="IOnnxFloatNet"/> or <see cref="IOnnxDoubleNet"/>, so the tests can call the members.
    /// </summary>
    internal static class SnapshotNetworks
    {
        /// <summary>(full name, namespace, class, single precision, declaration).</summary>
        public static readonly (string FullName, string? Namespace, string Class, bool Single, string Source)[] All =
        {
            ("Assignment.Question7Net", "Assignment", "Question7Net", false, """
                using NetGen;
                namespace Assignment;
                [Network(BatchSize = 64)]
                [Dense(1000, 100)]
                [ReLU]
                [Dense(100, 10)]
                [SquaredErrorLoss]
                public partial class Question7Net { }
                """),
            ("Assignment.Question8Net", "Assignment", "Question8Net", false, """
                using NetGen;
                namespace Assignment;
                [Network(BatchSize = 64)]
                [Dense(1000, 100)]
                [ReLU]
                [Dense(100, 10)]
                [SoftmaxCrossEntropyLoss]
                public partial class Question8Net { }
                """),
            ("Examples.DeepNet", "Examples", "DeepNet", false, """
                using NetGen;
                namespace Examples
                {
                    [Network(BatchSize = 32)]
                    [Dense(784, 256)]
                    [ReLU]
                    [Dense(256, 128)]
                    [ReLU]
                    [Dense(128, 64)]
                    [ReLU]
                    [Dense(64, 10)]
                    [SoftmaxCrossEntropyLoss]
                    internal partial class DeepNet { }
                }
                """),
            ("DropoutNet", null, "DropoutNet", false, """
                using NetGen;
                [Network(BatchSize = 8)]
                [Dense(6, 5, Bias = true)]
                [ReLU]
                [Dropout(0.5, Seed = 1)]
                [Dense(5, 3, Bias = true)]
                [SoftmaxCrossEntropyLoss(Reduction = Reduction.Mean)]
                [AdamW(WeightDecay = 0.01)]
                public partial class DropoutNet { }
                """),
            ("TwoThreadDropoutNet", null, "TwoThreadDropoutNet", true, """
                using NetGen;
                [Network(BatchSize = 8, Precision = Precision.Single, Threads = 2)]
                [Dense(40, 32, Bias = true)]
                [ReLU]
                [Dropout(0.2)]
                [Dense(32, 10, Bias = true)]
                [SquaredErrorLoss(Reduction = Reduction.Mean)]
                [AdamW(WeightDecay = 0.05)]
                public partial class TwoThreadDropoutNet { }
                """),
            ("WeightDecayNet", null, "WeightDecayNet", false, """
                using NetGen;
                [Network(BatchSize = 8)]
                [Dense(6, 5, Bias = true)]
                [Tanh]
                [Dense(5, 2)]
                [SquaredErrorLoss(Reduction = Reduction.Mean)]
                [Momentum(0.9, WeightDecay = 1e-4)]
                public partial class WeightDecayNet { }
                """),
            ("BiasedNet", null, "BiasedNet", false, """
                using NetGen;
                [Network(BatchSize = 16)]
                [Dense(20, 16, Bias = true)]
                [ReLU]
                [Dense(16, 3, Bias = true)]
                [SquaredErrorLoss]
                public partial class BiasedNet { }
                """),
            ("Assignment.Question1Net", "Assignment", "Question1Net", false, """
                using NetGen;
                namespace Assignment;
                [Network(BatchSize = 2)]
                [Dense(2, 3)]
                [SquaredErrorLoss]
                public partial class Question1Net { }
                """),
            ("SigmoidNet", null, "SigmoidNet", false, """
                using NetGen;
                [Network(BatchSize = 8)]
                [Dense(6, 5, Bias = true)]
                [Sigmoid]
                [Dense(5, 2, Bias = true)]
                [SquaredErrorLoss]
                public partial class SigmoidNet { }
                """),
            ("TanhNet", null, "TanhNet", false, """
                using NetGen;
                [Network(BatchSize = 8)]
                [Dense(6, 5, Bias = true)]
                [Tanh]
                [Dense(5, 3, Bias = true)]
                [SoftmaxCrossEntropyLoss]
                public partial class TanhNet { }
                """),
            ("LeakyNet", null, "LeakyNet", true, """
                using NetGen;
                [Network(BatchSize = 8, Precision = Precision.Single)]
                [Dense(6, 5, Bias = true)]
                [LeakyReLU(0.2)]
                [Dense(5, 3, Bias = true)]
                [SoftmaxCrossEntropyLoss]
                public partial class LeakyNet { }
                """),
            ("MomentumNet", null, "MomentumNet", false, """
                using NetGen;
                [Network(BatchSize = 8)]
                [Dense(6, 5, Bias = true)]
                [ReLU]
                [Dense(5, 3)]
                [SoftmaxCrossEntropyLoss]
                [Momentum(0.9)]
                public partial class MomentumNet { }
                """),
            ("AdamNet", null, "AdamNet", false, """
                using NetGen;
                [Network(BatchSize = 8)]
                [Dense(6, 5, Bias = true)]
                [ReLU]
                [Dense(5, 3)]
                [SoftmaxCrossEntropyLoss]
                [Adam(Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6)]
                public partial class AdamNet { }
                """),
            ("Fashion.FashionNet", "Fashion", "FashionNet", true, """
                using NetGen;
                namespace Fashion;
                [Network(BatchSize = 64, Precision = Precision.Single)]
                [Dense(784, 256, Bias = true)]
                [ReLU]
                [Dense(256, 128, Bias = true)]
                [ReLU]
                [Dense(128, 10, Bias = true)]
                [SoftmaxCrossEntropyLoss]
                [Adam]
                public partial class FashionNet { }
                """),
            ("TwoThreadNet", null, "TwoThreadNet", true, """
                using NetGen;
                [Network(BatchSize = 8, Precision = Precision.Single, Threads = 2)]
                [Dense(40, 32, Bias = true)]
                [ReLU]
                [Dense(32, 10, Bias = true)]
                [SoftmaxCrossEntropyLoss]
                [Adam]
                public partial class TwoThreadNet { }
                """),
        };

        private static readonly Lazy<Assembly> Compiled = new(Compile);

        /// <summary>A new instance of the network <paramref name="fullName"/>.</summary>
        public static object Create(string fullName) =>
            Activator.CreateInstance(Compiled.Value.GetType(fullName, throwOnError: true)!)!;

        /// <summary>The network's BatchSize, InputSize and OutputSize constants.</summary>
        public static (int Batch, int Inputs, int Outputs) Sizes(object network)
        {
            Type type = network.GetType();
            int Constant(string name) => (int)type.GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            return (Constant("BatchSize"), Constant("InputSize"), Constant("OutputSize"));
        }

        /// <summary>The full names of the networks <c>snapshots/</c> holds generated source for.</summary>
        public static string[] ApprovedSnapshotNetworks() => Directory
            .GetFiles(Snapshot.SnapshotDirectory(), "*.verified.cs")
            .Select(path => Path.GetFileName(path))
            .Select(name => name.Substring(name.IndexOf('#') + 1))
            .Select(name => name.Substring(0, name.Length - ".g.verified.cs".Length))
            .Distinct()
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();

        private static Assembly Compile()
        {
            var sources = new List<string>();
            foreach (var network in All)
            {
                sources.Add(network.Source);
                string contract = network.Single ? "global::NetGen.Tests.Onnx.IOnnxFloatNet" : "global::NetGen.Tests.Onnx.IOnnxDoubleNet";
                string part = $"partial class {network.Class} : {contract} {{ }}";
                sources.Add(network.Namespace is null ? part : $"namespace {network.Namespace} {{ {part} }}");
            }
            CSharpCompilation compilation = GeneratorHarness.Compile(sources.ToArray())
                .WithAssemblyName("NetGenOnnxSnapshotNetworks")
                .AddReferences(
                    MetadataReference.CreateFromFile(typeof(NetGen.Onnx.OnnxMlp).Assembly.Location),
                    MetadataReference.CreateFromFile(typeof(IOnnxFloatNet).Assembly.Location));
            GeneratorRun run = GeneratorHarness.Run(compilation);
            if (run.Exceptions.Length > 0 || run.GeneratorDiagnostics.Length > 0 || run.CompilationDiagnostics.Length > 0)
            {
                throw new InvalidOperationException("The snapshot networks do not compile:\n" + string.Join("\n",
                    run.Exceptions.Select(e => e.ToString()).Concat(run.GeneratorDiagnostics.Concat(run.CompilationDiagnostics).Select(d => d.ToString()))));
            }
            return run.Load();
        }
    }
}
