using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Threading;

namespace NetGen.Bench.Peak
{
    /// <summary>The vector width a measurement runs at: the widest this process can use, or a narrower one on request.</summary>
    public enum PeakIsa
    {
        /// <summary>Math.FusedMultiplyAdd on one number at a time.</summary>
        Scalar,
        /// <summary>128-bit vectors, FMA3.</summary>
        Vector128,
        /// <summary>256-bit vectors, AVX + FMA3.</summary>
        Vector256,
        /// <summary>512-bit vectors, AVX-512F.</summary>
        Vector512,
    }

    /// <summary>
    /// What <see cref="FmaPeak.Measure"/> found, in GFLOP/s (one fused multiply-add counts as 2 floating-point
    /// operations): the rate of one core running alone, and the rate of each core while every core runs at once.
    /// </summary>
    public sealed record PeakResult(
        PeakIsa Isa,
        int Chains,
        int Cores,
        double DoubleOneCore,
        double FloatOneCore,
        double DoubleAllCoresPerCore,
        double FloatAllCoresPerCore)
    {
        /// <summary>The one line scripts read: <c>PEAK isa=... cores=... double=... float=... double_all=... float_all=...</c>.</summary>
        public string MachineReadable() => string.Create(CultureInfo.InvariantCulture,
            $"PEAK isa={Isa} chains={Chains} cores={Cores} double={DoubleOneCore:F1} float={FloatOneCore:F1} double_all={DoubleAllCoresPerCore:F1} float_all={FloatAllCoresPerCore:F1}");

        /// <summary>The same figures as a JSON object (GFLOP/s per core).</summary>
        public string Json() => string.Create(CultureInfo.InvariantCulture,
            $"{{\"isa\": \"{Isa}\", \"chains\": {Chains}, \"cores\": {Cores}, \"double\": {DoubleOneCore:F2}, \"float\": {FloatOneCore:F2}, \"double_all_cores_per_core\": {DoubleAllCoresPerCore:F2}, \"float_all_cores_per_core\": {FloatAllCoresPerCore:F2}, \"unit\": \"GFLOP/s per core\"}}");
    }

    /// <summary>
    /// Measures the fused multiply-add throughput of this machine at run time: independent chains of
    /// <c>c = c · a + b</c> (16 chains of 512-bit vectors, or 12 of narrower ones so that they stay in the 16
    /// registers an AVX2 machine has), long enough that the FMA units, not their latency, set the pace. Each figure
    /// is the best of several timed runs, so that a busy machine lowers it as little as possible.
    /// </summary>
    public static class FmaPeak
    {
        // c → c · A + B converges to B / (1 - A) = 1: no overflow, no subnormal numbers, whatever the run's length.
        private const double A = 0.9999999;
        private const double B = 1e-7;

        /// <summary>The widest vectors this process can use for FMA (what NetGen's kernels pick as well).</summary>
        public static PeakIsa WidestIsa =>
            Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? PeakIsa.Vector512
            : Fma.IsSupported && Avx.IsSupported ? PeakIsa.Vector256
            : Fma.IsSupported ? PeakIsa.Vector128
            : PeakIsa.Scalar;

        /// <summary>Whether this process can run <paramref name="isa"/>.</summary>
        public static bool Supports(PeakIsa isa) => isa switch
        {
            PeakIsa.Vector512 => Avx512F.IsSupported,
            PeakIsa.Vector256 => Fma.IsSupported && Avx.IsSupported,
            PeakIsa.Vector128 => Fma.IsSupported,
            _ => true,
        };

        /// <summary>The independent chains of a measurement at <paramref name="isa"/>.</summary>
        public static int ChainsOf(PeakIsa isa) => isa == PeakIsa.Vector512 ? 16 : 12;

