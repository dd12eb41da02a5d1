using System;
using System.Globalization;
using System.IO;

namespace NetGen.Bench.Peak
{
    /// <summary>
    /// Prints this machine's FMA peak, measured now:
    /// <code>
    /// dotnet run -c Release --project bench/peak                        # the widest vectors this process can use
    /// dotnet run -c Release --project bench/peak -- --isa Vector256     # or Vector512, Vector128, Scalar
    /// dotnet run -c Release --project bench/peak -- --json peak.json    # also write the figures as JSON
    /// dotnet run -c Release --project bench/peak -- --steadiness 20     # how steady the core is, and the kernels' tile
    /// </code>
    /// Options: <c>--seconds S</c> (length of one timed run, default 0.2), <c>--runs N</c> (best of N, default 5),
    /// <c>--cores N</c> (threads of the all-cores measurement, default every processor).
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            PeakIsa? isa = null;
            int? cores = null;
            double seconds = 0.2;
            int runs = 5;
            string? json = null;
            double? steadiness = null;
            for (int i = 0; i < args.Length; i++)
            {
                string option = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{option} needs a value");
                try
                {
                    switch (option)
                    {
                        case "--isa":
                            isa = Enum.Parse<PeakIsa>(Value(), ignoreCase: true);
                            break;
                        case "--cores":
                            cores = int.Parse(Value(), CultureInfo.InvariantCulture);
                            break;
                        case "--seconds":
                            seconds = double.Parse(Value(), CultureInfo.InvariantCulture);
                            break;
                        case "--runs":
                            runs = int.Parse(Value(), CultureInfo.InvariantCulture);
                            break;
                        case "--json":
                            json = Value();
                            break;
                        case "--steadiness":
                            steadiness = double.Parse(Value(), CultureInfo.InvariantCulture);
                            break;
                        default:
                            throw new ArgumentException($"unknown option {option}");
                    }
                }
                catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
                {
                    Console.Error.WriteLine($"peak: {e.Message}. Options: --isa Vector512|Vector256|Vector128|Scalar, --cores N, --seconds S, --runs N, --json FILE, --steadiness SECONDS");
                    return 1;
                }
            }
            if (isa is PeakIsa requested && !FmaPeak.Supports(requested))
            {
                Console.Error.WriteLine($"peak: this process cannot run {requested} FMA (widest: {FmaPeak.WidestIsa})");
                return 2;
            }

            if (steadiness is double steadySeconds)
            {
                return Steadiness.Run(isa ?? FmaPeak.WidestIsa, steadySeconds);
            }

            string loadBefore = FmaPeak.LoadAverage();
            PeakResult result = FmaPeak.Measure(isa, cores, seconds, runs);
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine($"FMA peak probe: {result.Isa}, {result.Chains} independent chains, best of {runs} runs of {seconds.ToString(c)} s; " +
                $"load average {loadBefore} before, {FmaPeak.LoadAverage()} after");
            Console.WriteLine(string.Create(c, $"  1 core alone:           double {result.DoubleOneCore,7:F1} GFLOP/s   float {result.FloatOneCore,7:F1} GFLOP/s"));
            Console.WriteLine(string.Create(c, $"  {result.Cores} cores at once, per core: double {result.DoubleAllCoresPerCore,7:F1} GFLOP/s   float {result.FloatAllCoresPerCore,7:F1} GFLOP/s"));
            if (result.DoubleAllCoresPerCore < 0.9 * result.DoubleOneCore || result.FloatAllCoresPerCore < 0.9 * result.FloatOneCore)
            {
                Console.WriteLine("  (the cores at once ran more than 10% slower than one alone: another process was probably running)");
            }
            Console.WriteLine(string.Create(c, $"peak double {result.DoubleOneCore:F1} GFLOP/s per core, float {result.FloatOneCore:F1}"));
            Console.WriteLine(result.MachineReadable());
            if (json is not null)
            {
                File.WriteAllText(json, result.Json() + "\n");
            }
            return 0;
        }
    }
}
