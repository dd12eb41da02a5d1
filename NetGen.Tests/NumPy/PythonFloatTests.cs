using System;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.NumPy
{
    public sealed class PythonFloatTests
    {
        // Expected strings were printed by Python 3.11 for the same literals:
        // python3 -c "for v in ['26365524.19345431', '9.853059833781279e-05', '1e16', '1e-5', '0.0001', '123.0', '1.5e300', '5e-324', '9007199254740992.0', '1e15', '9999999999999998.0', '1e17', '0.1', '0.30000000000000004', '1.0', '-1.0', '-2.5', '100.0', '1e22', '1e-7', '0.00011', '123456789.123', '1.7976931348623157e308', '2.2250738585072014e-308', '2.9802322387695312e-08', '4.1045368012983762e-289', '1234567890123456.7', '12345678901234567.0', '0.000123456', '-9.5367431640625e-07', '3.141592653589793', '6.02214076e23', '-1.5e-10', '4.35', '2.675', '1e100', '0.5', '9.999999999999999e-05']: print(v, repr(float(v)))"
        [Theory]
        [InlineData(26365524.19345431, "26365524.19345431")]
        [InlineData(9.853059833781279e-05, "9.853059833781279e-05")]
        [InlineData(1e16, "1e+16")]
        [InlineData(1e-5, "1e-05")]
        [InlineData(0.0001, "0.0001")]
        [InlineData(123.0, "123.0")]
        [InlineData(1.5e300, "1.5e+300")]
        [InlineData(5e-324, "5e-324")]
        [InlineData(9007199254740992.0, "9007199254740992.0")]
        [InlineData(1e15, "1000000000000000.0")]
        [InlineData(9999999999999998.0, "9999999999999998.0")]
        [InlineData(1e17, "1e+17")]
        [InlineData(0.1, "0.1")]
        [InlineData(0.30000000000000004, "0.30000000000000004")]
        [InlineData(1.0, "1.0")]
        [InlineData(-1.0, "-1.0")]
        [InlineData(-2.5, "-2.5")]
        [InlineData(100.0, "100.0")]
        [InlineData(1e22, "1e+22")]
        [InlineData(1e-7, "1e-07")]
        [InlineData(0.00011, "0.00011")]
        [InlineData(123456789.123, "123456789.123")]
        [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
        [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
        [InlineData(2.9802322387695312e-08, "2.9802322387695312e-08")]
        [InlineData(4.1045368012983762e-289, "4.1045368012983762e-289")]
        [InlineData(1234567890123456.7, "1234567890123456.8")]
        [InlineData(12345678901234567.0, "1.2345678901234568e+16")]
        [InlineData(0.000123456, "0.000123456")]
        [InlineData(-9.5367431640625e-07, "-9.5367431640625e-07")]
        [InlineData(3.141592653589793, "3.141592653589793")]
        [InlineData(6.02214076e23, "6.02214076e+23")]
        [InlineData(-1.5e-10, "-1.5e-10")]
        [InlineData(4.35, "4.35")]
        [InlineData(2.675, "2.675")]
        [InlineData(1e100, "1e+100")]
        [InlineData(0.5, "0.5")]
        [InlineData(9.999999999999999e-05, "9.999999999999999e-05")]
        public void Repr_MatchesPython(double value, string expected)
        {
            Assert.Equal(expected, PythonFloat.Repr(value));
        }

        [Fact]
        public void Repr_PowersOfTwoWhereTheLowerGapIsNarrower()
        {
            // .NET's "R" prints 2^-25 as 2.980232238769531E-08, which reads back as the double below it.
            // python3 -c "print(repr(2.0**-25), repr(2.0**53), repr(2.0**-1074), repr(2.0**1023))"
            Assert.Equal("2.9802322387695312e-08", PythonFloat.Repr(Math.Pow(2, -25)));
            Assert.Equal("9007199254740992.0", PythonFloat.Repr(Math.Pow(2, 53)));
            Assert.Equal("5e-324", PythonFloat.Repr(Math.Pow(2, -1074)));
            Assert.Equal("8.98846567431158e+307", PythonFloat.Repr(Math.Pow(2, 1023)));
        }

        [Fact]
        public void Repr_SpecialValues()
        {
            // python3 -c "print(repr(float('inf')), repr(float('-inf')), repr(float('nan')), repr(-0.0), repr(0.0))"
            Assert.Equal("inf", PythonFloat.Repr(double.PositiveInfinity));
            Assert.Equal("-inf", PythonFloat.Repr(double.NegativeInfinity));
            Assert.Equal("nan", PythonFloat.Repr(double.NaN));
            Assert.Equal("-0.0", PythonFloat.Repr(BitConverter.Int64BitsToDouble(unchecked((long)0x8000000000000000UL))));
            Assert.Equal("0.0", PythonFloat.Repr(0.0));
        }

        [Fact]
        public void Repr_ReadsBackAsTheSameDouble()
        {
            var random = new Random(20240601);
            for (int i = 0; i < 20000; i++)
            {
                double value = BitConverter.Int64BitsToDouble(random.NextInt64());
                if (!double.IsFinite(value))
                {
                    continue;
                }

                string text = PythonFloat.Repr(value);
                double parsed = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(parsed));
            }
        }
    }
}
