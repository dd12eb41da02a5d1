using System;
using System.Collections.Generic;

namespace NetGen.Training
{
    /// <summary>Seeded, disjoint splits of a dataset's example indexes (train/test, or train/validation).</summary>
    public static class DataSplit
    {
        /// <summary>
        /// Splits the indexes 0 … count-1 in two disjoint sets that together hold every index once:
        /// <c>ceil(fraction · count)</c> drawn at random for the second set (test or validation) and the rest for the
        /// first, each sorted ascending. With <paramref name="labels"/> the split is stratified: each class's share
        /// of the second set is its share of the whole, rounded so that the shares add up (largest remainders first,
        /// the lower class index on ties), and its examples are drawn at random among that class's. The draws come
        /// from <see cref="Random"/> seeded with <paramref name="seed"/> (Fisher–Yates shuffles): the same arguments
        /// give the same split on every run and machine.
        /// </summary>
        /// <param name="count">The number of examples.</param>
        /// <param name="fraction">The share of examples for the second set, in (0, 1).</param>
        /// <param name="seed">Seeds the draw.</param>
        /// <param name="labels">Class indexes in [0, classCount) to stratify by, or null for a plain random split.</param>
        /// <param name="classCount">The number of classes when <paramref name="labels"/> is given.</param>
        /// <exception cref="ArgumentOutOfRangeException">The fraction is not in (0, 1), or a set would be empty.</exception>
        public static (int[] First, int[] Second) Indexes(int count, double fraction, int seed, ReadOnlySpan<int> labels = default, int classCount = 0)
        {
            if (!(fraction > 0 && fraction < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction held out must be between 0 and 1 (exclusive).");
            }
            int second = (int)Math.Ceiling(fraction * count);
            if (second < 1 || second >= count)
            {
                throw new ArgumentOutOfRangeException(nameof(fraction), fraction,
                    $"Holding out {fraction.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} of {count} examples leaves a part empty; both parts need at least one example.");
            }
            var random = new Random(seed);
            var held = new bool[count];
            if (labels.IsEmpty)
            {
                int[] order = Identity(count);
                Shuffle(order, random);
                for (int i = 0; i < second; i++)
                {
                    held[order[i]] = true;
                }
            }
            else
            {
                if (labels.Length != count)
                {
                    throw new ArgumentException($"labels holds {labels.Length} labels for {count} examples.", nameof(labels));
                }
                var members = new List<int>[classCount];
                for (int c = 0; c < classCount; c++)
                {
                    members[c] = new List<int>();
                }
                for (int i = 0; i < count; i++)
                {
                    if ((uint)labels[i] >= (uint)classCount)
                    {
                        throw new ArgumentException($"labels[{i}] is {labels[i]}, but class indexes run from 0 to {classCount - 1}.", nameof(labels));
                    }
                    members[labels[i]].Add(i);
                }
                int[] share = Shares(members, second, count);
                for (int c = 0; c < classCount; c++)
                {
                    int[] order = members[c].ToArray();
                    Shuffle(order, random);
                    for (int i = 0; i < share[c]; i++)
                    {
                        held[order[i]] = true;
                    }
                }
            }
            var firstSet = new int[count - second];
            var secondSet = new int[second];
            int f = 0, s = 0;
            for (int i = 0; i < count; i++)
            {
                if (held[i])
                {
                    secondSet[s++] = i;
                }
                else
                {
                    firstSet[f++] = i;
                }
            }
            return (firstSet, secondSet);
        }

        /// <summary>How many of each class go to the second set: proportional shares that add up to <paramref name="second"/>.</summary>
        private static int[] Shares(List<int>[] members, int second, int count)
        {
            int classes = members.Length;
            var share = new int[classes];
            var remainder = new long[classes];
            int given = 0;
            for (int c = 0; c < classes; c++)
            {
                long exact = (long)members[c].Count * second;
                share[c] = (int)(exact / count);
                remainder[c] = exact % count;
                given += share[c];
            }
            while (given < second)
            {
                int best = -1;
                for (int c = 0; c < classes; c++)
                {
                    if (share[c] < members[c].Count && (best < 0 || remainder[c] > remainder[best]))
                    {
                        best = c;
                    }
                }
                share[best]++;
                remainder[best] = -1;
                given++;
            }
            return share;
        }

        internal static int[] Identity(int count)
        {
            var order = new int[count];
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
            }
            return order;
        }

        /// <summary>Fisher–Yates from the last element down, as the Fashion-MNIST sample shuffles: every order equally likely.</summary>
        internal static void Shuffle(int[] order, Random random)
        {
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }
    }
}
