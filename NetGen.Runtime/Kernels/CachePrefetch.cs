using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels
{
    /// <summary>
    /// Asks the processor to bring memory into its L2 cache ahead of use, for the generated kernels: while one block
    /// of a product is computed, the kernel fetches the block it works on next (the rows it will copy and the rows it
    /// will store), so that those reads and stores find the cache instead of waiting for memory.
    /// </summary>
    /// <remarks>
    /// <para>A prefetch is a hint: it never faults, never changes a value and may be dropped by the processor. On x86
    /// it is <c>PREFETCHT1</c> (into L2 and the caches beyond it: the blocks fetched ahead are larger than an L1
    /// data cache, which holds the block being computed); on other processors these methods do nothing.</para>
    /// <para>The address handed to the instruction is taken from a managed reference: if the collector moves the
    /// array in between, the hint goes to the old place and is merely wasted.</para>
    /// <para>A region is counted in 64-byte lines from its first element, plus one more for the line its end falls
    /// on when the start is not itself on a line boundary: <see cref="LineCount"/> of them.</para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class CachePrefetch
    {
        /// <summary>Bytes per cache line on the processors the kernels are planned for.</summary>
        public const int LineBytes = 64;

        /// <summary>How many lines <see cref="Lines{T}(ReadOnlySpan{T}, int, int)"/> counts in a region of <paramref name="bytes"/> bytes.</summary>
        public static int LineCount(int bytes) => bytes <= 0 ? 0 : (bytes + LineBytes - 1) / LineBytes + 1;

        /// <summary>Fetches lines <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of <paramref name="region"/> (those that exist) into L2.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Lines<T>(ReadOnlySpan<T> region, int first, int count)
            where T : unmanaged
        {
            if (Sse.IsSupported)
            {
                Fetch(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(region)), region.Length * Unsafe.SizeOf<T>(), first, count);
            }
        }

        /// <inheritdoc cref="Lines{T}(ReadOnlySpan{T}, int, int)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Lines<T>(Span<T> region, int first, int count)
            where T : unmanaged =>
            Lines((ReadOnlySpan<T>)region, first, count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Fetch(ref byte start, int bytes, int first, int count)
        {
            int end = Math.Min(first + count, LineCount(bytes));
            for (int line = Math.Max(first, 0); line < end; line++)
            {
                // The last line is the one the region's last byte is on.
                int offset = Math.Min(line * LineBytes, bytes - 1);
                Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref start, offset)));
            }
        }
    }
}
