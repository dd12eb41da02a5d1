using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text.RegularExpressions;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.Performance
{
    /// <summary>
    /// Every generated kernel, in every instruction-set version this machine runs, against a naive loop written here,
    /// on sizes that are not multiples of any vector width (7, 13, 33, 200), in double and float.
    /// </summary>
    public class KernelTests
    {
        // Batch 13: every dimension odd, and outputs of 7 (less than one 512-bit vector of doubles) and 13.
        private const string OddSizes = @"
using NetGen;
namespace Kernels
{
    [Network(BatchSize = 13, Precision = Precision.PRECISION)]
    [Dense(33, 7, Bias = true)]
    [ReLU]
    [Dense(7, 13)]
    [SquaredErrorLoss]
    public partial class OddNet { }
}";

        // Batch 7 and 200 inputs: the first layer's products are long enough to be taken in k blocks with a remainder.
        private const string BlockedSizes = @"
using NetGen;
namespace Kernels
{
    [Network(BatchSize = 7, Precision = Precision.PRECISION)]
    [Dense(200, 33, Bias = true)]
    [ReLU]
    [Dense(33, 13, Bias = true)]
    [SquaredErrorLoss]
    public partial class BlockedNet { }
}";

        // Batch 9, 300 terms in k blocks, and outputs of 44 and 50: the overlapping last vector of a row forms a tile of
        // its own while the vector it overlaps sits in a full tile (50 with 256-bit vectors, 44 with 512-bit doubles),
        // so the blocks that add into Y must not add their terms to the shared lanes twice.
        private const string OverlapSizes = @"
using NetGen;
namespace Kernels
{
    [Network(BatchSize = 9, Precision = Precision.PRECISION)]
    [Dense(300, 44, Bias = true)]
    [ReLU]
    [Dense(44, 300)]
    [ReLU]
    [Dense(300, 50, Bias = true)]
    [SquaredErrorLoss]
    public partial class OverlapNet { }
}";

        // Batch 300 and 530 inputs: the weight gradients read X down its columns over more than the L1 holds, so X's
        // rows are copied in blocks (16 rows per k block of 256 in double, with 2 rows left over; the second layer's 20
        // rows as one block of 16 and one of 4), the first in k blocks with a remainder; Y = X · W copies W's slice.
        // With 300 rows dX = dY · Wᵀ is a broadcast product over slices of Wᵀ copied from W: 270 terms in k blocks
        // with a remainder (20 inputs), and 3 terms (270 inputs).
        private const string PackedSizes = @"
using NetGen;
namespace Kernels
{
    [Network(BatchSize = 300, Precision = Precision.PRECISION)]
    [Dense(530, 20, Bias = true)]
    [ReLU]
    [Dense(20, 270)]
    [ReLU]
    [Dense(270, 3)]
    [SquaredErrorLoss]
    public partial class PackedNet { }
}";

        // Batch 512: the weight gradients' k blocks divide the batch exactly, so the last whole block, not a remainder,
        // stores dW's sums and takes TrainStep's SGD step; the first layer's 150 rows of dW are copied and stepped in
        // blocks (2 of 64 and a rest of 22), the second's 24 rows as one.
        private const string SteppedSizes = @"
using NetGen;
namespace Kernels
{
    [Network(BatchSize = 512, Precision = Precision.PRECISION)]
    [Dense(150, 24, Bias = true)]
    [ReLU]
    [Dense(24, 9)]
    [SquaredErrorLoss]
    public partial class SteppedNet { }
}";

        // 30000 inputs and batch 80: the first layer's operands (X and dW, 24 MB in double, 12 MB in float) come from
        // memory, so while each block of dW's rows is computed the next block's rows of X and of dW are fetched into
        // L2 ahead (CachePrefetch), and while Y = X · W runs a k block, the next k block's rows of W and terms of X.
        // With 256-bit vectors: 468 blocks of 64 rows and a rest of 48 in double, whose 80 terms are a k block of 64
        // and a remainder of 16; 300 blocks of 100 rows in float, in one k block.
        private const string FarSizes = @"
using NetGen;
namespace Kernels
{
    [Network(BatchSize = 80, Precision = Precision.PRECISION)]
    [Dense(30000, 20, Bias = true)]
    [ReLU]
    [Dense(20, 5)]
    [SquaredErrorLoss]
    public partial class FarNet { }
}";

        // 1500 inputs and 1501 outputs: W (18 MB in double, 9 MB in float) comes from memory and one k block of it
        // is too large to fetch at once, so each column tile of Y = X · W fetches the slice of W the next one copies,
        // the last full tile the 1501st column's (an overlapping last vector).
        private const string WideSizes = @"
using NetGen;
namespace Kernels
{
    [Network(BatchSize = 12, Precision = Precision.PRECISION)]
    [Dense(1500, 1501, Bias = true)]
    [ReLU]
    [Dense(1501, 5)]
    [SquaredErrorLoss]
    public partial class WideNet { }
}";

        // Batch 302 and 700 inputs: X's part of a k block of Y = X · W (302 × 256 terms, 604 KiB in double) is too large
        // to be read in place by every column tile, so each k block's slices of W are copied once and the rows taken
        // in blocks (64 in double, 128 in float): four or two whole blocks and a rest of 46 rows with a 2-row tile, k
        // blocks of 256 and a remainder of 188, and 37 outputs, whose overlapping last vector forms the last tile.
        private const string TallSizes = @"
using NetGen;
namespace Kernels
{
    [Network(BatchSize = 302, Precision = Precision.PRECISION)]
    [Dense(700, 37, Bias = true)]
    [ReLU]
    [Dense(37, 5)]
    [SquaredErrorLoss]
    public partial class TallNet { }
}";

        private delegate void Product<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c);

        private delegate void SteppedProduct<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, Span<T> p, T rate);

        private delegate void BiasedProduct<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> bias, Span<T> c);

        private delegate void ColumnSums<T>(ReadOnlySpan<T> a, Span<T> sums);

        private delegate void Update<T>(Span<T> p, ReadOnlySpan<T> g, T rate);

        private delegate double TrainStepMethod<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> target, double learningRate);

        private delegate Span<T> BufferProperty<T>();

        private delegate ReadOnlySpan<T> ForwardMethod<T>(ReadOnlySpan<T> x);

        private delegate double LossMethod<T>(ReadOnlySpan<T> target);

        private delegate void BackwardMethod<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> target);

        private static readonly Regex KernelName = new(@"^(?<kind>DenseForward|DenseForwardWithBias|DenseWeightGradient|DenseInputGradient|DenseBiasGradient|SgdUpdate)_(?<shape>[0-9x]+)_(?<tier>Vector512|Vector256|Vector128|Scalar)$");

        public static IEnumerable<object[]> Networks() =>
            from network in new[] { "OddNet", "BlockedNet", "OverlapNet", "PackedNet", "SteppedNet", "FarNet", "WideNet", "TallNet" }
            from precision in new[] { "Double", "Single" }
            select new object[] { network, precision };

        [Theory]
        [MemberData(nameof(Networks))]
        public void EveryKernelVersionMatchesTheNaiveLoops(string network, string precision)
        {
            Type type = Load(network, precision);
            List<MethodInfo> kernels = type.GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
                .Where(m => KernelName.IsMatch(m.Name))
                .ToList();
            Assert.NotEmpty(kernels);
            int checkedKernels = 0;
            foreach (MethodInfo kernel in kernels)
            {
                Match name = KernelName.Match(kernel.Name);
                if (!Runs(name.Groups["tier"].Value))
                {
                    continue;
                }
                int[] shape = name.Groups["shape"].Value.Split('x').Select(int.Parse).ToArray();
                if (precision == "Double")
                {
                    PoisonScratch<double>(type);
                    Check<double>(kernel, name.Groups["kind"].Value, shape, 1e-12);
                }
                else
                {
                    PoisonScratch<float>(type);
                    Check<float>(kernel, name.Groups["kind"].Value, shape, 2e-5);
                }
                checkedKernels++;
            }
            Assert.True(checkedKernels >= 7, $"only {checkedKernels} kernels ran");
            if (network is "BlockedNet" or "PackedNet")
            {
                Assert.NotNull(ScratchField(type));
            }
        }

        [Theory]
        [InlineData("Double")]
        [InlineData("Single")]
        public void OnlyProductsWhoseOperandsComeFromMemoryFetchTheirNextBlockAhead(string precision)
        {
            string Generated(string sizes, string network, bool runtime = true) => GeneratedSource(sizes, network, precision, runtime);

            string far = Generated(FarSizes, "FarNet");
            // Every vector version of the first weight gradient fetches the next block's rows of dW and of X.
            int calls = Regex.Matches(far, @"CachePrefetch\.Lines\(dW\.Slice\(nextStart \* 20, nextRows \* 20\)").Count;
            Assert.True(calls >= 3, $"{calls} prefetches of dW's next block");
            Assert.Contains("CachePrefetch.Lines(x.Slice(", far, StringComparison.Ordinal);
            // Y = X · W over k blocks of 30000 terms fetches the next k block's rows of W and terms of X.
            Assert.Contains("CachePrefetch.Lines(w.Slice((kc + ", far, StringComparison.Ordinal);
            Assert.Contains("CachePrefetch.Lines(x.Slice(tile * 30000 + kc + ", far, StringComparison.Ordinal);
            // Y = X · W of 1500 x 1501 fetches the next column tile's slice of W, row by row.
            Assert.Contains("CachePrefetch.Lines(w.Slice((kc + kk) * 1501 + j + ", Generated(WideSizes, "WideNet"), StringComparison.Ordinal);
            // The second layer's (20 rows) and every product of the smaller networks run on cached operands: no prefetch.
            Assert.DoesNotContain("CachePrefetch.Lines(dW.Slice(nextStart * 5,", far, StringComparison.Ordinal);
            Assert.DoesNotContain("CachePrefetch", Generated(PackedSizes, "PackedNet"), StringComparison.Ordinal);
            Assert.DoesNotContain("CachePrefetch", Generated(SteppedSizes, "SteppedNet"), StringComparison.Ordinal);
            // Without NetGen.Runtime, the same kernels are written without it.
            Assert.DoesNotContain("CachePrefetch", Generated(FarSizes, "FarNet", runtime: false), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Double")]
        [InlineData("Single")]
        public void WeightGradientsWhoseRowBlocksLeaveL2StepFromTheirTiles(string precision)
        {
            const string InTile = "for its outputs from its registers.";
            // WideNet's first weight gradient (1500 x 12 x 1501): a block of dW's rows (340 rows in double, 4 MB) is
            // far larger than L2, so each tile takes the SGD step from its registers, in every vector version, and
            // fetches the next tile's rows of w and dW; its overlapping last vector keeps the lanes already stepped.
            string wide = GeneratedSource(WideSizes, "WideNet", precision, runtime: true);
            string gradient = KernelSource(wide, "DenseWeightGradient_12x1500x1501_Vector256");
            Assert.Contains(InTile, gradient, StringComparison.Ordinal);
            Assert.Contains("CachePrefetch.Lines(w.Slice((nextM + r) * 1501 + nextJ, nextColumns)", gradient, StringComparison.Ordinal);
            Assert.Contains("keepStep", gradient, StringComparison.Ordinal);
            Assert.DoesNotContain("over the 340 row(s) just stored", gradient, StringComparison.Ordinal);
            Assert.True(Regex.Matches(wide, Regex.Escape(InTile)).Count >= 3, "not every vector version steps from its tiles");
            // Without NetGen.Runtime (no fetching ahead), and where a block of rows stays in L2, the step follows each block.
            Assert.DoesNotContain(InTile, GeneratedSource(WideSizes, "WideNet", precision, runtime: false), StringComparison.Ordinal);
            Assert.DoesNotContain(InTile, GeneratedSource(FarSizes, "FarNet", precision, runtime: true), StringComparison.Ordinal);
            Assert.DoesNotContain(InTile, GeneratedSource(SteppedSizes, "SteppedNet", precision, runtime: true), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("Double")]
        [InlineData("Single")]
        public void OnlyForwardProductsOverManyRowsCopyTheirKBlocksOnceAndTakeTheRowsInBlocks(string precision)
        {
            string Generated(string sizes, string network) => GeneratedSource(sizes, network, precision, runtime: false);

            const string Copied = "once for all the row blocks below";
            string tall = Generated(TallSizes, "TallNet");
            // The first layer's forward (with its bias), in the 256-bit version (the one the tests run here): in the
            // loop over k blocks and in the remainder, and rows in blocks of 64 (double) or 128 (float).
            string forward = KernelSource(tall, "DenseForwardWithBias_302x700x37_Vector256");
            Assert.Equal(2, Regex.Matches(forward, Copied).Count);
            int rowBlock = precision == "Double" ? 64 : 128;
            Assert.Contains($"for (int mb = 0; mb < 256; mb += {rowBlock})", forward, StringComparison.Ordinal);
            Assert.Contains("// The last 46 row(s), 256..301, as one block.", forward, StringComparison.Ordinal);
            // The weight gradient and the smaller networks' products read their operands as before.
            Assert.DoesNotContain(Copied, Generated(BlockedSizes, "BlockedNet"), StringComparison.Ordinal);
            Assert.DoesNotContain(Copied, Generated(SteppedSizes, "SteppedNet"), StringComparison.Ordinal);
            Assert.DoesNotContain(Copied, Generated(OverlapSizes, "OverlapNet"), StringComparison.Ordinal);
        }

        /// <summary>The generated source of one of the networks above at a precision, with or without NetGen.Runtime referenced.</summary>
        private static string GeneratedSource(string sizes, string network, string precision, bool runtime)
        {
            string source = sizes.Replace("PRECISION", precision, StringComparison.Ordinal);
            GeneratorRun run = GeneratorHarness.Run(runtime ? GeneratorHarness.CompileWithRuntime(source) : GeneratorHarness.Compile(source));
            Assert.Empty(run.Exceptions);
            return run.Source($"Kernels.{network}.g.cs");
        }

        /// <summary>One kernel method's code in a generated source: from its signature to the next method.</summary>
        private static string KernelSource(string source, string kernel)
        {
            int start = source.IndexOf($"void {kernel}(", StringComparison.Ordinal);
            Assert.True(start >= 0, $"the generated source has no kernel {kernel}");
            int end = source.IndexOf("private static void", start, StringComparison.Ordinal);
            return end < 0 ? source.Substring(start) : source.Substring(start, end - start);
        }

        private static FieldInfo? ScratchField(Type network) =>
            network.GetField("t_kernelScratch", BindingFlags.NonPublic | BindingFlags.Static);

        /// <summary>
        /// Fills this thread's copy of the kernels' shared scratch (the copied slices of B and blocks of A) with NaN,
        /// as another kernel's copies would leave it: a kernel that read a part of it before writing that part gives
        /// NaN, and its check fails.
        /// </summary>
        private static void PoisonScratch<T>(Type network) where T : IFloatingPoint<T>
        {
            FieldInfo? field = ScratchField(network);
            if (field is null)
            {
                return;
            }
            var scratch = (ArraySegment<T>)field.GetValue(null)!;
            T[] values = scratch.Array ?? new T[1 << 18];
            Array.Fill(values, T.CreateChecked(double.NaN));
            field.SetValue(null, scratch.Array is null ? new ArraySegment<T>(values) : scratch);
        }

        [Theory]
        [InlineData("OddNet", "DenseForwardWithBias_13x33x7", "Double", new[] { "Vector256", "Vector128", "Scalar" })]
        [InlineData("BlockedNet", "DenseForwardWithBias_7x200x33", "Double", new[] { "Vector512", "Vector256", "Vector128", "Scalar" })]
        [InlineData("BlockedNet", "DenseInputGradient_7x33x13", "Single", new[] { "Vector256", "Vector128", "Scalar" })]
        [InlineData("OddNet", "DenseWeightGradient_13x7x13", "Single", new[] { "Vector256", "Vector128", "Scalar" })]
        [InlineData("OddNet", "DenseForwardWithBias_13x33x7", "Single", new[] { "Vector128", "Scalar" })]
        public void AVectorVersionExistsOnlyWhereAWholeVectorFits(string network, string kernel, string precision, string[] tiers)
        {
            Type type = Load(network, precision);
            string[] present = type.GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
                .Select(m => m.Name)
                .Where(n => n.StartsWith(kernel + "_", StringComparison.Ordinal))
                .Select(n => n.Substring(kernel.Length + 1))
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(tiers.OrderBy(n => n, StringComparer.Ordinal), present);
        }

        [Fact]
        public void TrainingWithKernelsFollowsANaiveNetworkStepByStep()
        {
            // BlockedNet: Y1 = X·W1 + B1, Y2 = ReLU(Y1), Y3 = Y2·W2 + B2, L = Σ (Y3 - T)², plain SGD.
            const int batch = 7, inputs = 200, hidden = 33, outputs = 13;
            Type type = Load("BlockedNet", "Double");
            object net = Activator.CreateInstance(type)!;
            var trainStep = (TrainStepMethod<double>)Delegate.CreateDelegate(typeof(TrainStepMethod<double>), net, type.GetMethod("TrainStep", new[] { typeof(ReadOnlySpan<double>), typeof(ReadOnlySpan<double>), typeof(double) })!);
            Span<double> Buffer(string name) => ((BufferProperty<double>)Delegate.CreateDelegate(typeof(BufferProperty<double>), net, type.GetProperty(name)!.GetMethod!))();

            var random = new Random(7);
            double[] x = Values(random, batch * inputs), t = Values(random, batch * outputs);
            double[] w1 = Values(random, inputs * hidden), b1 = Values(random, hidden), w2 = Values(random, hidden * outputs), b2 = Values(random, outputs);
            w1.CopyTo(Buffer("W1"));
            b1.CopyTo(Buffer("B1"));
            w2.CopyTo(Buffer("W2"));
            b2.CopyTo(Buffer("B2"));
            const double rate = 1e-3;

            for (int step = 0; step < 5; step++)
            {
                double[] y1 = new double[batch * hidden], y2 = new double[batch * hidden], y3 = new double[batch * outputs];
                for (int n = 0; n < batch; n++)
                {
                    for (int j = 0; j < hidden; j++)
                    {
                        double sum = b1[j];
                        for (int i = 0; i < inputs; i++)
                        {
                            sum += x[n * inputs + i] * w1[i * hidden + j];
                        }
                        y1[n * hidden + j] = sum;
                        y2[n * hidden + j] = Math.Max(0, sum);
                    }
                    for (int j = 0; j < outputs; j++)
                    {
                        double sum = b2[j];
                        for (int i = 0; i < hidden; i++)
                        {
                            sum += y2[n * hidden + i] * w2[i * outputs + j];
                        }
                        y3[n * outputs + j] = sum;
                    }
                }
                double loss = 0;
                double[] dY3 = new double[batch * outputs], dY1 = new double[batch * hidden];
                for (int e = 0; e < dY3.Length; e++)
                {
                    loss += (y3[e] - t[e]) * (y3[e] - t[e]);
                    dY3[e] = 2 * (y3[e] - t[e]);
                }
                for (int n = 0; n < batch; n++)
                {
                    for (int i = 0; i < hidden; i++)
                    {
                        double sum = 0;
                        for (int j = 0; j < outputs; j++)
                        {
                            sum += dY3[n * outputs + j] * w2[i * outputs + j];
                        }
                        dY1[n * hidden + i] = y1[n * hidden + i] > 0 ? sum : 0;
                    }
                }
                double[] gW1 = new double[w1.Length], gB1 = new double[hidden], gW2 = new double[w2.Length], gB2 = new double[outputs];
                for (int n = 0; n < batch; n++)
                {
                    for (int i = 0; i < inputs; i++)
                    {
                        for (int j = 0; j < hidden; j++)
                        {
                            gW1[i * hidden + j] += x[n * inputs + i] * dY1[n * hidden + j];
                        }
                    }
                    for (int i = 0; i < hidden; i++)
                    {
                        for (int j = 0; j < outputs; j++)
                        {
                            gW2[i * outputs + j] += y2[n * hidden + i] * dY3[n * outputs + j];
                        }
                    }
                    for (int j = 0; j < hidden; j++)
                    {
                        gB1[j] += dY1[n * hidden + j];
                    }
                    for (int j = 0; j < outputs; j++)
                    {
                        gB2[j] += dY3[n * outputs + j];
                    }
                }

                double generated = trainStep(x, t, rate);

                Assert.Equal(loss, generated, loss * 1e-12);
                AssertClose(gW1, Buffer("GradW1"), 1e-10);
                AssertClose(gB1, Buffer("GradB1"), 1e-10);
                AssertClose(gW2, Buffer("GradW2"), 1e-10);
                AssertClose(gB2, Buffer("GradB2"), 1e-10);
                for (int e = 0; e < w1.Length; e++)
                {
                    w1[e] -= rate * gW1[e];
                }
                for (int e = 0; e < w2.Length; e++)
                {
                    w2[e] -= rate * gW2[e];
                }
                for (int j = 0; j < hidden; j++)
                {
                    b1[j] -= rate * gB1[j];
                }
                for (int j = 0; j < outputs; j++)
                {
                    b2[j] -= rate * gB2[j];
                }
                AssertClose(w1, Buffer("W1"), 1e-12);
                AssertClose(w2, Buffer("W2"), 1e-12);
            }
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void TrainStepLeavesExactlyWhatBackwardThenStepLeave(string network, string precision)
        {
            Type type = Load(network, precision);
            // Plain SGD on kernels only: TrainStep takes each step inside the backward pass (PackedNet's 3-output
            // layer runs on loops, so its TrainStep calls Backward and Step).
            bool fused = type.GetMethod("BackwardAndStep", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
            Assert.Equal(network != "PackedNet", fused);
            if (precision == "Double")
            {
                CompareTrainStep<double>(type);
            }
            else
            {
                CompareTrainStep<float>(type);
            }
        }

        private static void CompareTrainStep<T>(Type type) where T : unmanaged, IFloatingPoint<T>
        {
            object stepped = Activator.CreateInstance(type)!, separate = Activator.CreateInstance(type)!;
            string[] buffers = type.GetProperties()
                .Where(p => p.PropertyType == typeof(Span<T>) && Regex.IsMatch(p.Name, "^(W|B|GradW|GradB)[0-9]+$"))
                .Select(p => p.Name)
                .ToArray();
            Assert.Contains("W1", buffers);
            Span<T> Buffer(object net, string name) => ((BufferProperty<T>)Delegate.CreateDelegate(typeof(BufferProperty<T>), net, type.GetProperty(name)!.GetMethod!))();
            TDelegate Method<TDelegate>(object net, string name, params Type[] parameters) where TDelegate : Delegate =>
                (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), net, type.GetMethod(name, parameters)!);

            var random = new Random(11);
            foreach (string name in buffers.Where(n => !n.StartsWith("Grad", StringComparison.Ordinal)))
            {
                T[] values = As<T>(Values(random, Buffer(stepped, name).Length).Select(v => v * 0.1).ToArray());
                values.CopyTo(Buffer(stepped, name));
                values.CopyTo(Buffer(separate, name));
            }
            int inputs = (int)type.GetField("InputSize")!.GetValue(null)!, outputs = (int)type.GetField("OutputSize")!.GetValue(null)!, batch = (int)type.GetField("BatchSize")!.GetValue(null)!;
            Type span = typeof(ReadOnlySpan<T>);
            var trainStep = Method<TrainStepMethod<T>>(stepped, "TrainStep", span, span, typeof(double));
            var forward = Method<ForwardMethod<T>>(separate, "Forward", span);
            var loss = Method<LossMethod<T>>(separate, "Loss", span);
            var backward = Method<BackwardMethod<T>>(separate, "Backward", span, span);
            var step = (Action<double>)Delegate.CreateDelegate(typeof(Action<double>), separate, type.GetMethod("Step", new[] { typeof(double) })!);
            for (int iteration = 0; iteration < 3; iteration++)
            {
                T[] x = As<T>(Values(random, batch * inputs)), target = As<T>(Values(random, batch * outputs));
                double steppedLoss = trainStep(x, target, 1e-3);
                forward(x);
                double separateLoss = loss(target);
                backward(x, target);
                step(1e-3);
                Assert.True(double.IsFinite(steppedLoss), $"step {iteration}: the loss is {steppedLoss}");
                Assert.Equal(separateLoss, steppedLoss);
                foreach (string name in buffers)
                {
                    ReadOnlySpan<T> expected = Buffer(separate, name), actual = Buffer(stepped, name);
                    for (int e = 0; e < expected.Length; e++)
                    {
                        Assert.True(expected[e] == actual[e], $"step {iteration}, {name}[{e}]: Backward then Step give {expected[e]}, TrainStep {actual[e]}");
                    }
                }
            }
        }

        private static readonly Dictionary<(string, string), Type> Loaded = new();

        private static Type Load(string network, string precision)
        {
            lock (Loaded)
            {
                if (!Loaded.TryGetValue((network, precision), out Type? type))
                {
                    string source = (network switch { "OddNet" => OddSizes, "OverlapNet" => OverlapSizes, "PackedNet" => PackedSizes, "SteppedNet" => SteppedSizes, "FarNet" => FarSizes, "WideNet" => WideSizes, "TallNet" => TallSizes, _ => BlockedSizes }).Replace("PRECISION", precision, StringComparison.Ordinal);
                    // FarNet's and WideNet's kernels call NetGen.Runtime's CachePrefetch, which the generator uses only where it is referenced.
                    GeneratorRun run = network is "FarNet" or "WideNet" ? GeneratorHarness.Run(GeneratorHarness.CompileWithRuntime(source)) : GeneratorHarness.Run(source);
                    Assert.Empty(run.Exceptions);
                    Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
                    type = run.Load().GetType("Kernels." + network, throwOnError: true)!;
                    Loaded[(network, precision)] = type;
                }
                return type;
            }
        }

        /// <summary>Whether this machine runs the kernel version named by <paramref name="tier"/> (a method suffix).</summary>
        internal static bool Runs(string tier) => tier switch
        {
            "Vector512" => Vector512.IsHardwareAccelerated && Avx512F.IsSupported,
            "Vector256" => Vector256.IsHardwareAccelerated && Fma.IsSupported,
            "Vector128" => Vector128.IsHardwareAccelerated,
            _ => true,
        };

        private static double[] Values(Random random, int length)
        {
            var values = new double[length];
            for (int e = 0; e < length; e++)
            {
                values[e] = random.NextDouble() * 2 - 1;
            }
            return values;
        }

        private static T[] As<T>(double[] values) where T : IFloatingPoint<T> => values.Select(T.CreateChecked).ToArray();

        private static void Check<T>(MethodInfo kernel, string kind, int[] shape, double tolerance) where T : unmanaged, IFloatingPoint<T>
        {
            var random = new Random(kernel.Name.Length * 31 + shape.Sum());
            if (kind == "SgdUpdate")
            {
                int length = shape[0];
                double[] p = Values(random, length), g = Values(random, length);
                T[] pT = As<T>(p);
                ((Update<T>)kernel.CreateDelegate(typeof(Update<T>)))(pT, As<T>(g), T.CreateChecked(0.25));
                double[] expected = p.Select((v, e) => v - 0.25 * g[e]).ToArray();
                AssertClose(expected, pT.Select(double.CreateChecked).ToArray(), tolerance, kernel.Name);
                return;
            }
            if (kind == "DenseBiasGradient")
            {
                (int batch, int columns) = (shape[0], shape[1]);
                double[] dY = Values(random, batch * columns);
                T[] sums = new T[columns];
                ((ColumnSums<T>)kernel.CreateDelegate(typeof(ColumnSums<T>)))(As<T>(dY), sums);
                double[] expected = Enumerable.Range(0, columns).Select(j => Enumerable.Range(0, batch).Sum(n => dY[n * columns + j])).ToArray();
                AssertClose(expected, sums.Select(double.CreateChecked).ToArray(), tolerance * batch, kernel.Name);
                return;
            }

            (int b, int i, int o) = (shape[0], shape[1], shape[2]);
            double[] result;
            double[] reference;
            switch (kind)
            {
                case "DenseForward":
                case "DenseForwardWithBias":
                {
                    double[] x = Values(random, b * i), w = Values(random, i * o), bias = Values(random, o);
                    T[] y = new T[b * o];
                    if (kind == "DenseForward")
                    {
                        ((Product<T>)kernel.CreateDelegate(typeof(Product<T>)))(As<T>(x), As<T>(w), y);
                        Array.Clear(bias);
                    }
                    else
                    {
                        ((BiasedProduct<T>)kernel.CreateDelegate(typeof(BiasedProduct<T>)))(As<T>(x), As<T>(w), As<T>(bias), y);
                    }
                    reference = new double[b * o];
                    for (int n = 0; n < b; n++)
                    {
                        for (int j = 0; j < o; j++)
                        {
                            double sum = bias[j];
                            for (int k = 0; k < i; k++)
                            {
                                sum += x[n * i + k] * w[k * o + j];
                            }
                            reference[n * o + j] = sum;
                        }
                    }
                    result = y.Select(double.CreateChecked).ToArray();
                    AssertClose(reference, result, tolerance * i, kernel.Name);
                    return;
                }
                case "DenseWeightGradient":
                {
                    double[] x = Values(random, b * i), dY = Values(random, b * o);
                    T[] dW = Enumerable.Repeat(T.CreateChecked(123), i * o).ToArray(); // overwritten, not added to
                    bool steps = kernel.GetParameters().Length == 5;
                    if (steps)
                    {
                        // The kernel of a network whose TrainStep takes the SGD step inside the backward pass: with an
                        // empty W it is the plain product (Backward); given W, it leaves the same dW bit for bit and
                        // every element of W moved once by -rate · dW, rounded as SgdUpdate rounds it: an element
                        // updated twice (the overlapping last vector) or missed fails.
                        var stepped = (SteppedProduct<T>)kernel.CreateDelegate(typeof(SteppedProduct<T>));
                        T rate = T.CreateChecked(0.375);
                        stepped(As<T>(x), As<T>(dY), dW, Span<T>.Empty, rate);
                        double[] p = Values(random, i * o);
                        T[] pT = As<T>(p), p0 = As<T>(p);
                        T[] steppedDW = Enumerable.Repeat(T.CreateChecked(-7), i * o).ToArray();
                        stepped(As<T>(x), As<T>(dY), steppedDW, pT, rate);
                        for (int e = 0; e < i * o; e++)
                        {
                            Assert.True(steppedDW[e] == dW[e], $"{kernel.Name}: dW[{e}] is {steppedDW[e]} with a step, {dW[e]} without");
                            T expected = p0[e] - rate * dW[e];
                            Assert.True(pT[e] == expected, $"{kernel.Name}: W[{e}] is {pT[e]}, expected {expected} (W - rate · dW)");
                        }
                    }
                    else
                    {
                        ((Product<T>)kernel.CreateDelegate(typeof(Product<T>)))(As<T>(x), As<T>(dY), dW);
                    }
                    reference = new double[i * o];
                    for (int k = 0; k < i; k++)
                    {
                        for (int j = 0; j < o; j++)
                        {
                            double sum = 0;
                            for (int n = 0; n < b; n++)
                            {
                                sum += x[n * i + k] * dY[n * o + j];
                            }
                            reference[k * o + j] = sum;
                        }
                    }
                    result = dW.Select(double.CreateChecked).ToArray();
                    AssertClose(reference, result, tolerance * b, kernel.Name);
                    return;
                }
                case "DenseInputGradient":
                {
                    double[] dY = Values(random, b * o), w = Values(random, i * o);
                    T[] dX = Enumerable.Repeat(T.CreateChecked(123), b * i).ToArray();
                    ((Product<T>)kernel.CreateDelegate(typeof(Product<T>)))(As<T>(dY), As<T>(w), dX);
                    reference = new double[b * i];
                    for (int n = 0; n < b; n++)
                    {
                        for (int k = 0; k < i; k++)
                        {
                            double sum = 0;
                            for (int j = 0; j < o; j++)
                            {
                                sum += dY[n * o + j] * w[k * o + j];
                            }
                            reference[n * i + k] = sum;
                        }
                    }
                    result = dX.Select(double.CreateChecked).ToArray();
                    AssertClose(reference, result, tolerance * o, kernel.Name);
                    return;
                }
                default:
                    throw new InvalidOperationException("Unknown kernel " + kernel.Name);
            }
        }

        private static void AssertClose(double[] expected, ReadOnlySpan<double> actual, double tolerance, string what = "")
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int e = 0; e < expected.Length; e++)
            {
                double error = Math.Abs(expected[e] - actual[e]);
                Assert.True(error <= tolerance * Math.Max(1, Math.Abs(expected[e])), $"{what}[{e}]: expected {expected[e]:R}, got {actual[e]:R}");
            }
        }
    }
}
