using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace NetGen.Tests.Serving
{
    /// <summary>
    /// Predict beside ONNX Runtime on the same weights (the model SaveOnnx writes), for every pass Predict takes:
    /// within 1e-5 of the largest output for the float Fashion network and 1e-12 for the double Tanh network.
    /// </summary>
    public class PredictOnnxRuntimeTests
    {
        private static readonly int[] RowCounts = { 1, 3, 8, 64, 70 };

        [Fact]
        public void FashionPredictGivesOnnxRuntimesOutputs()
        {
            var net = new ServedFashionNet();
            net.InitializeHe(41);
            PredictTests.Randomize(net.B1, 42, 0.1f);
            PredictTests.Randomize(net.B2, 43, 0.1f);
            PredictTests.Randomize(net.B3, 44, 0.1f);
            string path = Path.Combine(Path.GetTempPath(), $"netgen-served-fashion-{Guid.NewGuid():N}.onnx");
            try
            {
                net.SaveOnnx(path);
                using var session = new InferenceSession(path, SingleThread());
                foreach (int rows in RowCounts)
                {
                    float[] x = PredictTests.Inputs(rows * ServedFashionNet.InputSize, (uint)(500 + rows));
                    float[] predicted = new float[rows * ServedFashionNet.OutputSize];
                    net.Predict(x, predicted);
                    float[] expected = new float[predicted.Length];
                    using (var input = OrtValue.CreateTensorValueFromMemory(x, new long[] { rows, ServedFashionNet.InputSize }))
                    using (var output = OrtValue.CreateTensorValueFromMemory(expected, new long[] { rows, ServedFashionNet.OutputSize }))
                    using (var options = new RunOptions())
                    {
                        session.Run(options, new[] { "input" }, new[] { input }, new[] { "output" }, new[] { output });
                    }
                    double largest = expected.Max(v => Math.Abs(v));
                    double worst = expected.Zip(predicted, (e, p) => Math.Abs(e - (double)p)).Max();
                    Assert.True(worst <= 1e-5 * largest, $"{rows} rows: Predict differs from ONNX Runtime by {worst / largest} of the largest output");
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void DoubleTanhPredictGivesOnnxRuntimesOutputs()
        {
            var net = new ServedTanhNet();
            net.InitializeXavier(45);
            PredictTests.Randomize(net.B1, 46, 0.1);
            PredictTests.Randomize(net.B2, 47, 0.1);
            string path = Path.Combine(Path.GetTempPath(), $"netgen-served-tanh-{Guid.NewGuid():N}.onnx");
            try
            {
                net.SaveOnnx(path);
                using var session = new InferenceSession(path, SingleThread());
                foreach (int rows in RowCounts)
                {
                    double[] x = PredictTests.DoubleInputs(rows * ServedTanhNet.InputSize, (uint)(600 + rows));
                    double[] predicted = new double[rows * ServedTanhNet.OutputSize];
                    net.Predict(x, predicted);
                    double[] expected = new double[predicted.Length];
                    using (var input = OrtValue.CreateTensorValueFromMemory(x, new long[] { rows, ServedTanhNet.InputSize }))
                    using (var output = OrtValue.CreateTensorValueFromMemory(expected, new long[] { rows, ServedTanhNet.OutputSize }))
                    using (var options = new RunOptions())
                    {
                        session.Run(options, new[] { "input" }, new[] { input }, new[] { "output" }, new[] { output });
                    }
                    double largest = expected.Max(Math.Abs);
                    double worst = expected.Zip(predicted, (e, p) => Math.Abs(e - p)).Max();
                    Assert.True(worst <= 1e-12 * largest, $"{rows} rows: Predict differs from ONNX Runtime by {worst / largest} of the largest output");
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static SessionOptions SingleThread() => new() { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
    }
}
