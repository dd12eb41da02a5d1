using System;
using System.Collections.Generic;
using System.Numerics;

namespace NetGen.NumPy
{
    /// <summary>
    /// NumPy's <c>np.random.SeedSequence(entropy)</c> for a non-negative integer entropy (no spawn key):
    /// hashes the entropy into a pool of four 32-bit words and expands the pool into as many
    /// well-mixed state words as a bit generator asks for.
    /// </summary>
    /// <remarks>
    /// The mixing follows NumPy's <c>bit_generator.pyx</c> (itself after Melissa O'Neill's
    /// <c>seed_seq</c> design): a multiply-xorshift hash with an evolving multiplier for each word fed
    /// into the pool, then every pool word mixed with every other one. All arithmetic is modulo 2^32.
    /// </remarks>
    public sealed class SeedSequence
    {
        private const int PoolSize = 4;
        private const uint InitA = 0x43B0D7E5u;
        private const uint MultA = 0x931E8875u;
        private const uint InitB = 0x8B51F9DDu;
        private const uint MultB = 0x58F38DEDu;
        private const uint MixMultL = 0xCA01F9DDu;
        private const uint MixMultR = 0x4973F715u;
        private const int XorShift = 16;

        private readonly uint[] _pool = new uint[PoolSize];

        /// <summary>Creates <c>SeedSequence(entropy)</c> for an integer entropy such as a seed.</summary>
        public SeedSequence(ulong entropy)
            : this(new BigInteger(entropy))
        {
        }

        /// <summary>
        /// Creates <c>SeedSequence(entropy)</c> for a non-negative integer of any size, such as the
        /// 128-bit <c>entropy</c> NumPy reports for an unseeded sequence.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="entropy"/> is negative.</exception>
        public SeedSequence(BigInteger entropy)
        {
            if (entropy.Sign < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(entropy), "SeedSequence entropy must be a non-negative integer.");
            }

            Entropy = entropy;
            MixEntropy(ToUInt32Words(entropy));
        }

        /// <summary>The integer entropy this sequence was created from.</summary>
        public BigInteger Entropy { get; }

        /// <summary>
        /// Returns <paramref name="count"/> 32-bit state words, as <c>generate_state(count, np.uint32)</c> does.
        /// </summary>
        public uint[] GenerateState(int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "The number of words cannot be negative.");
            }

            uint[] state = new uint[count];
            uint hashConstant = InitB;
            for (int i = 0; i < count; i++)
            {
                uint value = _pool[i % PoolSize];
                value ^= hashConstant;
                hashConstant = unchecked(hashConstant * MultB);
                value = unchecked(value * hashConstant);
                value ^= value >> XorShift;
                state[i] = value;
            }

            return state;
        }

        /// <summary>
        /// Returns <paramref name="count"/> 64-bit state words, as <c>generate_state(count, np.uint64)</c>
        /// does: 2·count 32-bit words paired little-endian, the first word of each pair in the low half.
        /// </summary>
        public ulong[] GenerateState64(int count)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "The number of words cannot be negative.");
            }

            uint[] words = GenerateState(checked(2 * count));
            ulong[] state = new ulong[count];
            for (int i = 0; i < count; i++)
            {
                state[i] = words[2 * i] | ((ulong)words[2 * i + 1] << 32);
            }

            return state;
        }

        /// <summary>The integer as little-endian 32-bit words; zero is the single word 0.</summary>
        private static uint[] ToUInt32Words(BigInteger value)
        {
            var words = new List<uint>();
            BigInteger mask = uint.MaxValue;
            do
            {
                words.Add((uint)(value & mask));
                value >>= 32;
            }
            while (value > 0);

            return words.ToArray();
        }

        private static uint HashMix(uint value, ref uint hashConstant)
        {
            value ^= hashConstant;
            hashConstant = unchecked(hashConstant * MultA);
            value = unchecked(value * hashConstant);
            value ^= value >> XorShift;
            return value;
        }

        private static uint Mix(uint x, uint y)
        {
            uint result = unchecked(MixMultL * x - MixMultR * y);
            result ^= result >> XorShift;
            return result;
        }

        private void MixEntropy(uint[] entropy)
        {
            uint hashConstant = InitA;

            // Hash each entropy word into its pool slot; a short entropy keeps the hash running on zeros.
            for (int i = 0; i < PoolSize; i++)
            {
                uint word = i < entropy.Length ? entropy[i] : 0u;
                _pool[i] = HashMix(word, ref hashConstant);
            }

            // Mix every pool word into every other one so that late words affect early ones.
            for (int source = 0; source < PoolSize; source++)
            {
                for (int target = 0; target < PoolSize; target++)
                {
                    if (source != target)
                    {
                        _pool[target] = Mix(_pool[target], HashMix(_pool[source], ref hashConstant));
                    }
                }
            }

            // Entropy longer than the pool is folded into every pool word.
            for (int source = PoolSize; source < entropy.Length; source++)
            {
                for (int target = 0; target < PoolSize; target++)
                {
                    _pool[target] = Mix(_pool[target], HashMix(entropy[source], ref hashConstant));
                }
            }
        }
    }
}
