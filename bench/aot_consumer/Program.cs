// Question 7 in a program of its own, for publishing with NativeAOT: NetGen.Tests/Package/NativeAotConsumerTests.cs
// publishes it and compares its losses bit for bit with the same program under the JIT, and bench/aot_side_by_side
// times it. It is not part of the solution: both write it into a new project that references the packed NetGen.
//
//   Program q7 [repeats]   the instruction-set tier the kernels run, 500 TrainSteps at lr 1e-6 from NumPy's seed 0
//                          (x, t, W1, W2 drawn as np.random.randn in that order), one line per step with the loss's
//                          bits and its shortest round-trip decimal, then the trained network's Predict on 1, 7 and
//                          100 rows (NumPy's seed 1: np.random.randn(100, 1000)), each output's bits, one line per row,
//                          then the training's seconds; with repeats, the whole training is run that many times on
//                          fresh networks and the fastest is reported.
//   Program weights <dir>  3 TrainSteps from the same start, SaveWeights(dir), LoadWeights(dir) into a new network:
//                          prints each file's shape as NpyFile reads it and whether every weight came back.
using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using NetGen;
using NetGen.NumPy;

if (args.Length == 2 && args[0] == "weights")
{
    var trained = new TwoLayerNet();
    var random = new LegacyRandom(0);
    double[] x = new double[TwoLayerNet.BatchSize * TwoLayerNet.InputSize];
    double[] t = new double[TwoLayerNet.BatchSize * TwoLayerNet.OutputSize];
    random.StandardNormal(x);
    random.StandardNormal(t);
    random.StandardNormal(trained.W1);
    random.StandardNormal(trained.W2);
    for (int i = 0; i < 3; i++)
    {
        trained.TrainStep(x, t, 1e-6);
    }
    trained.SaveWeights(args[1]);
    var reloaded = new TwoLayerNet();
    reloaded.LoadWeights(args[1]);
    foreach (string name in new[] { "W1", "W2" })
    {
        Console.WriteLine($"{name}.npy shape ({string.Join(", ", NpyFile.ReadShape(System.IO.Path.Combine(args[1], name + ".npy")))})");
    }
    Console.WriteLine($"reloaded equal {reloaded.W1.SequenceEqual(trained.W1) && reloaded.W2.SequenceEqual(trained.W2)}");
    return 0;
}
if (args.Length is < 1 or > 2 || args[0] != "q7")
{
    Console.Error.WriteLine("usage: Program q7 [repeats] | Program weights <directory>");
    return 2;
}
int repeats = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
if (repeats < 1)
{
    Console.Error.WriteLine("repeats must be at least 1");
    return 2;
}

// The generated dispatchers test exactly these conditions, in this order; the compiler folds them the same way here.
string tier = Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? "Vector512"
    : Vector256.IsHardwareAccelerated && Fma.IsSupported ? "Vector256"
    : Vector128.IsHardwareAccelerated ? "Vector128"
    : "Scalar";
Console.WriteLine($"tier {tier}");

double[] losses = new double[500];
double fastest = double.PositiveInfinity;
TwoLayerNet net = null!;
for (int repeat = 0; repeat < repeats; repeat++)
{
    net = new TwoLayerNet();
    var random = new LegacyRandom(0);                   // np.random.seed(0)
    double[] x = new double[TwoLayerNet.BatchSize * TwoLayerNet.InputSize];
    double[] t = new double[TwoLayerNet.BatchSize * TwoLayerNet.OutputSize];
    random.StandardNormal(x);                           // x = np.random.randn(64, 1000)
    random.StandardNormal(t);                           // t = np.random.randn(64, 10)
    random.StandardNormal(net.W1);                      // w1 = np.random.randn(1000, 100)
    random.StandardNormal(net.W2);                      // w2 = np.random.randn(100, 10)
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < losses.Length; i++)
    {
        losses[i] = net.TrainStep(x, t, 1e-6);
    }
    fastest = Math.Min(fastest, clock.Elapsed.TotalSeconds);
}
for (int i = 0; i < losses.Length; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i} {BitConverter.DoubleToInt64Bits(losses[i]):X16} {losses[i]:R}"));
}
double[] inputs = new double[100 * TwoLayerNet.InputSize];
new LegacyRandom(1).StandardNormal(inputs);             // np.random.seed(1); np.random.randn(100, 1000)
foreach (int rows in new[] { 1, 7, 100 })
{
    double[] outputs = new double[rows * TwoLayerNet.OutputSize];
    net.Predict(inputs.AsSpan(0, rows * TwoLayerNet.InputSize), outputs);
    for (int row = 0; row < rows; row++)
    {
        var bits = outputs.AsSpan(row * TwoLayerNet.OutputSize, TwoLayerNet.OutputSize).ToArray().Select(v => BitConverter.DoubleToInt64Bits(v).ToString("X16", CultureInfo.InvariantCulture));
        Console.WriteLine($"predict {rows} {row} {string.Join(" ", bits)}");
    }
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seconds {fastest:F6}"));
return 0;

[Network(BatchSize = 64)]
[Dense(1000, 100)]
[ReLU]
[Dense(100, 10)]
[SquaredErrorLoss]
partial class TwoLayerNet
{
}
