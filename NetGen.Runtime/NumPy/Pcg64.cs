using System;
using System.Numerics;

namespace NetGen.NumPy
{
    /// <summary>
    /// NumPy's <c>np.random.PCG64</c> bit generator: a 128-bit linear congruential generator with an odd
    /// increment, whose 64-bit output is the XSL-RR permutation of the new state (the high and low
    /// halves xored, rotated right by the top six bits).
    /// </summary>
    /// <remarks>
    /// 32-bit draws split one 64-bit draw in two, as NumPy's <c>pcg64_next32</c> does: the low half is
    /// returned first and the high half is kept for the next 32-bit draw. 64-bit draws and doubles do
    /// not touch the kept half. Instances are not thread-safe.
    /// </remarks>
    public sealed class Pcg64 : IRandomWordSource
    {
        private const ulong MultiplierHigh = 0x2360ED051FC65DA4UL;
        private const ulong MultiplierLow = 0x4385DF649FCCF645UL;

        private ulong _stateHigh;
        private ulong _stateLow;
        private readonly ulong _incrementHigh;
        private readonly ulong _incrementLow;
        private bool _hasKeptHalf;
        private uint _keptHalf;

        /// <summary>Creates <c>np.random.PCG64(seed)</c>, seeded through <c>SeedSequence(seed)</c>.</summary>
        public Pcg64(ulong seed)
            : this(new SeedSequence(seed))
        {
        }

        /// <summary>
        /// Creates <c>np.random.PCG64(seedSequence)</c>: four 64-bit words of the sequence give the
        /// initial state (words 0 and 1, high then low) and the stream selector (words 2 and 3).
        /// </summary>
        public Pcg64(SeedSequence seedSequence)
            : this(WordsOf(seedSequence, 0), WordsOf(seedSequence, 2))
        {
        }

        /// <summary>
        /// Creates the generator with PCG's own seeding (<c>pcg_setseq_128_srandom_r</c>): the increment is
        /// <c>2·<paramref name="initialSequence"/> + 1</c>, and <paramref name="initialState"/> is added to
        /// the state between two steps.
        /// </summary>
        public Pcg64(UInt128 initialState, UInt128 initialSequence)
        {
            UInt128 increment = (initialSequence << 1) | UInt128.One;
            _incrementHigh = (ulong)(increment >> 64);
            _incrementLow = (ulong)increment;

            _stateHigh = 0;
            _stateLow = 0;
            Step();
            Add(ref _stateHigh, ref _stateLow, (ulong)(initialState >> 64), (ulong)initialState);
            Step();
        }

        /// <summary>The current 128-bit LCG state (NumPy's <c>state['state']['state']</c>).</summary>
        public UInt128 State => new UInt128(_stateHigh, _stateLow);

        /// <summary>The odd 128-bit LCG increment (NumPy's <c>state['state']['inc']</c>).</summary>
        public UInt128 Increment => new UInt128(_incrementHigh, _incrementLow);

        /// <summary>Advances the state and returns its XSL-RR output, as <c>random_raw()</c> does.</summary>
        public ulong NextUInt64()
        {
            Step();
            int rotation = (int)(_stateHigh >> 58);
            return BitOperations.RotateRight(_stateHigh ^ _stateLow, rotation);
        }

        /// <summary>
        /// Returns a 32-bit word: the low half of a fresh 64-bit draw, or, on the following call,
        /// the high half of that same draw.
        /// </summary>
        public uint NextUInt32()
        {
            if (_hasKeptHalf)
            {
                _hasKeptHalf = false;
                return _keptHalf;
            }

            ulong next = NextUInt64();
            _keptHalf = (uint)(next >> 32);
            _hasKeptHalf = true;
            return (uint)next;
        }

        /// <summary>Returns a uniform double in [0, 1): the top 53 bits of a 64-bit draw times 2^-53.</summary>
        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

        private static UInt128 WordsOf(SeedSequence seedSequence, int firstWord)
        {
            ulong[] words = seedSequence.GenerateState64(4);
            return new UInt128(words[firstWord], words[firstWord + 1]);
        }

        private static void Add(ref ulong high, ref ulong low, ulong addHigh, ulong addLow)
        {
            ulong sum = unchecked(low + addLow);
            ulong carry = sum < low ? 1UL : 0UL;
            high = unchecked(high + addHigh + carry);
            low = sum;
        }

        /// <summary>state = state · multiplier + increment (mod 2^128).</summary>
        private void Step()
        {
            ulong productHigh = Math.BigMul(_stateLow, MultiplierLow, out ulong productLow);
            productHigh = unchecked(productHigh + _stateHigh * MultiplierLow + _stateLow * MultiplierHigh);
            _stateHigh = productHigh;
            _stateLow = productLow;
            Add(ref _stateHigh, ref _stateLow, _incrementHigh, _incrementLow);
        }
    }
}
