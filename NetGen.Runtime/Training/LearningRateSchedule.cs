using System;
using System.Globalization;

namespace NetGen.Training
{
    /// <summary>
    /// The learning rate of each epoch, as a function of the epoch's zero-based index e (0 for the first epoch, as
    /// PyTorch's schedulers and Keras' <c>LearningRateScheduler</c> count). A <see cref="double"/> converts to
    /// <see cref="Constant"/>: <c>LearningRate = 1e-3</c>.
    /// </summary>
    public sealed class LearningRateSchedule
    {
        private readonly Func<int, double> _rate;

        private LearningRateSchedule(Func<int, double> rate, string description)
        {
            _rate = rate;
            Description = description;
        }

        /// <summary>What the schedule is, e.g. <c>step 0.01 x 0.5 every 10 epochs</c>.</summary>
        public string Description { get; }

        /// <summary>The same rate in every epoch.</summary>
        public static LearningRateSchedule Constant(double rate)
        {
            CheckRate(rate, nameof(rate));
            return new LearningRateSchedule(_ => rate, "constant " + Format(rate));
        }

        /// <summary>
        /// <paramref name="initial"/> multiplied by <paramref name="factor"/> every <paramref name="every"/> epochs:
        /// rate(e) = initial · factor^⌊e / every⌋, multiplied out one factor at a time as PyTorch's <c>StepLR</c> does.
        /// </summary>
        public static LearningRateSchedule Step(double initial, double factor, int every)
        {
            CheckRate(initial, nameof(initial));
            CheckFactor(factor);
            if (every < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(every), every, "The step must be at least one epoch.");
            }
            return new LearningRateSchedule(e => Multiplied(initial, factor, e / every), $"step {Format(initial)} x {Format(factor)} every {every} epochs");
        }

        /// <summary>
        /// <paramref name="initial"/> multiplied by <paramref name="factor"/> after every epoch: rate(e) = initial · factorᵉ,
        /// multiplied out one factor at a time as PyTorch's <c>ExponentialLR</c> does.
        /// </summary>
        public static LearningRateSchedule Exponential(double initial, double factor)
        {
            CheckRate(initial, nameof(initial));
            CheckFactor(factor);
            return new LearningRateSchedule(e => Multiplied(initial, factor, e), $"exponential {Format(initial)} x {Format(factor)} per epoch");
        }

        /// <summary>
        /// Cosine annealing from <paramref name="initial"/> to <paramref name="minimum"/> over <paramref name="epochs"/>
        /// epochs: rate(e) = minimum + (initial - minimum) · (1 + cos(π · e / epochs)) / 2 for e ≤ epochs (PyTorch's
        /// <c>CosineAnnealingLR</c> with T_max = epochs, eta_min = minimum), and <paramref name="minimum"/> after.
        /// </summary>
        public static LearningRateSchedule Cosine(double initial, int epochs, double minimum = 0)
        {
            CheckRate(initial, nameof(initial));
            if (!(minimum >= 0 && minimum <= initial))
            {
                throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum rate must be between 0 and the initial rate.");
            }
            if (epochs < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The annealing must last at least one epoch.");
            }
            return new LearningRateSchedule(
                e => e >= epochs ? minimum : minimum + (initial - minimum) * (1 + Math.Cos(Math.PI * e / epochs)) / 2,
                $"cosine {Format(initial)} to {Format(minimum)} over {epochs} epochs");
        }

        /// <summary>Any rate per epoch: <paramref name="rate"/> receives the zero-based epoch index.</summary>
        public static LearningRateSchedule FromFunction(Func<int, double> rate, string description = "custom")
        {
            if (rate is null)
            {
                throw new ArgumentNullException(nameof(rate));
            }
            return new LearningRateSchedule(rate, description);
        }

        /// <summary>A constant rate: <c>LearningRate = 1e-3</c>.</summary>
        public static implicit operator LearningRateSchedule(double rate) => Constant(rate);

        /// <summary>The rate of epoch <paramref name="epoch"/> (zero-based).</summary>
        /// <exception cref="InvalidOperationException">The schedule gives a negative, infinite or NaN rate.</exception>
        public double RateAt(int epoch)
        {
            if (epoch < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "Epochs are counted from 0.");
            }
            double rate = _rate(epoch);
            if (!(rate >= 0) || double.IsInfinity(rate))
            {
                throw new InvalidOperationException($"The learning rate schedule '{Description}' gives {Format(rate)} for epoch index {epoch}; a rate must be finite and not negative.");
            }
            return rate;
        }

        /// <inheritdoc />
        public override string ToString() => Description;

        private static double Multiplied(double initial, double factor, int times)
        {
            double rate = initial;
            for (int i = 0; i < times; i++)
            {
                rate *= factor;
            }
            return rate;
        }

        private static void CheckRate(double rate, string name)
        {
            if (!(rate > 0) || double.IsInfinity(rate))
            {
                throw new ArgumentOutOfRangeException(name, rate, "A learning rate must be positive and finite.");
            }
        }

        private static void CheckFactor(double factor)
        {
            if (!(factor > 0) || double.IsInfinity(factor))
            {
                throw new ArgumentOutOfRangeException(nameof(factor), factor, "The factor must be positive and finite.");
            }
        }

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
