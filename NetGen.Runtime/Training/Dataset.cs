using System;
using System.Collections.Generic;
using System.Numerics;

namespace NetGen.Training
{
    /// <summary>
    /// Examples in memory: a (<see cref="Count"/>, <see cref="FeatureCount"/>) row-major matrix of features, one row per
    /// example, and what the network should learn for each (<see cref="ClassificationData{T}"/>: a class index;
    /// <see cref="RegressionData{T}"/>: real targets).
    /// </summary>
    /// <typeparam name="T">The element type of the network the data is for: <see cref="float"/> or <see cref="double"/>.</typeparam>
    public abstract class Dataset<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private protected Dataset(T[] features, int featureCount, IReadOnlyList<string>? featureNames)
        {
            if (features is null)
            {
                throw new ArgumentNullException(nameof(features));
            }
            if (featureCount < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "An example needs at least one feature.");
            }
            if (features.Length % featureCount != 0)
            {
                throw new ArgumentException(
                    $"features holds {features.Length} values, which is not a whole number of rows of {featureCount} features.", nameof(features));
            }
            if (featureNames is not null && featureNames.Count != featureCount)
            {
                throw new ArgumentException($"featureNames holds {featureNames.Count} names for {featureCount} features.", nameof(featureNames));
            }
            Features = features;
            FeatureCount = featureCount;
            Count = features.Length / featureCount;
            FeatureNames = featureNames ?? DefaultNames("feature", featureCount);
        }

        /// <summary>The features, (Count, FeatureCount) row-major: example i is <c>Features[i * FeatureCount ..]</c>.</summary>
        public T[] Features { get; }

        /// <summary>The number of examples.</summary>
        public int Count { get; }

        /// <summary>Features per example: the network's <c>InputSize</c>.</summary>
        public int FeatureCount { get; }

        /// <summary>The name of each feature: the CSV header's, or <c>feature0</c>, <c>feature1</c>, … .</summary>
        public IReadOnlyList<string> FeatureNames { get; }

        /// <summary>The features of example <paramref name="index"/>.</summary>
        public ReadOnlySpan<T> Row(int index)
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The dataset holds examples 0 to {Count - 1}.");
            }
            return Features.AsSpan(index * FeatureCount, FeatureCount);
        }

        /// <summary>The same examples with other features (same count and width), e.g. standardized ones.</summary>
        internal abstract Dataset<T> WithFeatures(T[] features);

        /// <summary>The examples at <paramref name="indexes"/>, in that order.</summary>
        internal T[] SelectFeatures(ReadOnlySpan<int> indexes)
        {
            var selected = new T[indexes.Length * FeatureCount];
            for (int i = 0; i < indexes.Length; i++)
            {
                Row(indexes[i]).CopyTo(selected.AsSpan(i * FeatureCount, FeatureCount));
            }
            return selected;
        }

        internal static string[] DefaultNames(string prefix, int count)
        {
            var names = new string[count];
            for (int i = 0; i < count; i++)
            {
                names[i] = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return names;
        }
    }

    /// <summary>Examples for a classifier: features and one class index per example, in [0, <see cref="ClassCount"/>).</summary>
    /// <typeparam name="T">The network's element type.</typeparam>
    public sealed partial class ClassificationData<T> : Dataset<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        /// <summary>Wraps the arrays (not copied) after checking that they fit together.</summary>
        /// <param name="features">(count, featureCount) row-major.</param>
        /// <param name="featureCount">Features per example.</param>
        /// <param name="labels">One class index per example.</param>
        /// <param name="classCount">The number of classes; every label must be below it.</param>
        /// <param name="classNames">What each class index stands for (e.g. the CSV's label text); "0", "1", … when null.</param>
        /// <param name="featureNames">The name of each feature; <c>feature0</c>, … when null.</param>
        /// <exception cref="ArgumentException">The lengths do not fit, or a label is outside [0, classCount).</exception>
        public ClassificationData(T[] features, int featureCount, int[] labels, int classCount, IReadOnlyList<string>? classNames = null, IReadOnlyList<string>? featureNames = null)
            : base(features, featureCount, featureNames)
        {
            if (labels is null)
            {
                throw new ArgumentNullException(nameof(labels));
            }
            if (labels.Length != Count)
            {
                throw new ArgumentException($"labels holds {labels.Length} labels for {Count} examples ({features.Length} features / {featureCount}).", nameof(labels));
            }
            if (classCount < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "There must be at least one class.");
            }
            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)classCount)
                {
                    throw new ArgumentException($"labels[{i}] is {labels[i]}, but class indexes run from 0 to {classCount - 1}.", nameof(labels));
                }
            }
            if (classNames is not null && classNames.Count != classCount)
            {
                throw new ArgumentException($"classNames holds {classNames.Count} names for {classCount} classes.", nameof(classNames));
            }
            Labels = labels;
            ClassCount = classCount;
            ClassNames = classNames ?? DefaultNames("", classCount);
        }

        /// <summary>The class index of each example.</summary>
        public int[] Labels { get; }

        /// <summary>The number of classes: at most the network's <c>OutputSize</c>.</summary>
        public int ClassCount { get; }

        /// <summary>What each class index stands for: the label text read from a CSV file, or "0", "1", … .</summary>
        public IReadOnlyList<string> ClassNames { get; }

        /// <summary>The examples at <paramref name="indexes"/>, in that order, as a new dataset (the arrays are copied).</summary>
        public ClassificationData<T> Select(ReadOnlySpan<int> indexes)
        {
            var labels = new int[indexes.Length];
            for (int i = 0; i < indexes.Length; i++)
            {
                labels[i] = Labels[indexes[i]];
            }
            return new ClassificationData<T>(SelectFeatures(indexes), FeatureCount, labels, ClassCount, ClassNames, FeatureNames);
        }

        /// <summary>
        /// Splits the examples in two disjoint parts: <c>ceil(testFraction · Count)</c> drawn at random for the test part,
        /// the rest for training, each part in the original order. Stratified (the default), every class keeps its share
        /// in both parts, as scikit-learn's <c>train_test_split(..., stratify=y)</c> does. The same seed gives the same split.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A part would be empty.</exception>
        public (ClassificationData<T> Train, ClassificationData<T> Test) Split(double testFraction, int seed, bool stratify = true)
        {
            (int[] train, int[] test) = DataSplit.Indexes(Count, testFraction, seed, stratify ? Labels : null, ClassCount);
            return (Select(train), Select(test));
        }

        /// <inheritdoc />
        internal override Dataset<T> WithFeatures(T[] features) =>
            new ClassificationData<T>(features, FeatureCount, Labels, ClassCount, ClassNames, FeatureNames);
    }

    /// <summary>Examples for a regressor: features and <see cref="TargetCount"/> real targets per example.</summary>
    /// <typeparam name="T">The network's element type.</typeparam>
    public sealed partial class RegressionData<T> : Dataset<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        /// <summary>Wraps the arrays (not copied) after checking that they fit together.</summary>
        /// <param name="features">(count, featureCount) row-major.</param>
        /// <param name="featureCount">Features per example.</param>
        /// <param name="targets">(count, targetCount) row-major.</param>
        /// <param name="targetCount">Targets per example: the network's <c>OutputSize</c>.</param>
        /// <param name="featureNames">The name of each feature; <c>feature0</c>, … when null.</param>
        /// <exception cref="ArgumentException">The lengths do not fit.</exception>
        public RegressionData(T[] features, int featureCount, T[] targets, int targetCount, IReadOnlyList<string>? featureNames = null)
            : base(features, featureCount, featureNames)
        {
            if (targets is null)
            {
                throw new ArgumentNullException(nameof(targets));
            }
            if (targetCount < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(targetCount), targetCount, "An example needs at least one target.");
            }
            if (targets.Length != (long)Count * targetCount)
            {
                throw new ArgumentException($"targets holds {targets.Length} values, but {Count} examples of {targetCount} targets need {(long)Count * targetCount}.", nameof(targets));
            }
            Targets = targets;
            TargetCount = targetCount;
        }

        /// <summary>The targets, (Count, TargetCount) row-major.</summary>
        public T[] Targets { get; }

        /// <summary>Targets per example.</summary>
        public int TargetCount { get; }

        /// <summary>The examples at <paramref name="indexes"/>, in that order, as a new dataset (the arrays are copied).</summary>
        public RegressionData<T> Select(ReadOnlySpan<int> indexes)
        {
            var targets = new T[indexes.Length * TargetCount];
            for (int i = 0; i < indexes.Length; i++)
            {
                Targets.AsSpan(indexes[i] * TargetCount, TargetCount).CopyTo(targets.AsSpan(i * TargetCount, TargetCount));
            }
            return new RegressionData<T>(SelectFeatures(indexes), FeatureCount, targets, TargetCount, FeatureNames);
        }

        /// <summary>
        /// Splits the examples in two disjoint parts: <c>ceil(testFraction · Count)</c> drawn at random for the test
        /// part, the rest for training, each in the original order. The same seed gives the same split.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A part would be empty.</exception>
        public (RegressionData<T> Train, RegressionData<T> Test) Split(double testFraction, int seed)
        {
            (int[] train, int[] test) = DataSplit.Indexes(Count, testFraction, seed, null, 0);
            return (Select(train), Select(test));
        }

        /// <inheritdoc />
        internal override Dataset<T> WithFeatures(T[] features) =>
            new RegressionData<T>(features, FeatureCount, Targets, TargetCount, FeatureNames);
    }
}
