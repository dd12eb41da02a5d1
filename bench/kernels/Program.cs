using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using NetGen.Benchmarks;

namespace NetGen.Bench.Kernels
{
    /// <summary>
    /// Times the products that dominate training, each kernel called alone (the generated private static method,
    /// found by its name) over buffers allocated once:
    /// <code>
    /// dotnet run -c Release --project bench/kernels                 # every kernel below
    /// dotnet run -c Release --project bench/kernels -- 4096 Fashion   # only the kernels whose names contain one of these
    /// dotnet run -c Release --project bench/kernels -- --cold 16000   # each call after a sweep of the caches
    /// dotnet run -c Release --project bench/kernels -- --train q7 10  # a workload's TrainStep in a loop (for bench/profile)
    /// </code>
    /// Each kernel is warmed up, then timed in runs of at least 5 ms; the figure is the fastest run of three rounds
    /// (the rounds interleave the kernels, so a slow moment of the machine does not fall on one kernel alone).
    /// Called again and again, a kernel finds operands of up to the L3's size in L3, where a training step finds
    /// them in memory once the other layers' work has passed through the caches: with <c>--cold</c>, a 64 MiB
    /// buffer is read before every call (not timed), and each call is timed alone, fastest of 20 per round.
    /// The peak is bench/peak's probe, measured in this process (or NETGEN_PEAK_DOUBLE / NETGEN_PEAK_FLOAT).
    /// </summary>
    public static class Program
    {
        private delegate void Product<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c);

