using System;
using System.Collections.Generic;
using System.Globalization;
using System.Diagnostics;
using System.Linq;

namespace NetGen.Bench.Variants
{
    /// <summary>
    /// Times hand-written variants of a generated product kernel beside a copy of the generated one, in one process:
    /// <code>
    /// dotnet run -c Release --project bench/variants -- q7 [SECONDS]         # question 7's forward, 64 × 1000 × 100
    /// dotnet run -c Release --project bench/variants -- hidden16 [SECONDS]   # the ×16 hidden row's forward, 64 × 1000 × 1600
    /// dotnet run -c Release --project bench/variants -- hidden16dw [SECONDS] # its weight gradient with the SGD step, 1000 × 64 × 1600
    /// dotnet run -c Release --project bench/variants -- batch16 [SECONDS]    # the ×16 batch row's forward, 1024 × 1000 × 100
    /// dotnet run -c Release --project bench/variants -- batch16dw [SECONDS]  # its weight gradient with the SGD step, 1000 × 1024 × 100
    /// </code>
    /// Every variant is checked against the generated kernel first (those that leave work out on purpose are marked
    /// and skip the check). Then, in two modes, the variants are called in turn, round after round, for the given
    /// seconds (15 unless told): "warm", three calls back to back per turn; and "step-like" (q7: 2 MiB of other data
    /// read before each call, as the rest of a training step does) or "cold" (the others: a 64 MiB sweep before each
    /// call). Each variant's time is divided by the generated kernel's in the same round; the median and quartiles
    /// of that ratio are what a slow moment of the machine leaves alone.
    /// </summary>
    public static class Program
    {
        private sealed record Variant(string Name, Action Run, bool Exact = true);

