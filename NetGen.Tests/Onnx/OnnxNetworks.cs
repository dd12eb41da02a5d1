using System;
using NetGen;

namespace NetGen.Tests.Onnx
{
    /// <summary>The generated members a float network's ONNX tests use.</summary>
    public interface IOnnxFloatNet
    {
        ReadOnlySpan<float> Forward(ReadOnlySpan<float> x);

        void Predict(ReadOnlySpan<float> inputs, Span<float> outputs);

        void SaveOnnx(string path);

        void LoadOnnx(string path);
    }

    /// <summary>The generated members a double network's ONNX tests use.</summary>
    public interface IOnnxDoubleNet
    {
        ReadOnlySpan<double> Forward(ReadOnlySpan<double> x);

        void Predict(ReadOnlySpan<double> inputs, Span<double> outputs);

        void SaveOnnx(string path);

        void LoadOnnx(string path);
    }

    // The networks of the PyTorch reference models in References/onnx (see make_onnx_refs.py there), batches of the
    // 5 rows each reference input holds.

    /// <summary>nn.Sequential(Linear(5, 7), ReLU(), Linear(7, 3)) in float32: relu_bias_float_op13, _op9, and their variants.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(5, 7, Bias = true)]
    [ReLU]
    [Dense(7, 3, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxReluFloatNet : IOnnxFloatNet
    {
    }

    /// <summary>The same layers in float64: relu_bias_double_op17 (and the float32 models, widened).</summary>
    [Network(BatchSize = 5)]
    [Dense(5, 7, Bias = true)]
    [ReLU]
    [Dense(7, 3, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxReluDoubleNet : IOnnxDoubleNet
    {
    }

    /// <summary>Linear(4, 6, bias=False), Sigmoid(), Linear(6, 2, bias=False) in float32: sigmoid_nobias_float_op9 (MatMul).</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(4, 6)]
    [Sigmoid]
    [Dense(6, 2)]
    [SquaredErrorLoss]
    public partial class OnnxSigmoidNoBiasFloatNet : IOnnxFloatNet
    {
    }

    /// <summary>Linear(4, 6), Sigmoid(), Linear(6, 2) in float64: sigmoid_bias_double_op9, matmul_add_double_op17.</summary>
    [Network(BatchSize = 5)]
    [Dense(4, 6, Bias = true)]
    [Sigmoid]
    [Dense(6, 2, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxSigmoidDoubleNet : IOnnxDoubleNet
    {
    }

    /// <summary>Linear(3, 8), Tanh(), Linear(8, 8), Tanh(), Linear(8, 1) in float64: tanh_bias_double_op17.</summary>
    [Network(BatchSize = 5)]
    [Dense(3, 8, Bias = true)]
    [Tanh]
    [Dense(8, 8, Bias = true)]
    [Tanh]
    [Dense(8, 1, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxTanhDoubleNet : IOnnxDoubleNet
    {
    }

    /// <summary>Linear(3, 8, bias=False), Tanh(), Linear(8, 1, bias=False) in float32: tanh_nobias_float_op13.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(3, 8)]
    [Tanh]
    [Dense(8, 1)]
    [SquaredErrorLoss]
    public partial class OnnxTanhNoBiasFloatNet : IOnnxFloatNet
    {
    }

    /// <summary>Linear(6, 5), LeakyReLU(0.1), Linear(5, 4) in float32: leaky_bias_float_op17.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(6, 5, Bias = true)]
    [LeakyReLU(0.1)]
    [Dense(5, 4, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxLeakyFloatNet : IOnnxFloatNet
    {
    }

    /// <summary>Linear(6, 5, bias=False), LeakyReLU(0.1), Linear(5, 4, bias=False) in float64: leaky_nobias_double_op13.</summary>
    [Network(BatchSize = 5)]
    [Dense(6, 5)]
    [LeakyReLU(0.1)]
    [Dense(5, 4)]
    [SquaredErrorLoss]
    public partial class OnnxLeakyNoBiasDoubleNet : IOnnxDoubleNet
    {
    }

    /// <summary>Linear(4, 6), ReLU(), Linear(6, 3, bias=False) in float32: mixed_bias_float_op17 (Gemm, then MatMul).</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(4, 6, Bias = true)]
    [ReLU]
    [Dense(6, 3)]
    [SquaredErrorLoss]
    public partial class OnnxMixedBiasFloatNet : IOnnxFloatNet
    {
    }

    /// <summary>Linear(6, 8), ReLU(), Linear(8, 4), Softmax(dim=1) in float32: classifier_softmax_float_op13; Forward gives the logits.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(6, 8, Bias = true)]
    [ReLU]
    [Dense(8, 4, Bias = true)]
    [SoftmaxCrossEntropyLoss]
    public partial class OnnxClassifierFloatNet : IOnnxFloatNet
    {
    }

    // Declarations that differ from relu_bias_float_op13 (Dense(5, 7, bias) → ReLU → Dense(7, 3, bias)) in one way each.

    /// <summary>Another first layer size.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(5, 8, Bias = true)]
    [ReLU]
    [Dense(8, 3, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxWrongSizeNet : IOnnxFloatNet
    {
    }

    /// <summary>Another input size.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(6, 7, Bias = true)]
    [ReLU]
    [Dense(7, 3, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxWrongInputNet : IOnnxFloatNet
    {
    }

    /// <summary>Tanh where the model has a ReLU.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(5, 7, Bias = true)]
    [Tanh]
    [Dense(7, 3, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxWrongActivationNet : IOnnxFloatNet
    {
    }

    /// <summary>No bias on the second layer, where the model has one.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(5, 7, Bias = true)]
    [ReLU]
    [Dense(7, 3)]
    [SquaredErrorLoss]
    public partial class OnnxMissingBiasNet : IOnnxFloatNet
    {
    }

    /// <summary>One more layer than the model.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(5, 7, Bias = true)]
    [ReLU]
    [Dense(7, 3, Bias = true)]
    [ReLU]
    [Dense(3, 3, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxExtraLayerNet : IOnnxFloatNet
    {
    }

    /// <summary>One layer, where the model has three.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(5, 7, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxTooFewLayersNet : IOnnxFloatNet
    {
    }

    /// <summary>leaky_bias_float_op17's layers with alpha 0.2 instead of PyTorch's 0.1.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(6, 5, Bias = true)]
    [LeakyReLU(0.2)]
    [Dense(5, 4, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxWrongAlphaNet : IOnnxFloatNet
    {
    }

    /// <summary>classifier_softmax_float_op13's layers with squared error, whose output is not logits.</summary>
    [Network(BatchSize = 5, Precision = Precision.Single)]
    [Dense(6, 8, Bias = true)]
    [ReLU]
    [Dense(8, 4, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxClassifierSquaredErrorNet : IOnnxFloatNet
    {
    }

    /// <summary>A tiny double network whose parameters can hold values beyond float's range (the float conversion test).</summary>
    [Network(BatchSize = 2)]
    [Dense(2, 2, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxTinyDoubleNet : IOnnxDoubleNet
    {
    }

    /// <summary>The same layers in float.</summary>
    [Network(BatchSize = 2, Precision = Precision.Single)]
    [Dense(2, 2, Bias = true)]
    [SquaredErrorLoss]
    public partial class OnnxTinyFloatNet : IOnnxFloatNet
    {
    }
}
