namespace NetGen.Generator.Model
{
    /// <summary>The update rule that <c>Step</c> applies to every parameter.</summary>
    internal enum OptimizerKind
    {
        /// <summary>p ← p - lr · g.</summary>
        Sgd,

        /// <summary>v ← μ v + g; p ← p - lr · v (PyTorch's SGD with momentum, no dampening).</summary>
        Momentum,

        /// <summary>Adam with bias correction, as PyTorch computes it.</summary>
        Adam,
    }

    /// <summary>An optimizer and its hyperparameters; the learning rate stays an argument of Step.</summary>
    internal sealed record OptimizerModel(OptimizerKind Kind, double Momentum, double Beta1, double Beta2, double Epsilon)
    {
        public static readonly OptimizerModel Sgd = new(OptimizerKind.Sgd, 0, 0, 0, 0);

        public static OptimizerModel WithMomentum(double momentum) => new(OptimizerKind.Momentum, momentum, 0, 0, 0);

        public static OptimizerModel Adam(double beta1, double beta2, double epsilon) => new(OptimizerKind.Adam, 0, beta1, beta2, epsilon);

        /// <summary>
        /// The weight decay λ, 0 for none. For SGD and momentum it is L2, added to the gradient (g + λ p), as
        /// <c>torch.optim.SGD(weight_decay=λ)</c>; for Adam it is decoupled, p ← p (1 - lr λ) before the update, as
        /// <c>torch.optim.AdamW</c> (<c>[AdamW]</c>).
        /// </summary>
        public double WeightDecay { get; init; }

        /// <summary>Declared as <c>[AdamW]</c>: Adam with decoupled weight decay.</summary>
        public bool Decoupled { get; init; }
    }
}
