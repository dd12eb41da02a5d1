using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Trainers
{
    /// <summary>The trainer's loop: batches, shuffling, validation, early stopping, schedules, cancellation.</summary>
    public sealed class TrainerTests
    {
        private static Trainer Quiet(int epochs) => new() { Epochs = epochs, Progress = ProgressDisplay.Off };

        [Fact]
        public void EveryEpochSeesEveryExampleOnce_AndTheShortLastBatchIsCountedOnce()
        {
            var network = new RecordingClassifier(batchSize: 4);
            ClassificationData<double> data = RecordingClassifier.IndexedData(10);

            TrainingHistory history = Quiet(3).Fit(network, data);

            // 10 examples in batches of 4: 4, 4 and a short batch of 2, three epochs.
            Assert.Equal(new[] { 4, 4, 2, 4, 4, 2, 4, 4, 2 }, network.Steps.Select(s => s.Length));
            for (int epoch = 0; epoch < 3; epoch++)
            {
                int[] seen = network.Steps.Skip(3 * epoch).Take(3).SelectMany(s => s).OrderBy(i => i).ToArray();
                Assert.Equal(Enumerable.Range(0, 10), seen);
            }
            // The loss per example: each step returns 1 per row.
            Assert.All(history.Epochs, e => Assert.Equal(1.0, e.TrainLoss));
            Assert.Equal(3, history.Epochs.Count);
            Assert.Equal(StopReason.Completed, history.StopReason);
        }

        [Fact]
        public void ShufflingIsSeeded_FisherYatesFromSystemRandom()
        {
            ClassificationData<double> data = RecordingClassifier.IndexedData(23);
            int[] Order(int seed, bool shuffle)
            {
                var network = new RecordingClassifier(batchSize: 5);
                var trainer = Quiet(2);
                trainer.Seed = seed;
                trainer.Shuffle = shuffle;
                trainer.Fit(network, data);
                return network.Steps.SelectMany(s => s).ToArray();
            }

            Assert.Equal(Order(7, true), Order(7, true));
            Assert.NotEqual(Order(7, true), Order(8, true));
            Assert.Equal(Enumerable.Range(0, 23).Concat(Enumerable.Range(0, 23)), Order(7, false));

            // The documented order: the identity, shuffled in place before every epoch, from the last element down,
            // by System.Random(seed) (the shuffles accumulate, as in the Fashion-MNIST sample).
            var random = new Random(7);
            int[] order = Enumerable.Range(0, 23).ToArray();
            var expected = new List<int>();
            for (int epoch = 0; epoch < 2; epoch++)
            {
                for (int i = order.Length - 1; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
                expected.AddRange(order);
            }
            Assert.Equal(expected, Order(7, true));
        }

        [Fact]
        public void TheValidationSplitIsDisjointSeededAndStratified()
        {
            ClassificationData<double> data = RecordingClassifier.IndexedData(100, classes: 4);
            (int[] Trained, int[] Validated) Split(int seed)
            {
                var network = new RecordingClassifier(batchSize: 16, outputSize: 4);
                var trainer = Quiet(1);
                trainer.Seed = seed;
                trainer.ValidationFraction = 0.2;
                TrainingHistory history = trainer.Fit(network, data);
                Assert.Equal(80, history.TrainCount);
                Assert.Equal(20, history.ValidationCount);
                return (network.Steps.SelectMany(s => s).OrderBy(i => i).ToArray(), network.Measured.SelectMany(s => s).OrderBy(i => i).ToArray());
            }

            (int[] trained, int[] validated) = Split(3);
            Assert.Equal(80, trained.Distinct().Count());
            Assert.Equal(20, validated.Distinct().Count());
            Assert.Empty(trained.Intersect(validated));
            Assert.Equal(Enumerable.Range(0, 100), trained.Concat(validated).OrderBy(i => i));
            // Stratified: each of the 4 classes (25 examples each) gives 5 to validation.
            Assert.All(Enumerable.Range(0, 4), c => Assert.Equal(5, validated.Count(i => i % 4 == c)));
            (int[] trainedAgain, int[] validatedAgain) = Split(3);
            Assert.Equal(trained, trainedAgain);
            Assert.Equal(validated, validatedAgain);
            Assert.NotEqual(validated, Split(4).Validated);
        }

        [Fact]
        public void DataSplitRoundsUpTheHeldPart_AndKeepsUnevenClassesInProportion()
        {
            // 10 of class 0, 30 of class 1: a quarter held out is ceil(0.25 · 40) = 10, split 2.5 : 7.5, rounded 3 : 7
            // (largest remainder, the lower class on ties), as the shares must add up.
            int[] labels = Enumerable.Range(0, 40).Select(i => i < 10 ? 0 : 1).ToArray();
            (int[] first, int[] second) = DataSplit.Indexes(40, 0.25, seed: 1, labels, classCount: 2);
            Assert.Equal(10, second.Length);
            Assert.Equal(3, second.Count(i => labels[i] == 0));
            Assert.Equal(30, first.Length);
            Assert.True(first.SequenceEqual(first.OrderBy(i => i)) && second.SequenceEqual(second.OrderBy(i => i)));

            (int[] plainFirst, int[] plainSecond) = DataSplit.Indexes(7, 0.3, seed: 5);
            Assert.Equal(3, plainSecond.Length);
            Assert.Equal(Enumerable.Range(0, 7), plainFirst.Concat(plainSecond).OrderBy(i => i));
            Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Indexes(3, 0.99, seed: 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Indexes(3, 0, seed: 0));
        }

        [Fact]
        public void EarlyStoppingRestoresTheBestEpochsParametersExactly()
        {
            // Validation labels are the opposite of the training rule, so the validation loss rises once the network
            // learns: the best epoch is early, and training stops Patience epochs after it.
            (ClassificationData<double> train, ClassificationData<double> validation) = OppositeRules();
            var network = new TrainerClassifierNet();
            network.InitializeHe(1);
            var snapshots = new List<double[]>();
            var trainer = new Trainer
            {
                Epochs = 200,
                LearningRate = 0.05,
                Patience = 3,
                Progress = ProgressDisplay.Off,
                EpochEnded = _ =>
                {
                    var parameters = new double[TrainerClassifierNet.ParameterCount];
                    network.CopyParametersTo(parameters);
                    snapshots.Add(parameters);
                },
            };

            TrainingHistory history = trainer.Fit(network, train, validation);

            Assert.Equal(StopReason.EarlyStopped, history.StopReason);
            Assert.Equal(history.BestEpoch + 3, history.Epochs.Count);
            Assert.True(history.RestoredBest);
            double bestLoss = history.Epochs.Min(e => e.ValidationLoss!.Value);
            Assert.Equal(bestLoss, history.Best!.ValidationLoss);
            Assert.True(history.Best.IsBest);
            var final = new double[TrainerClassifierNet.ParameterCount];
            network.CopyParametersTo(final);
            Assert.Equal(snapshots[history.BestEpoch - 1], final);
            Assert.NotEqual(snapshots[^1], final);
            // The restored network measures as the best epoch did.
            Assert.Equal(history.Best.ValidationLoss!.Value, Trainer.Evaluate(network, validation).Loss, 12);
        }

        [Fact]
        public void EarlyStoppingOnAccuracyWatchesTheValidationAccuracy()
        {
            (ClassificationData<double> train, ClassificationData<double> validation) = OppositeRules();
            var network = new TrainerClassifierNet();
            network.InitializeHe(2);
            var trainer = new Trainer { Epochs = 200, LearningRate = 0.05, Patience = 4, Monitor = EarlyStoppingMetric.Accuracy, Progress = ProgressDisplay.Off };

            TrainingHistory history = trainer.Fit(network, train, validation);

            double best = history.Epochs.Max(e => e.ValidationAccuracy!.Value);
            Assert.Equal(best, history.Best!.ValidationAccuracy);
            Assert.Equal(history.Epochs.First(e => e.ValidationAccuracy == best).Epoch, history.BestEpoch);
            Assert.Equal(Trainer.Evaluate(network, validation).Accuracy, best);
        }

        [Fact]
        public void WithoutPatienceEveryEpochRunsAndTheLastParametersStay()
        {
            var network = new RecordingClassifier(batchSize: 4) { StepLoss = step => step };
            TrainingHistory history = Quiet(5).Fit(network, RecordingClassifier.IndexedData(8));
            Assert.Equal(5, history.Epochs.Count);
            Assert.False(history.RestoredBest);
            Assert.Equal(10, network.StepsTaken);
            // The training loss rises, so the first epoch is the best by loss, but nothing is restored.
            Assert.Equal(1, history.BestEpoch);
        }

        [Fact]
        public void PatienceWithRisingTrainingLossStopsAndRestoresTheFirstEpoch()
        {
            // No validation data: early stopping watches the training loss, which this network makes rise.
            var network = new RecordingClassifier(batchSize: 4) { StepLoss = step => step };
            var trainer = Quiet(50);
            trainer.Patience = 2;
            TrainingHistory history = trainer.Fit(network, RecordingClassifier.IndexedData(8));
            Assert.Equal(StopReason.EarlyStopped, history.StopReason);
            Assert.Equal(3, history.Epochs.Count);
            Assert.Equal(1, history.BestEpoch);
            Assert.Equal(2, network.StepsTaken); // the parameter as it was after epoch 1's two steps
        }

        [Fact]
        public void TheTrainerStepsAtTheScheduledRate()
        {
            var network = new RecordingClassifier(batchSize: 4);
            var trainer = Quiet(6);
            trainer.LearningRate = LearningRateSchedule.Step(0.1, 0.5, every: 2);
            TrainingHistory history = trainer.Fit(network, RecordingClassifier.IndexedData(8));
            double[] expected = { 0.1, 0.1, 0.05, 0.05, 0.025, 0.025 };
            Assert.Equal(expected, history.Epochs.Select(e => e.LearningRate));
            Assert.Equal(expected.SelectMany(r => new[] { r, r }), network.Rates);

            trainer.LearningRate = LearningRateSchedule.FromFunction(epoch => 1.0 / (epoch + 1));
            network = new RecordingClassifier(batchSize: 8);
            trainer.Fit(network, RecordingClassifier.IndexedData(8));
            Assert.Equal(new[] { 1, 0.5, 1 / 3.0, 0.25, 0.2, 1 / 6.0 }, network.Rates);
        }

        [Fact]
        public void CancellationStopsWithinOneBatch()
        {
            using var cancel = new CancellationTokenSource();
            var network = new RecordingClassifier(batchSize: 4);
            network.OnStep = step =>
            {
                if (step == 5)
                {
                    cancel.Cancel();
                }
            };
            var epochs = new List<EpochReport>();
            var trainer = Quiet(10);
            trainer.EpochEnded = epochs.Add;

            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Fit(network, RecordingClassifier.IndexedData(12), cancellationToken: cancel.Token));
            // Cancelled during step 5 (the second epoch's second batch): that step completes, no other starts.
            Assert.Equal(5, network.Steps.Count);
            Assert.Single(epochs);
        }

        [Fact]
        public void ARegressorLearnsALinearTarget()
        {
            var random = new Random(3);
            int count = 200;
            var features = new float[count * 3];
            var targets = new float[count];
            for (int i = 0; i < count; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    features[i * 3 + j] = (float)(random.NextDouble() * 2 - 1);
                }
                targets[i] = 0.5f * features[i * 3] - 0.3f * features[i * 3 + 1] + 0.1f;
            }
            var data = new RegressionData<float>(features, 3, targets, 1);
            var network = new TrainerRegressorNet();
            network.InitializeXavier(0);
            double before = Trainer.Evaluate(network, data).Loss;
            var trainer = new Trainer { Epochs = 60, LearningRate = 0.02, ValidationFraction = 0.2, Progress = ProgressDisplay.Off };

            TrainingHistory history = trainer.Fit(network, data);

            Assert.Null(history.Epochs[0].TrainAccuracy);
            Assert.NotNull(history.Epochs[0].ValidationLoss);
            Assert.True(history.Epochs[^1].TrainLoss < 0.01, $"training loss {history.Epochs[^1].TrainLoss}");
            Assert.True(Trainer.Evaluate(network, data).Loss < before / 10);
        }

        [Fact]
        public void AThreadedNetworkTrainsLikeTheSingleThreadedOne()
        {
            (ClassificationData<double> train, ClassificationData<double> validation) = OppositeRules();
            var one = new TrainerClassifierNet();
            var two = new TrainerThreadedNet();
            one.InitializeHe(5);
            two.InitializeHe(5);
            var trainer = new Trainer { Epochs = 3, LearningRate = 0.01, Progress = ProgressDisplay.Off };
            TrainingHistory first = trainer.Fit(one, train, validation);
            TrainingHistory second = trainer.Fit(two, train, validation);
            for (int e = 0; e < 3; e++)
            {
                Assert.Equal(first.Epochs[e].TrainLoss, second.Epochs[e].TrainLoss, 9);
                Assert.Equal(first.Epochs[e].TrainAccuracy, second.Epochs[e].TrainAccuracy);
                Assert.Equal(first.Epochs[e].ValidationLoss!.Value, second.Epochs[e].ValidationLoss!.Value, 9);
            }
        }

        [Fact]
        public void TheTrainingAccuracyCountsEachExampleByTheNetworkItsStepStartedFrom()
        {
            (ClassificationData<double> train, _) = OppositeRules();
            var network = new TrainerClassifierNet();
            network.InitializeHe(9);
            var copy = new TrainerClassifierNet();
            copy.InitializeHe(9);
            var trainer = new Trainer { Epochs = 1, LearningRate = 0.01, Shuffle = false, Progress = ProgressDisplay.Off };
            TrainingHistory history = trainer.Fit(network, train);

            // The same steps by hand: count right before each step.
            int correct = 0;
            for (int start = 0; start < train.Count; start += 8)
            {
                int rows = Math.Min(8, train.Count - start);
                ReadOnlySpan<double> x = train.Features.AsSpan(start * 4, rows * 4);
                ReadOnlySpan<int> labels = train.Labels.AsSpan(start, rows);
                copy.Forward(x, rows);
                correct += copy.CountCorrect(labels, rows);
                copy.TrainStep(x, labels, 0.01, rows);
            }
            Assert.Equal(correct / (double)train.Count, history.Epochs[0].TrainAccuracy);
        }

        [Fact]
        public void ValidationFiguresAreWhatTheNetworksOwnLossAndCountCorrectGive()
        {
            // The trainer measures through Predict; the generated Loss and CountCorrect after Forward, batch by batch,
            // give the same figures.
            (ClassificationData<double> train, ClassificationData<double> validation) = OppositeRules();
            var network = new TrainerClassifierNet();
            network.InitializeHe(6);
            new Trainer { Epochs = 2, LearningRate = 0.01, Progress = ProgressDisplay.Off }.Fit(network, train);
            double loss = 0;
            int correct = 0;
            for (int start = 0; start < validation.Count; start += 8)
            {
                int rows = Math.Min(8, validation.Count - start);
                network.Forward(validation.Features.AsSpan(start * 4, rows * 4), rows);
                loss += network.Loss(validation.Labels.AsSpan(start, rows), rows);
                correct += network.CountCorrect(validation.Labels.AsSpan(start, rows), rows);
            }
            Evaluation evaluation = Trainer.Evaluate(network, validation);
            Assert.Equal(loss / validation.Count, evaluation.Loss, 12);
            Assert.Equal(correct, evaluation.Correct);
            Assert.Equal(validation.Count, evaluation.Count);
        }

        [Fact]
        public void ADivergingRunStopsAndSaysSo()
        {
            var data = new RegressionData<float>(new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 }, 3, new float[] { 1e4f, -1e4f, 1e4f, -1e4f, 1e4f }, 1);
            var network = new TrainerRegressorNet();
            network.InitializeXavier(0);
            var trainer = new Trainer { Epochs = 1000, LearningRate = 1e3, Progress = ProgressDisplay.Off };
            TrainingHistory history = trainer.Fit(network, data);
            Assert.Equal(StopReason.Diverged, history.StopReason);
            Assert.True(history.Epochs.Count < 1000);
        }

        [Fact]
        public void DataThatDoesNotFitTheNetworkIsRefusedBeforeAnyStep()
        {
            var network = new RecordingClassifier(batchSize: 4, inputSize: 2, outputSize: 2);
            var wide = new ClassificationData<double>(new double[12], 3, new int[4], 2);
            var manyClasses = RecordingClassifier.IndexedData(6, classes: 3);
            Assert.Contains("3 features per example, but the network takes 2 inputs", Assert.Throws<ArgumentException>(() => Quiet(1).Fit(network, wide)).Message);
            Assert.Contains("3 classes, but the network has 2 outputs", Assert.Throws<ArgumentException>(() => Quiet(1).Fit(network, manyClasses)).Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => Quiet(0).Fit(network, RecordingClassifier.IndexedData(4)));
            var both = Quiet(1);
            both.ValidationFraction = 0.5;
            Assert.Throws<ArgumentException>(() => both.Fit(network, RecordingClassifier.IndexedData(4), RecordingClassifier.IndexedData(4)));
            Assert.Empty(network.Steps);
        }

        [Fact]
        public void ProgressIsOffWhenAskedAndDrawnOnAWriterWhenOn()
        {
            var writer = new System.IO.StringWriter();
            var network = new RecordingClassifier(batchSize: 1) { OnStep = step => Thread.Sleep(step == 1 ? 1100 : 30) };
            var trainer = new Trainer { Epochs = 1, Progress = ProgressDisplay.On, ProgressWriter = writer };
            trainer.Fit(network, RecordingClassifier.IndexedData(12));
            Assert.Contains("epoch 1/1 [", writer.ToString());
            Assert.EndsWith("\r", writer.ToString()); // cleared at the end of the epoch

            var silent = new System.IO.StringWriter();
            new Trainer { Epochs = 1, Progress = ProgressDisplay.Off, ProgressWriter = silent }
                .Fit(new RecordingClassifier(batchSize: 1) { OnStep = step => Thread.Sleep(step == 1 ? 1100 : 0) }, RecordingClassifier.IndexedData(3));
            Assert.Equal("", silent.ToString());
        }

        /// <summary>
        /// 4 features, 3 classes by the largest of the first three features; the validation set labels each example by
        /// the next class, so that learning the training rule makes the validation loss rise.
        /// </summary>
        internal static (ClassificationData<double> Train, ClassificationData<double> Validation) OppositeRules()
        {
            var random = new Random(11);
            (double[] Features, int[] Rule, int[] Opposite) Make(int count)
            {
                var features = new double[count * 4];
                var rule = new int[count];
                var opposite = new int[count];
                for (int i = 0; i < count; i++)
                {
                    for (int j = 0; j < 4; j++)
                    {
                        features[i * 4 + j] = random.NextDouble() * 2 - 1;
                    }
                    int best = 0;
                    for (int j = 1; j < 3; j++)
                    {
                        if (features[i * 4 + j] > features[i * 4 + best])
                        {
                            best = j;
                        }
                    }
                    rule[i] = best;
                    opposite[i] = (best + 1) % 3;
                }
                return (features, rule, opposite);
            }
            var train = Make(90);
            var validation = Make(30);
            return (new ClassificationData<double>(train.Features, 4, train.Rule, 3), new ClassificationData<double>(validation.Features, 4, validation.Opposite, 3));
        }
    }
}
