using System;
using System.Numerics;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.NumPy
{
    // Expected values were printed by NumPy 1.24.2 (Debian 12 python3-numpy) with the one-liner beside each.
    public sealed class SeedSequenceAndPcg64Tests
    {
        [Theory]
        // python3 -c "import numpy as np; print(np.random.SeedSequence(0).generate_state(4).tolist(), np.random.SeedSequence(0).generate_state(2, np.uint64).tolist())"
        [InlineData(0UL, new uint[] { 2968811710, 3677149159, 745650761, 2884920346 }, new ulong[] { 15793235383387715774, 12390638538380655177 })]
        // python3 -c "import numpy as np; print(np.random.SeedSequence(1).generate_state(4).tolist(), np.random.SeedSequence(1).generate_state(2, np.uint64).tolist())"
        [InlineData(1UL, new uint[] { 1835504127, 1731038949, 1320224556, 2330041505 }, new ulong[] { 7434755675892716031, 10007452063617845036 })]
        // python3 -c "import numpy as np; print(np.random.SeedSequence(12345).generate_state(4).tolist(), np.random.SeedSequence(12345).generate_state(2, np.uint64).tolist())"
        [InlineData(12345UL, new uint[] { 2688385916, 3048105090, 4196366895, 3152189807 }, new ulong[] { 13091511679009522556, 13538552136045918767 })]
        public void GenerateState_MatchesSeedSequence(ulong entropy, uint[] words32, ulong[] words64)
        {
            var sequence = new SeedSequence(entropy);
            Assert.Equal(words32, sequence.GenerateState(4));
            Assert.Equal(words64, sequence.GenerateState64(2));
            Assert.Equal(new BigInteger(entropy), sequence.Entropy);
        }

        [Fact]
        public void GenerateState64_PairsWordsLittleEndian()
        {
            var sequence = new SeedSequence(12345);
            uint[] words = sequence.GenerateState(4);
            ulong[] pairs = sequence.GenerateState64(2);
            Assert.Equal(words[0] | ((ulong)words[1] << 32), pairs[0]);
            Assert.Equal(words[2] | ((ulong)words[3] << 32), pairs[1]);
        }

        [Fact]
        public void Constructor_RejectsNegativeEntropy()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new SeedSequence(BigInteger.MinusOne));
        }

        [Theory]
        // python3 -c "import numpy as np; print(np.random.PCG64(0).random_raw(5).tolist(), np.random.PCG64(0).state['state'])"
        [InlineData(0UL, "35399562948360463058890781895381311971", "87136372517582989555478159403783844777",
            new ulong[] { 11749869230777074271, 4976686463289251617, 755828109848996024, 304881062738325533, 15002187965291974971 })]
        // python3 -c "import numpy as np; print(np.random.PCG64(1).random_raw(5).tolist(), np.random.PCG64(1).state['state'])"
        [InlineData(1UL, "207833532711051698738587646355624148094", "194290289479364712180083596243593368443",
            new ulong[] { 9441442522235856127, 17532960557476522086, 2659275481604167885, 17499493567006797778, 5752274989370667689 })]
        // python3 -c "import numpy as np; print(np.random.PCG64(12345).random_raw(5).tolist(), np.random.PCG64(12345).state['state'])"
        [InlineData(12345UL, "33261208707367790463622745601869196757", "268209174141567072605526753992732310247",
            new ulong[] { 4193609425186963869, 5843160025838961886, 14708796524633321433, 12474696839993944336, 7214697784736971533 })]
        public void Pcg64_SeededThroughSeedSequence_MatchesStateAndRawOutput(ulong seed, string state, string increment, ulong[] raw)
        {
            var generator = new Pcg64(seed);
            Assert.Equal(UInt128.Parse(state), generator.State);
            Assert.Equal(UInt128.Parse(increment), generator.Increment);
            foreach (ulong value in raw)
            {
                Assert.Equal(value, generator.NextUInt64());
            }
        }

        [Fact]
        public void NextUInt32_ReturnsLowHalfThenHighHalfOfOneDraw()
        {
            // python3 -c "import numpy as np; print(np.random.PCG64(0).random_raw(5).tolist(), np.random.PCG64(0).state['state'])"
            ulong first = 11749869230777074271;
            ulong second = 4976686463289251617;
            var generator = new Pcg64(0);
            Assert.Equal((uint)first, generator.NextUInt32());
            Assert.Equal((uint)(first >> 32), generator.NextUInt32());
            Assert.Equal((uint)second, generator.NextUInt32());
        }

        [Fact]
        public void NextUInt32_KeptHalfIsNotConsumedBySixtyFourBitDraws()
        {
            // python3 -c "import numpy as np; print(np.random.PCG64(0).random_raw(5).tolist(), np.random.PCG64(0).state['state'])"
            ulong first = 11749869230777074271;
            ulong second = 4976686463289251617;
            var generator = new Pcg64(0);
            Assert.Equal((uint)first, generator.NextUInt32());
            Assert.Equal(second, generator.NextUInt64());
            Assert.Equal((uint)(first >> 32), generator.NextUInt32());
        }
    }
}
