using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NetGen.Bench.Peak;

namespace NetGen.Benchmarks
{
    /// <summary>
    /// The arithmetic of one benchmark operation: <see cref="Flops"/> floating-point operations at
    /// <see cref="Single"/> or double precision, on <see cref="Threads"/> threads.
    /// </summary>
    public readonly record struct Work(double Flops, bool Single, int Threads);

    /// <summary>
    /// The floating-point operations each benchmark performs, counted as bench/numpy_bench.py and bench/torch_bench.py
    /// count them: 2 per multiply-add of the matrix products, Y = X · W forward and dL/dW = Xᵀ · dL/dY for every
    /// Dense layer, dL/dX = dL/dY · Wᵀ for every layer but the first (no one needs the input's gradient).
    /// Activations, losses, biases and optimizer updates are not counted: they are a few operations per element
    /// against a product's thousands.
    /// </summary>
    public static class BenchmarkWork
    {
        /// <summary>The operations of one TrainStep of <paramref name="rows"/> examples through Dense layers of the given sizes.</summary>
        public static double TrainStep(int rows, params int[] sizes)
        {
            double flops = 0;
            for (int layer = 0; layer + 1 < sizes.Length; layer++)
            {
                double product = 2.0 * rows * sizes[layer] * sizes[layer + 1];
                flops += layer == 0 ? 2 * product : 3 * product;
            }
            return flops;
        }

        /// <summary>The operations of one Forward (or Predict) of <paramref name="rows"/> examples.</summary>
        public static double Forward(int rows, params int[] sizes)
        {
            double flops = 0;
            for (int layer = 0; layer + 1 < sizes.Length; layer++)
            {
                flops += 2.0 * rows * sizes[layer] * sizes[layer + 1];
            }
            return flops;
        }

        /// <summary>TrainStep workloads by the name <c>Workload</c> parameters and the peer scripts share.</summary>
        public static readonly IReadOnlyDictionary<string, Work> Workloads = new Dictionary<string, Work>
        {
            ["q7"] = new(500 * TrainStep(64, 1000, 100, 10), false, 1),
            ["mlp-784-256-128-10"] = new(TrainStep(64, 784, 256, 128, 10), false, 1),
            ["tiny-20-16-3"] = new(TrainStep(8, 20, 16, 3), false, 1),
            ["scale-x1"] = new(TrainStep(64, 1000, 100, 10), false, 1),
            ["scale-batch-x4"] = new(TrainStep(256, 1000, 100, 10), false, 1),
            ["scale-batch-x16"] = new(TrainStep(1024, 1000, 100, 10), false, 1),
            ["scale-inputs-x4"] = new(TrainStep(64, 4000, 100, 10), false, 1),
            ["scale-inputs-x16"] = new(TrainStep(64, 16000, 100, 10), false, 1),
            ["scale-hidden-x4"] = new(TrainStep(64, 1000, 400, 10), false, 1),
            ["scale-hidden-x16"] = new(TrainStep(64, 1000, 1600, 10), false, 1),
            ["fashion-step-1-thread"] = new(TrainStep(64, 784, 256, 128, 10), true, 1),
            ["fashion-step-2-threads"] = new(TrainStep(64, 784, 256, 128, 10), true, 2),
            ["adam-4096-1-thread"] = new(TrainStep(256, 4096, 4096, 4096, 10), true, 1),
            ["adam-4096-2-threads"] = new(TrainStep(256, 4096, 4096, 4096, 10), true, 2),
            // TrainerEpochBenchmarks: one epoch of 1,347 examples through 64-64-10.
            ["trainer-epoch"] = new(TrainStep(1347, 64, 64, 10), false, 1),
        };

