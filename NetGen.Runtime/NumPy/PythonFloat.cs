using System;
using System.Globalization;
using System.Text;

namespace NetGen.NumPy
{
    /// <summary>Formats doubles the way Python 3 prints them.</summary>
    public static class PythonFloat
    {
        /// <summary>
        /// Returns the text of Python 3's <c>repr(value)</c>: the shortest digits that read back as the same
        /// double, positional for decimal exponents from -4 to 15 (<c>0.0001</c>, <c>123.0</c>,
        /// <c>9007199254740992.0</c>) and scientific otherwise (<c>1e-05</c>, <c>1e+16</c>,
        /// <c>1.5e+300</c>), plus <c>inf</c>, <c>-inf</c>, <c>nan</c> and <c>-0.0</c>.
        /// </summary>
        public static string Repr(double value)
        {
            if (double.IsNaN(value))
            {
                return "nan";
            }

            if (double.IsInfinity(value))
            {
                return value > 0 ? "inf" : "-inf";
            }

            bool negative = BitConverter.DoubleToInt64Bits(value) < 0;
            if (value == 0.0)
            {
                return negative ? "-0.0" : "0.0";
            }

            (string digits, int exponent) = ShortestDigits(Math.Abs(value));

            var text = new StringBuilder(digits.Length + 8);
            if (negative)
            {
                text.Append('-');
            }

            // Python writes scientific notation when the exponent of the first digit is below -4 or at
            // least 16; otherwise the decimal point goes after the first pointPosition digits.
            int pointPosition = exponent + 1;
            if (exponent < -4 || exponent >= 16)
            {
                text.Append(digits[0]);
                if (digits.Length > 1)
                {
                    text.Append('.').Append(digits, 1, digits.Length - 1);
                }

                text.Append('e').Append(exponent < 0 ? '-' : '+');
                text.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
            }
            else if (pointPosition <= 0)
            {
                text.Append("0.").Append('0', -pointPosition).Append(digits);
            }
            else if (pointPosition >= digits.Length)
            {
                text.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
            }

            return text.ToString();
        }

        /// <summary>
        /// The shortest significant digits that read back as <paramref name="value"/> (positive, finite),
        /// without trailing zeros, and the decimal exponent of the first digit
        /// (value ≈ d1.d2...dn · 10^exponent). Among equally short candidates the one nearest the
        /// exact value wins, as in David Gay's <c>dtoa</c> that Python uses.
        /// </summary>
        /// <remarks>
        /// .NET's own "R" format is not used: near powers of two, where the gap to the next lower double
        /// is half the gap to the next higher one, it can return digits that read back as a different
        /// double (2^-25 gives 2.980232238769531E-08). Instead, for n = 1, 2, ... 17 the value is
        /// rounded correctly to n digits (the nearest n-digit decimal, ties to even); the first n whose
        /// rounding, or one of its two n-digit neighbours, parses back to the value gives the answer.
        /// A neighbour can only win when the nearest candidate falls just outside the value's
        /// rounding interval on the narrow side.
        /// </remarks>
        private static (string Digits, int Exponent) ShortestDigits(double value)
        {
            for (int precision = 1; precision <= 17; precision++)
            {
                string scientific = value.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                int exponentMark = scientific.IndexOf('E');
                long nearest = long.Parse(scientific.Substring(0, exponentMark).Replace(".", string.Empty), CultureInfo.InvariantCulture);
                int firstDigitExponent = int.Parse(scientific.Substring(exponentMark + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                int scale = firstDigitExponent - (precision - 1);

                foreach (long candidate in new[] { nearest, nearest + 1, nearest - 1 })
                {
                    if (candidate > 0 && ReadsBackAs(candidate, scale, value))
                    {
                        string digits = candidate.ToString(CultureInfo.InvariantCulture);
                        return (digits.TrimEnd('0'), scale + digits.Length - 1);
                    }
                }
            }

            throw new InvalidOperationException($"No decimal form of 17 digits or fewer reads back as {value:E16}.");
        }

        /// <summary>Whether <c>significand · 10^scale</c> parses to exactly <paramref name="value"/>.</summary>
        private static bool ReadsBackAs(long significand, int scale, double value)
        {
            string text = significand.ToString(CultureInfo.InvariantCulture) + "E" + scale.ToString(CultureInfo.InvariantCulture);
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) == value;
        }
    }
}
