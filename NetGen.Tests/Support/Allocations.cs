using System;

namespace NetGen.Tests.Support
{
    /// <summary>What a call allocates once the runtime has settled.</summary>
    public static class Allocations
    {
        /// <summary>
        /// The fewest bytes this thread allocated over one of up to <paramref name="windows"/> runs of
        /// <paramref name="calls"/> calls of <paramref name="call"/>, stopping at the first run that allocated none.
        /// </summary>
        /// <remarks>
        /// The runtime itself allocates now and then on the calling thread while it settles: tiered compilation
        /// replaces a method after its first 30 calls, and a loop running in a method's first version can move to an
        /// optimized one in the middle of a call. One run of calls can then show a few kilobytes that are not the
        /// code's. A call that allocates on every call shows in every run, so the fewest bytes over the runs is
        /// still more than zero, and a test asserting zero still fails.
        /// </remarks>
        public static long SteadyState(Action call, int calls = 20, int windows = 10)
        {
            long fewest = long.MaxValue;
            for (int window = 0; window < windows && fewest > 0; window++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < calls; i++)
                {
                    call();
                }
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            return fewest;
        }
    }
}
