using System;

namespace NetGen.NumPy
{
    /// <summary>A source of raw random words, as NumPy's <c>bitgen_t</c> exposes them.</summary>
    internal interface IRandomWordSource
    {
        /// <summary>Returns the next 32-bit word as the bit generator's <c>next_uint32</c> does.</summary>
        uint NextUInt32();

        /// <summary>Returns the next 64-bit word as the bit generator's <c>next_uint64</c> does.</summary>
        ulong NextUInt64();
    }

    /// <summary>
    /// Uniform integers on a closed range <c>[offset, offset + range]</c>, drawn the way NumPy's
    /// <c>random_bounded_uint64_fill</c> (numpy/random/src/distributions/distributions.c) draws them
    /// for 64-bit output: 32-bit words when the range fits in 32 bits, 64-bit words otherwise, with
    /// either masked rejection (legacy <c>RandomState.randint</c>) or Lemire's multiply-and-reject
    /// method (<c>Generator.integers</c>).
    /// </summary>
    internal static class BoundedIntegers
    {
        /// <summary>Which rejection method turns raw words into a bounded integer.</summary>
        internal enum Method
        {
            /// <summary>Mask the word to the smallest all-ones mask covering the range, reject values above it.</summary>
            Masked,

            /// <summary>Lemire's method: take the high half of word × (range + 1), reject a small biased slice.</summary>
            Lemire,
        }

        /// <summary>
        /// Returns <c>offset + v</c> (wrapping) where <c>v</c> is uniform on <c>[0, range]</c>.
        /// A range of 0 returns <paramref name="offset"/> without drawing.
        /// </summary>
        public static ulong Next<TSource>(TSource source, ulong offset, ulong range, Method method)
            where TSource : IRandomWordSource
        {
            if (range == 0)
            {
                return offset;
            }

            if (range <= uint.MaxValue)
            {
                uint range32 = (uint)range;
                if (range32 == uint.MaxValue)
                {
                    return unchecked(offset + source.NextUInt32());
                }

                uint value = method == Method.Masked
                    ? MaskedUInt32(source, range32, (uint)SmallestMask(range32))
                    : LemireUInt32(source, range32);
                return unchecked(offset + value);
            }

            if (range == ulong.MaxValue)
            {
                return unchecked(offset + source.NextUInt64());
            }

            ulong value64 = method == Method.Masked
                ? MaskedUInt64(source, range, SmallestMask(range))
                : LemireUInt64(source, range);
            return unchecked(offset + value64);
        }

        /// <summary>
        /// Converts NumPy's half-open <c>[low, high)</c> to the closed-range offset and range
        /// that <see cref="Next"/> takes, throwing NumPy's error when the range is empty.
        /// </summary>
        public static (ulong Offset, ulong Range) ClosedRange(long low, long high)
        {
            if (low >= high)
            {
                throw new ArgumentException($"low >= high: low is {low}, high is {high}.", nameof(high));
            }

            ulong range = unchecked((ulong)high - (ulong)low - 1UL);
            return (unchecked((ulong)low), range);
        }

        /// <summary>Throws unless every value of <c>[low, high)</c> fits in an <see cref="int"/>.</summary>
        public static void RequireInt32Range(long low, long high)
        {
            if (low < int.MinValue || high - 1 > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(high),
                    $"[{low}, {high}) does not fit in Int32 destination elements; use the Int64 overload.");
            }
        }

        /// <summary>The smallest value of the form 2^k - 1 that is at least <paramref name="max"/>.</summary>
        private static ulong SmallestMask(ulong max)
        {
            ulong mask = max;
            mask |= mask >> 1;
            mask |= mask >> 2;
            mask |= mask >> 4;
            mask |= mask >> 8;
            mask |= mask >> 16;
            mask |= mask >> 32;
            return mask;
        }

        private static uint MaskedUInt32<TSource>(TSource source, uint range, uint mask)
            where TSource : IRandomWordSource
        {
            uint value;
            do
            {
                value = source.NextUInt32() & mask;
            }
            while (value > range);

            return value;
        }

        private static ulong MaskedUInt64<TSource>(TSource source, ulong range, ulong mask)
            where TSource : IRandomWordSource
        {
            ulong value;
            do
            {
                value = source.NextUInt64() & mask;
            }
            while (value > range);

            return value;
        }

        /// <summary>Lemire's method on 32-bit words; <paramref name="range"/> must be below 2^32 - 1.</summary>
        private static uint LemireUInt32<TSource>(TSource source, uint range)
            where TSource : IRandomWordSource
        {
            uint exclusive = range + 1;
            ulong product = (ulong)source.NextUInt32() * exclusive;
            uint leftover = (uint)product;

            if (leftover < exclusive)
            {
                // 2^32 mod exclusive: the number of low products that would over-represent some outputs.
                uint threshold = (uint.MaxValue - range) % exclusive;
                while (leftover < threshold)
                {
                    product = (ulong)source.NextUInt32() * exclusive;
                    leftover = (uint)product;
                }
            }

            return (uint)(product >> 32);
        }

        /// <summary>Lemire's method on 64-bit words; <paramref name="range"/> must be below 2^64 - 1.</summary>
        private static ulong LemireUInt64<TSource>(TSource source, ulong range)
            where TSource : IRandomWordSource
        {
            ulong exclusive = range + 1;
            ulong high = Math.BigMul(source.NextUInt64(), exclusive, out ulong leftover);

            if (leftover < exclusive)
            {
                ulong threshold = (ulong.MaxValue - range) % exclusive;
                while (leftover < threshold)
                {
                    high = Math.BigMul(source.NextUInt64(), exclusive, out leftover);
                }
            }

            return high;
        }
    }
}
