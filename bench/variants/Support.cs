using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Bench.Variants
{
    /// <summary>What the copied kernels call: the generated class's scratch buffer and NetGen.Runtime's prefetch.</summary>
    internal static class Support
    {
        [ThreadStatic]
        private static double[]? t_scratch;

        public static Span<double> Scratch() => t_scratch ??= new double[1 << 16];

        /// <summary>As <c>NetGen.Kernels.CachePrefetch.Lines</c>: lines first .. first + count - 1 of the region into L2.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static unsafe void Prefetch(ReadOnlySpan<double> region, int first, int count)
        {
            if (!Sse.IsSupported)
            {
                return;
            }
            ref byte start = ref Unsafe.As<double, byte>(ref MemoryMarshal.GetReference(region));
            int bytes = region.Length * sizeof(double);
            int lines = bytes <= 0 ? 0 : (bytes + 63) / 64 + 1;
            for (int line = Math.Max(first, 0); line < Math.Min(first + count, lines); line++)
            {
                Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref start, Math.Min(line * 64, bytes - 1))));
            }
        }
    }
}
