using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Serving
{
    /// <summary>
    /// Many threads on one network: Predict from any number of threads gives the single-threaded outputs and allocates
    /// nothing after a thread's first call; a second thread in a training method gets an InvalidOperationException at
    /// once (never a hang, never mixed numbers); Predict beside training either returns the outputs of one state of the
    /// weights or throws.
    /// </summary>
    [Collection(nameof(ServingCollection))]
    public class ConcurrencyTests
    {
        private const int Inputs = ServedFashionNet.InputSize;
        private const int Outputs = ServedFashionNet.OutputSize;

        [Fact]
        public void FourThreadsMakeAHundredThousandPredictionsEqualToOneThreads()
        {
            var net = new ServedFashionNet();
            net.InitializeHe(11);
            PredictTests.Randomize(net.B1, 12, 0.1f);
            const int examples = 96;
            float[] x = PredictTests.Inputs(examples * Inputs, 13);
            float[] expected = new float[examples * Outputs];
            net.Predict(x, expected);

            const int threads = 4;
            const int callsPerThread = 25_000;
            int mismatches = 0;
            long[] allocated = new long[threads];
            var failures = new ConcurrentQueue<Exception>();
            var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
            {
                try
                {
                    float[] output = new float[9 * Outputs];
                    // The thread's first call allocates its scratch, and the first call of each pass compiles it; every
                    // call after those allocates nothing.
                    for (int i = 0; i < 200; i++)
                    {
                        net.Predict(x.AsSpan(0, Inputs), output.AsSpan(0, Outputs));
                        net.Predict(x.AsSpan(0, 9 * Inputs), output);
                    }
                    // The calls run in five counts of 5,000; the runtime may allocate on this thread once while it
                    // replaces a method with its optimized version, but a call that allocated would show in every count.
                    allocated[t] = long.MaxValue;
                    for (int count = 0; count < 5; count++)
                    {
                        long before = GC.GetAllocatedBytesForCurrentThread();
                        for (int i = count * callsPerThread / 5; i < (count + 1) * callsPerThread / 5; i++)
                        {
                            int rows = i % 10 == 9 ? 9 : 1;
                            int first = (i * 7 + t * 13) % (examples - rows + 1);
                            Span<float> result = output.AsSpan(0, rows * Outputs);
                            net.Predict(x.AsSpan(first * Inputs, rows * Inputs), result);
                            if (!result.SequenceEqual(expected.AsSpan(first * Outputs, rows * Outputs)))
                            {
                                Interlocked.Increment(ref mismatches);
                            }
                        }
                        allocated[t] = Math.Min(allocated[t], GC.GetAllocatedBytesForCurrentThread() - before);
                    }
                }
                catch (Exception exception)
                {
                    failures.Enqueue(exception);
                }
            })).ToList();
            workers.ForEach(w => w.Start());
            workers.ForEach(w => Assert.True(w.Join(TimeSpan.FromMinutes(2))));

            Assert.Empty(failures);
            Assert.Equal(0, mismatches);
            Assert.All(allocated, bytes => Assert.Equal(0, bytes));
        }

        [Fact]
        public void PredictAllocatesNothingInTheWholeProcessAfterWarmUp()
        {
            var net = new ServedFashionNet();
            net.InitializeHe(14);
            float[] x = PredictTests.Inputs(70 * Inputs, 15);
            float[] output = new float[70 * Outputs];
            float[] probabilities = new float[70 * Outputs];
            int[] classes = new int[70];
            var snapshot = net.TakeSnapshot();
            void Calls()
            {
                for (int i = 0; i < 50; i++)
                {
                    net.Predict(x.AsSpan(0, Inputs), output.AsSpan(0, Outputs));
                    net.Predict(x, output);
                    net.PredictProbabilities(x, probabilities);
                    net.PredictClasses(x, classes);
                    _ = net.PredictClass(x.AsSpan(Inputs, Inputs));
                    snapshot.Predict(x, output);
                }
            }
            Calls();
            Assert.Equal(0, Allocations.SteadyState(Calls, calls: 1));

            // The whole process: the test host's own threads allocate now and then (a timer, a log line), so the
            // fewest bytes of ten counts of 300 calls must stay below one byte per call: a call that allocated
            // anything, even once, would add at least 24 bytes to every count.
            long fewest = long.MaxValue;
            for (int count = 0; count < 10 && fewest > 0; count++)
            {
                long start = GC.GetTotalAllocatedBytes(precise: true);
                Calls();
                fewest = Math.Min(fewest, GC.GetTotalAllocatedBytes(precise: true) - start);
            }
            Assert.True(fewest < 300, $"300 predictions allocated at least {fewest} bytes in the whole process, every time of ten");
        }

        [Fact]
        public void ShortBatchOverloadsAllocateNothing()
        {
            var one = new ServedOneThreadNet();
            Measure(one.InitializeHe, (x, labels, rows) =>
            {
                one.Forward(x, rows);
                one.Loss(labels.Slice(0, rows), rows);
                one.CountCorrect(labels.Slice(0, rows), rows);
                one.Backward(x, labels.Slice(0, rows), rows);
                one.TrainStep(x, labels.Slice(0, rows), 0.01, rows);
            });
            var two = new ServedTwoThreadNet();
            Measure(two.InitializeHe, (x, labels, rows) =>
            {
                two.Forward(x, rows);
                two.Loss(labels.Slice(0, rows), rows);
                two.CountCorrect(labels.Slice(0, rows), rows);
                two.Backward(x, labels.Slice(0, rows), rows);
                two.TrainStep(x, labels.Slice(0, rows), 0.01, rows);
            });
        }

        private delegate void RowsCalls(ReadOnlySpan<float> x, ReadOnlySpan<int> labels, int rows);

        private static void Measure(Action<int> initialize, RowsCalls calls)
        {
            initialize(16);
            const int inputs = ServedOneThreadNet.InputSize;
            float[] x = PredictTests.Inputs(16 * inputs, 17);
            int[] labels = Enumerable.Range(0, 16).Select(i => i % 5).ToArray();
            foreach (int rows in new[] { 16, 5, 1 })
            {
                calls(x.AsSpan(0, rows * inputs), labels, rows);
            }
            long allocated = Allocations.SteadyState(() =>
            {
                for (int i = 0; i < 100; i++)
                {
                    int rows = i % 3 == 0 ? 5 : i % 3 == 1 ? 1 : 16;
                    calls(x.AsSpan(0, rows * inputs), labels, rows);
                }
            }, calls: 1);
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void TwoThreadsTrainingOneTwoThreadNetworkFinishWithTheGuardsException()
        {
            var net = new ServedTwoThreadNet();
            net.InitializeHe(18);
            AssertSecondCallerIsTurnedAway(
                (x, labels) => net.TrainStep(x, labels, 0.01),
                (x, labels) => net.TrainStep(x, labels, 0.01),
                "TrainStep", "TrainStep");
        }

        [Fact]
        public void ForwardBesideTrainStepOnATwoThreadNetworkFinishesWithTheGuardsException()
        {
            var net = new ServedTwoThreadNet();
            net.InitializeHe(19);
            AssertSecondCallerIsTurnedAway(
                (x, labels) => net.TrainStep(x, labels, 0.01),
                (x, labels) => net.Forward(x),
                "TrainStep", "Forward");
        }

        [Fact]
        public void TwoThreadsTrainingOneSingleThreadNetworkFinishWithTheGuardsException()
        {
            var net = new ServedOneThreadNet();
            net.InitializeHe(20);
            AssertSecondCallerIsTurnedAway(
                (x, labels) => net.TrainStep(x, labels, 0.01),
                (x, labels) => { net.Forward(x); net.Backward(x, labels); net.Step(0.01); },
                "TrainStep", "Forward");
        }

        private delegate void Call(ReadOnlySpan<float> x, ReadOnlySpan<int> labels);

        /// <summary>
        /// Runs <paramref name="first"/> and <paramref name="second"/> in loops on two threads for a while: both must
        /// finish within a second of the end, and every collision must be the guard's InvalidOperationException naming
        /// the methods.
        /// </summary>
        private static void AssertSecondCallerIsTurnedAway(Call first, Call second, string firstName, string secondName)
        {
            const int inputs = ServedOneThreadNet.InputSize;
            float[] x = PredictTests.Inputs(16 * inputs, 21);
            int[] labels = Enumerable.Range(0, 16).Select(i => i % 5).ToArray();
            var collisions = new ConcurrentQueue<InvalidOperationException>();
            var failures = new ConcurrentQueue<Exception>();
            var stop = Stopwatch.StartNew();
            var end = TimeSpan.FromMilliseconds(600);
            using var start = new Barrier(2);
            Thread Loop(Call call) => new Thread(() =>
            {
                start.SignalAndWait();
                while (stop.Elapsed < end)
                {
                    try
                    {
                        call(x, labels);
                    }
                    catch (InvalidOperationException collision)
                    {
                        collisions.Enqueue(collision);
                    }
                    catch (Exception exception)
                    {
                        failures.Enqueue(exception);
                        return;
                    }
                }
            });
            Thread a = Loop(first);
            Thread b = Loop(second);
            a.Start();
            b.Start();
            Assert.True(a.Join(end + TimeSpan.FromSeconds(1)), "the first thread did not finish within a second");
            Assert.True(b.Join(end + TimeSpan.FromSeconds(1)), "the second thread did not finish within a second");
            Assert.Empty(failures);
            Assert.NotEmpty(collisions);
            Assert.All(collisions, c => Assert.Contains("runs on thread", c.Message));
            Assert.Contains(collisions, c => c.Message.Contains(firstName, StringComparison.Ordinal) && c.Message.Contains(secondName, StringComparison.Ordinal));

            // The guard is free again: one more call on this thread goes through.
            first(x, labels);
        }

        [Fact]
        public void AFailedCallLeavesTheGuardFree()
        {
            var net = new ServedOneThreadNet();
            net.InitializeHe(22);
            Assert.Throws<ArgumentException>(() => net.Forward(new float[3]));
            float[] x = PredictTests.Inputs(16 * ServedOneThreadNet.InputSize, 23);
            int[] labels = new int[16];
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    net.TrainStep(x, labels, 0.01);
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
            });
            thread.Start();
            Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
            Assert.Null(failure);
        }

        [Fact]
        public void PredictBesideTrainingReturnsOneStateOfTheWeightsOrThrows()
        {
            var net = new ServedOneThreadNet();
            net.InitializeHe(24);
            const int inputs = ServedOneThreadNet.InputSize;
            const int outputs = ServedOneThreadNet.OutputSize;
            float[] batch = PredictTests.Inputs(16 * inputs, 25);
            int[] labels = Enumerable.Range(0, 16).Select(i => (i * 3) % 5).ToArray();
            float[] probe = PredictTests.Inputs(3 * inputs, 26);

            const int steps = 300;
            var states = new List<ServedOneThreadNet.Snapshot> { net.TakeSnapshot() };
            var results = new ConcurrentQueue<float[]>();
            int refused = 0;
            bool training = true;
            var predictor = new Thread(() =>
            {
                float[] output = new float[3 * outputs];
                while (Volatile.Read(ref training))
                {
                    try
                    {
                        net.Predict(probe, output);
                        results.Enqueue(output.ToArray());
                    }
                    catch (InvalidOperationException exception) when (exception.Message.Contains("TakeSnapshot", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref refused);
                    }
                }
            });
            predictor.Start();
            for (int step = 0; step < steps; step++)
            {
                net.TrainStep(batch, labels, 0.05);
                states.Add(net.TakeSnapshot());
                // A pause between steps now and then, so that some predictions fall wholly between two updates even
                // on a busy machine; the others overlap an update and must throw.
                if (step % 4 == 0)
                {
                    Thread.Sleep(1);
                }
            }
            Volatile.Write(ref training, false);
            Assert.True(predictor.Join(TimeSpan.FromSeconds(10)));

            // Every prediction that returned is the prediction of one state the weights were in.
            var known = new HashSet<string>(states.Select(s =>
            {
                float[] output = new float[3 * outputs];
                s.Predict(probe, output);
                return Key(output);
            }));
            Assert.True(known.Count > steps / 2, "training should change the predictions");
            Assert.NotEmpty(results);
            int unknown = results.Count(r => !known.Contains(Key(r)));
            Assert.True(unknown == 0, $"{unknown} of {results.Count} predictions that returned ({refused} refused) match no state the weights were in");

            static string Key(float[] values) => string.Join(",", values.Select(v => BitConverter.SingleToInt32Bits(v)));
        }

        [Fact]
        public void ASnapshotKeepsItsWeightsWhileTheNetworkTrains()
        {
            var net = new ServedFashionNet();
            net.InitializeHe(27);
            float[] x = PredictTests.Inputs(64 * Inputs, 28);
            int[] labels = Enumerable.Range(0, 64).Select(i => i % 10).ToArray();
            ServedFashionNet.Snapshot snapshot = net.TakeSnapshot();
            float[] before = new float[5 * Outputs];
            net.Predict(x.AsSpan(0, 5 * Inputs), before);
            float[] fromSnapshot = new float[before.Length];
            snapshot.Predict(x.AsSpan(0, 5 * Inputs), fromSnapshot);
            Assert.Equal(before, fromSnapshot);
            Assert.Equal(net.W1.ToArray(), snapshot.W1.ToArray());

            net.TrainStep(x, labels, 1e-3);
            float[] after = new float[before.Length];
            net.Predict(x.AsSpan(0, 5 * Inputs), after);
            snapshot.Predict(x.AsSpan(0, 5 * Inputs), fromSnapshot);
            Assert.NotEqual(before, after);
            Assert.Equal(before, fromSnapshot);

            float[] probabilities = new float[Outputs];
            snapshot.PredictProbabilities(x.AsSpan(0, Inputs), probabilities);
            Assert.Equal(Array.IndexOf(probabilities, probabilities.Max()), snapshot.PredictClass(x.AsSpan(0, Inputs)));
        }

        [Fact]
        public void TakeSnapshotOnAnotherThreadWhileTrainingRunsIsRefused()
        {
            var net = new ServedOneThreadNet();
            net.InitializeHe(29);
            float[] x = PredictTests.Inputs(16 * ServedOneThreadNet.InputSize, 30);
            int[] labels = new int[16];
            var collisions = new ConcurrentQueue<InvalidOperationException>();
            bool training = true;
            var taker = new Thread(() =>
            {
                while (Volatile.Read(ref training))
                {
                    try
                    {
                        net.TakeSnapshot();
                    }
                    catch (InvalidOperationException collision)
                    {
                        collisions.Enqueue(collision);
                    }
                }
            });
            taker.Start();
            // Until both sides have met the other inside (or 10 s on a very busy machine).
            var refusedSteps = new ConcurrentQueue<InvalidOperationException>();
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 10_000 && (collisions.IsEmpty || refusedSteps.IsEmpty))
            {
                try
                {
                    net.TrainStep(x, labels, 0.01);
                }
                catch (InvalidOperationException collision)
                {
                    refusedSteps.Enqueue(collision);
                }
            }
            Volatile.Write(ref training, false);
            Assert.True(taker.Join(TimeSpan.FromSeconds(5)));
            Assert.Contains(collisions, c => c.Message.StartsWith("TakeSnapshot was called", StringComparison.Ordinal) && c.Message.Contains("while TrainStep runs", StringComparison.Ordinal));
            Assert.Contains(refusedSteps, c => c.Message.StartsWith("TrainStep was called", StringComparison.Ordinal) && c.Message.Contains("while TakeSnapshot runs", StringComparison.Ordinal));
        }
    }

    /// <summary>The concurrency tests count a whole process's allocations and time threads: they run alone.</summary>
    [CollectionDefinition(nameof(ServingCollection), DisableParallelization = true)]
    public class ServingCollection
    {
    }
}
