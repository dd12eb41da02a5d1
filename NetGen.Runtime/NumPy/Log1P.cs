using System;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NetGen.NumPy
{
    /// <summary>
    /// <c>log(1 + x)</c> computed accurately near zero, with the same operations as the C library
    /// <c>log1p</c> of glibc (Sun's fdlibm algorithm, with glibc's grouping of the polynomial), so that
    /// the ziggurat tail reproduces NumPy's values bit for bit. .NET has no log1p of its own:
    /// <c>double.LogP1</c> is <c>Math.Log(x + 1)</c>, which loses the low bits of <c>x</c>.
    /// </summary>
    /// <remarks>
    /// Method: write <c>1 + x = 2^k · (1 + f)</c> with <c>sqrt(2)/2 &lt; 1 + f &lt; sqrt(2)</c> and a
    /// correction <c>c</c> for the rounding of <c>1 + x</c>; then
    /// <c>log(1 + f) = f - f²/2 + s·(f²/2 + R(s²))</c> with <c>s = f / (2 + f)</c> and a degree-7
    /// minimax polynomial <c>R</c>; finally add <c>k·ln2</c> in two parts.
    /// <para>
    /// glibc on x86-64 runs a build of this function compiled with fused multiply-add when the processor
    /// has FMA and AVX2, and a plain SSE2 build otherwise; the two differ in the last bit for about one
    /// argument in a few thousand. <see cref="Compute(double)"/> follows the same choice, fusing exactly
    /// the products that compiler fused, so that both builds are reproduced. On Arm64, where the C
    /// compiler fuses by default, the fused form is used as well.
    /// </para>
    /// </remarks>
    internal static class Log1P
    {
        private const double Ln2High = 6.93147180369123816490e-01;   // 0x3FE62E42_FEE00000
        private const double Ln2Low = 1.90821492927058770002e-10;    // 0x3DEA39EF_35793C76
        private const double Lp1 = 6.666666666666735130e-01;         // 0x3FE55555_55555593
        private const double Lp2 = 3.999999999940941908e-01;         // 0x3FD99999_9997FA04
        private const double Lp3 = 2.857142874366239149e-01;         // 0x3FD24924_94229359
        private const double Lp4 = 2.222219843214978396e-01;         // 0x3FCC71C5_1D8E78AF
        private const double Lp5 = 1.818357216161805012e-01;         // 0x3FC74664_96CB03DE
        private const double Lp6 = 1.531383769920937332e-01;         // 0x3FC39A09_D078C69F
        private const double Lp7 = 1.479819860511658591e-01;         // 0x3FC2F112_DF3E5244

        /// <summary>Whether the C library this process would call uses its fused multiply-add build.</summary>
        public static readonly bool FusedByDefault =
            (Fma.IsSupported && Avx2.IsSupported) || AdvSimd.Arm64.IsSupported;

        /// <summary>Returns <c>log(1 + <paramref name="x"/>)</c> as the platform's C library computes it.</summary>
        public static double Compute(double x) => Compute(x, FusedByDefault);

        /// <summary>
        /// Returns <c>log(1 + <paramref name="x"/>)</c>, rounding each product separately
        /// (<paramref name="fused"/> false) or fusing the products glibc's FMA build fuses.
        /// </summary>
        public static double Compute(double x, bool fused)
        {
            int highWord = HighWord(x);
            int magnitudeHigh = highWord & 0x7FFFFFFF;

            int k = 1;
            double f = 0.0;
            double c = 0.0;
            int fractionHigh = 0;

            if (highWord < 0x3FDA827A)
            {
                // x < 0.41422
                if (magnitudeHigh >= 0x3FF00000)
                {
                    // x <= -1
                    return x == -1.0 ? double.NegativeInfinity : double.NaN;
                }

                if (magnitudeHigh < 0x3E200000)
                {
                    // |x| < 2^-29: one or two Taylor terms are exact to the last bit.
                    return magnitudeHigh < 0x3C900000 ? x : MultiplySubtract(x * x, 0.5, x, fused);
                }

                if (highWord > 0 || highWord <= unchecked((int)0xBFD2BEC3))
                {
                    // -0.2929 < x < 0.41422: no reduction needed.
                    k = 0;
                    f = x;
                    fractionHigh = 1;
                }
            }
            else if (highWord >= 0x7FF00000)
            {
                // +infinity or NaN
                return x + x;
            }

            if (k != 0)
            {
                double u;
                if (highWord < 0x43400000)
                {
                    u = 1.0 + x;
                    fractionHigh = HighWord(u);
                    k = (fractionHigh >> 20) - 1023;
                    // Correction for the rounding error of 1 + x.
                    c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
                    c /= u;
                }
                else
                {
                    u = x;
                    fractionHigh = HighWord(u);
                    k = (fractionHigh >> 20) - 1023;
                    c = 0.0;
                }

                fractionHigh &= 0x000FFFFF;
                if (fractionHigh < 0x6A09E)
                {
                    // Normalise u into [1, sqrt(2)).
                    u = WithHighWord(u, fractionHigh | 0x3FF00000);
                }
                else
                {
                    // Normalise u / 2 into [sqrt(2)/2, 1).
                    k += 1;
                    u = WithHighWord(u, fractionHigh | 0x3FE00000);
                    fractionHigh = (0x00100000 - fractionHigh) >> 2;
                }

                f = u - 1.0;
            }

            double halfFSquared = 0.5 * f * f;
            if (fractionHigh == 0)
            {
                // |f| < 2^-20
                if (f == 0.0)
                {
                    if (k == 0)
                    {
                        return 0.0;
                    }

                    c = MultiplyAdd(k, Ln2Low, c, fused);
                    return MultiplyAdd(k, Ln2High, c, fused);
                }

                double shortR = halfFSquared * MultiplySubtract(0.66666666666666666, f, 1.0, fused);
                return k == 0
                    ? f - shortR
                    : ScaledLn2Minus(k, (shortR - MultiplyAdd(k, Ln2Low, c, fused)) - f, fused);
            }

            double s = f / (2.0 + f);
            double z = s * s;
            double z2 = z * z;
            double z4 = z2 * z2;
            double z6 = z4 * z2;
            double r2 = MultiplyAdd(z, Lp3, Lp2, fused);
            double r3 = MultiplyAdd(z, Lp5, Lp4, fused);
            double r4 = MultiplyAdd(z, Lp7, Lp6, fused);

            // R = z·Lp1 + z²·r2 + z⁴·r3 + z⁶·r4, summed left to right.
            double r = MultiplyAdd(z, Lp1, z2 * r2, fused);
            r = MultiplyAdd(z4, r3, r, fused);
            r = MultiplyAdd(z6, r4, r, fused);

            double tail = s * (halfFSquared + r);
            return k == 0
                ? f - (halfFSquared - tail)
                : ScaledLn2Minus(k, (halfFSquared - (tail + MultiplyAdd(k, Ln2Low, c, fused))) - f, fused);
        }

        /// <summary><c>a·b + c</c>, rounded once when <paramref name="fused"/>.</summary>
        private static double MultiplyAdd(double a, double b, double c, bool fused) =>
            fused ? Math.FusedMultiplyAdd(a, b, c) : a * b + c;

        /// <summary><c>c - a·b</c>, rounded once when <paramref name="fused"/>.</summary>
        private static double MultiplySubtract(double a, double b, double c, bool fused) =>
            fused ? Math.FusedMultiplyAdd(-a, b, c) : c - a * b;

        /// <summary><c>k·ln2_hi - rest</c>, rounded once when <paramref name="fused"/>.</summary>
        private static double ScaledLn2Minus(int k, double rest, bool fused) =>
            fused ? Math.FusedMultiplyAdd(k, Ln2High, -rest) : k * Ln2High - rest;

        private static int HighWord(double value) => (int)(BitConverter.DoubleToInt64Bits(value) >> 32);

        private static double WithHighWord(double value, int highWord)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            bits = (bits & 0xFFFFFFFFL) | ((long)highWord << 32);
            return BitConverter.Int64BitsToDouble(bits);
        }
    }
}
