namespace NetGen.NumPy
{
    /// <summary>
    /// The 32-bit Mersenne Twister (MT19937) of Matsumoto and Nishimura, seeded from a single
    /// 32-bit integer with the reference <c>init_genrand</c> recurrence. This is the bit generator
    /// behind NumPy's legacy <c>np.random.seed(seed)</c> / <c>RandomState(seed)</c>.
    /// </summary>
    internal sealed class Mt19937 : IRandomWordSource
    {
        private const int StateLength = 624;
        private const int ShiftSize = 397;
        private const uint MatrixA = 0x9908B0DFu;
        private const uint UpperMask = 0x80000000u;
        private const uint LowerMask = 0x7FFFFFFFu;

        private readonly uint[] _key = new uint[StateLength];
        private int _position;

        /// <summary>Seeds the state as <c>init_genrand(seed)</c> does.</summary>
        public Mt19937(uint seed)
        {
            uint value = seed;
            for (int i = 0; i < StateLength; i++)
            {
                _key[i] = value;
                // key[i + 1] = 1812433253 * (key[i] ^ (key[i] >> 30)) + (i + 1)   (mod 2^32)
                value = unchecked(1812433253u * (value ^ (value >> 30)) + (uint)(i + 1));
            }

            // The first draw regenerates the whole block.
            _position = StateLength;
        }

        /// <summary>Returns the next tempered 32-bit output.</summary>
        public uint NextUInt32()
        {
            if (_position == StateLength)
            {
                Twist();
            }

            uint y = _key[_position++];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9D2C5680u;
            y ^= (y << 15) & 0xEFC60000u;
            y ^= y >> 18;
            return y;
        }

        /// <summary>Returns a 64-bit word made of two draws, the first one in the high half.</summary>
        public ulong NextUInt64()
        {
            ulong high = NextUInt32();
            ulong low = NextUInt32();
            return (high << 32) | low;
        }

        /// <summary>
        /// Returns a double in [0, 1) with 53 random bits: 27 bits of one draw and 26 bits of the next,
        /// <c>((a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6)) / 2^53</c>.
        /// </summary>
        public double NextDouble()
        {
            uint a = NextUInt32() >> 5;
            uint b = NextUInt32() >> 6;
            return (a * 67108864.0 + b) / 9007199254740992.0;
        }

        /// <summary>Regenerates all 624 words of the state (the "twist").</summary>
        private void Twist()
        {
            for (int i = 0; i < StateLength; i++)
            {
                uint y = (_key[i] & UpperMask) | (_key[(i + 1) % StateLength] & LowerMask);
                uint magic = (y & 1u) != 0 ? MatrixA : 0u;
                _key[i] = _key[(i + ShiftSize) % StateLength] ^ (y >> 1) ^ magic;
            }

            _position = 0;
        }
    }
}
