namespace NetGen.Bench
{
    /// <summary>
    /// Empties the caches of what the last call left there, as a training step's other layers do: reads 64 MiB, one
    /// element per cache line. Compiled into bench/kernels (--cold) and bench/builds.
    /// </summary>
    internal static class CacheSweep
    {
        private static readonly double[] Buffer = new double[8 << 20];

        private static double s_sink;

        public static void Run()
        {
            double sum = 0;
            for (int i = 0; i < Buffer.Length; i += 8)
            {
                sum += Buffer[i];
            }
            s_sink += sum;
        }
    }
}
