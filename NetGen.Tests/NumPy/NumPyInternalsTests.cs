using System;
using System.Reflection;
using System.Runtime.InteropServices;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.NumPy
{
    /// <summary>
    /// Checks of the runtime's internal numerical pieces, reached through reflection: the ziggurat
    /// tables carried from NumPy's header, and the log1p that the ziggurat tail relies on.
    /// </summary>
    public sealed class NumPyInternalsTests
    {
        private static readonly Assembly Runtime = typeof(NumPyGenerator).Assembly;

        [Fact]
        public void ZigguratTables_AreBitExactCopiesOfNumPysConstants()
        {
            // Sums of the 64-bit patterns (mod 2^64) of each table, and the bit patterns of r and 1/r, computed
            // from numpy-ziggurat-double.json (NumPy's ziggurat_constants.h) with:
            // python3 -c "import json, struct; d = json.load(open('numpy-ziggurat-double.json')); b = lambda v: struct.unpack('<Q', struct.pack('<d', float(v)))[0]; print(sum(int(k, 16) for k in d['ki_double']) % 2**64, sum(b(w) for w in d['wi_double']) % 2**64, sum(b(f) for f in d['fi_double']) % 2**64, b(d['r']), b(d['inv_r']))"
            Type tables = Runtime.GetType("NetGen.NumPy.ZigguratTables", throwOnError: true)!;
            var ki = (ulong[])tables.GetField("Ki")!.GetValue(null)!;
            var wi = (double[])tables.GetField("Wi")!.GetValue(null)!;
            var fi = (double[])tables.GetField("Fi")!.GetValue(null)!;
            double r = (double)tables.GetField("R")!.GetValue(null)!;
            double inverseR = (double)tables.GetField("InverseR")!.GetValue(null)!;

            Assert.Equal(256, ki.Length);
            Assert.Equal(256, wi.Length);
            Assert.Equal(256, fi.Length);
            Assert.Equal(1135721011022633326UL, BitSum(ki));
            Assert.Equal(13225596128287000954UL, BitSum(Array.ConvertAll(wi, v => (ulong)BitConverter.DoubleToInt64Bits(v))));
            Assert.Equal(14765565053825122599UL, BitSum(Array.ConvertAll(fi, v => (ulong)BitConverter.DoubleToInt64Bits(v))));
            Assert.Equal(4615410839586450739L, BitConverter.DoubleToInt64Bits(r));
            Assert.Equal(4598601462503762113L, BitConverter.DoubleToInt64Bits(inverseR));
        }

        [Fact]
        public void Log1P_MatchesTheCLibraryNumPyCalls()
        {
            // NumPy's ziggurat tail calls the C library's log1p; on Linux that is glibc's, which this compares
            // against directly, over the arguments the tail uses (-u for u in [0, 1)) and over general ones.
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            MethodInfo compute = Runtime.GetType("NetGen.NumPy.Log1P", throwOnError: true)!
                .GetMethod("Compute", new[] { typeof(double) })!;
            var log1p = (Func<double, double>)compute.CreateDelegate(typeof(Func<double, double>));

            var random = new Random(7);
            for (int i = 0; i < 300000; i++)
            {
                double x = (i % 3) switch
                {
                    0 => -((random.NextInt64() >>> 11) * (1.0 / 9007199254740992.0)),
                    1 => (random.NextDouble() - 0.3) * Math.Pow(2, random.Next(-60, 60)),
                    _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
                };

                double expected = CLibraryLog1P(x);
                double actual = log1p(x);
                if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual)
                    && !(double.IsNaN(expected) && double.IsNaN(actual)))
                {
                    Assert.Fail($"log1p({PythonFloat.Repr(x)}): C library {PythonFloat.Repr(expected)}, ours {PythonFloat.Repr(actual)}");
                }
            }

            foreach (double x in new[] { -1.0, -0.0, 0.0, 1e-300, -1e-20, 1e-10, -0.2928932188134524, 0.41421356237309503, 1.0, 1e300, double.PositiveInfinity })
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(CLibraryLog1P(x)), BitConverter.DoubleToInt64Bits(log1p(x)));
            }
        }

        private static ulong BitSum(ulong[] values)
        {
            ulong sum = 0;
            foreach (ulong value in values)
            {
                sum = unchecked(sum + value);
            }

            return sum;
        }

        [DllImport("libm.so.6", EntryPoint = "log1p")]
        private static extern double CLibraryLog1P(double x);
    }
}
