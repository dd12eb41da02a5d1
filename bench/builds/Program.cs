using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace NetGen.Bench.Builds
{
    /// <summary>
    /// Times one call (TrainStep, Forward or Backward) of a network of NetGen.Benchmarks in two builds of that
    /// assembly, each loaded into its own <see cref="AssemblyLoadContext"/> with its own NetGen.Runtime:
    /// <code>
    /// dotnet run -c Release --project bench/builds -- OLD/NetGen.Benchmarks.dll NEW/NetGen.Benchmarks.dll ScaleInputs16Net step [seconds] [--warm]
    /// </code>
    /// The two are called in pairs, in alternating order, for the given time (6 s unless told). Before every call a
    /// 64 MiB buffer is read, so that each call finds its operands where training finds them once the other
    /// layers' work has passed through the caches: in memory, not in L3. With <c>--warm</c>, a network whose whole
    /// step fits in L3 (question 7's) is timed as a training loop runs it instead: no sweep, and each member of a
    /// pair is a run of 10 calls back to back, timed together (the figures are per call). Prints each build's fastest, first
    /// quartile and median time, and the median and quartiles of new / old over the pairs, which a slow moment of
    /// the machine changes for both members of a pair alike.
    /// </summary>
    public static class Program
    {
        private delegate double TrainStepMethod(ReadOnlySpan<double> x, ReadOnlySpan<double> target, double learningRate);

        private delegate ReadOnlySpan<double> ForwardMethod(ReadOnlySpan<double> x);

        private delegate void BackwardMethod(ReadOnlySpan<double> x, ReadOnlySpan<double> target);


        public static int Main(string[] args)
        {
            bool warm = Array.IndexOf(args, "--warm") >= 0;
            args = Array.FindAll(args, a => a != "--warm");
            if (args.Length < 4 || args[3] is not ("step" or "forward" or "backward"))
            {
                Console.Error.WriteLine("usage: OLD.dll NEW.dll NETWORK step|forward|backward [SECONDS] [--warm]");
                return 2;
            }
            double seconds = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 6;
            string network = args[2], mode = args[3];
            var calls = new List<Action>();
            foreach (string path in new[] { args[0], args[1] })
            {
                calls.Add(Load(Path.GetFullPath(path), network, mode));
            }

            var times = new[] { new List<double>(), new List<double>() };
            var clock = Stopwatch.StartNew();
            for (int pair = 0; clock.Elapsed.TotalSeconds < seconds || pair < 10; pair++)
            {
                for (int turn = 0; turn < 2; turn++)
                {
                    int build = (pair & 1) ^ turn;
                    int run = warm ? 10 : 1;
                    if (!warm)
                    {
                        CacheSweep.Run();
                    }
                    long start = Stopwatch.GetTimestamp();
                    for (int call = 0; call < run; call++)
                    {
                        calls[build]();
                    }
                    times[build].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / run);
                }
            }
            for (int build = 0; build < 2; build++)
            {
                List<double> sorted = times[build].OrderBy(t => t).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(build == 0 ? "old" : "new")} {network} {mode}{(warm ? " (warm, runs of 10 calls)" : "")}: fastest {sorted[0]:F1} µs, first quartile {sorted[sorted.Count / 4]:F1}, median {sorted[sorted.Count / 2]:F1} ({sorted.Count} calls)"));
            }
            List<double> ratios = times[1].Zip(times[0], (n, o) => n / o).OrderBy(r => r).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"new / old over {ratios.Count} pairs: median {ratios[ratios.Count / 2]:F3}, quartiles {ratios[ratios.Count / 4]:F3} to {ratios[3 * ratios.Count / 4]:F3}"));
            return 0;
        }

        private static Action Load(string path, string network, string mode)
        {
            Assembly assembly = new BuildContext(path).LoadFromAssemblyPath(path);
            Type type = assembly.GetType("NetGen.Benchmarks." + network, throwOnError: true)!;
            object net = Activator.CreateInstance(type)!;
            int Constant(string name) => (int)type.GetField(name)!.GetValue(null)!;
            int batch = Constant("BatchSize"), inputs = Constant("InputSize"), outputs = Constant("OutputSize");
            Type span = typeof(ReadOnlySpan<double>);
            T Method<T>(string name, params Type[] parameters) where T : Delegate =>
                (T)Delegate.CreateDelegate(typeof(T), net, type.GetMethod(name, parameters)!);
            var trainStep = Method<TrainStepMethod>("TrainStep", span, span, typeof(double));
            var forward = Method<ForwardMethod>("Forward", span);
            var backward = Method<BackwardMethod>("Backward", span, span);

            var random = new Random(3);
            double[] x = Enumerable.Range(0, batch * inputs).Select(_ => random.NextDouble()).ToArray();
            double[] target = Enumerable.Range(0, batch * outputs).Select(_ => random.NextDouble()).ToArray();
            // Warm up (the JIT's tiers), with a rate so small that the weights barely move.
            for (int i = 0; i < 30; i++)
            {
                trainStep(x, target, 1e-9);
            }
            forward(x);
            return mode switch
            {
                "step" => () => trainStep(x, target, 1e-9),
                "forward" => () => forward(x),
                _ => () => backward(x, target),
            };
        }


        /// <summary>Resolves a build's own dependencies (its NetGen.Runtime) from its folder.</summary>
        private sealed class BuildContext : AssemblyLoadContext
        {
            private readonly AssemblyDependencyResolver _resolver;

            public BuildContext(string path)
                : base(path, isCollectible: false)
            {
                _resolver = new AssemblyDependencyResolver(path);
            }

            protected override Assembly? Load(AssemblyName name)
            {
                string? path = _resolver.ResolveAssemblyToPath(name);
                return path is null ? null : LoadFromAssemblyPath(path);
            }
        }
    }
}
