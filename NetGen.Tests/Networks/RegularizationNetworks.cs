using NetGen;

namespace NetGen.Tests.Networks
{
    // The networks of the regularization references (NetGen.Tests/References/regularization/): 8 examples of 20
    // features, 16 hidden ReLU units, 4 outputs, every Dense with a bias; one per optimizer with weight decay, each on
    // one thread and on two.

    /// <summary>SGD with L2 weight decay, summed squared error: PyTorch's SGD(lr, weight_decay=0.05) and MSELoss(reduction='sum').</summary>
    [Network(BatchSize = 8)]
    [Dense(20, 16, Bias = true)]
    [ReLU]
    [Dense(16, 4, Bias = true)]
    [SquaredErrorLoss]
    [Sgd(WeightDecay = 0.05)]
    public partial class DecayedSgdNet
    {
    }

    /// <summary><see cref="DecayedSgdNet"/> on two threads.</summary>
    [Network(BatchSize = 8, Threads = 2)]
    [Dense(20, 16, Bias = true)]
    [ReLU]
    [Dense(16, 4, Bias = true)]
    [SquaredErrorLoss]
    [Sgd(WeightDecay = 0.05)]
    public partial class DecayedSgdThreadedNet
    {
    }

    /// <summary>Momentum with L2 weight decay, mean cross-entropy: SGD(lr, momentum=0.9, weight_decay=0.01) and CrossEntropyLoss().</summary>
    [Network(BatchSize = 8)]
    [Dense(20, 16, Bias = true)]
    [ReLU]
    [Dense(16, 4, Bias = true)]
    [SoftmaxCrossEntropyLoss(Reduction = Reduction.Mean)]
    [Momentum(0.9, WeightDecay = 0.01)]
    public partial class DecayedMomentumNet
    {
    }

    /// <summary><see cref="DecayedMomentumNet"/> on two threads.</summary>
    [Network(BatchSize = 8, Threads = 2)]
    [Dense(20, 16, Bias = true)]
    [ReLU]
    [Dense(16, 4, Bias = true)]
    [SoftmaxCrossEntropyLoss(Reduction = Reduction.Mean)]
    [Momentum(0.9, WeightDecay = 0.01)]
    public partial class DecayedMomentumThreadedNet
    {
    }

    /// <summary>AdamW with PyTorch's betas and ε, mean squared error: AdamW(lr, weight_decay=0.1) and MSELoss().</summary>
    [Network(BatchSize = 8)]
    [Dense(20, 16, Bias = true)]
    [ReLU]
    [Dense(16, 4, Bias = true)]
    [SquaredErrorLoss(Reduction = Reduction.Mean)]
    [AdamW(WeightDecay = 0.1)]
    public partial class MeanAdamWNet
    {
    }

    /// <summary><see cref="MeanAdamWNet"/> on two threads.</summary>
    [Network(BatchSize = 8, Threads = 2)]
    [Dense(20, 16, Bias = true)]
    [ReLU]
    [Dense(16, 4, Bias = true)]
    [SquaredErrorLoss(Reduction = Reduction.Mean)]
    [AdamW(WeightDecay = 0.1)]
    public partial class MeanAdamWThreadedNet
    {
    }

    /// <summary>AdamW with every hyperparameter given, mean cross-entropy, trained on short batches of 5 rows.</summary>
    [Network(BatchSize = 8)]
    [Dense(20, 16, Bias = true)]
    [ReLU]
    [Dense(16, 4, Bias = true)]
    [SoftmaxCrossEntropyLoss(Reduction = Reduction.Mean)]
    [AdamW(Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6, WeightDecay = 0.2)]
    public partial class TunedAdamWNet
    {
    }

    /// <summary><see cref="TunedAdamWNet"/> on two threads.</summary>
    [Network(BatchSize = 8, Threads = 2)]
    [Dense(20, 16, Bias = true)]
    [ReLU]
    [Dense(16, 4, Bias = true)]
    [SoftmaxCrossEntropyLoss(Reduction = Reduction.Mean)]
    [AdamW(Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6, WeightDecay = 0.2)]
    public partial class TunedAdamWThreadedNet
    {
    }

    // Dropout probes: with W1 and W2 set to the identity, the output of a probe is X ⊙ M, the dropout mask itself.

    /// <summary>Dropout with p = 0.5 between two square layers.</summary>
    [Network(BatchSize = 64)]
    [Dense(50, 50)]
    [Dropout(0.5)]
    [Dense(50, 50)]
    [SquaredErrorLoss]
    public partial class DropoutProbeNet
    {
    }

    /// <summary><see cref="DropoutProbeNet"/> on two threads: the masks must be the same.</summary>
    [Network(BatchSize = 64, Threads = 2)]
    [Dense(50, 50)]
    [Dropout(0.5)]
    [Dense(50, 50)]
    [SquaredErrorLoss]
    public partial class DropoutProbeThreadedNet
    {
    }

    /// <summary>Dropout with p = 0.2 and a seed of its own.</summary>
    [Network(BatchSize = 64)]
    [Dense(50, 50)]
    [Dropout(0.2, Seed = 11)]
    [Dense(50, 50)]
    [SquaredErrorLoss]
    public partial class DropoutProbe20Net
    {
    }

    /// <summary>Dropout after an activation and after a ReLU, in a classifier with AdamW and the mean loss: the gradient check's network.</summary>
    [Network(BatchSize = 6)]
    [Dense(10, 12, Bias = true)]
    [Tanh]
    [Dropout(0.3, Seed = 5)]
    [Dense(12, 8, Bias = true)]
    [ReLU]
    [Dropout(0.5)]
    [Dense(8, 3, Bias = true)]
    [SoftmaxCrossEntropyLoss(Reduction = Reduction.Mean)]
    [AdamW]
    public partial class DropoutClassifierNet
    {
    }

    /// <summary><see cref="DropoutClassifierNet"/> on three threads.</summary>
    [Network(BatchSize = 6, Threads = 3)]
    [Dense(10, 12, Bias = true)]
    [Tanh]
    [Dropout(0.3, Seed = 5)]
    [Dense(12, 8, Bias = true)]
    [ReLU]
    [Dropout(0.5)]
    [Dense(8, 3, Bias = true)]
    [SoftmaxCrossEntropyLoss(Reduction = Reduction.Mean)]
    [AdamW]
    public partial class DropoutClassifierThreadedNet
    {
    }
}