        public static int Main(string[] args)
        {
            string set = args.Length > 0 ? args[0] : "q7";
            double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 15;
            var random = new Random(1);
            double[] Fill(int n) => Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
            List<Variant> variants;
            double flops;
            double[] reference, y;
            string[] modes;
            Action before;
            if (set == "q7")
            {
                double[] x = Fill(64 * 1000), w = Fill(1000 * 100);
                reference = new double[64 * 100];
                y = new double[64 * 100];
                Question7Forward.Generated(x, w, reference);
                double[] yy = y;
                variants = new List<Variant>
                {
                    new("generated", () => Question7Forward.Generated(x, w, yy)),
                    new("k blocks of 256, 8-row last tile", () => Question7ForwardVariants.Forward(x, w, yy, 256, zeroFirst: true)),
                    new("k blocks of 128, 8-row last tile", () => Question7ForwardVariants.Forward(x, w, yy, 128, zeroFirst: true)),
                    new("k one block of 1000, 8-row last tile", () => Question7ForwardVariants.Forward(x, w, yy, 1000, zeroFirst: true)),
                    new("256, next slice fetched while copying", () => Question7ForwardVariants.Forward(x, w, yy, 256, zeroFirst: true, pfPack: 1)),
                    new("256, next slice fetched per row tile", () => Question7ForwardVariants.Forward(x, w, yy, 256, zeroFirst: true, pf: true)),
                    new("256, no copies of W (wrong results)", () => Question7ForwardVariants.Forward(x, w, yy, 256, zeroFirst: true, skipPack: true), Exact: false),
                };
                flops = 2.0 * 64 * 1000 * 100;
                double[] other = new double[1 << 18];
                before = () =>
                {
                    for (int i = 0; i < other.Length; i += 8)
                    {
                        other[i] += 1;
                    }
                };
                modes = new[] { "warm", "step-like" };
            }
            else if (set == "hidden16")
            {
                double[] x = Fill(64 * 1000), w = Fill(1000 * 1600);
                reference = new double[64 * 1600];
                y = new double[64 * 1600];
                Hidden16Forward.Generated(x, w, reference);
                double[] yy = y;
                variants = new List<Variant> { new("generated", () => Hidden16Forward.Generated(x, w, yy)) };
                foreach (int nc in new[] { 96, 192 })
                {
                    foreach (bool prefetch in new[] { false, true })
                    {
                        variants.Add(new($"panels of {nc} columns{(prefetch ? ", next fetched" : "")}", () => Hidden16ForwardVariants.Panel(x, w, yy, nc, prefetch)));
                    }
                }
                flops = 2.0 * 64 * 1000 * 1600;
                before = NetGen.Bench.CacheSweep.Run;
                modes = new[] { "warm", "cold" };
            }
            else if (set == "batch16")
            {
                double[] x = Fill(1024 * 1000), w = Fill(1000 * 100);
                reference = new double[1024 * 100];
                y = new double[1024 * 100];
                Batch16Forward.Generated(x, w, reference);
                double[] yy = y;
                variants = new List<Variant> { new("generated", () => Batch16Forward.Generated(x, w, yy)) };
                variants.Add(new("generated before row blocks (165aacf)", () => Batch16ForwardBefore.Generated(x, w, yy)));
                foreach (int mc in new[] { 64, 128, 256 })
                {
                    variants.Add(new($"W copied row by row, rows by {mc}", () => Batch16ForwardVariants.RowBlocks(x, w, yy, mc)));
                }
                flops = 2.0 * 1024 * 1000 * 100;
                before = NetGen.Bench.CacheSweep.Run;
                modes = new[] { "warm", "cold" };
            }
            else if (set == "batch16dw")
            {
                double[] x = Fill(1024 * 1000), dY = Fill(1024 * 100), w0 = Fill(1000 * 100), w = (double[])w0.Clone();
                const double rate = 1e-9;
                reference = new double[1000 * 100];
                y = new double[1000 * 100];
                Batch16WeightGradient.Generated(x, dY, reference, w, rate);
                double[] wReference = (double[])w.Clone(), yy = y;
                variants = new List<Variant> { new("generated", () => Batch16WeightGradient.Generated(x, dY, yy, w, rate)) };
                foreach (int kb in new[] { 64, 128, 256 })
                {
                    foreach (bool panels in new[] { false, true })
                    {
                        foreach (bool dYOnce in new[] { false, true })
                        {
                            if (kb == 64 || panels)
                            {
                                variants.Add(new($"k by {kb}{(panels ? ", xᵀ in tile panels" : "")}{(dYOnce ? ", dY copied once" : "")}",
                                    () => Batch16WeightGradientVariants.Run(x, dY, yy, w, rate, kb, rowsOuter: false, dYOnce, panels)));
                            }
                        }
                    }
                }
                foreach (int kb in new[] { 64, 256 })
                {
                    foreach (bool dYOnce in new[] { false, true })
                    {
                        variants.Add(new($"k by {kb}, rows outer{(dYOnce ? ", dY copied once" : "")}",
                            () => Batch16WeightGradientVariants.Run(x, dY, yy, w, rate, kb, rowsOuter: true, dYOnce)));
                    }
                }
                foreach (int kb in new[] { 64, 128, 256 })
                {
                    variants.Add(new($"k by {kb}, panels, dY once, next fetched",
                        () => Batch16WeightGradientVariants.Run(x, dY, yy, w, rate, kb, rowsOuter: false, dYOnce: true, panels: true, prefetch: true)));
                }
                foreach ((int kb, int mc) in new[] { (256, 128), (128, 128), (128, 256), (64, 256) })
                {
                    variants.Add(new($"k by {kb}, panels, dY once, rows by {mc}",
                        () => Batch16WeightGradientVariants.Run(x, dY, yy, w, rate, kb, rowsOuter: false, dYOnce: true, panels: true, rowBlock: mc)));
                }
                variants.Add(new("k by 256, panels, dY once, x not copied (wrong results)",
                    () => Batch16WeightGradientVariants.Run(x, dY, yy, w, rate, 256, rowsOuter: false, dYOnce: true, panels: true, skipPackA: true), Exact: false));
                foreach (int kb in new[] { 64, 256 })
                {
                    foreach (bool panels in new[] { false, true })
                    {
                        variants.Add(new($"k by {kb}{(panels ? ", panels" : "")}, one block's tiles (wrong results)",
                            () => Batch16WeightGradientVariants.Run(x, dY, yy, w, rate, kb, rowsOuter: false, dYOnce: false, panels, computeOnly: true), Exact: false));
                    }
                }
                if (!StepsAsGenerated(variants, w0, w, wReference))
                {
                    return 1;
                }
                flops = 2.0 * 1024 * 1000 * 100;
                before = NetGen.Bench.CacheSweep.Run;
                modes = new[] { "warm", "cold" };
            }
            else if (set == "hidden16dw")
            {
                double[] x = Fill(64 * 1000), dY = Fill(64 * 1600), w0 = Fill(1000 * 1600), w = (double[])w0.Clone();
                const double rate = 1e-9;
                reference = new double[1000 * 1600];
                y = new double[1000 * 1600];
                Hidden16WeightGradient.Generated(x, dY, reference, w, rate);
                double[] wReference = (double[])w.Clone(), yy = y;
                variants = new List<Variant> { new("generated", () => Hidden16WeightGradient.Generated(x, dY, yy, w, rate)) };
                foreach (Hidden16WeightGradientVariants.StepAt at in Enum.GetValues<Hidden16WeightGradientVariants.StepAt>())
                {
                    variants.Add(new($"step by {at}", () => Hidden16WeightGradientVariants.Run(x, dY, yy, w, rate, at)));
                }
                foreach (int mc in new[] { 16, 32 })
                {
                    variants.Add(new($"step by Block, rows by {mc}", () => Hidden16WeightGradientVariants.Run(x, dY, yy, w, rate, Hidden16WeightGradientVariants.StepAt.Block, mc)));
                }
                if (!StepsAsGenerated(variants, w0, w, wReference))
                {
                    return 1;
                }
                flops = 2.0 * 64 * 1000 * 1600;
                before = NetGen.Bench.CacheSweep.Run;
                modes = new[] { "warm", "cold" };
            }
            else
            {
                Console.Error.WriteLine("usage: bench/variants q7|hidden16|hidden16dw|batch16|batch16dw [SECONDS]");
                return 2;
            }

            foreach (Variant variant in variants.Where(v => v.Exact))
            {
                Array.Clear(y);
                variant.Run();
                double error = reference.Zip(y, (r, v) => Math.Abs(r - v)).Max();
                if (error > 1e-9)
                {
                    Console.Error.WriteLine($"variants: '{variant.Name}' differs from the generated kernel by {error}");
                    return 1;
                }
            }
            foreach (string mode in modes)
            {
                var times = variants.Select(_ => new List<double>()).ToArray();
                var clock = Stopwatch.StartNew();
                for (int round = 0; clock.Elapsed.TotalSeconds < seconds || round < 10; round++)
                {
                    for (int turn = 0; turn < variants.Count; turn++)
                    {
                        int v = (turn + round) % variants.Count;
                        int calls = mode == "warm" ? 3 : 1;
                        if (mode != "warm")
                        {
                            before();
                        }
                        long start = Stopwatch.GetTimestamp();
                        for (int call = 0; call < calls; call++)
                        {
                            variants[v].Run();
                        }
                        times[v].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls);
                    }
                }
                Console.WriteLine($"{set}, {mode}: {times[0].Count} rounds; load average {System.IO.File.ReadAllText("/proc/loadavg").Trim()}");
                for (int v = 0; v < variants.Count; v++)
                {
                    List<double> sorted = times[v].OrderBy(t => t).ToList();
                    List<double> ratios = times[v].Zip(times[0], (a, b) => a / b).OrderBy(r => r).ToList();
                    double median = sorted[sorted.Count / 2];
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {variants[v].Name,-40} fastest {sorted[0],8:F0} µs  median {median,8:F0} µs ({flops / median / 1e3,5:F1} GFLOP/s)  / generated: {ratios[ratios.Count / 2]:F3} ({ratios[ratios.Count / 4]:F3}-{ratios[3 * ratios.Count / 4]:F3})"));
                }
            }
            return 0;
        }

        /// <summary>
        /// Whether every exact variant but the first (the generated kernel, whose step gave <paramref name="wReference"/>
        /// from <paramref name="w0"/>) steps <paramref name="w"/> from <paramref name="w0"/> to exactly that; the weights
        /// must match as well as dW. Says which variant does not.
        /// </summary>
        private static bool StepsAsGenerated(List<Variant> variants, double[] w0, double[] w, double[] wReference)
        {
            foreach (Variant variant in variants.Skip(1).Where(v => v.Exact))
            {
                w0.CopyTo(w, 0);
                variant.Run();
                if (!w.SequenceEqual(wReference))
                {
                    Console.Error.WriteLine($"variants: '{variant.Name}' steps w otherwise than the generated kernel");
                    return false;
                }
            }
            return true;
        }
    }
}
