using NetGen;

namespace NetGen.Sample.Networks
{
    /// <summary>Questions 1-6: one 2x3 layer on a batch of two 2-feature examples, Y = X · W.</summary>
    [Network(BatchSize = 2)]
    [Dense(2, 3)]
    [SquaredErrorLoss]
    public partial class Question1Net
    {
    }

    /// <summary>Question 7: two fully connected layers with a ReLU between them, trained on squared error.</summary>
    [Network(BatchSize = 64)]
    [Dense(1000, 100)]
    [ReLU]
    [Dense(100, 10)]
    [SquaredErrorLoss]
    public partial class Question7Net
    {
    }

    /// <summary>Question 8: the same network trained on softmax cross-entropy over 10 classes.</summary>
    [Network(BatchSize = 64)]
    [Dense(1000, 100)]
    [ReLU]
    [Dense(100, 10)]
    [SoftmaxCrossEntropyLoss]
    public partial class Question8Net
    {
    }
}
