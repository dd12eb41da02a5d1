using NetGen;

namespace NetGen.Sample.Networks
{
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
