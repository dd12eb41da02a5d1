using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Peak
{
    /// <summary>
    /// How steady this core is, and how near the FMA peak the kernels' register tile can come, in double:
    /// <code>
    /// dotnet run -c Release --project bench/peak -- --steadiness 20
    /// </code>
    /// Two loops of the same work (12.6 MFLOP, about question 7's forward product) are timed in alternation for the
    /// given seconds: the probe's independent FMA chains (registers only), and the register tile NetGen's double
    /// kernels use most (4 rows × 3 vectors in 12 accumulators, one broadcast of A per row and three loads of B per
    /// term) over a 256-term slice of B that stays in L1 while 16 row tiles of A (64 × 256, 128 KiB) come from L2,
    /// as in question 7's forward. Each prints its fastest, 10th percentile, median and 90th percentile rate. The
    /// tile's best against the chains' best is the most any product kernel built on it can reach here; the spread
    /// of each is how much a figure taken on this machine moves from one moment to the next.
    /// </summary>
    public static class Steadiness
    {
        private const int Rows = 64, Terms = 256, Passes = 32;

        public static int Run(PeakIsa isa, double seconds)
        {
            if (isa is not (PeakIsa.Vector256 or PeakIsa.Vector512))
            {
                Console.Error.WriteLine($"peak: --steadiness runs the Vector256 or Vector512 tile; this process has {isa}");
                return 2;
            }
            int lanes = FmaPeak.Lanes(isa, false);
            int width = 3 * lanes;
            double[] a = new double[Rows * Terms], b = new double[Terms * width], c = new double[Rows * width];
            var random = new Random(1);
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = random.NextDouble() - 0.5;
            }
            for (int i = 0; i < b.Length; i++)
            {
                b[i] = (random.NextDouble() - 0.5) * 1e-3;
            }
            double tileFlops = 2.0 * Rows * Terms * width * Passes;
            int chainFlopsPerIteration = FmaPeak.ChainsOf(isa) * lanes * 2;
            long chainIterations = (long)(tileFlops / chainFlopsPerIteration);
            double chainFlops = (double)chainIterations * chainFlopsPerIteration;

            Func<double> tile = isa == PeakIsa.Vector512 ? () => Tile512(a, b, c) : () => Tile256(a, b, c);
            var loops = new (string Name, double Flops, Func<double> Run)[]
            {
                ("FMA chains (registers only)", chainFlops, () => FmaPeak.Run(isa, false, chainIterations)),
                ("register tile 4 × 3 vectors (B in L1, A in L2)", tileFlops, tile),
            };
            var times = loops.Select(_ => new List<double>()).ToArray();
            foreach (var loop in loops)
            {
                for (int i = 0; i < 50; i++)
                {
                    loop.Run();
                }
            }
            string loadBefore = FmaPeak.LoadAverage();
            var clock = Stopwatch.StartNew();
            for (int round = 0; clock.Elapsed.TotalSeconds < seconds || round < 20; round++)
            {
                for (int turn = 0; turn < loops.Length; turn++)
                {
                    int which = (round + turn) % loops.Length;
                    long start = Stopwatch.GetTimestamp();
                    loops[which].Run();
                    times[which].Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            }
            var c0 = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c0, $"Steadiness, {isa} double: {times[0].Count} bursts of {tileFlops / 1e6:F1} MFLOP each, in alternation for {seconds} s; load average {loadBefore} before, {FmaPeak.LoadAverage()} after"));
            Console.WriteLine(string.Create(c0, $"  {"GFLOP/s",-48} {"best",7} {"p10",7} {"median",7} {"p90",7}"));
            var best = new double[loops.Length];
            for (int i = 0; i < loops.Length; i++)
            {
                List<double> sorted = times[i].OrderBy(t => t).ToList();
                double Rate(double fraction) => loops[i].Flops / sorted[(int)(fraction * (sorted.Count - 1))] / 1e9;
                best[i] = Rate(0);
                Console.WriteLine(string.Create(c0, $"  {loops[i].Name,-48} {Rate(0),7:F1} {Rate(0.1),7:F1} {Rate(0.5),7:F1} {Rate(0.9),7:F1}"));
            }
            Console.WriteLine(string.Create(c0, $"the tile's best is {best[1] / best[0]:P0} of the chains' best"));
            return 0;
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double Tile256(double[] a, double[] b, double[] c)
        {
            ref double aRef = ref MemoryMarshal.GetArrayDataReference(a);
            ref double bRef = ref MemoryMarshal.GetArrayDataReference(b);
            ref double cRef = ref MemoryMarshal.GetArrayDataReference(c);
            for (int pass = 0; pass < Passes; pass++)
            {
                for (int m = 0; m < Rows; m += 4)
                {
                    ref double cRow = ref Unsafe.Add(ref cRef, m * 12);
                    Vector256<double> c00 = Vector256<double>.Zero, c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
                    Vector256<double> c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
                    ref double aK = ref Unsafe.Add(ref aRef, m * Terms);
                    ref double bK = ref bRef;
                    for (int k = 0; k < Terms; k++)
                    {
                        Vector256<double> b0 = Vector256.LoadUnsafe(ref bK, 0), b1 = Vector256.LoadUnsafe(ref bK, 4), b2 = Vector256.LoadUnsafe(ref bK, 8);
                        Vector256<double> a0 = Vector256.Create(aK);
                        c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01); c02 = Fma.MultiplyAdd(a0, b2, c02);
                        Vector256<double> a1 = Vector256.Create(Unsafe.Add(ref aK, Terms));
                        c10 = Fma.MultiplyAdd(a1, b0, c10); c11 = Fma.MultiplyAdd(a1, b1, c11); c12 = Fma.MultiplyAdd(a1, b2, c12);
                        Vector256<double> a2 = Vector256.Create(Unsafe.Add(ref aK, 2 * Terms));
                        c20 = Fma.MultiplyAdd(a2, b0, c20); c21 = Fma.MultiplyAdd(a2, b1, c21); c22 = Fma.MultiplyAdd(a2, b2, c22);
                        Vector256<double> a3 = Vector256.Create(Unsafe.Add(ref aK, 3 * Terms));
                        c30 = Fma.MultiplyAdd(a3, b0, c30); c31 = Fma.MultiplyAdd(a3, b1, c31); c32 = Fma.MultiplyAdd(a3, b2, c32);
                        aK = ref Unsafe.Add(ref aK, 1);
                        bK = ref Unsafe.Add(ref bK, 12);
                    }
                    (c00 + c10 + c20 + c30).StoreUnsafe(ref cRow, 0);
                    (c01 + c11 + c21 + c31).StoreUnsafe(ref cRow, 4);
                    (c02 + c12 + c22 + c32).StoreUnsafe(ref cRow, 8);
                }
            }
            return c[0];
        }

        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private static double Tile512(double[] a, double[] b, double[] c)
        {
            ref double aRef = ref MemoryMarshal.GetArrayDataReference(a);
            ref double bRef = ref MemoryMarshal.GetArrayDataReference(b);
            ref double cRef = ref MemoryMarshal.GetArrayDataReference(c);
            for (int pass = 0; pass < Passes; pass++)
            {
                for (int m = 0; m < Rows; m += 4)
                {
                    ref double cRow = ref Unsafe.Add(ref cRef, m * 24);
                    Vector512<double> c00 = Vector512<double>.Zero, c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00;
                    Vector512<double> c20 = c00, c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
                    ref double aK = ref Unsafe.Add(ref aRef, m * Terms);
                    ref double bK = ref bRef;
                    for (int k = 0; k < Terms; k++)
                    {
                        Vector512<double> b0 = Vector512.LoadUnsafe(ref bK, 0), b1 = Vector512.LoadUnsafe(ref bK, 8), b2 = Vector512.LoadUnsafe(ref bK, 16);
                        Vector512<double> a0 = Vector512.Create(aK);
                        c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00); c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01); c02 = Avx512F.FusedMultiplyAdd(a0, b2, c02);
                        Vector512<double> a1 = Vector512.Create(Unsafe.Add(ref aK, Terms));
                        c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10); c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11); c12 = Avx512F.FusedMultiplyAdd(a1, b2, c12);
                        Vector512<double> a2 = Vector512.Create(Unsafe.Add(ref aK, 2 * Terms));
                        c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20); c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21); c22 = Avx512F.FusedMultiplyAdd(a2, b2, c22);
                        Vector512<double> a3 = Vector512.Create(Unsafe.Add(ref aK, 3 * Terms));
                        c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30); c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31); c32 = Avx512F.FusedMultiplyAdd(a3, b2, c32);
                        aK = ref Unsafe.Add(ref aK, 1);
                        bK = ref Unsafe.Add(ref bK, 24);
                    }
                    (c00 + c10 + c20 + c30).StoreUnsafe(ref cRow, 0);
                    (c01 + c11 + c21 + c31).StoreUnsafe(ref cRow, 8);
                    (c02 + c12 + c22 + c32).StoreUnsafe(ref cRow, 16);
                }
            }
            return c[0];
        }
    }
}
