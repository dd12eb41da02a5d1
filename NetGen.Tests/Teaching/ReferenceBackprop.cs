using System;
using System.Collections.Generic;

namespace NetGen.Tests.Teaching
{
    /// <summary>
    /// A plain reference implementation of the derivation, written independently of the generator: matrix product,
    /// transpose, and a forward/backward pass that applies dL/dX = dL/dY · Wᵀ and dL/dW = Xᵀ · dL/dY layer by layer.
    /// Matrices are row-major arrays with their shapes passed alongside.
    /// </summary>
    internal static class ReferenceBackprop
    {
        /// <summary>A · B for A (rows, inner) and B (inner, columns).</summary>
        public static double[] Multiply(double[] a, double[] b, int rows, int inner, int columns)
        {
            var product = new double[rows * columns];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    double sum = 0;
                    for (int k = 0; k < inner; k++)
                    {
                        sum += a[r * inner + k] * b[k * columns + c];
                    }
                    product[r * columns + c] = sum;
                }
            }
            return product;
        }

        /// <summary>Aᵀ for A (rows, columns).</summary>
        public static double[] Transpose(double[] a, int rows, int columns)
        {
            var transposed = new double[columns * rows];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    transposed[c * rows + r] = a[r * columns + c];
                }
            }
            return transposed;
        }

        /// <summary>dL/dY of the squared error: 2 (Y - T).</summary>
        public static double[] SquaredErrorGradient(ReadOnlySpan<double> y, ReadOnlySpan<double> target)
        {
            var gradient = new double[y.Length];
            for (int e = 0; e < y.Length; e++)
            {
                gradient[e] = 2 * (y[e] - target[e]);
            }
            return gradient;
        }

        /// <summary>dL/dY of softmax cross-entropy: softmax(Y) - onehot(labels), row by row.</summary>
        public static double[] CrossEntropyGradient(ReadOnlySpan<double> y, ReadOnlySpan<int> labels, int classes)
        {
            var gradient = new double[y.Length];
            for (int n = 0; n < labels.Length; n++)
            {
                double max = double.NegativeInfinity;
                for (int j = 0; j < classes; j++)
                {
                    max = Math.Max(max, y[n * classes + j]);
                }
                double sum = 0;
                for (int j = 0; j < classes; j++)
                {
                    sum += Math.Exp(y[n * classes + j] - max);
                }
                for (int j = 0; j < classes; j++)
                {
                    gradient[n * classes + j] = Math.Exp(y[n * classes + j] - max) / sum - (j == labels[n] ? 1 : 0);
                }
            }
            return gradient;
        }

        /// <summary>One layer of a reference network: Dense with its weights (and bias), or ReLU.</summary>
        public sealed record Layer(int Inputs, int Outputs, double[]? Weights, double[]? Bias)
        {
            public static Layer Dense(int inputs, int outputs, ReadOnlySpan<double> weights, ReadOnlySpan<double> bias = default) =>
                new(inputs, outputs, weights.ToArray(), bias.IsEmpty ? null : bias.ToArray());

            public static Layer ReLU(int size) => new(size, size, null, null);

            public bool IsDense => Weights is not null;
        }

        /// <summary>The gradients of a reference backward pass.</summary>
        public sealed record Gradients(double[] Input, List<double[]> Weights, List<double[]?> Biases);

        /// <summary>Forward through <paramref name="layers"/>; returns every layer's output, the last one being Y.</summary>
        public static List<double[]> Forward(IReadOnlyList<Layer> layers, double[] x, int batch)
        {
            var outputs = new List<double[]>();
            double[] input = x;
            foreach (Layer layer in layers)
            {
                double[] output;
                if (layer.IsDense)
                {
                    output = Multiply(input, layer.Weights!, batch, layer.Inputs, layer.Outputs);
                    if (layer.Bias is not null)
                    {
                        for (int e = 0; e < output.Length; e++)
                        {
                            output[e] += layer.Bias[e % layer.Outputs];
                        }
                    }
                }
                else
                {
                    output = Array.ConvertAll(input, v => v > 0 ? v : 0);
                }
                outputs.Add(output);
                input = output;
            }
            return outputs;
        }

        /// <summary>
        /// Backward from dL/dY of the last layer: for a Dense layer dL/dW = Xᵀ · dL/dY, dL/dB = column sums of dL/dY
        /// and dL/dX = dL/dY · Wᵀ; for a ReLU dL/dX = dL/dY where its input is positive, else 0.
        /// </summary>
        public static Gradients Backward(IReadOnlyList<Layer> layers, double[] x, List<double[]> outputs, double[] outputGradient, int batch)
        {
            var weights = new List<double[]>();
            var biases = new List<double[]?>();
            double[] dy = outputGradient;
            for (int l = layers.Count - 1; l >= 0; l--)
            {
                Layer layer = layers[l];
                double[] input = l == 0 ? x : outputs[l - 1];
                double[] dx;
                if (layer.IsDense)
                {
                    weights.Insert(0, Multiply(Transpose(input, batch, layer.Inputs), dy, layer.Inputs, batch, layer.Outputs));
                    double[]? db = null;
                    if (layer.Bias is not null)
                    {
                        db = new double[layer.Outputs];
                        for (int e = 0; e < dy.Length; e++)
                        {
                            db[e % layer.Outputs] += dy[e];
                        }
                    }
                    biases.Insert(0, db);
                    dx = Multiply(dy, Transpose(layer.Weights!, layer.Inputs, layer.Outputs), batch, layer.Outputs, layer.Inputs);
                }
                else
                {
                    dx = new double[dy.Length];
                    for (int e = 0; e < dy.Length; e++)
                    {
                        dx[e] = input[e] > 0 ? dy[e] : 0;
                    }
                }
                dy = dx;
            }
            return new Gradients(dy, weights, biases);
        }
    }
}