        /// <summary>The work of one operation of <paramref name="benchmark"/>, or null for a benchmark with no entry.</summary>
        public static Work? Of(BenchmarkCase benchmark)
        {
            string type = benchmark.Descriptor.Type.Name;
            string? Parameter(string name) =>
                benchmark.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value?.ToString();
            switch (type)
            {
                case "Question7Benchmark":
                    return Workloads["q7"];
                case "TrainerEpochBenchmarks":
                    return Workloads["trainer-epoch"];
                case "FusedStepBenchmarks":
                    // Named Network, not Workload, so that bench/compare.py does not take these rows for the scaling table's.
                    return Workloads.TryGetValue(Parameter("Network") ?? "", out Work fused) ? fused : null;
                case "PredictBenchmarks":
                {
                    // Predict beside ONNX Runtime: a forward pass of Rows rows, on one thread, either way.
                    int rows = int.Parse(Parameter("Rows") ?? "0", CultureInfo.InvariantCulture);
                    return Parameter("Network") switch
                    {
                        "fashion-float" => new Work(Forward(rows, 784, 256, 128, 10), true, 1),
                        "q7-double" => new Work(Forward(rows, 1000, 100, 10), false, 1),
                        "tanh-double" => new Work(Forward(rows, 300, 50, 5), false, 1),
                        _ => null,
                    };
                }
                default:
                    string? workload = Parameter("Workload");
                    return workload is not null && Workloads.TryGetValue(workload, out Work work) ? work : null;
            }
        }
    }

    /// <summary>
    /// The FMA peak the share-of-peak column divides by, in GFLOP/s per core: the environment variables
    /// <c>NETGEN_PEAK_DOUBLE</c> and <c>NETGEN_PEAK_FLOAT</c> when set (bench/run sets them from bench/peak's
    /// measurement), otherwise measured once in this process by the same probe (bench/peak/FmaPeak.cs) the first time
    /// a column asks. A benchmark on n threads is measured against n cores' peak.
    /// </summary>
    public static class MachinePeak
    {
        private static readonly Lazy<(double Double, double Single, string Source)> Peak = new(Find);

        public static double PerCore(bool single) => single ? Peak.Value.Single : Peak.Value.Double;

        public static string Source => Peak.Value.Source;

        private static (double, double, string) Find()
        {
            if (double.TryParse(Environment.GetEnvironmentVariable("NETGEN_PEAK_DOUBLE"), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                && double.TryParse(Environment.GetEnvironmentVariable("NETGEN_PEAK_FLOAT"), NumberStyles.Float, CultureInfo.InvariantCulture, out double f)
                && d > 0 && f > 0)
            {
                return (d, f, "NETGEN_PEAK_DOUBLE and NETGEN_PEAK_FLOAT");
            }
            PeakResult result = FmaPeak.Measure(cores: 1, seconds: 0.1, runs: 5);
            return (result.DoubleOneCore, result.FloatOneCore, $"measured in this process ({result.Isa})");
        }
    }

    /// <summary>A summary column computed from a benchmark's median time and its <see cref="Work"/>.</summary>
    public abstract class WorkColumn : IColumn
    {
        public abstract string Id { get; }
        public abstract string ColumnName { get; }
        public abstract string Legend { get; }
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            Work? work = BenchmarkWork.Of(benchmarkCase);
            double? median = summary[benchmarkCase]?.ResultStatistics?.Median;
            if (work is not Work w || median is not double nanoseconds || nanoseconds <= 0)
            {
                return "-";
            }
            double gflops = w.Flops / nanoseconds;
            return Format(gflops, w);
        }

        protected abstract string Format(double gflops, Work work);
    }

    /// <summary>GFLOP/s: the benchmark's floating-point operations over its median time.</summary>
    public sealed class GflopsColumn : WorkColumn
    {
        public override string Id => "NetGen.GFLOPs";
        public override string ColumnName => "GFLOP/s";
        public override string Legend => "Floating-point operations per second at the median time: 2 per multiply-add of the matrix products (forward, weight gradient, input gradient after the first layer)";
        protected override string Format(double gflops, Work work) => gflops.ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>Share of peak: GFLOP/s over the FMA peak of as many cores as the benchmark uses, at its precision.</summary>
    public sealed class PeakShareColumn : WorkColumn
    {
        public override string Id => "NetGen.PeakShare";
        public override string ColumnName => "Peak";
        public override string Legend => $"GFLOP/s over the FMA peak of the cores the benchmark uses at its precision (per core: double {MachinePeak.PerCore(false):F1}, float {MachinePeak.PerCore(true):F1} GFLOP/s; {MachinePeak.Source})";
        protected override string Format(double gflops, Work work) =>
            (gflops / (work.Threads * MachinePeak.PerCore(work.Single))).ToString("P1", CultureInfo.InvariantCulture);
    }
}
