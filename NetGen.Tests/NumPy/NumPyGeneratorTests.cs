using System;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.NumPy
{
    // Expected values were printed by NumPy 1.24.2 (Debian 12 python3-numpy) with the one-liner beside each.
    public sealed class NumPyGeneratorTests
    {
        /// <summary>|x| above the ziggurat's base-layer edge r can only come from the tail sampler.</summary>
        private const double TailStart = 3.6541528853610087;

        [Fact]
        public void NextDouble_MatchesRandom()
        {
            // python3 -c "import numpy as np; print([repr(v) for v in np.random.default_rng(0).random(3).tolist()])"
            var rng = new NumPyGenerator(0);
            ExactAssert.Equal(0.6369616873214543, rng.NextDouble());
            ExactAssert.Equal(0.2697867137638703, rng.NextDouble());
            ExactAssert.Equal(0.04097352393619469, rng.NextDouble());
        }

        [Theory]
        // python3 -c "import numpy as np; print([repr(v) for v in np.random.default_rng(0).standard_normal(10).tolist()])"
        [InlineData(0UL, new[] { 0.1257302210933933, -0.1321048632913019, 0.6404226504432821, 0.10490011715303971, -0.535669373161111, 0.36159505490948474, 1.3040000451301372, 0.9470809631292422, -0.7037352358069926, -1.2654214710460525 })]
        // python3 -c "import numpy as np; print([repr(v) for v in np.random.default_rng(1).standard_normal(10).tolist()])"
        [InlineData(1UL, new[] { 0.345584192064786, 0.8216181435011584, 0.33043707618338714, -1.303157231604361, 0.9053558666731177, 0.4463745723640113, -0.5369532353602852, 0.5811181041963531, 0.36457239618607573, 0.294132496655526 })]
        // python3 -c "import numpy as np; print([repr(v) for v in np.random.default_rng(12345).standard_normal(10).tolist()])"
        [InlineData(12345UL, new[] { -1.4238250364546312, 1.2637284581291104, -0.8706617379590857, -0.2591732349343976, -0.07534330701052097, -0.740884652085609, -1.3677927017829434, 0.6488928021930399, 0.361058113054895, -1.95286306301219 })]
        public void StandardNormal_FirstValuesMatch(ulong seed, double[] expected)
        {
            var rng = new NumPyGenerator(seed);
            var values = new double[expected.Length];
            rng.StandardNormal(values);
            ExactAssert.Equal(expected, values);
        }

        [Theory]
        // Each stream of 2000 contains draws from the tail sampler (|x| > r, listed) and from the wedges.
        // python3 -c "import numpy as np; x = np.random.default_rng(0).standard_normal(2000); print(repr(np.cumsum(x)[-1]), repr(x[0]), repr(x[999]), repr(x[1999]))"
        // python3 -c "import numpy as np; x = np.random.default_rng(0).standard_normal(2000); i = np.nonzero(np.abs(x) > 3.6541528853610087)[0]; print(i.tolist(), [repr(v) for v in x[i].tolist()])"
        [InlineData(0UL, -56.0511717117125, 0.1257302210933933, -0.22997115548100328, 0.3692293314057658,
            new[] { 303, 478 }, new[] { -3.772275156122734, -3.899421730054339 })]
        // python3 -c "import numpy as np; x = np.random.default_rng(1).standard_normal(2000); print(repr(np.cumsum(x)[-1]), repr(x[0]), repr(x[999]), repr(x[1999]))"
        // python3 -c "import numpy as np; x = np.random.default_rng(1).standard_normal(2000); i = np.nonzero(np.abs(x) > 3.6541528853610087)[0]; print(i.tolist(), [repr(v) for v in x[i].tolist()])"
        [InlineData(1UL, -26.795873656157244, 0.345584192064786, 0.27495632326711866, 0.43909363803175605,
            new[] { 860 }, new[] { 3.7516349672663583 })]
        // python3 -c "import numpy as np; x = np.random.default_rng(12345).standard_normal(2000); print(repr(np.cumsum(x)[-1]), repr(x[0]), repr(x[999]), repr(x[1999]))"
        // python3 -c "import numpy as np; x = np.random.default_rng(12345).standard_normal(2000); i = np.nonzero(np.abs(x) > 3.6541528853610087)[0]; print(i.tolist(), [repr(v) for v in x[i].tolist()])"
        [InlineData(12345UL, 44.63958983963441, -1.4238250364546312, -0.23721156134274174, 2.171250054464443,
            new[] { 1846 }, new[] { 3.7210978113806847 })]
        public void StandardNormal_TwoThousandValuesIncludingTailAndWedges_MatchToTheLastBit(
            ulong seed, double sum, double first, double middle, double last, int[] tailIndexes, double[] tailValues)
        {
            var rng = new NumPyGenerator(seed);
            var values = new double[2000];
            rng.StandardNormal(values);

            ExactAssert.Equal(sum, ExactAssert.SequentialSum(values), "sum");
            ExactAssert.Equal(first, values[0], "x[0]");
            ExactAssert.Equal(middle, values[999], "x[999]");
            ExactAssert.Equal(last, values[1999], "x[1999]");

            Assert.Equal(tailIndexes, Array.FindAll(IndexesOf(values), i => Math.Abs(values[i]) > TailStart));
            for (int k = 0; k < tailIndexes.Length; k++)
            {
                ExactAssert.Equal(tailValues[k], values[tailIndexes[k]], $"tail value x[{tailIndexes[k]}]");
            }
        }

        [Fact]
        public void StandardNormal_TwentyThousandValues_MatchToTheLastBit()
        {
            // python3 -c "import numpy as np; x = np.random.default_rng(12345).standard_normal(20000); print(repr(np.cumsum(x)[-1]), repr(x[19999]))"
            // python3 -c "import numpy as np; x = np.random.default_rng(12345).standard_normal(20000); i = np.nonzero(np.abs(x) > 3.6541528853610087)[0]; print(i.tolist(), [repr(v) for v in x[i].tolist()])"
            int[] tailIndexes = { 1846, 4644, 10053, 13185, 15226, 16978 };
            double[] tailValues = { 3.7210978113806847, 3.902015117028969, 3.915028129516823, -3.8218873739859336, 4.019527465075888, 4.512438382287984 };

            var rng = new NumPyGenerator(12345);
            var values = new double[20000];
            rng.StandardNormal(values);

            ExactAssert.Equal(167.21384627908495, ExactAssert.SequentialSum(values), "sum");
            ExactAssert.Equal(0.36802981347060537, values[19999], "x[19999]");
            Assert.Equal(tailIndexes, Array.FindAll(IndexesOf(values), i => Math.Abs(values[i]) > TailStart));
            for (int k = 0; k < tailIndexes.Length; k++)
            {
                ExactAssert.Equal(tailValues[k], values[tailIndexes[k]], $"tail value x[{tailIndexes[k]}]");
            }
        }

        [Theory]
        // python3 -c "import numpy as np; r = np.random.default_rng(0); print(r.integers(0, 10, 64).tolist(), r.integers(0, 1000, 20).tolist())"
        [InlineData(0UL,
            new[] { 8, 6, 5, 2, 3, 0, 0, 0, 1, 8, 6, 9, 5, 6, 9, 7, 6, 5, 5, 9, 2, 8, 6, 0, 3, 8, 5, 0, 7, 7, 8, 1, 0, 8, 0, 5, 0, 2, 4, 4, 4, 0, 0, 1, 0, 6, 5, 6, 2, 6, 7, 3, 4, 9, 8, 9, 3, 6, 9, 6, 8, 6, 7, 3 },
            new[] { 875, 135, 578, 721, 845, 525, 375, 310, 422, 485, 718, 889, 72, 934, 531, 357, 672, 571, 254, 321 })]
        // python3 -c "import numpy as np; r = np.random.default_rng(1); print(r.integers(0, 10, 64).tolist(), r.integers(0, 1000, 20).tolist())"
        [InlineData(1UL,
            new[] { 4, 5, 7, 9, 0, 1, 8, 9, 2, 3, 8, 4, 2, 8, 2, 4, 6, 5, 0, 0, 8, 7, 8, 5, 8, 3, 4, 7, 1, 3, 1, 4, 9, 1, 3, 4, 9, 2, 5, 2, 0, 7, 0, 2, 4, 4, 1, 9, 7, 9, 0, 7, 2, 5, 9, 2, 7, 1, 3, 9, 4, 5, 2, 1 },
            new[] { 424, 623, 455, 776, 362, 613, 772, 917, 427, 39, 718, 528, 872, 459, 368, 62, 457, 641, 770, 852 })]
        // python3 -c "import numpy as np; r = np.random.default_rng(12345); print(r.integers(0, 10, 64).tolist(), r.integers(0, 1000, 20).tolist())"
        [InlineData(12345UL,
            new[] { 6, 2, 7, 3, 2, 7, 6, 6, 9, 3, 8, 3, 5, 5, 2, 1, 2, 6, 6, 9, 7, 2, 9, 9, 7, 6, 1, 0, 2, 4, 0, 8, 4, 6, 2, 3, 1, 7, 7, 2, 7, 0, 3, 1, 7, 3, 4, 4, 4, 2, 5, 8, 4, 1, 0, 1, 0, 0, 1, 5, 8, 8, 6, 6 },
            new[] { 331, 931, 640, 724, 733, 860, 702, 929, 541, 546, 251, 937, 552, 494, 316, 273, 633, 451, 568, 665 })]
        public void Integers_MatchLemireOnBufferedHalves(ulong seed, int[] zeroToTen, int[] zeroToThousand)
        {
            var rng = new NumPyGenerator(seed);
            var labels = new int[64];
            rng.Integers(0, 10, labels);
            Assert.Equal(zeroToTen, labels);

            for (int i = 0; i < zeroToThousand.Length; i++)
            {
                Assert.Equal(zeroToThousand[i], rng.Integers(0, 1000));
            }
        }

        [Fact]
        public void Integers_KeptHalfSurvivesNormalAndUniformDraws()
        {
            // python3 -c "import numpy as np; r = np.random.default_rng(0); print(r.integers(0, 10), repr(r.standard_normal()), r.integers(0, 10), repr(r.random()), r.integers(0, 10))"
            var rng = new NumPyGenerator(0);
            Assert.Equal(8L, rng.Integers(0, 10));
            ExactAssert.Equal(-0.1321048632913019, rng.StandardNormal());
            Assert.Equal(6L, rng.Integers(0, 10));
            ExactAssert.Equal(0.04097352393619469, rng.NextDouble());
            Assert.Equal(0L, rng.Integers(0, 10));
        }

        [Fact]
        public void Integers_WideRangesUseSixtyFourBitDrawsAndARangeOfOneDrawsNothing()
        {
            // python3 -c "import numpy as np; r = np.random.default_rng(0); print(r.integers(7, 8, 2).tolist(), r.integers(0, 2**40, 3).tolist(), r.integers(-2**62, 2**62, 2).tolist(), r.integers(0, 10, 3).tolist())"
            var rng = new NumPyGenerator(0);
            var unit = new int[2];
            rng.Integers(7, 8, unit);
            Assert.Equal(new[] { 7, 7 }, unit);
            Assert.Equal(700346781657L, rng.Integers(0, 1L << 40));
            Assert.Equal(296633628802L, rng.Integers(0, 1L << 40));
            Assert.Equal(45050865998L, rng.Integers(0, 1L << 40));
            Assert.Equal(-4459245487058225138L, rng.Integers(-(1L << 62), 1L << 62));
            Assert.Equal(2889407964218599581L, rng.Integers(-(1L << 62), 1L << 62));
            var labels = new int[3];
            rng.Integers(0, 10, labels);
            Assert.Equal(new[] { 6, 9, 5 }, labels);
        }

        [Fact]
        public void Integers_RejectsEmptyAndOversizedRanges()
        {
            var rng = new NumPyGenerator(0);
            Assert.Throws<ArgumentException>(() => rng.Integers(10, 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => rng.Integers(0, 1L << 40, new int[1]));
        }

        [Fact]
        public void Constructor_SharesTheGivenBitGenerator()
        {
            var bits = new Pcg64(0);
            var rng = new NumPyGenerator(bits);
            Assert.Same(bits, rng.BitGenerator);
            ExactAssert.Equal(new NumPyGenerator(0).StandardNormal(), rng.StandardNormal());
        }

        private static int[] IndexesOf(double[] values)
        {
            var indexes = new int[values.Length];
            for (int i = 0; i < indexes.Length; i++)
            {
                indexes[i] = i;
            }

            return indexes;
        }
    }
}