        // A weight gradient that also takes plain SGD's step (a network whose TrainStep fuses it): Backward passes
        // an empty w, TrainStep the weights and the rate.
        private delegate void SteppingProduct<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, Span<T> w, T rate);

        private sealed record Kernel(string Network, string Name, bool Single, double Flops, Action Run);

        public static int Main(string[] args)
        {
            int train = Array.IndexOf(args, "--train");
            if (train >= 0)
            {
                return Train(args.Length > train + 1 ? args[train + 1] : "q7",
                    args.Length > train + 2 ? double.Parse(args[train + 2], CultureInfo.InvariantCulture) : 10);
            }
            var random = new Random(1);
            var kernels = new List<Kernel>();

            void Add<T>(Type network, string name, int a, int b, int c, int m, int n, int k)
                where T : struct
            {
                MethodInfo method = network.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)
                    ?? throw new InvalidOperationException($"{network.Name} has no kernel {name}");
                T[] x = Fill<T>(a, random), y = Fill<T>(b, random), z = new T[c];
                bool single = typeof(T) == typeof(float);
                if (method.GetParameters().Length == 5)
                {
                    var step = method.CreateDelegate<SteppingProduct<T>>();
                    T[] w = Fill<T>(c, random);
                    T rate = single ? (T)(object)1e-9f : (T)(object)1e-9;
                    kernels.Add(new Kernel(network.Name, name, single, 2.0 * m * n * k, () => step(x, y, z, default, default)));
                    kernels.Add(new Kernel(network.Name, name + " +step", single, 2.0 * m * n * k, () => step(x, y, z, w, rate)));
                    return;
                }
                var run = method.CreateDelegate<Product<T>>();
                kernels.Add(new Kernel(network.Name, name, single, 2.0 * m * n * k, () => run(x, y, z)));
            }

            // Question 7: Y1 = X · W1 and dW1 = Xᵀ · dY1.
            Add<double>(typeof(Question7Net), "DenseForward_64x1000x100", 64 * 1000, 1000 * 100, 64 * 100, 64, 100, 1000);
            Add<double>(typeof(Question7Net), "DenseWeightGradient_64x1000x100", 64 * 1000, 64 * 100, 1000 * 100, 1000, 100, 64);
            // Question 7's second layer, Y3 = Y2 · W2 (64 × 100 · 100 × 10), and its two gradients.
            Add<double>(typeof(Question7Net), "DenseForward_64x100x10", 64 * 100, 100 * 10, 64 * 10, 64, 10, 100);
            Add<double>(typeof(Question7Net), "DenseWeightGradient_64x100x10", 64 * 100, 64 * 10, 100 * 10, 100, 10, 64);
            Add<double>(typeof(Question7Net), "DenseInputGradient_64x100x10", 64 * 10, 100 * 10, 64 * 100, 64, 100, 10);
            // 16,000 inputs, the scaling table's widest row.
            Add<double>(typeof(ScaleInputs16Net), "DenseForward_64x16000x100", 64 * 16000, 16000 * 100, 64 * 100, 64, 100, 16000);
            Add<double>(typeof(ScaleInputs16Net), "DenseWeightGradient_64x16000x100", 64 * 16000, 64 * 100, 16000 * 100, 16000, 100, 64);
            // The scaling table's other x16 rows: 1024 examples, and 1600 hidden units.
            Add<double>(typeof(ScaleBatch16Net), "DenseForward_1024x1000x100", 1024 * 1000, 1000 * 100, 1024 * 100, 1024, 100, 1000);
            Add<double>(typeof(ScaleBatch16Net), "DenseWeightGradient_1024x1000x100", 1024 * 1000, 1024 * 100, 1000 * 100, 1000, 100, 1024);
            Add<double>(typeof(ScaleHidden16Net), "DenseForward_64x1000x1600", 64 * 1000, 1000 * 1600, 64 * 1600, 64, 1600, 1000);
            Add<double>(typeof(ScaleHidden16Net), "DenseWeightGradient_64x1000x1600", 64 * 1000, 64 * 1600, 1000 * 1600, 1000, 1600, 64);
            // Fashion-MNIST, float: the first layer's products and the second layer's input gradient.
            Add<float>(typeof(FashionOneThreadNet), "DenseWeightGradient_64x784x256", 64 * 784, 64 * 256, 784 * 256, 784, 256, 64);
            Add<float>(typeof(FashionOneThreadNet), "DenseWeightGradient_64x256x128", 64 * 256, 64 * 128, 256 * 128, 256, 128, 64);
            Add<float>(typeof(FashionOneThreadNet), "DenseInputGradient_64x256x128", 64 * 128, 256 * 128, 64 * 256, 64, 256, 128);
            // 256 × 4096-4096: the three products of a hidden layer.
            Add<float>(typeof(Adam4096OneThreadNet), "DenseForward_256x4096x4096", 256 * 4096, 4096 * 4096, 256 * 4096, 256, 4096, 4096);
            Add<float>(typeof(Adam4096OneThreadNet), "DenseWeightGradient_256x4096x4096", 256 * 4096, 256 * 4096, 4096 * 4096, 4096, 4096, 256);
            Add<float>(typeof(Adam4096OneThreadNet), "DenseInputGradient_256x4096x4096", 256 * 4096, 4096 * 4096, 256 * 4096, 256, 4096, 4096);

            bool cold = Array.IndexOf(args, "--cold") >= 0;
            args = Array.FindAll(args, a => a != "--cold");
            if (args.Length > 0)
            {
                kernels.RemoveAll(k => !Array.Exists(args, a => (k.Network + "." + k.Name).Contains(a, StringComparison.OrdinalIgnoreCase)));
            }
            var best = new Dictionary<Kernel, double>();
            for (int round = 0; round < 3; round++)
            {
                foreach (Kernel kernel in kernels)
                {
                    var warm = Stopwatch.StartNew();
                    do
                    {
                        kernel.Run();
                    }
                    while (warm.Elapsed.TotalMilliseconds < 30);
                    if (cold)
                    {
                        for (int trial = 0; trial < 20; trial++)
                        {
                            CacheSweep.Run();
                            long start = Stopwatch.GetTimestamp();
                            kernel.Run();
                            double once = Stopwatch.GetElapsedTime(start).TotalSeconds;
                            best[kernel] = Math.Min(best.GetValueOrDefault(kernel, double.MaxValue), once);
                        }
                        continue;
                    }
                    var total = Stopwatch.StartNew();
                    for (int trial = 0; trial < 3 || (trial < 20 && total.Elapsed.TotalMilliseconds < 150); trial++)
                    {
                        int calls = 0;
                        var watch = Stopwatch.StartNew();
                        do
                        {
                            kernel.Run();
                            calls++;
                        }
                        while (watch.Elapsed.TotalMilliseconds < 5);
                        double seconds = watch.Elapsed.TotalSeconds / calls;
                        best[kernel] = Math.Min(best.GetValueOrDefault(kernel, double.MaxValue), seconds);
                    }
                }
            }
            Console.WriteLine($"peak per core: {MachinePeak.PerCore(false):F1} GFLOP/s double, {MachinePeak.PerCore(true):F1} float ({MachinePeak.Source}){(cold ? "; caches swept before every call" : "")}");
            Console.WriteLine($"{"network",-22} {"kernel",-42} {"µs",11} {"GFLOP/s",8} {"peak",6}");
            foreach (Kernel kernel in kernels)
            {
                double seconds = best[kernel];
                double rate = kernel.Flops / seconds / 1e9;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kernel.Network,-22} {kernel.Name,-42} {seconds * 1e6,11:F1} {rate,8:F1} {rate / MachinePeak.PerCore(kernel.Single),6:P0}"));
            }
            return 0;
        }



        /// <summary>
        /// Calls one of NetGen.Benchmarks' workloads (bench/numpy_bench.py's names: q7, scale-x1, scale-hidden-x16, …)
        /// again and again for the given seconds after a warm-up, as a training loop does, and prints the time per
        /// step: the loop a sampling profiler watches (bench/profile).
        /// </summary>
        private static int Train(string name, double seconds)
        {
            Workload workload;
            try
            {
                workload = Workload.Create(name);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"kernels: {e.Message}");
                return 2;
            }
            var warm = Stopwatch.StartNew();
            while (warm.Elapsed.TotalSeconds < 1)
            {
                workload.TrainStep();
            }
            long steps = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                workload.TrainStep();
                steps++;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {steps} TrainSteps in {clock.Elapsed.TotalSeconds:F1} s, {clock.Elapsed.TotalMilliseconds * 1000 / steps:F1} µs each"));
            return 0;
        }

        private static T[] Fill<T>(int length, Random random)
            where T : struct
        {
            var values = new T[length];
            for (int i = 0; i < length; i++)
            {
                double value = random.NextDouble() - 0.5;
                values[i] = typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;
            }
            return values;
        }
    }
}
