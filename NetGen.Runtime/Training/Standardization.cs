using System;
using System.Numerics;

namespace NetGen.Training
{
    /// <summary>
    /// Per-feature standardization, z = (x - mean) / scale, as scikit-learn's <c>StandardScaler</c>: the mean and the
    /// population standard deviation (ddof = 0) of each feature over the examples it is fitted on, a scale of 1 for a
    /// feature that does not vary. Fit it on the training part only and apply the same to validation and test data, so
    /// that nothing about the held-out examples leaks into training.
    /// </summary>
    public sealed class Standardization
    {
        private readonly double[] _means;
        private readonly double[] _scales;

        private Standardization(double[] means, double[] scales)
        {
            _means = means;
            _scales = scales;
        }

        /// <summary>The mean of each feature over the fitted examples.</summary>
        public ReadOnlySpan<double> Means => _means;

        /// <summary>What each feature is divided by: its standard deviation, or 1 where that is 0.</summary>
        public ReadOnlySpan<double> Scales => _scales;

        /// <summary>The means and scales of <paramref name="data"/>'s features, accumulated in double precision.</summary>
        public static Standardization Fit<T>(Dataset<T> data)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (data is null)
            {
                throw new ArgumentNullException(nameof(data));
            }
            return Fit<T>(data.Features, data.FeatureCount);
        }

        /// <summary>The means and scales of a (rows, featureCount) row-major matrix's columns.</summary>
        public static Standardization Fit<T>(ReadOnlySpan<T> features, int featureCount)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            if (featureCount < 1 || features.Length == 0 || features.Length % featureCount != 0)
            {
                throw new ArgumentException($"features must be a non-empty whole number of rows of {featureCount} values, but it holds {features.Length}.", nameof(features));
            }
            int rows = features.Length / featureCount;
            var means = new double[featureCount];
            var scales = new double[featureCount];
            for (int n = 0; n < rows; n++)
            {
                for (int j = 0; j < featureCount; j++)
                {
                    means[j] += double.CreateChecked(features[n * featureCount + j]);
                }
            }
            for (int j = 0; j < featureCount; j++)
            {
                means[j] /= rows;
            }
            for (int n = 0; n < rows; n++)
            {
                for (int j = 0; j < featureCount; j++)
                {
                    double d = double.CreateChecked(features[n * featureCount + j]) - means[j];
                    scales[j] += d * d;
                }
            }
            for (int j = 0; j < featureCount; j++)
            {
                double variance = scales[j] / rows;
                // As StandardScaler: a feature whose variance is within rounding of zero is constant, and is centred but
                // not divided (the bound is scikit-learn's _is_constant_feature: var <= n·ε·var + (n·mean·ε)²).
                const double Epsilon = 2.220446049250313e-16;
                double bound = rows * Epsilon * variance + (rows * means[j] * Epsilon) * (rows * means[j] * Epsilon);
                scales[j] = variance <= bound ? 1 : Math.Sqrt(variance);
            }
            return new Standardization(means, scales);
        }

        /// <summary>The same examples with standardized features (a new dataset; <paramref name="data"/> is unchanged).</summary>
        /// <exception cref="ArgumentException">The data has another number of features than the fitted data.</exception>
        public TData Apply<TData>(TData data)
            where TData : class
        {
            if (data is null)
            {
                throw new ArgumentNullException(nameof(data));
            }
            return data switch
            {
                Dataset<float> single => (TData)(object)single.WithFeatures(Apply<float>(single.Features)),
                Dataset<double> wide => (TData)(object)wide.WithFeatures(Apply<double>(wide.Features)),
                _ => throw new ArgumentException($"{typeof(TData).Name} is not a float or double dataset.", nameof(data)),
            };
        }

        /// <summary>A standardized copy of a (rows, FeatureCount) row-major matrix.</summary>
        public T[] Apply<T>(ReadOnlySpan<T> features)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            var result = new T[features.Length];
            Apply(features, result);
            return result;
        }

        /// <summary>Standardizes a (rows, FeatureCount) row-major matrix into <paramref name="destination"/> (which may be the source).</summary>
        public void Apply<T>(ReadOnlySpan<T> features, Span<T> destination)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            int width = _means.Length;
            if (features.Length % width != 0)
            {
                throw new ArgumentException($"features must be whole rows of the {width} features the standardization was fitted on, but it holds {features.Length} values.", nameof(features));
            }
            if (destination.Length != features.Length)
            {
                throw new ArgumentException($"destination must hold {features.Length} values, but it holds {destination.Length}.", nameof(destination));
            }
            for (int e = 0; e < features.Length; e++)
            {
                int j = e % width;
                destination[e] = T.CreateChecked((double.CreateChecked(features[e]) - _means[j]) / _scales[j]);
            }
        }
    }
}
