using System;
using NetGen.NumPy;

namespace NetGen.Sample.Assignment
{
    /// <summary>Which of NumPy's random number generators builds the assignment's data and weights.</summary>
    public enum RandomKind
    {
        /// <summary><c>np.random.seed(seed)</c>, <c>np.random.randn</c>, <c>np.random.randint</c>: what produced the assignment's printed output.</summary>
        Legacy,

        /// <summary><c>rng = np.random.default_rng(seed)</c>, <c>rng.standard_normal</c>, <c>rng.integers</c>: what the assignment's code says.</summary>
        Pcg64,
    }

    /// <summary>The two draws the assignment makes: standard normal matrices and class indexes.</summary>
    public interface IAssignmentRandom
    {
        /// <summary>Fills <paramref name="destination"/> in C order, like <c>randn(rows, cols)</c> / <c>standard_normal((rows, cols))</c>.</summary>
        void Normal(Span<double> destination);

        /// <summary>Draws class indexes in [0, classes), like <c>randint(0, classes, n)</c> / <c>integers(0, classes, n)</c>.</summary>
        void Classes(int classes, Span<int> destination);
    }

    /// <summary>Creates the generator a run asks for.</summary>
    public static class AssignmentRandom
    {
        public static IAssignmentRandom Create(RandomKind kind, uint seed) => kind switch
        {
            RandomKind.Legacy => new Legacy(new LegacyRandom(seed)),
            _ => new Modern(new NumPyGenerator(seed)),
        };

        private sealed class Legacy(LegacyRandom random) : IAssignmentRandom
        {
            public void Normal(Span<double> destination) => random.StandardNormal(destination);

            public void Classes(int classes, Span<int> destination) => random.RandInt(0, classes, destination);
        }

        private sealed class Modern(NumPyGenerator random) : IAssignmentRandom
        {
            public void Normal(Span<double> destination) => random.StandardNormal(destination);

            public void Classes(int classes, Span<int> destination) => random.Integers(0, classes, destination);
        }
    }
}
