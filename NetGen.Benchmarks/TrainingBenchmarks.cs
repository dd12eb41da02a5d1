using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks
{
    /// <summary>Question 7's whole run: 500 training iterations of the 1000-100-10 network on batches of 64.</summary>
    [MemoryDiagnoser]
    public class Question7Benchmark
    {
        private Workload _workload = null!;

        [GlobalSetup]
        public void Setup() => _workload = Workload.Create("q7");

        /// <summary>Resets the weights (as a fresh NumPy run starts from them), then trains 500 iterations.</summary>
        [Benchmark(Description = "q7: 500 iterations, 64 x 1000-100-10")]
        public double FiveHundredIterations()
        {
            _workload.ResetParameters();
            double loss = 0;
            for (int i = 0; i < 500; i++)
            {
                loss = _workload.TrainStep();
            }
            return loss;
        }
    }

    /// <summary>One TrainStep of other shapes: an MNIST-sized perceptron and a tiny network with a small batch.</summary>
    [MemoryDiagnoser]
    public class ShapeBenchmarks
    {
        private Workload _workload = null!;

        [Params("mlp-784-256-128-10", "tiny-20-16-3")]
        public string Workload { get; set; } = "";

        [GlobalSetup]
        public void Setup() => _workload = Benchmarks.Workload.Create(Workload);

        [Benchmark(Description = "TrainStep")]
        public double TrainStep() => _workload.TrainStep();
    }

    /// <summary>
    /// TrainStep, which takes plain SGD's step inside the backward pass (each block of dW's rows updates W while it is
    /// still in the cache), against Forward, Loss, Backward and Step called in turn, which computes the same numbers
    /// bit for bit with Step reading all of dW and W again.
    /// </summary>
    [MemoryDiagnoser]
    public class FusedStepBenchmarks
    {
        private Workload _workload = null!;

        [Params("scale-x1", "scale-batch-x16", "scale-inputs-x16", "scale-hidden-x16")]
        public string Network { get; set; } = "";

        [GlobalSetup]
        public void Setup() => _workload = Workload.Create(Network);

        [Benchmark(Baseline = true, Description = "Forward, Loss, Backward, Step")]
        public double Separate() => _workload.ForwardLossBackwardStep();

        [Benchmark(Description = "TrainStep")]
        public double TrainStep() => _workload.TrainStep();
    }

    /// <summary>One TrainStep of question 7's network as the batch, the inputs or the hidden units grow ×1, ×4, ×16.</summary>
    [MemoryDiagnoser]
    public class ScalingBenchmarks
    {
        private Workload _workload = null!;

        [Params("scale-x1", "scale-batch-x4", "scale-batch-x16", "scale-inputs-x4", "scale-inputs-x16", "scale-hidden-x4", "scale-hidden-x16")]
        public string Workload { get; set; } = "";

        [GlobalSetup]
        public void Setup() => _workload = Benchmarks.Workload.Create(Workload);

        [Benchmark(Description = "TrainStep")]
        public double TrainStep() => _workload.TrainStep();
    }
}
