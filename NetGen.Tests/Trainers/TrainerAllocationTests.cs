using System;
using NetGen.NumPy;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Trainers
{
    /// <summary>
    /// The trainer allocates per run and per epoch (the epoch's report), never per step: ten more epochs of 250 steps
    /// each allocate less than one object per step would.
    /// </summary>
    public sealed class TrainerAllocationTests
    {
        [Fact]
        public void ExtraEpochsAllocateOnlyTheirReports()
        {
            var features = new double[2000 * 4];
            new LegacyRandom(4).StandardNormal(features);
            var labels = new int[2000];
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = i % 3;
            }
            var data = new ClassificationData<double>(features, 4, labels, 3);
            var validation = data.Select(new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
            var network = new TrainerClassifierNet();
            network.InitializeHe(0);
            long Allocated(int epochs)
            {
                var trainer = new Trainer { Epochs = epochs, LearningRate = 1e-3, Patience = 1000, Progress = ProgressDisplay.Off };
                long before = GC.GetAllocatedBytesForCurrentThread();
                trainer.Fit(network, data, validation);
                return GC.GetAllocatedBytesForCurrentThread() - before;
            }

            Allocated(2); // compiles everything once
            // 2000 examples in batches of 8: 250 steps an epoch, 2,500 in the ten extra epochs. One 24-byte object per
            // step would be 60,000 bytes; a report is about 100. The runtime may allocate a few kilobytes of its own
            // on this thread while tiered compilation settles (Support/Allocations.cs), so the fewest extra bytes of
            // three tries count: an allocation per step shows in every try.
            long extra = long.MaxValue;
            for (int attempt = 0; attempt < 3 && extra >= 10 * 400; attempt++)
            {
                long two = Allocated(2);
                long twelve = Allocated(12);
                extra = Math.Min(extra, twelve - two);
            }
            Assert.True(extra < 10 * 400, $"10 more epochs allocated {extra} bytes");
        }
    }
}
