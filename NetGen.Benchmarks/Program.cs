using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace NetGen.Benchmarks
{
    /// <summary>
    /// Runs the benchmarks: <c>dotnet run -c Release --project NetGen.Benchmarks -- --filter '*'</c>
    /// (bench/run runs them beside NumPy and PyTorch and prints the ratios). Every summary has two more columns:
    /// GFLOP/s and the share of this machine's FMA peak (<see cref="PeakShareColumn"/>).
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args) =>
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
                .Run(args, ManualConfig.Create(DefaultConfig.Instance)
                    .AddColumn(new GflopsColumn(), new PeakShareColumn())
                    // Workload names such as fashion-step-2-threads whole, not shortened.
                    .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(32)));
    }
}