        /// <summary>
        /// Measures double and float, first on one core, then on <paramref name="cores"/> threads at once (default:
        /// every processor this process may use). <paramref name="seconds"/> is the length of one timed run; each
        /// figure is the best of <paramref name="runs"/>.
        /// </summary>
        public static PeakResult Measure(PeakIsa? isa = null, int? cores = null, double seconds = 0.1, int runs = 5)
        {
            PeakIsa chosen = isa ?? WidestIsa;
            if (!Supports(chosen))
            {
                throw new PlatformNotSupportedException($"This process cannot run {chosen} FMA.");
            }
            int threads = cores ?? Environment.ProcessorCount;
            long doubleIterations = Calibrate(chosen, false, seconds);
            long floatIterations = Calibrate(chosen, true, seconds);
            // The runs alternate between double and float, and between one core and all, so that a process starting
            // or stopping beside the probe lowers all four figures alike rather than one of them.
            double d1 = 0, f1 = 0, dAll = 0, fAll = 0;
            for (int r = 0; r < runs; r++)
            {
                d1 = Math.Max(d1, Rate(chosen, false, 1, doubleIterations));
                f1 = Math.Max(f1, Rate(chosen, true, 1, floatIterations));
                if (threads > 1)
                {
                    dAll = Math.Max(dAll, Rate(chosen, false, threads, doubleIterations));
                    fAll = Math.Max(fAll, Rate(chosen, true, threads, floatIterations));
                }
            }
            if (threads == 1)
            {
                (dAll, fAll) = (d1, f1);
            }
            return new PeakResult(chosen, ChainsOf(chosen), threads, d1, f1, dAll, fAll);
        }

        /// <summary>The load averages of /proc/loadavg (1, 5 and 15 minutes), or "unknown" where there is none.</summary>
        public static string LoadAverage()
        {
            try
            {
                string[] fields = File.ReadAllText("/proc/loadavg").Split(' ');
                return $"{fields[0]} {fields[1]} {fields[2]}";
            }
            catch (IOException)
            {
                return "unknown";
            }
            catch (UnauthorizedAccessException)
            {
                return "unknown";
            }
        }

        /// <summary>Compiles the loop and finds how many iterations last about <paramref name="seconds"/> on one core.</summary>
        private static long Calibrate(PeakIsa isa, bool single, double seconds)
        {
            long iterations = 1 << 16;
            while (true)
            {
                double elapsed = Time(isa, single, iterations);
                if (elapsed >= seconds / 4)
                {
                    return Math.Max(1, (long)(iterations * seconds / elapsed));
                }
                iterations *= 4;
            }
        }

        /// <summary>GFLOP/s per core of one run of <paramref name="threads"/> threads at once.</summary>
        private static double Rate(PeakIsa isa, bool single, int threads, long iterations)
        {
            double flopsPerIteration = 2.0 * ChainsOf(isa) * Lanes(isa, single);
            double wall = threads == 1 ? Time(isa, single, iterations) : TimeTogether(isa, single, iterations, threads);
            return flopsPerIteration * iterations / wall / 1e9;
        }

        internal static int Lanes(PeakIsa isa, bool single) => isa switch
        {
            PeakIsa.Vector512 => single ? 16 : 8,
            PeakIsa.Vector256 => single ? 8 : 4,
            PeakIsa.Vector128 => single ? 4 : 2,
            _ => 1,
        };

        private static double Time(PeakIsa isa, bool single, long iterations)
        {
            var watch = Stopwatch.StartNew();
            Run(isa, single, iterations);
            return watch.Elapsed.TotalSeconds;
        }

        /// <summary>Seconds from the moment every thread is ready until the last one finishes, divided over the threads' work.</summary>
        private static double TimeTogether(PeakIsa isa, bool single, long iterations, int threads)
        {
            using var ready = new Barrier(threads + 1);
            var done = new CountdownEvent(threads);
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                workers[t] = new Thread(() =>
                {
                    ready.SignalAndWait();
                    Run(isa, single, iterations);
                    done.Signal();
                })
                { IsBackground = true };
                workers[t].Start();
            }
            ready.SignalAndWait();
            var watch = Stopwatch.StartNew();
            done.Wait();
            double elapsed = watch.Elapsed.TotalSeconds;
            foreach (Thread worker in workers)
            {
                worker.Join();
            }
            done.Dispose();
            return elapsed;
        }

        internal static double Run(PeakIsa isa, bool single, long iterations) => (isa, single) switch
        {
            (PeakIsa.Vector512, false) => Double512(iterations),
            (PeakIsa.Vector512, true) => Single512(iterations),
            (PeakIsa.Vector256, false) => Double256(iterations),
            (PeakIsa.Vector256, true) => Single256(iterations),
            (PeakIsa.Vector128, false) => Double128(iterations),
            (PeakIsa.Vector128, true) => Single128(iterations),
            (_, false) => DoubleScalar(iterations),
            (_, true) => SingleScalar(iterations),
        };

