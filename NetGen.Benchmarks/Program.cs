using BenchmarkDotNet.Running;

namespace NetGen.Benchmarks
{
    /// <summary>
    /// Runs the benchmarks: <c>dotnet run -c Release --project NetGen.Benchmarks -- --filter '*'</c>
    /// (bench/run runs them beside NumPy and prints the ratios).
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
