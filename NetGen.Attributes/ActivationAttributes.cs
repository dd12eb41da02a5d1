using System;

namespace NetGen
{
    /// <summary>The logistic sigmoid <c>σ(y) = 1 / (1 + e^-y)</c>, applied element by element.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class SigmoidAttribute : Attribute
    {
    }

    /// <summary>The hyperbolic tangent <c>tanh(y)</c>, applied element by element.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class TanhAttribute : Attribute
    {
    }

    /// <summary>The leaky rectified linear unit <c>y &gt; 0 ? y : alpha · y</c>, applied element by element.</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class LeakyReLUAttribute : Attribute
    {
        /// <summary>Declares a leaky ReLU.</summary>
        /// <param name="alpha">The slope for negative inputs; PyTorch's default is 0.01.</param>
        public LeakyReLUAttribute(double alpha = 0.01)
        {
            Alpha = alpha;
        }

        /// <summary>The slope for negative inputs.</summary>
        public double Alpha { get; }
    }
}
