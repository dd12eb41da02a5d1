using System;

namespace NetGen.NumPy
{
    /// <summary>
    /// NumPy's legacy random stream: what <c>np.random.seed(seed)</c> followed by <c>np.random.randn</c>,
    /// <c>np.random.random_sample</c> or <c>np.random.randint</c> produces, equal to the last bit
    /// (NumPy 1.17 and later keep this stream frozen).
    /// </summary>
    /// <remarks>
    /// The bit generator is MT19937 seeded with the reference <c>init_genrand</c> recurrence, which is
    /// what NumPy's <c>_legacy_seeding</c> uses for an integer seed (an array seed would use
    /// <c>init_by_array</c> instead). Normals come from the polar Box-Muller method, which makes two
    /// values per accepted pair and keeps the second one for the next call, exactly like NumPy's
    /// <c>legacy_gauss</c>. Bounded integers use masked rejection on 32-bit words, as
    /// <c>RandomState.randint</c> does. Instances are not thread-safe.
    /// </remarks>
    public sealed class LegacyRandom
    {
        private readonly Mt19937 _bits;
        private bool _hasCachedGaussian;
        private double _cachedGaussian;

        /// <summary>Creates the stream of <c>np.random.seed(seed)</c> / <c>np.random.RandomState(seed)</c>.</summary>
        /// <param name="seed">The integer seed, 0 to 2^32 - 1 as NumPy accepts it.</param>
        public LegacyRandom(uint seed)
        {
            _bits = new Mt19937(seed);
        }

        /// <summary>Returns the next raw MT19937 output, as <c>MT19937.random_raw()</c> would.</summary>
        public uint NextUInt32() => _bits.NextUInt32();

        /// <summary>
        /// Returns a uniform double in [0, 1) made of 53 random bits from two 32-bit draws,
        /// as <c>np.random.random_sample()</c> does.
        /// </summary>
        public double NextDouble() => _bits.NextDouble();

        /// <summary>
        /// Returns a standard normal value as <c>np.random.standard_normal()</c> / <c>np.random.randn()</c> does.
        /// </summary>
        /// <remarks>
        /// Draws uniform points (x1, x2) in the square [-1, 1)² until one falls strictly inside the unit
        /// circle (and is not the centre), then returns <c>x2·f</c> and keeps <c>x1·f</c> for the next call,
        /// where <c>f = sqrt(-2·ln(r²)/r²)</c>.
        /// </remarks>
        public double StandardNormal()
        {
            if (_hasCachedGaussian)
            {
                _hasCachedGaussian = false;
                double cached = _cachedGaussian;
                _cachedGaussian = 0.0;
                return cached;
            }

            double x1, x2, radiusSquared;
            do
            {
                x1 = 2.0 * _bits.NextDouble() - 1.0;
                x2 = 2.0 * _bits.NextDouble() - 1.0;
                radiusSquared = x1 * x1 + x2 * x2;
            }
            while (radiusSquared >= 1.0 || radiusSquared == 0.0);

            double factor = Math.Sqrt(-2.0 * Math.Log(radiusSquared) / radiusSquared);
            _cachedGaussian = factor * x1;
            _hasCachedGaussian = true;
            return factor * x2;
        }

        /// <summary>
        /// Fills <paramref name="destination"/> with standard normal values in order. For a row-major
        /// (C order) matrix this equals <c>np.random.randn(rows, cols)</c>.
        /// </summary>
        public void StandardNormal(Span<double> destination)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = StandardNormal();
            }
        }

        /// <summary>
        /// Returns a uniform integer in [<paramref name="low"/>, <paramref name="high"/>), as
        /// <c>np.random.randint(low, high)</c> does for its default 64-bit integer type.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="low"/> is not below <paramref name="high"/>.</exception>
        public long RandInt(long low, long high)
        {
            (ulong offset, ulong range) = BoundedIntegers.ClosedRange(low, high);
            return unchecked((long)BoundedIntegers.Next(_bits, offset, range, BoundedIntegers.Method.Masked));
        }

        /// <summary>
        /// Fills <paramref name="destination"/> with uniform integers in [<paramref name="low"/>,
        /// <paramref name="high"/>), equal to <c>np.random.randint(low, high, destination.Length)</c>.
        /// </summary>
        /// <exception cref="ArgumentException"><paramref name="low"/> is not below <paramref name="high"/>.</exception>
        /// <exception cref="ArgumentOutOfRangeException">The range does not fit in <see cref="int"/>.</exception>
        public void RandInt(long low, long high, Span<int> destination)
        {
            (ulong offset, ulong range) = BoundedIntegers.ClosedRange(low, high);
            BoundedIntegers.RequireInt32Range(low, high);
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = unchecked((int)(long)BoundedIntegers.Next(_bits, offset, range, BoundedIntegers.Method.Masked));
            }
        }
    }
}
