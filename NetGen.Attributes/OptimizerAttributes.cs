using System;

namespace NetGen
{
    /// <summary>
    /// Plain stochastic gradient descent, the default when a network declares no optimizer:
    /// <c>p ← p - lr · g</c>. The learning rate is the argument of <c>Step</c> and <c>TrainStep</c>. With
    /// <see cref="WeightDecay"/> λ it is PyTorch's <c>torch.optim.SGD(weight_decay=λ)</c>: <c>p ← p - lr · (g + λ p)</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class SgdAttribute : Attribute
    {
        /// <summary>
        /// The L2 weight decay λ, non-negative (0, the default, is none): λ p is added to the gradient of every
        /// parameter, weights and biases alike, before the update, as PyTorch's <c>weight_decay</c> does. The gradients
        /// that <c>Backward</c> writes stay dL/dp.
        /// </summary>
        public double WeightDecay { get; set; }
    }

    /// <summary>
    /// Stochastic gradient descent with momentum, as PyTorch's <c>torch.optim.SGD(momentum=μ)</c>:
    /// <c>v ← μ · v + g</c>, then <c>p ← p - lr · v</c>; the first step sets <c>v = g</c>. The network keeps one
    /// velocity buffer per parameter. With <see cref="WeightDecay"/> λ the gradient is <c>g + λ p</c>, as in
    /// <c>torch.optim.SGD(momentum=μ, weight_decay=λ)</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class MomentumAttribute : Attribute
    {
        /// <summary>Declares SGD with momentum.</summary>
        /// <param name="momentum">The momentum μ, in [0, 1); 0.9 is the usual choice.</param>
        public MomentumAttribute(double momentum = 0.9)
        {
            Momentum = momentum;
        }

        /// <summary>The momentum μ.</summary>
        public double Momentum { get; }

        /// <summary>
        /// The L2 weight decay λ, non-negative (0, the default, is none): <c>v ← μ v + (g + λ p)</c>, for weights and
        /// biases alike, as PyTorch's <c>weight_decay</c>. The gradients that <c>Backward</c> writes stay dL/dp.
        /// </summary>
        public double WeightDecay { get; set; }
    }

    /// <summary>
    /// Adam (Kingma and Ba, 2015) with bias correction, as PyTorch's <c>torch.optim.Adam</c>: with step count t,
    /// <c>m ← β₁ m + (1 - β₁) g</c>, <c>v ← β₂ v + (1 - β₂) g²</c>,
    /// <c>p ← p - lr / (1 - β₁ᵗ) · m / (√v / √(1 - β₂ᵗ) + ε)</c>. The network keeps m and v for every parameter.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class AdamAttribute : Attribute
    {
        /// <summary>The decay of the running mean of the gradients, β₁, in [0, 1).</summary>
        public double Beta1 { get; set; } = 0.9;

        /// <summary>The decay of the running mean of the squared gradients, β₂, in [0, 1).</summary>
        public double Beta2 { get; set; } = 0.999;

        /// <summary>The term ε added to the denominator, positive.</summary>
        public double Epsilon { get; set; } = 1e-8;
    }

    /// <summary>
    /// Adam with decoupled weight decay (Loshchilov and Hutter, 2019), as PyTorch's <c>torch.optim.AdamW</c>: with
    /// step count t and weight decay λ, first <c>p ← p · (1 - lr · λ)</c>, then Adam's update from the gradient alone,
    /// <c>m ← β₁ m + (1 - β₁) g</c>, <c>v ← β₂ v + (1 - β₂) g²</c>,
    /// <c>p ← p - lr / (1 - β₁ᵗ) · m / (√v / √(1 - β₂ᵗ) + ε)</c>. The decay shrinks every parameter, weights and
    /// biases alike, as PyTorch does by default; unlike L2 it never enters m or v.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class AdamWAttribute : Attribute
    {
        /// <summary>The decay of the running mean of the gradients, β₁, in [0, 1).</summary>
        public double Beta1 { get; set; } = 0.9;

        /// <summary>The decay of the running mean of the squared gradients, β₂, in [0, 1).</summary>
        public double Beta2 { get; set; } = 0.999;

        /// <summary>The term ε added to the denominator, positive.</summary>
        public double Epsilon { get; set; } = 1e-8;

        /// <summary>The decoupled weight decay λ, non-negative; PyTorch's default 0.01.</summary>
        public double WeightDecay { get; set; } = 0.01;
    }
}