        // The loops. Each chain starts at a different value so that no two are the same computation; the sum at the
        // end keeps every chain's result alive.

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double Double512(long iterations)
        {
            Vector512<double> a = Vector512.Create(A), b = Vector512.Create(B);
            Vector512<double> c0 = Vector512.Create(0.01), c1 = Vector512.Create(0.02), c2 = Vector512.Create(0.03), c3 = Vector512.Create(0.04);
            Vector512<double> c4 = Vector512.Create(0.05), c5 = Vector512.Create(0.06), c6 = Vector512.Create(0.07), c7 = Vector512.Create(0.08);
            Vector512<double> c8 = Vector512.Create(0.09), c9 = Vector512.Create(0.10), c10 = Vector512.Create(0.11), c11 = Vector512.Create(0.12);
            Vector512<double> c12 = Vector512.Create(0.13), c13 = Vector512.Create(0.14), c14 = Vector512.Create(0.15), c15 = Vector512.Create(0.16);
            for (long i = 0; i < iterations; i++)
            {
                c0 = Avx512F.FusedMultiplyAdd(c0, a, b); c1 = Avx512F.FusedMultiplyAdd(c1, a, b);
                c2 = Avx512F.FusedMultiplyAdd(c2, a, b); c3 = Avx512F.FusedMultiplyAdd(c3, a, b);
                c4 = Avx512F.FusedMultiplyAdd(c4, a, b); c5 = Avx512F.FusedMultiplyAdd(c5, a, b);
                c6 = Avx512F.FusedMultiplyAdd(c6, a, b); c7 = Avx512F.FusedMultiplyAdd(c7, a, b);
                c8 = Avx512F.FusedMultiplyAdd(c8, a, b); c9 = Avx512F.FusedMultiplyAdd(c9, a, b);
                c10 = Avx512F.FusedMultiplyAdd(c10, a, b); c11 = Avx512F.FusedMultiplyAdd(c11, a, b);
                c12 = Avx512F.FusedMultiplyAdd(c12, a, b); c13 = Avx512F.FusedMultiplyAdd(c13, a, b);
                c14 = Avx512F.FusedMultiplyAdd(c14, a, b); c15 = Avx512F.FusedMultiplyAdd(c15, a, b);
            }
            return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double Single512(long iterations)
        {
            Vector512<float> a = Vector512.Create((float)A), b = Vector512.Create((float)B);
            Vector512<float> c0 = Vector512.Create(0.01f), c1 = Vector512.Create(0.02f), c2 = Vector512.Create(0.03f), c3 = Vector512.Create(0.04f);
            Vector512<float> c4 = Vector512.Create(0.05f), c5 = Vector512.Create(0.06f), c6 = Vector512.Create(0.07f), c7 = Vector512.Create(0.08f);
            Vector512<float> c8 = Vector512.Create(0.09f), c9 = Vector512.Create(0.10f), c10 = Vector512.Create(0.11f), c11 = Vector512.Create(0.12f);
            Vector512<float> c12 = Vector512.Create(0.13f), c13 = Vector512.Create(0.14f), c14 = Vector512.Create(0.15f), c15 = Vector512.Create(0.16f);
            for (long i = 0; i < iterations; i++)
            {
                c0 = Avx512F.FusedMultiplyAdd(c0, a, b); c1 = Avx512F.FusedMultiplyAdd(c1, a, b);
                c2 = Avx512F.FusedMultiplyAdd(c2, a, b); c3 = Avx512F.FusedMultiplyAdd(c3, a, b);
                c4 = Avx512F.FusedMultiplyAdd(c4, a, b); c5 = Avx512F.FusedMultiplyAdd(c5, a, b);
                c6 = Avx512F.FusedMultiplyAdd(c6, a, b); c7 = Avx512F.FusedMultiplyAdd(c7, a, b);
                c8 = Avx512F.FusedMultiplyAdd(c8, a, b); c9 = Avx512F.FusedMultiplyAdd(c9, a, b);
                c10 = Avx512F.FusedMultiplyAdd(c10, a, b); c11 = Avx512F.FusedMultiplyAdd(c11, a, b);
                c12 = Avx512F.FusedMultiplyAdd(c12, a, b); c13 = Avx512F.FusedMultiplyAdd(c13, a, b);
                c14 = Avx512F.FusedMultiplyAdd(c14, a, b); c15 = Avx512F.FusedMultiplyAdd(c15, a, b);
            }
            return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11 + c12 + c13 + c14 + c15);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double Double256(long iterations)
        {
            Vector256<double> a = Vector256.Create(A), b = Vector256.Create(B);
            Vector256<double> c0 = Vector256.Create(0.01), c1 = Vector256.Create(0.02), c2 = Vector256.Create(0.03), c3 = Vector256.Create(0.04);
            Vector256<double> c4 = Vector256.Create(0.05), c5 = Vector256.Create(0.06), c6 = Vector256.Create(0.07), c7 = Vector256.Create(0.08);
            Vector256<double> c8 = Vector256.Create(0.09), c9 = Vector256.Create(0.10), c10 = Vector256.Create(0.11), c11 = Vector256.Create(0.12);
            for (long i = 0; i < iterations; i++)
            {
                c0 = Fma.MultiplyAdd(c0, a, b); c1 = Fma.MultiplyAdd(c1, a, b);
                c2 = Fma.MultiplyAdd(c2, a, b); c3 = Fma.MultiplyAdd(c3, a, b);
                c4 = Fma.MultiplyAdd(c4, a, b); c5 = Fma.MultiplyAdd(c5, a, b);
                c6 = Fma.MultiplyAdd(c6, a, b); c7 = Fma.MultiplyAdd(c7, a, b);
                c8 = Fma.MultiplyAdd(c8, a, b); c9 = Fma.MultiplyAdd(c9, a, b);
                c10 = Fma.MultiplyAdd(c10, a, b); c11 = Fma.MultiplyAdd(c11, a, b);
            }
            return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double Single256(long iterations)
        {
            Vector256<float> a = Vector256.Create((float)A), b = Vector256.Create((float)B);
            Vector256<float> c0 = Vector256.Create(0.01f), c1 = Vector256.Create(0.02f), c2 = Vector256.Create(0.03f), c3 = Vector256.Create(0.04f);
            Vector256<float> c4 = Vector256.Create(0.05f), c5 = Vector256.Create(0.06f), c6 = Vector256.Create(0.07f), c7 = Vector256.Create(0.08f);
            Vector256<float> c8 = Vector256.Create(0.09f), c9 = Vector256.Create(0.10f), c10 = Vector256.Create(0.11f), c11 = Vector256.Create(0.12f);
            for (long i = 0; i < iterations; i++)
            {
                c0 = Fma.MultiplyAdd(c0, a, b); c1 = Fma.MultiplyAdd(c1, a, b);
                c2 = Fma.MultiplyAdd(c2, a, b); c3 = Fma.MultiplyAdd(c3, a, b);
                c4 = Fma.MultiplyAdd(c4, a, b); c5 = Fma.MultiplyAdd(c5, a, b);
                c6 = Fma.MultiplyAdd(c6, a, b); c7 = Fma.MultiplyAdd(c7, a, b);
                c8 = Fma.MultiplyAdd(c8, a, b); c9 = Fma.MultiplyAdd(c9, a, b);
                c10 = Fma.MultiplyAdd(c10, a, b); c11 = Fma.MultiplyAdd(c11, a, b);
            }
            return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double Double128(long iterations)
        {
            Vector128<double> a = Vector128.Create(A), b = Vector128.Create(B);
            Vector128<double> c0 = Vector128.Create(0.01), c1 = Vector128.Create(0.02), c2 = Vector128.Create(0.03), c3 = Vector128.Create(0.04);
            Vector128<double> c4 = Vector128.Create(0.05), c5 = Vector128.Create(0.06), c6 = Vector128.Create(0.07), c7 = Vector128.Create(0.08);
            Vector128<double> c8 = Vector128.Create(0.09), c9 = Vector128.Create(0.10), c10 = Vector128.Create(0.11), c11 = Vector128.Create(0.12);
            for (long i = 0; i < iterations; i++)
            {
                c0 = Fma.MultiplyAdd(c0, a, b); c1 = Fma.MultiplyAdd(c1, a, b);
                c2 = Fma.MultiplyAdd(c2, a, b); c3 = Fma.MultiplyAdd(c3, a, b);
                c4 = Fma.MultiplyAdd(c4, a, b); c5 = Fma.MultiplyAdd(c5, a, b);
                c6 = Fma.MultiplyAdd(c6, a, b); c7 = Fma.MultiplyAdd(c7, a, b);
                c8 = Fma.MultiplyAdd(c8, a, b); c9 = Fma.MultiplyAdd(c9, a, b);
                c10 = Fma.MultiplyAdd(c10, a, b); c11 = Fma.MultiplyAdd(c11, a, b);
            }
            return Vector128.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double Single128(long iterations)
        {
            Vector128<float> a = Vector128.Create((float)A), b = Vector128.Create((float)B);
            Vector128<float> c0 = Vector128.Create(0.01f), c1 = Vector128.Create(0.02f), c2 = Vector128.Create(0.03f), c3 = Vector128.Create(0.04f);
            Vector128<float> c4 = Vector128.Create(0.05f), c5 = Vector128.Create(0.06f), c6 = Vector128.Create(0.07f), c7 = Vector128.Create(0.08f);
            Vector128<float> c8 = Vector128.Create(0.09f), c9 = Vector128.Create(0.10f), c10 = Vector128.Create(0.11f), c11 = Vector128.Create(0.12f);
            for (long i = 0; i < iterations; i++)
            {
                c0 = Fma.MultiplyAdd(c0, a, b); c1 = Fma.MultiplyAdd(c1, a, b);
                c2 = Fma.MultiplyAdd(c2, a, b); c3 = Fma.MultiplyAdd(c3, a, b);
                c4 = Fma.MultiplyAdd(c4, a, b); c5 = Fma.MultiplyAdd(c5, a, b);
                c6 = Fma.MultiplyAdd(c6, a, b); c7 = Fma.MultiplyAdd(c7, a, b);
                c8 = Fma.MultiplyAdd(c8, a, b); c9 = Fma.MultiplyAdd(c9, a, b);
                c10 = Fma.MultiplyAdd(c10, a, b); c11 = Fma.MultiplyAdd(c11, a, b);
            }
            return Vector128.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double DoubleScalar(long iterations)
        {
            double c0 = 0.01, c1 = 0.02, c2 = 0.03, c3 = 0.04, c4 = 0.05, c5 = 0.06;
            double c6 = 0.07, c7 = 0.08, c8 = 0.09, c9 = 0.10, c10 = 0.11, c11 = 0.12;
            for (long i = 0; i < iterations; i++)
            {
                c0 = Math.FusedMultiplyAdd(c0, A, B); c1 = Math.FusedMultiplyAdd(c1, A, B);
                c2 = Math.FusedMultiplyAdd(c2, A, B); c3 = Math.FusedMultiplyAdd(c3, A, B);
                c4 = Math.FusedMultiplyAdd(c4, A, B); c5 = Math.FusedMultiplyAdd(c5, A, B);
                c6 = Math.FusedMultiplyAdd(c6, A, B); c7 = Math.FusedMultiplyAdd(c7, A, B);
                c8 = Math.FusedMultiplyAdd(c8, A, B); c9 = Math.FusedMultiplyAdd(c9, A, B);
                c10 = Math.FusedMultiplyAdd(c10, A, B); c11 = Math.FusedMultiplyAdd(c11, A, B);
            }
            return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double SingleScalar(long iterations)
        {
            const float a = (float)A, b = (float)B;
            float c0 = 0.01f, c1 = 0.02f, c2 = 0.03f, c3 = 0.04f, c4 = 0.05f, c5 = 0.06f;
            float c6 = 0.07f, c7 = 0.08f, c8 = 0.09f, c9 = 0.10f, c10 = 0.11f, c11 = 0.12f;
            for (long i = 0; i < iterations; i++)
            {
                c0 = MathF.FusedMultiplyAdd(c0, a, b); c1 = MathF.FusedMultiplyAdd(c1, a, b);
                c2 = MathF.FusedMultiplyAdd(c2, a, b); c3 = MathF.FusedMultiplyAdd(c3, a, b);
                c4 = MathF.FusedMultiplyAdd(c4, a, b); c5 = MathF.FusedMultiplyAdd(c5, a, b);
                c6 = MathF.FusedMultiplyAdd(c6, a, b); c7 = MathF.FusedMultiplyAdd(c7, a, b);
                c8 = MathF.FusedMultiplyAdd(c8, a, b); c9 = MathF.FusedMultiplyAdd(c9, a, b);
                c10 = MathF.FusedMultiplyAdd(c10, a, b); c11 = MathF.FusedMultiplyAdd(c11, a, b);
            }
            return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
        }
    }
}
