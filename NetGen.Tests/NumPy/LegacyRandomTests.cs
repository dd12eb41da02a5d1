using System;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.NumPy
{
    // Expected values were printed by NumPy 1.24.2 (Debian 12 python3-numpy) with the one-liner beside each.
    public sealed class LegacyRandomTests
    {
        [Theory]
        // python3 -c "import numpy as np; print(np.random.RandomState(0)._bit_generator.random_raw(10).tolist())"
        [InlineData(0u, new uint[] { 2357136044, 2546248239, 3071714933, 3626093760, 2588848963, 3684848379, 2340255427, 3638918503, 1819583497, 2678185683 })]
        // python3 -c "import numpy as np; print(np.random.RandomState(1)._bit_generator.random_raw(10).tolist())"
        [InlineData(1u, new uint[] { 1791095845, 4282876139, 3093770124, 4005303368, 491263, 550290313, 1298508491, 4290846341, 630311759, 1013994432 })]
        // python3 -c "import numpy as np; print(np.random.RandomState(12345)._bit_generator.random_raw(10).tolist())"
        [InlineData(12345u, new uint[] { 3992670690, 3823185381, 1358822685, 561383553, 789925284, 170765737, 878579710, 3549516158, 2438360421, 2285257250 })]
        public void NextUInt32_MatchesMt19937SeededByInitGenrand(uint seed, uint[] expected)
        {
            var random = new LegacyRandom(seed);
            foreach (uint value in expected)
            {
                Assert.Equal(value, random.NextUInt32());
            }
        }

        [Fact]
        public void NextDouble_MatchesRandomSample()
        {
            // python3 -c "import numpy as np; np.random.seed(0); print([repr(v) for v in np.random.random_sample(3).tolist()])"
            double[] expected = { 0.5488135039273248, 0.7151893663724195, 0.6027633760716439 };
            var random = new LegacyRandom(0);
            foreach (double value in expected)
            {
                ExactAssert.Equal(value, random.NextDouble());
            }
        }

        [Theory]
        // python3 -c "import numpy as np; np.random.seed(0); print([repr(v) for v in np.random.randn(7).tolist()])"
        [InlineData(0u, new[] { 1.764052345967664, 0.4001572083672233, 0.9787379841057392, 2.240893199201458, 1.8675579901499675, -0.977277879876411, 0.9500884175255894 })]
        // python3 -c "import numpy as np; np.random.seed(1); print([repr(v) for v in np.random.randn(7).tolist()])"
        [InlineData(1u, new[] { 1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705, 0.8654076293246785, -2.3015386968802827, 1.74481176421648 })]
        // python3 -c "import numpy as np; np.random.seed(12345); print([repr(v) for v in np.random.randn(7).tolist()])"
        [InlineData(12345u, new[] { -0.20470765948471295, 0.47894333805754824, -0.5194387150567381, -0.55573030434749, 1.9657805725027142, 1.3934058329729904, 0.09290787674371767 })]
        public void StandardNormal_MatchesRandnForAnOddCount(uint seed, double[] expected)
        {
            var random = new LegacyRandom(seed);
            var values = new double[expected.Length];
            random.StandardNormal(values);
            ExactAssert.Equal(expected, values);
        }

        [Fact]
        public void StandardNormal_KeepsTheSecondValueOfAPairAcrossCalls()
        {
            // python3 -c "import numpy as np; np.random.seed(1); a = np.random.randn(3); b = np.random.randn(4); print([repr(v) for v in a.tolist() + b.tolist()])"
            double[] expected = { 1.6243453636632417, -0.6117564136500754, -0.5281717522634557, -1.0729686221561705, 0.8654076293246785, -2.3015386968802827, 1.74481176421648 };
            var random = new LegacyRandom(1);
            var values = new double[7];
            random.StandardNormal(values.AsSpan(0, 3));
            random.StandardNormal(values.AsSpan(3, 4));
            ExactAssert.Equal(expected, values);
        }

        [Fact]
        public void StandardNormal_CachedValueSurvivesUniformDraws()
        {
            // The second normal is the cached half of the first pair, even though a uniform was drawn in between.
            // python3 -c "import numpy as np; np.random.seed(0); print(repr(np.random.randn()), repr(np.random.random_sample()), repr(np.random.randn()), repr(np.random.randn()))"
            var random = new LegacyRandom(0);
            ExactAssert.Equal(1.764052345967664, random.StandardNormal());
            ExactAssert.Equal(0.6027633760716439, random.NextDouble());
            ExactAssert.Equal(0.4001572083672233, random.StandardNormal());
            ExactAssert.Equal(-2.268328201180374, random.StandardNormal());
        }

        [Theory]
        // python3 -c "import numpy as np; np.random.seed(0); print(np.random.randint(0, 10, 20).tolist(), np.random.randint(-3, 4, 20).tolist())"
        [InlineData(0u, new[] { 5, 0, 3, 3, 7, 9, 3, 5, 2, 4, 7, 6, 8, 8, 1, 6, 7, 7, 8, 1 }, new[] { 2, -2, 2, -3, -2, 1, 0, -3, 0, 2, 3, -3, -1, 0, -3, -2, 0, 2, 0, 0 })]
        // python3 -c "import numpy as np; np.random.seed(1); print(np.random.randint(0, 10, 20).tolist(), np.random.randint(-3, 4, 20).tolist())"
        [InlineData(1u, new[] { 5, 8, 9, 5, 0, 0, 1, 7, 6, 9, 2, 4, 5, 2, 4, 2, 4, 7, 7, 9 }, new[] { -2, 3, -3, 3, 2, -2, -2, 2, 3, -2, -2, -3, 1, -2, -3, -3, 2, 0, -1, -2 })]
        // python3 -c "import numpy as np; np.random.seed(12345); print(np.random.randint(0, 10, 20).tolist(), np.random.randint(-3, 4, 20).tolist())"
        [InlineData(12345u, new[] { 2, 5, 1, 4, 9, 5, 2, 1, 6, 1, 9, 7, 6, 0, 2, 9, 1, 2, 6, 7 }, new[] { 0, 2, -3, 2, -2, 0, 1, -3, 0, 1, 1, 2, 0, 3, 0, -2, 0, 2, -1, 2 })]
        public void RandInt_MatchesRandintWithMaskedRejection(uint seed, int[] zeroToTen, int[] minusThreeToFour)
        {
            var random = new LegacyRandom(seed);
            var first = new int[zeroToTen.Length];
            random.RandInt(0, 10, first);
            Assert.Equal(zeroToTen, first);

            for (int i = 0; i < minusThreeToFour.Length; i++)
            {
                Assert.Equal(minusThreeToFour[i], random.RandInt(-3, 4));
            }
        }

        [Fact]
        public void RandInt_UsesSixtyFourBitWordsForWideRanges()
        {
            // python3 -c "import numpy as np; np.random.seed(0); print(np.random.randint(0, 2**40, 3).tolist(), np.random.randint(-2**62, 2**62, 2).tolist(), np.random.randint(0, 10))"
            var random = new LegacyRandom(0);
            Assert.Equal(741280623151L, random.RandInt(0, 1L << 40));
            Assert.Equal(506137267392L, random.RandInt(0, 1L << 40));
            Assert.Equal(291447657211L, random.RandInt(0, 1L << 40));
            Assert.Equal(-3783737528391729817L, random.RandInt(-(1L << 62), 1L << 62));
            Assert.Equal(3203365596207111891L, random.RandInt(-(1L << 62), 1L << 62));
            Assert.Equal(5L, random.RandInt(0, 10));
        }

        [Fact]
        public void RandInt_RangeOfOneReturnsLowWithoutDrawing()
        {
            // python3 -c "import numpy as np; np.random.seed(0); print(np.random.randint(5, 6, 3).tolist(), np.random.randint(0, 10, 5).tolist())"
            var random = new LegacyRandom(0);
            var single = new int[3];
            random.RandInt(5, 6, single);
            Assert.Equal(new[] { 5, 5, 5 }, single);

            var next = new int[5];
            random.RandInt(0, 10, next);
            Assert.Equal(new[] { 5, 0, 3, 3, 7 }, next);
        }

        [Fact]
        public void RandInt_RejectsEmptyAndOversizedRanges()
        {
            var random = new LegacyRandom(0);
            Assert.Throws<ArgumentException>(() => random.RandInt(3, 3));
            Assert.Throws<ArgumentOutOfRangeException>(() => random.RandInt(0, 1L << 40, new int[1]));
        }

        [Fact]
        public void Randn64x1000ThenRandn64x10_MatchesNumPyToTheLastBit()
        {
            // python3 -c "import numpy as np; np.random.seed(0); x = np.random.randn(64, 1000); t = np.random.randn(64, 10); print(repr(np.cumsum(x)[-1]), repr(np.cumsum(t)[-1]), repr(x[0, 0]), repr(x[31, 500]), repr(x[63, 999]), repr(t[0, 0]), repr(t[63, 9]))"
            var random = new LegacyRandom(0);
            var x = new double[64 * 1000];
            var t = new double[64 * 10];
            random.StandardNormal(x);
            random.StandardNormal(t);

            ExactAssert.Equal(-247.7073736727342, ExactAssert.SequentialSum(x), "sum of x");
            ExactAssert.Equal(12.154030089640298, ExactAssert.SequentialSum(t), "sum of t");
            ExactAssert.Equal(1.764052345967664, x[0 * 1000 + 0], "x[0, 0]");
            ExactAssert.Equal(-0.593879713610957, x[31 * 1000 + 500], "x[31, 500]");
            ExactAssert.Equal(-0.6163766237094404, x[63 * 1000 + 999], "x[63, 999]");
            ExactAssert.Equal(-1.4716683819921563, t[0 * 10 + 0], "t[0, 0]");
            ExactAssert.Equal(0.6465020765007329, t[63 * 10 + 9], "t[63, 9]");
        }
    }
}
