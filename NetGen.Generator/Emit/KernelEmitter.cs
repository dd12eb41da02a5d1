using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Writes the blocked, vectorized kernels that the <see cref="CodeStrategy.Kernels"/> strategy calls from Forward,
    /// Backward and Step. Every kernel is specialized for one shape: its loop bounds, strides, register tiles and
    /// remainders are literals worked out here, at generation time.
    /// </summary>
    /// <remarks>
    /// <para>Each kernel is a small dispatcher and up to four implementations of the same formula, one per
    /// instruction-set tier: 512-bit vectors with FMA (AVX-512), 256-bit vectors with FMA (AVX2 + FMA), 128-bit
    /// vectors with a multiply and then an add (the baseline x64 instruction set, SSE2 to SSE4.2, which a NativeAOT
    /// app targets unless it chooses another, has no FMA; Arm64's AdvSimd), and plain scalar loops for every other
    /// machine. The JIT, and the NativeAOT compiler for the instruction set chosen at publish time, fold the
    /// <c>IsHardwareAccelerated</c>/<c>IsSupported</c> checks into constants, so only one tier survives in the
    /// machine code.</para>
    /// <para>The products come in two shapes. The "broadcast" shape, C[m, j] = Σₖ A[m, k] · B[k, j], holds a tile of
    /// R rows × V vectors of C in registers, and for each k multiplies one broadcast element of A by V vectors read
    /// along a row of B: Forward (Y = X · W) and the weight gradient (dW = Xᵀ · dY, walking rows of X) both have it.
    /// Columns that do not fill a last whole vector are covered by one more vector that ends at the last column and
    /// overlaps the one before it: both compute the same values, so the overlap is stored twice, harmlessly.
    /// The "dot" shape, C[m, n] = Σₖ A[m, k] · B[n, k], reads both operands along k, so dX = dY · Wᵀ needs no
    /// transpose: a tile of R × C vector accumulators is summed across lanes once at the end, and a k remainder is
    /// read as the last whole vector with its already-counted lanes masked to zero.</para>
    /// </remarks>
    internal sealed partial class KernelEmitter
    {
        private static readonly string GeneratedCode = GeneratorVersion.GeneratedCodeAttribute;

        private readonly CodeWriter _w;
        private readonly ElementType _type;
        private readonly string _t;
        private readonly List<Action> _kernels = new();
        private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

        /// <summary>Elements of the longest scratch (copied slices of B and blocks of A's rows) any kernel takes from <c>KernelScratch</c>.</summary>
        private int _scratchLength;

        public KernelEmitter(CodeWriter writer, ElementType type)
        {
            _w = writer;
            _type = type;
            _t = type == ElementType.Double ? "double" : "float";
        }

        /// <summary>True once some kernel was requested; the file then needs the kernels' section.</summary>
        public bool Any => _kernels.Count > 0;

        // ---- Instruction-set tiers ----

        /// <summary>One way of running a kernel: a vector type and width, how to test for it, and its register budget.</summary>
        private sealed class Tier
        {
            public Tier(string name, int bits, string condition, string fma, int registers, bool fused = true)
            {
                Name = name;
                Bits = bits;
                Condition = condition;
                Fma = fma;
                Registers = registers;
                Fused = fused;
            }

            /// <summary>Suffix of the tier's method, and its vector type's static class: <c>Vector512</c>.</summary>
            public string Name { get; }

            public int Bits { get; }

            /// <summary>The run-time test that selects the tier; a JIT-time constant.</summary>
            public string Condition { get; }

            /// <summary>
            /// The multiply-add a · b + c, as a format string with {0}, {1}, {2}: fused (one rounding) where
            /// <see cref="Fused"/> is true, else a multiply and then an add.
            /// </summary>
            public string Fma { get; }

            /// <summary>Vector registers the tier may plan its accumulators and operands into.</summary>
            public int Registers { get; }

            /// <summary>
            /// Whether <see cref="Fma"/> is one fused instruction. Without one, each product is rounded before it is
            /// added, and the product needs a register of its own until then.
            /// </summary>
            public bool Fused { get; }
        }

        private static readonly Tier[] VectorTiers =
        {
            new("Vector512", 512, "Vector512.IsHardwareAccelerated && Avx512F.IsSupported", "Avx512F.FusedMultiplyAdd({0}, {1}, {2})", 32),
            new("Vector256", 256, "Vector256.IsHardwareAccelerated && Fma.IsSupported", "Fma.MultiplyAdd({0}, {1}, {2})", 16),
            // The baseline x64 instruction set (SSE2 up to SSE4.2: what a NativeAOT app targets unless told otherwise)
            // has no fused multiply-add, and a software one would be many times slower than the scalar loop: multiply,
            // then add. 16 registers is x64's count; Arm64's AdvSimd, which also runs this tier, has 32.
            new("Vector128", 128, "Vector128.IsHardwareAccelerated", "{0} * {1} + {2}", 16, fused: false),
        };

        private int ElementBytes => _type == ElementType.Double ? 8 : 4;

        private int Width(Tier tier) => tier.Bits / 8 / ElementBytes;

        private string Vec(Tier tier) => $"{tier.Name}<{_t}>";

        private string Fma(Tier tier, string a, string b, string c) => string.Format(CultureInfo.InvariantCulture, tier.Fma, a, b, c);

        private static string L(int value) => value.ToString(CultureInfo.InvariantCulture);

        // ---- What Forward, Backward and Step call ----

        /// <summary>
        /// Y = X · W (+ B) for one Dense layer, (batch, inputs) · (inputs, outputs) → (batch, outputs). Returns the call.
        /// </summary>
        public string DenseForward(int batch, LayerModel layer, string x, string w, string? b, string y)
        {
            int inputs = layer.Inputs;
            int outputs = layer.Outputs;
            bool bias = layer.Bias && b is not null;
            string name = $"DenseForward{(bias ? "WithBias" : "")}_{batch}x{inputs}x{outputs}";
            string parameters = bias
                ? $"ReadOnlySpan<{_t}> x, ReadOnlySpan<{_t}> w, ReadOnlySpan<{_t}> b, Span<{_t}> y"
                : $"ReadOnlySpan<{_t}> x, ReadOnlySpan<{_t}> w, Span<{_t}> y";
            string arguments = bias ? "x, w, b, y" : "x, w, y";
            Declare(name, () => EmitKernel(
                name,
                $"Y ({batch}, {outputs}) = X ({batch}, {inputs}) · W ({inputs}, {outputs}){(bias ? " + B" : "")}:   Y[n, j] = {(bias ? "B[j] + " : "")}Σᵢ X[n, i] · W[i, j].",
                parameters,
                arguments,
                bias
                    ? new[] { ("x", batch * inputs), ("w", inputs * outputs), ("b", outputs), ("y", batch * outputs) }
                    : new[] { ("x", batch * inputs), ("w", inputs * outputs), ("y", batch * outputs) },
                outputs,
                tier => EmitBroadcastProduct(tier, m: batch, n: outputs, k: inputs, a: "x", aStrideM: inputs, aStrideK: 1, b: "w", bStrideK: outputs, c: "y", cStrideM: outputs, init: bias ? "b" : null),
                () => EmitDenseForwardScalar(batch, inputs, outputs, bias, inputs)));
            return $"{name}({(bias ? $"{x}, {w}, {b}, {y}" : $"{x}, {w}, {y}")});";
        }

        /// <summary>
        /// Whether each layer's weight-gradient kernel can also take the SGD step W ← W - rate · dW (a network whose
        /// TrainStep does so inside the backward pass): the kernel then has <c>w</c> and <c>rate</c> parameters, and
        /// Backward passes an empty <c>w</c>. One kernel serves both, so the step costs no second copy of the product.
        /// </summary>
        public bool WeightGradientSteps { get; init; }

        /// <summary>
        /// Whether the products may call <c>NetGen.Kernels.CachePrefetch</c> (NetGen.Runtime is referenced) to fetch
        /// their next block of operands from memory ahead; without it they run the same, unprefetched.
        /// </summary>
        public bool Prefetches { get; init; }

        /// <summary>
        /// dW = Xᵀ · dY for one Dense layer, (inputs, batch) · (batch, outputs) → (inputs, outputs). Returns the call.
        /// With <see cref="WeightGradientSteps"/>, the kernel also takes the SGD step W ← W - rate · dW when given a
        /// <paramref name="w"/>: a block of dW's rows at a time, right after the block is stored, so dW is read back
        /// from the cache where Step would read all of it from memory again. dW is still stored (Backward's result,
        /// which GradW shows), and every element of W gets exactly the rounding Step gives it (the product rounded,
        /// then subtracted).
        /// </summary>
        public string DenseWeightGradient(int batch, LayerModel layer, string x, string dy, string gradW, string? w = null, string? rate = null)
        {
            int inputs = layer.Inputs;
            int outputs = layer.Outputs;
            string name = $"DenseWeightGradient_{batch}x{inputs}x{outputs}";
            bool steps = WeightGradientSteps;
            if (w is not null && !steps)
            {
                throw new InvalidOperationException($"{name}: a step was asked of a kernel emitted without one (WeightGradientSteps is false).");
            }
            string formula = $"dW ({inputs}, {outputs}) = Xᵀ · dY = ({inputs}, {batch}) · ({batch}, {outputs}):   dW[i, j] = Σₙ X[n, i] · dY[n, j], walking the rows of X (no transpose). Overwrites dW.";
            Declare(name, () => EmitKernel(
                name,
                steps ? $"{formula} Unless w is empty, also W[i, j] -= rate · dW[i, j], after each block of dW's rows is stored." : formula,
                steps ? $"ReadOnlySpan<{_t}> x, ReadOnlySpan<{_t}> dY, Span<{_t}> dW, Span<{_t}> w, {_t} rate" : $"ReadOnlySpan<{_t}> x, ReadOnlySpan<{_t}> dY, Span<{_t}> dW",
                steps ? "x, dY, dW, w, rate" : "x, dY, dW",
                steps
                    ? new[] { ("x", batch * inputs), ("dY", batch * outputs), ("dW", inputs * outputs), ("w", inputs * outputs) }
                    : new[] { ("x", batch * inputs), ("dY", batch * outputs), ("dW", inputs * outputs) },
                outputs,
                tier => EmitBroadcastProduct(tier, m: inputs, n: outputs, k: batch, a: "x", aStrideM: 1, aStrideK: inputs, b: "dY", bStrideK: outputs, c: "dW", cStrideM: outputs, init: null, update: steps ? "w" : null),
                () =>
                {
                    EmitWeightGradientScalar(batch, inputs, outputs, inputs);
                    if (steps)
                    {
                        using (_w.Block("if (!w.IsEmpty)"))
                        {
                            EmitSgdScalar(inputs * outputs, "w", "dW");
                        }
                    }
                },
                mayBeEmpty: steps ? "w" : null));
            return !steps ? $"{name}({x}, {dy}, {gradW});"
                : w is null ? $"{name}({x}, {dy}, {gradW}, w: default, rate: 0);"
                : $"{name}({x}, {dy}, {gradW}, {w}, {rate});";
        }

        /// <summary>
        /// Rows <c>first</c> to <c>first + rows - 1</c> of dW = Xᵀ · dY, one thread's share: the same product as
        /// <see cref="DenseWeightGradient"/> over a band of dW's rows, reading columns <c>first</c>.. of X. The caller
        /// passes X sliced from column <c>first</c> (row n of the band's X starts n · inputs further on) and dW sliced
        /// from row <c>first</c>. Every element is summed over n in the same order as the whole product. Returns the call.
        /// </summary>
        public string DenseWeightGradientRows(int batch, LayerModel layer, int first, int rows, string x, string dy, string gradW)
        {
            int inputs = layer.Inputs;
            int outputs = layer.Outputs;
            if (rows == inputs)
            {
                return DenseWeightGradient(batch, layer, x, dy, gradW);
            }
            string name = $"DenseWeightGradient_{batch}x{inputs}x{outputs}_Rows{rows}";
            int xLength = (batch - 1) * inputs + rows;
            Declare(name, () => EmitKernel(
                name,
                $"{rows} rows of dW ({inputs}, {outputs}) = Xᵀ · dY = ({inputs}, {batch}) · ({batch}, {outputs}):   dW[i, j] = Σₙ X[n, i] · dY[n, j] for {rows} consecutive i, with x starting at the band's first column (rows {inputs} apart) and dW at its first row. Overwrites the band.",
                $"ReadOnlySpan<{_t}> x, ReadOnlySpan<{_t}> dY, Span<{_t}> dW",
                "x, dY, dW",
                new[] { ("x", xLength), ("dY", batch * outputs), ("dW", rows * outputs) },
                outputs,
                tier => EmitBroadcastProduct(tier, m: rows, n: outputs, k: batch, a: "x", aStrideM: 1, aStrideK: inputs, b: "dY", bStrideK: outputs, c: "dW", cStrideM: outputs, init: null),
                () => EmitWeightGradientScalar(batch, inputs, outputs, rows)));
            return $"{name}({x}.Slice({L(first)}, {L(xLength)}), {dy}, {gradW}.Slice({L(first * outputs)}, {L(rows * outputs)}));";
        }

        /// <summary>
        /// Terms <c>first</c> to <c>first + terms - 1</c> of Y = X · W (+ B), one thread's share of a layer:
        /// P[n, j] = Σᵢ X[n, i] · W[i, j] over those i only, started from B if <paramref name="b"/> is given. The caller
        /// passes X sliced from column <c>first</c> (its rows stay <c>inputs</c> apart) and W sliced from row
        /// <c>first</c>; the shares' P add up to Y. Returns the call.
        /// </summary>
        public string DenseForwardTerms(int batch, LayerModel layer, int first, int terms, string x, string w, string? b, string p)
        {
            int inputs = layer.Inputs;
            int outputs = layer.Outputs;
            bool bias = layer.Bias && b is not null;
            string name = $"DenseForward{(bias ? "WithBias" : "")}_{batch}x{inputs}x{outputs}_Terms{terms}";
            int xLength = (batch - 1) * inputs + terms;
            string parameters = bias
                ? $"ReadOnlySpan<{_t}> x, ReadOnlySpan<{_t}> w, ReadOnlySpan<{_t}> b, Span<{_t}> y"
                : $"ReadOnlySpan<{_t}> x, ReadOnlySpan<{_t}> w, Span<{_t}> y";
            Declare(name, () => EmitKernel(
                name,
                $"{terms} of the {inputs} terms of Y ({batch}, {outputs}) = X · W{(bias ? " + B" : "")}:   Y[n, j] = {(bias ? "B[j] + " : "")}Σᵢ X[n, i] · W[i, j] for {terms} consecutive i, with x starting at the first term's column (rows {inputs} apart) and w at its row. Overwrites y.",
                parameters,
                bias ? "x, w, b, y" : "x, w, y",
                bias
                    ? new[] { ("x", xLength), ("w", terms * outputs), ("b", outputs), ("y", batch * outputs) }
                    : new[] { ("x", xLength), ("w", terms * outputs), ("y", batch * outputs) },
                outputs,
                tier => EmitBroadcastProduct(tier, m: batch, n: outputs, k: terms, a: "x", aStrideM: inputs, aStrideK: 1, b: "w", bStrideK: outputs, c: "y", cStrideM: outputs, init: bias ? "b" : null),
                () => EmitDenseForwardScalar(batch, inputs, outputs, bias, terms)));
            string bArgument = bias ? $"{b}, " : "";
            return $"{name}({x}.Slice({L(first)}, {L(xLength)}), {w}.Slice({L(first * outputs)}, {L(terms * outputs)}), {bArgument}{p});";
        }

        /// <summary>dB = Σₙ dY[n, :] for one Dense layer. Returns the call.</summary>
        public string DenseBiasGradient(int batch, LayerModel layer, string dy, string gradB)
        {
            int outputs = layer.Outputs;
            string name = $"DenseBiasGradient_{batch}x{outputs}";
            Declare(name, () => EmitKernel(
                name,
                $"dB ({outputs}) = Σₙ dY[n, :] over the {batch} rows of dY ({batch}, {outputs}). Overwrites dB.",
                $"ReadOnlySpan<{_t}> dY, Span<{_t}> dB",
                "dY, dB",
                new[] { ("dY", batch * outputs), ("dB", outputs) },
                outputs,
                tier => EmitColumnSums(tier, batch, outputs),
                () => EmitBiasGradientScalar(batch, outputs),
                fusedMultiplyAdd: false));
            return $"{name}({dy}, {gradB});";
        }

        /// <summary>From this many rows on, dX = dY · Wᵀ is computed as a broadcast product over a transposing copy of W.</summary>
        public const int TransposedInputGradientRows = 128;

        /// <summary>dX = dY · Wᵀ for one Dense layer, (batch, outputs) · (outputs, inputs) → (batch, inputs). Returns the call.</summary>
        public string DenseInputGradient(int batch, LayerModel layer, string dy, string w, string dx)
        {
            int inputs = layer.Inputs;
            int outputs = layer.Outputs;
            string name = $"DenseInputGradient_{batch}x{inputs}x{outputs}";
            // With many rows, the broadcast product's tiles (which keep a slice of W, transposed as it is copied, in L1
            // for every row block) outrun the dot products, which read a row of dY and a row of W for every few sums and
            // reduce each sum across lanes; the transposing copy, one element at a time, costs about 1/rows of the products.
            bool transposed = batch >= TransposedInputGradientRows;
            Declare(name, () => EmitKernel(
                name,
                transposed
                    ? $"dX ({batch}, {inputs}) = dY · Wᵀ = ({batch}, {outputs}) · ({outputs}, {inputs}):   dX[n, i] = Σⱼ dY[n, j] · W[i, j], as the broadcast product with Wᵀ's slices copied from W. Overwrites dX."
                    : $"dX ({batch}, {inputs}) = dY · Wᵀ = ({batch}, {outputs}) · ({outputs}, {inputs}):   dX[n, i] = Σⱼ dY[n, j] · W[i, j], a dot product of two rows (no transpose). Overwrites dX.",
                $"ReadOnlySpan<{_t}> dY, ReadOnlySpan<{_t}> w, Span<{_t}> dX",
                "dY, w, dX",
                new[] { ("dY", batch * outputs), ("w", inputs * outputs), ("dX", batch * inputs) },
                transposed ? inputs : outputs,
                tier =>
                {
                    if (transposed)
                    {
                        EmitBroadcastProduct(tier, m: batch, n: inputs, k: outputs, a: "dY", aStrideM: outputs, aStrideK: 1, b: "w", bStrideK: 1, c: "dX", cStrideM: inputs, init: null, bStrideN: outputs);
                    }
                    else
                    {
                        EmitDotProduct(tier, m: batch, n: inputs, k: outputs, a: "dY", b: "w", c: "dX");
                    }
                },
                () => EmitInputGradientScalar(batch, inputs, outputs)));
            return $"{name}({dy}, {w}, {dx});";
        }

        /// <summary>P ← P - rate · G over <paramref name="length"/> elements. Returns the call.</summary>
        public string SgdUpdate(int length, string parameter, string gradient, string rate)
        {
            string name = $"SgdUpdate_{length}";
            Declare(name, () => EmitKernel(
                name,
                $"P ← P - rate · G over {length} elements: P[e] -= rate · G[e].",
                $"Span<{_t}> p, ReadOnlySpan<{_t}> g, {_t} rate",
                "p, g, rate",
                new[] { ("p", length), ("g", length) },
                length,
                tier => EmitSgdVector(tier, length),
                () => EmitSgdScalar(length),
                fusedMultiplyAdd: false));
            return $"{name}({parameter}, {gradient}, {rate});";
        }

        /// <summary>Y = ReLU(X) over <paramref name="length"/> elements, as Y[e] = X[e] &gt; 0 ? X[e] : 0. Returns the call.</summary>
        public string ReLUForward(int length, string x, string y)
        {
            string name = $"ReLUForward_{length}";
            Declare(name, () => EmitKernel(
                name,
                $"Y[e] = X[e] > 0 ? X[e] : 0 over {length} elements, branch-free: a lane-wise compare selects X or zero.",
                $"ReadOnlySpan<{_t}> x, Span<{_t}> y",
                "x, y",
                new[] { ("x", length), ("y", length) },
                length,
                tier => EmitSelectPositive(tier, length, "x", "x", "y"),
                () => EmitSelectPositiveScalar(length, "x", "x", "y"),
                fusedMultiplyAdd: false));
            return $"{name}({x}, {y});";
        }

        /// <summary>dX = dY ⊙ 1[X &gt; 0] over <paramref name="length"/> elements. Returns the call.</summary>
        public string ReLUBackward(int length, string x, string dy, string dx)
        {
            string name = $"ReLUBackward_{length}";
            Declare(name, () => EmitKernel(
                name,
                $"dX[e] = X[e] > 0 ? dY[e] : 0 over {length} elements, branch-free: a lane-wise compare of X selects dY or zero.",
                $"ReadOnlySpan<{_t}> x, ReadOnlySpan<{_t}> dY, Span<{_t}> dX",
                "x, dY, dX",
                new[] { ("x", length), ("dY", length), ("dX", length) },
                length,
                tier => EmitSelectPositive(tier, length, "x", "dY", "dX"),
                () => EmitSelectPositiveScalar(length, "x", "dY", "dX"),
                fusedMultiplyAdd: false));
            return $"{name}({x}, {dy}, {dx});";
        }

        private void Declare(string name, Action emit)
        {
            if (_declared.Add(name))
            {
                _kernels.Add(emit);
            }
        }

        /// <summary>Writes every kernel requested so far, in the order Forward, Backward and Step first called them.</summary>
        public void EmitAll()
        {
            if (_kernels.Count == 0)
            {
                return;
            }
            _w.Line("// ---- Kernels ----");
            _w.Comment("Each kernel below computes the formula in its summary for exactly one shape. The dispatcher picks");
            _w.Comment("the widest instruction set the machine runs (the JIT, or the NativeAOT compiler for the instruction");
            _w.Comment("set chosen at publish time, turns the checks into constants); the _Scalar version is the plain loop");
            _w.Comment("every other version must agree with.");
            _w.Line();
            foreach (Action kernel in _kernels)
            {
                kernel();
            }
            if (_scratchLength > 0)
            {
                EmitKernelScratch();
            }
        }

        /// <summary>
        /// The thread-static buffer the products copy their operands' blocks into. A <c>stackalloc</c> would do, but
        /// C# clears it on every call unless the project allows unsafe code (<c>SkipLocalsInit</c>): 24-38 KiB of
        /// stores before each kernel (about 0.3 µs of a 5 µs 64 × 100 × 10 weight gradient). The buffer is allocated on the calling
        /// thread's first call and aligned to a cache line, so that no vector load of a copied slice splits in two.
        /// Kernels never call each other, so one buffer per thread serves all of them.
        /// </summary>
        private void EmitKernelScratch()
        {
            _w.Comment("The copies the products make of their operands' blocks: this thread's, allocated on its first call and");
            _w.Comment("aligned to a cache line (a stackalloc would be cleared on every call). Kernels never call each other, so");
            _w.Comment("they share it.");
            _w.Line("[ThreadStatic]");
            _w.Line($"private static ArraySegment<{_t}> t_kernelScratch;");
            _w.Line();
            EmitThreadScratchAccessor(_w, _t, "KernelScratch", "t_kernelScratch", _scratchLength);
        }

        /// <summary>
        /// <c>Span&lt;T&gt; method()</c>: the calling thread's buffer in the <c>[ThreadStatic]</c> <paramref name="field"/>,
        /// allocated with <c>Aligned(length)</c> on its first call. Predict's scratch and the kernels' are both made so.
        /// </summary>
        internal static void EmitThreadScratchAccessor(CodeWriter w, string elementType, string method, string field, int length)
        {
            w.Line(GeneratedCode);
            using (w.Block($"private static Span<{elementType}> {method}()"))
            {
                using (w.Block($"if ({field}.Array is null)"))
                {
                    w.Line($"{field} = Aligned({L(length)});");
                }
                w.Line($"return {field};");
            }
            w.Line();
        }

        // ---- Dispatcher ----

        private void EmitKernel(
            string name,
            string summary,
            string parameters,
            string arguments,
            (string Name, int Length)[] lengths,
            int vectorExtent,
            Action<Tier> emitVector,
            Action emitScalar,
            bool fusedMultiplyAdd = true,
            string? mayBeEmpty = null)
        {
            // A tier is used only if at least one whole vector fits along the vectorized dimension.
            Tier[] tiers = VectorTiers.Where(t => vectorExtent >= Width(t)).ToArray();

            _w.Line($"/// <summary>{summary}</summary>");
            _w.Line(GeneratedCode);
            using (_w.Block($"private static void {name}({parameters})"))
            {
                string check = string.Join(" || ", lengths.Select(l => l.Name == mayBeEmpty
                    ? $"({l.Name}.Length != {L(l.Length)} && !{l.Name}.IsEmpty)"
                    : $"{l.Name}.Length != {L(l.Length)}"));
                using (_w.Block($"if ({check})"))
                {
                    string expected = string.Join(", ", lengths.Select(l => l.Name == mayBeEmpty ? $"{l.Name}: {L(l.Length)} or empty" : $"{l.Name}: {L(l.Length)}"));
                    _w.Line($"throw new ArgumentException(\"{name} expects buffers of exactly these lengths: {expected}.\");");
                }
                bool first = true;
                foreach (Tier tier in tiers)
                {
                    using (_w.Block($"{(first ? "if" : "else if")} ({tier.Condition})"))
                    {
                        _w.Line($"{name}_{tier.Name}({arguments});");
                    }
                    first = false;
                }
                if (first)
                {
                    _w.Line($"{name}_Scalar({arguments});");
                }
                else
                {
                    using (_w.Block("else"))
                    {
                        _w.Line($"{name}_Scalar({arguments});");
                    }
                }
            }
            _w.Line();

            foreach (Tier tier in tiers)
            {
                string arithmetic = !fusedMultiplyAdd ? "" : tier.Fused
                    ? " and fused multiply-add"
                    : ", each product rounded and then added (a multiply and an add: the instruction sets this tier runs on need not have a fused multiply-add)";
                _w.Line($"/// <summary>{name} with {Vec(tier)} ({L(Width(tier))} lanes){arithmetic}.</summary>");
                _w.Line(GeneratedCode);
                _w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
                using (_w.Block($"private static void {name}_{tier.Name}({parameters})"))
                {
                    emitVector(tier);
                }
                _w.Line();
            }

            _w.Line($"/// <summary>{name} as plain loops: the reference the vector versions agree with, and the path on machines without them.</summary>");
            _w.Line(GeneratedCode);
            using (_w.Block($"private static void {name}_Scalar({parameters})"))
            {
                emitScalar();
            }
            _w.Line();
        }

        private void Ref(string name) =>
            _w.Line($"ref {_t} {name}Ref = ref MemoryMarshal.GetReference({name});");

        // ---- Broadcast product: C[m, j] = init[j] + Σₖ A[m, k] · B[k, j] ----

        /// <summary>
        /// Register tile sizes (rows R, vectors V) for the broadcast product: R · V accumulators, V operand vectors and
        /// one broadcast must fit the tier's registers.
        /// </summary>
        /// <remarks>With 32 registers, a row a multiple of 4 vectors long is cut into tiles of 6 rows × 4 vectors (24
        /// accumulators, 4 operands, 1 broadcast): no narrow tail tile, whose few accumulators per broadcast would run
        /// far below the tile's rate. Without a fused multiply-add each product needs a register until it is added, so
        /// 16 registers take 6 rows × 2 vectors (12 accumulators, 2 operands, 1 broadcast, 1 product).</remarks>
        private static (int Rows, int Vectors) BroadcastTile(Tier tier, int chunks) =>
            tier.Registers >= 32
                ? (chunks % 4 == 0 ? (6, 4) : chunks >= 5 || chunks == 4 ? (4, Math.Min(5, chunks)) : (8, chunks))
                : !tier.Fused
                    ? (6, Math.Min(2, chunks))
                    : (chunks >= 3 ? (4, 3) : (6, chunks));

        /// <summary>Column offsets of the vectors that cover 0 ≤ j &lt; n; the last one overlaps if n is not a multiple of the width.</summary>
        private static List<int> ChunkOffsets(int n, int width)
        {
            var offsets = new List<int>();
            for (int j = 0; j + width <= n; j += width)
            {
                offsets.Add(j);
            }
            if (n % width != 0)
            {
                offsets.Add(n - width);
            }
            return offsets;
        }

        /// <summary>Lines of a region of <paramref name="bytes"/> bytes as <c>NetGen.Kernels.CachePrefetch.LineCount</c> counts them (one more than whole 64-byte lines, for a start off a line boundary).</summary>
        private static int LineCount(int bytes) => bytes <= 0 ? 0 : (bytes + 63) / 64 + 1;

        /// <summary>
        /// The fewest bytes of A and C together for which a product with copied row blocks fetches each next block
        /// ahead: a quarter of a 32 MiB L3, so that below it the operands can be taken to stay in the cache between calls.
        /// </summary>
        private const long PrefetchFootprintBytes = 8L << 20;

        /// <summary>
        /// The most bytes of the operands one block reads or writes (C's and A's rows of a row block; B's rows and A's
        /// terms of a k block) for which the next block is fetched ahead: three quarters of a 512 KiB L2 (Zen 3).
        /// A larger block evicts the one being computed before its update reads it (64 x 1000 x 1600's 819 KiB row
        /// blocks of dW: 3% slower with the prefetch); the 16,000-input forward's 336 KiB k blocks gain 8-13%.
        /// </summary>
        private const long PrefetchBlockBytes = 384L << 10;

        /// <summary>
        /// The most bytes of A's part of a k block (m rows × k-block terms) that a product reads in place for every
        /// column tile. Beyond it (1024 × 1000 × 100: 2 MiB per k block) each column tile would stream all of it from
        /// L3 again; the k block's slices of B are then copied once and the rows taken in blocks (<c>copyBlock</c>).
        /// </summary>
        private const long RowsInPlaceBytes = 256L << 10;

        /// <summary>The most bytes of B's k block that <c>copyBlock</c> copies, to stay in L2 beside a block of rows.</summary>
        private const long CopiedBlockBytes = 256L << 10;

        /// <summary>The most bytes of A's part of a k block one row block of <c>copyBlock</c> reads: half of Zen 3's 512 KiB L2.</summary>
        private const long RowBlockBytes = 128L << 10;

        /// <summary>The most bytes of A's rows one copied row block (<c>packA</c>) holds.</summary>
        private const int ABlockBytes = 32768;

        /// <summary>The fewest rows a copied row block of A holds; the k blocks are shortened to make room for them.</summary>
        private const int ABlockRows = 64;

        /// <summary>
        /// Terms per k block of the broadcast product: the slice of B a register tile reads in one block (k-block rows
        /// × V vectors) is kept near 24 KiB, half of a 48 KiB L1 data cache (Zen 5, recent Intel cores), so every row
        /// block of C finds it there. A batch of 64 rows then fits one block in most weight gradients (dW = Xᵀ · dY sums
        /// over the batch), and longer sums reload the tile's accumulators half as often as with 16 KiB blocks.
        /// </summary>
        private int BroadcastKBlock(Tier tier, int vectors) =>
            Math.Max(16, 24576 / (vectors * Width(tier) * ElementBytes) / 8 * 8);

        /// <param name="bStrideN">
        /// 1 when B[k, j] is b[k · bStrideK + j]; otherwise B is read transposed, B[k, j] = b[j · bStrideN + k]
        /// (<paramref name="bStrideK"/> 1), and always through the copied slice.
        /// </param>
        /// <param name="update">
        /// If given, the parameter P (laid out as C) that the SGD step P ← P - rate · C updates in the last k block,
        /// after each block of C's rows is stored; the kernel has a <c>rate</c> parameter.
        /// </param>
        private void EmitBroadcastProduct(Tier tier, int m, int n, int k, string a, int aStrideM, int aStrideK, string b, int bStrideK, string c, int cStrideM, string? init, int bStrideN = 1, string? update = null)
        {
            bool transposedB = bStrideN != 1;
            int width = Width(tier);
            List<int> chunks = ChunkOffsets(n, width);
            (int rows, int vectors) = m <= FewRowsMaximum ? FewRowsTile(tier, m, chunks.Count) : BroadcastTile(tier, chunks.Count);
            // The full tiles are regular: V consecutive whole vectors each, never the overlapping last vector. The
            // rest (at most V: the whole vectors left over and the overlapping one) form one tail tile with literal offsets.
            int fullTiles = n / width / vectors;
            List<int> tailChunks = chunks.Skip(fullTiles * vectors).ToList();
            int kBlock = BroadcastKBlock(tier, vectors);
            // A read down its columns (the weight gradient's Xᵀ: the tile's rows are adjacent, its k terms a whole row
            // of X apart) touches one cache line per term, and at a power-of-two stride (4096 floats: 16 KiB) every
            // one of them falls on the same set of L1 and of L2: each column tile of B would fetch all of A from
            // memory again. When A's part in a k block outgrows the L1, its rows are taken in blocks of mBlock, each
            // copied contiguous once and then read by every column tile from the cache.
            bool packA = aStrideM == 1 && aStrideK > 1 && m > rows && m * Math.Min(k, kBlock) * ElementBytes > 16384;
            if (packA)
            {
                // Each row block copies B's slice again for every column tile, and reads it from the copy for only
                // its own rows: with 16 rows (256 terms of double in the 32 KiB block) the copies and their reads
                // from L2 took a third of the time (1024 x 1000 x 100: 26 GFLOP/s against 35 with 64 rows on Zen 3).
                // Shorter k blocks leave room for ABlockRows rows; splitting k does not change any sum's order.
                kBlock = Math.Min(kBlock, Math.Max(16, ABlockBytes / (ABlockRows * ElementBytes) / 8 * 8));
            }
            // Blocking k keeps B's slice in L1 for the next row block; with all rows in one tile there is none.
            bool blocked = k > kBlock && m > rows;
            // Every row block reads the same slice of B: (k-block rows) × V vectors, whose rows lie a whole row of B
            // apart. At a stride that is a multiple of a large power of two (256 floats: 1 KiB) those rows fall on a
            // few of the L1's sets and evict each other long before the slice fills the cache, so each row block would
            // read it from L2 again. Copied once into a contiguous buffer, the slice takes exactly its own size, spread
            // over every set. A slice that is already contiguous (all of B's columns in one tile) is read in place.
            int sliceRows = Math.Min(k, kBlock);
            bool pack = transposedB || (m > rows && !(bStrideK == n && chunks.Count <= vectors));
            int mBlock = packA ? Math.Min(m, Math.Max(4 * rows, ABlockBytes / (sliceRows * ElementBytes) / rows * rows)) : m;
            int fullBlocks = m / mBlock;
            int restRows = m - fullBlocks * mBlock;
            // A forward product over many rows (1024 × 1000 × 100): read in place, A's part of a k block (2 MiB) would
            // come from L3 once per column tile. Each k block's slices of B are copied once instead, one after another
            // (200 KiB), and the rows are taken in blocks whose part of A stays in L2 while every column tile reads it.
            // The sums keep their order: each output still adds its k blocks in turn, and a block's terms in order.
            int tileColumns = vectors * width;
            int copiedColumns = fullTiles * tileColumns + tailChunks.Count * width;
            bool copyBlock = !packA && blocked && pack && !transposedB && update is null
                && (long)m * sliceRows * ElementBytes > RowsInPlaceBytes
                && (long)sliceRows * copiedColumns * ElementBytes <= CopiedBlockBytes;
            int rowBlock = copyBlock ? Math.Max(rows, (int)(RowBlockBytes / (sliceRows * ElementBytes)) / rows * rows) : m;

            _w.Comment($"Register tile: {rows} rows × {vectors} vectors of {width} = {rows} × {vectors * width} outputs in {rows * vectors} accumulators.");
            Ref(a);
            Ref(b);
            Ref(c);
            if (init is not null)
            {
                Ref(init);
            }
            if (update is not null)
            {
                _w.Comment($"An empty {update} (Backward) asks for dW alone; otherwise (TrainStep) {update} takes its SGD step as dW's rows are stored.");
                _w.Line($"bool step = !{update}.IsEmpty;");
                Ref(update);
                _w.Line($"{Vec(tier)} rateV = {tier.Name}.Create(rate);");
            }
            // Both copies live in this thread's KernelScratch: the slice of B first, then (from the next cache line) A's rows.
            int packLength = !pack ? 0 : copyBlock ? sliceRows * copiedColumns : sliceRows * vectors * width;
            int packAStart = (packLength + 64 / ElementBytes - 1) / (64 / ElementBytes) * (64 / ElementBytes);
            if (pack || packA)
            {
                _scratchLength = Math.Max(_scratchLength, packA ? packAStart + mBlock * sliceRows : packLength);
                _w.Line($"Span<{_t}> scratch = KernelScratch();");
            }
            if (pack)
            {
                _w.Comment(transposedB
                    ? $"The {sliceRows} × {vectors * width} slice of {b}ᵀ that every row block reads, copied from columns of {b} (its rows are {bStrideN} apart)."
                    : copyBlock
                    ? $"Every column tile's {sliceRows} × {vectors * width} slice of a k block of {b}, copied contiguous one after another (its rows are {bStrideK} apart in {b})."
                    : $"The {sliceRows} × {vectors * width} slice of {b} that every row block reads, copied contiguous (its rows are {bStrideK} apart in {b}).");
                _w.Line($"Span<{_t}> pack = scratch.Slice(0, {L(packLength)});");
                Ref("pack");
            }
            if (packA)
            {
                _w.Comment($"Blocks of {mBlock} rows of the {m} × {sliceRows} part of {a} that a k block reads, copied contiguous: its rows of k terms lie {aStrideK} apart in {a}.");
                _w.Line($"Span<{_t}> packA = scratch.Slice({L(packAStart)}, {L(mBlock * sliceRows)});");
                Ref("packA");
            }

            // When the k blocks add into C, the overlapping last vector must not add a block's terms again to the lanes
            // the vector before it already updated in another tile: those lanes keep what C holds when it is stored.
            int overlapLanes = n % width == 0 ? 0 : width - n % width;
            int tailOverlapLanes = blocked && overlapLanes > 0 && n / width - 1 < fullTiles * vectors ? overlapLanes : 0;

            // The update runs in the last k block only, once C holds its whole sums: after each block of rows (all of
            // them without packA), over those rows of C, contiguous and still in the cache, and of P, read in order.
            // (Updating P from the registers as each tile is stored read P down the tile's columns, a few lines a
            // row apart: at 16000 x 100 that made TrainStep slower than Backward then Step.)
            // Where a block of rows of C is too large to stay in L2 until its update (64 x 1000 x 1600: 819 KiB of
            // dW per 64 rows), that pass reads C back from L3; there, with all k terms in one block, each tile steps
            // its rows of P from its registers instead, and fetches the next tile's rows of P and C into L2 while its
            // terms run (stepInTile). Without that fetch each tile waited for P from memory: 1.36 times as slow.
            bool stepInTile = update is not null && !blocked && packA && Prefetches
                && (long)mBlock * cStrideM * ElementBytes > PrefetchBlockBytes;
            int stepLines = LineCount(tileColumns * ElementBytes);
            bool updating = false;
            void Update(string mStart, int count)
            {
                if (!updating || stepInTile)
                {
                    return;
                }
                string start = Mul(mStart, cStrideM);
                _w.Comment($"{update} ← {update} - rate · {c} over the {L(count)} row(s) just stored, rounded as SgdUpdate rounds it (the product, then the difference).");
                using (_w.Block("if (step)"))
                {
                    _w.Line($"ref {_t} pFrom = ref Unsafe.Add(ref {update}Ref, {start});");
                    _w.Line($"ref {_t} gFrom = ref Unsafe.Add(ref {c}Ref, {start});");
                    EmitSgdLoops(tier, count * cStrideM, "pFrom", "gFrom", "rateV");
                }
            }
            // While a block of rows is computed, the next block's part of A (the k rows its copy reads) and its rows of
            // C (where its tiles store) are fetched into L2, spread over the block's tiles: a weight gradient too large
            // for the cache (16000 x 100) otherwise waits for memory at every copy and every first store of a line.
            int columnTiles = fullTiles + (tailChunks.Count > 0 ? 1 : 0);
            int blockTiles = columnTiles * (mBlock / rows);
            // Only where the operands come from memory: on data the caches hold, the prefetches cost more than they
            // save (64 x 1000 x 100, 1.3 MB: 4% slower on Zen 3), and a block too large to sit in L2 beside the one
            // being computed evicts what the update is about to read (64 x 1000 x 1600: 3% slower).
            long footprint = ((long)m * cStrideM + (long)m * k) * ElementBytes;
            long blockBytes = ((long)mBlock * cStrideM + (long)mBlock * sliceRows) * ElementBytes;
            bool prefetch = Prefetches && packA && (fullBlocks > 1 || restRows > 0) && blockTiles > 0
                && footprint > PrefetchFootprintBytes && blockBytes <= PrefetchBlockBytes;
            int cLinesPerTile = (LineCount(mBlock * cStrideM * ElementBytes) + blockTiles - 1) / Math.Max(1, blockTiles);
            int aLinesPerRow = LineCount(mBlock * ElementBytes);

            // The tiles before the first of column tile columnTile (an index, or a literal), each column tile having
            // tilesPerColumn of them: "" for none, else a term ending in " + ".
            static string TileIndex(string columnTile, int tilesPerColumn) =>
                int.TryParse(columnTile, NumberStyles.None, CultureInfo.InvariantCulture, out int literal)
                    ? (literal == 0 ? "" : $"{L(literal * tilesPerColumn)} + ")
                    : $"{columnTile} * {L(tilesPerColumn)} + ";

            // Before the tile at row mExpr of column tile columnTile (an index): its share of the lines of the block
            // that starts at nextStart (nextRows rows; none after the last block).
            void PrefetchNext(string columnTile, string mExpr, string mStart, string kStart, int kCount)
            {
                int aRowsPerTile = (kCount + blockTiles - 1) / blockTiles;
                string first = mStart == "0" ? mExpr : $"({mExpr} - {mStart})";
                _w.Comment("Fetch this tile's share of the next block's rows of C and of A into L2.");
                using (_w.Block("if (nextRows > 0)"))
                {
                    _w.Line($"int tile = {TileIndex(columnTile, mBlock / rows)}{first} / {L(rows)};");
                    _w.Line($"global::NetGen.Kernels.CachePrefetch.Lines({c}.Slice(nextStart * {L(cStrideM)}, nextRows * {L(cStrideM)}), tile * {L(cLinesPerTile)}, {L(cLinesPerTile)});");
                    string Row(string kk) => kStart == "0" ? kk : $"({kStart} + {kk})";
                    string fetchA(string kk) => $"global::NetGen.Kernels.CachePrefetch.Lines({a}.Slice({Row(kk)} * {L(aStrideK)} + nextStart, nextRows), 0, {L(aLinesPerRow)});";
                    if (aRowsPerTile == 1)
                    {
                        using (_w.Block($"if (tile < {L(kCount)})"))
                        {
                            _w.Line(fetchA("tile"));
                        }
                    }
                    else
                    {
                        using (_w.Block($"for (int kk = tile * {L(aRowsPerTile)}; kk < tile * {L(aRowsPerTile)} + {L(aRowsPerTile)} && kk < {L(kCount)}; kk++)"))
                        {
                            _w.Line(fetchA("kk"));
                        }
                    }
                }
            }

            // A product blocked over k whose rows of A are read in place (Forward, Y = X · W): while a k block is
            // computed, the next k block's rows of B (whole rows, one contiguous run) and its terms of each row of A
            // are fetched into L2. At 64 x 16000 x 100, X and W (21 MB) otherwise come from memory a slice at a time.
            int kBlockTiles = columnTiles * (m / rows);
            long kFootprint = ((long)m * k + (long)k * bStrideK) * ElementBytes;
            long kBlockBytes = ((long)kBlock * bStrideK + (long)m * kBlock) * ElementBytes;
            bool prefetchK = Prefetches && !packA && !copyBlock && blocked && pack && !transposedB && aStrideK == 1 && kBlockTiles > 0
                && kFootprint > PrefetchFootprintBytes && kBlockBytes <= PrefetchBlockBytes;
            int bLinesPerTile = (LineCount(((kBlock - 1) * bStrideK + n) * ElementBytes) + kBlockTiles - 1) / Math.Max(1, kBlockTiles);

            // Before the tile at row mExpr of column tile columnTile, inside the loop over k blocks: its share of
            // the next k block (nextTerms terms; none after the last).
            void PrefetchNextK(string columnTile, string mExpr)
            {
                _w.Comment("Fetch this tile's share of the next k block's rows of B and terms of A into L2.");
                using (_w.Block("if (nextTerms > 0)"))
                {
                    _w.Line($"int tile = {TileIndex(columnTile, m / rows)}{mExpr} / {L(rows)};");
                    _w.Line($"global::NetGen.Kernels.CachePrefetch.Lines({b}.Slice((kc + {L(kBlock)}) * {L(bStrideK)}, (nextTerms - 1) * {L(bStrideK)} + {L(n)}), tile * {L(bLinesPerTile)}, {L(bLinesPerTile)});");
                    using (_w.Block($"if (tile < {L(m)})"))
                    {
                        _w.Line($"global::NetGen.Kernels.CachePrefetch.Lines({a}.Slice(tile * {L(aStrideM)} + kc + {L(kBlock)}, nextTerms), 0, {L(LineCount(kBlock * ElementBytes))});");
                    }
                }
            }

            // Where a k block of B is too large for that (64 x 1000 x 1600: 3.3 MB of W per k block), each column tile
            // fetches the slice of B the next column tile copies instead: its k rows of V vectors, each row a stride
            // of B apart, spread over the column tile's row tiles. The copy then finds its rows in L2 instead of
            // waiting for memory once per row.
            bool prefetchSlice = Prefetches && !packA && !copyBlock && !prefetchK && pack && !transposedB && fullTiles > 0 && m / rows > 0
                && bStrideK > tileColumns && (long)k * bStrideK * ElementBytes > PrefetchFootprintBytes;

            // Before the tile at row mExpr of the full column tile at j, of the k block from kStart (kCount terms).
            void PrefetchNextSlice(string mExpr, string kStart, int kCount)
            {
                int rowsPerTile = (kCount + m / rows - 1) / (m / rows);
                string row = kStart == "0" ? "kk" : $"({kStart} + kk)";
                _w.Comment("Fetch this tile's share of the next column tile's slice of B into L2 (the last full tile: the remaining columns).");
                _w.Line($"int sliceRow = {mExpr} / {L(rows)} * {L(rowsPerTile)};");
                using (_w.Block($"for (int kk = sliceRow; kk < sliceRow + {L(rowsPerTile)} && kk < {L(kCount)}; kk++)"))
                {
                    _w.Line($"global::NetGen.Kernels.CachePrefetch.Lines({b}.Slice({row} * {L(bStrideK)} + j + {L(tileColumns)}, Math.Min({L(tileColumns)}, {L(n)} - (j + {L(tileColumns)}))), 0, {L(LineCount(tileColumns * ElementBytes))});");
                }
            }

            // The tail tile's last vector overlaps the vector before it when n is not a multiple of the width: its
            // step leaves those lanes of P as they are, already stepped by that vector.
            void Tile(int blockRows, string mExpr, string jExpr, List<int> offsets, string kStart, int kCount, int blendLanes, string mStart, int count) =>
                BroadcastTile(tier, blockRows, mExpr, jExpr, offsets, kStart, kCount, blocked, a, aStrideM, aStrideK, b, bStrideK, c, cStrideM, init, blendLanes, pack,
                    packA ? (Offset(mExpr, mStart), count) : null, copyBlock ? "slice" : "packRef",
                    stepInTile && updating ? update : null, jExpr != "j" ? overlapLanes : 0);

            // Before the tile at row m of the full column tile at j (stepInTile): the rows of P and C that the next
            // tile steps, the next row tile's or, after the block's last, the first of the next column tile.
            void PrefetchNextTile(string mStart, int count)
            {
                int full = count / rows * rows;
                string end = mStart == "0" ? L(full) : $"{mStart} + {L(full)}";
                _w.Comment($"This tile steps its rows of {update} from the registers: fetch the next tile's rows of {update} and {c} into L2.");
                _w.Line($"int nextM = m + {L(rows)} < {end} ? m + {L(rows)} : {mStart};");
                _w.Line($"int nextJ = m + {L(rows)} < {end} ? j : j + {L(tileColumns)};");
                using (_w.Block($"if (step && nextJ < {L(n)})"))
                {
                    _w.Line($"int nextColumns = Math.Min({L(tileColumns)}, {L(n)} - nextJ);");
                    using (_w.Block($"for (int r = 0; r < {L(rows)} && nextM + r < {L(m)}; r++)"))
                    {
                        _w.Line($"global::NetGen.Kernels.CachePrefetch.Lines({update}.Slice((nextM + r) * {L(cStrideM)} + nextJ, nextColumns), 0, {L(stepLines)});");
                        _w.Line($"global::NetGen.Kernels.CachePrefetch.Lines({c}.Slice((nextM + r) * {L(cStrideM)} + nextJ, nextColumns), 0, {L(stepLines)});");
                    }
                }
            }

            void PackA(string mStart, int count, string kStart, int kCount)
            {
                if (!packA)
                {
                    return;
                }
                string from = kStart == "0" ? $"k * {L(aStrideK)}" : $"({kStart} + k) * {L(aStrideK)}";
                using (_w.For("k", kCount))
                {
                    _w.Line($"{a}.Slice({from} + {mStart}, {L(count)}).CopyTo(packA.Slice(k * {L(count)}, {L(count)}));");
                }
            }

            void Pack(string jExpr, List<int> offsets, string kStart, int kCount, string to = "packRef")
            {
                if (!pack)
                {
                    return;
                }
                if (transposedB)
                {
                    PackTransposed(jExpr, offsets, kStart, kCount);
                    return;
                }
                string from = kStart == "0" ? jExpr : $"{Mul(kStart, bStrideK)} + {jExpr}";
                _w.Line($"ref {_t} bFrom = ref Unsafe.Add(ref {b}Ref, {from});");
                _w.Line($"ref {_t} packTo = ref {to};");
                using (_w.Block($"for (int k = 0; k < {L(kCount)}; k++)"))
                {
                    for (int v = 0; v < offsets.Count; v++)
                    {
                        _w.Line($"{tier.Name}.LoadUnsafe(ref bFrom, {L(offsets[v])}).StoreUnsafe(ref packTo, {L(v * width)});");
                    }
                    _w.Line($"bFrom = ref Unsafe.Add(ref bFrom, {L(bStrideK)});");
                    _w.Line($"packTo = ref Unsafe.Add(ref packTo, {L(offsets.Count * width)});");
                }
            }

            // Column j of Bᵀ's slice is a run of k terms along row j of b: read along it, written a tile's width apart.
            void PackTransposed(string jExpr, List<int> offsets, string kStart, int kCount)
            {
                int tileWidth = offsets.Count * width;
                bool regular = offsets.Select((o, v) => o == v * width).All(x => x);
                var runs = regular ? new List<(int Offset, int Count, int To)> { (0, tileWidth, 0) } : offsets.Select((o, v) => (o, width, v * width)).ToList();
                foreach ((int offset, int count, int to) in runs)
                {
                    using (_w.Block($"for (int col = 0; col < {L(count)}; col++)"))
                    {
                        string row = offset == 0 ? $"{jExpr} + col" : $"{jExpr} + {L(offset)} + col";
                        string start = kStart == "0" ? $"({row}) * {L(bStrideN)}" : $"({row}) * {L(bStrideN)} + {kStart}";
                        _w.Line($"ref {_t} bFrom = ref Unsafe.Add(ref {b}Ref, {start});");
                        _w.Line($"ref {_t} packTo = ref Unsafe.Add(ref packRef, {(to == 0 ? "col" : $"{L(to)} + col")});");
                        using (_w.Block($"for (int k = 0; k < {L(kCount)}; k++)"))
                        {
                            _w.Line($"Unsafe.Add(ref packTo, k * {L(tileWidth)}) = Unsafe.Add(ref bFrom, k);");
                        }
                    }
                }
            }

            // Rows mStart ≤ row < mStart + count: all of C's rows, or one block of them when A is packed.
            void RowBlocks(string jExpr, string columnTile, List<int> offsets, string kStart, int kCount, int blendLanes, string mStart, int count)
            {
                int full = count / rows * rows;
                if (full > 0)
                {
                    string end = mStart == "0" ? L(full) : $"{mStart} + {L(full)}";
                    using (_w.Block($"for (int m = {mStart}; m < {end}; m += {L(rows)})"))
                    {
                        if (prefetch && count == mBlock)
                        {
                            PrefetchNext(columnTile, "m", mStart, kStart, kCount);
                        }
                        else if (prefetchK && kStart == "kc")
                        {
                            PrefetchNextK(columnTile, "m");
                        }
                        else if (prefetchSlice && jExpr == "j")
                        {
                            PrefetchNextSlice("m", kStart, kCount);
                        }
                        else if (stepInTile && jExpr == "j")
                        {
                            PrefetchNextTile(mStart, count);
                        }
                        Tile(rows, "m", jExpr, offsets, kStart, kCount, blendLanes, mStart, count);
                    }
                }
                if (full < count)
                {
                    // Only the last block has a partial tile, and its start is a literal.
                    int first = int.Parse(mStart, CultureInfo.InvariantCulture) + full;
                    using (_w.Block($"// The last {count - full} row(s): {L(first)}..{L(first + count - full - 1)}."))
                    {
                        Tile(count - full, L(first), jExpr, offsets, kStart, kCount, blendLanes, mStart, count);
                    }
                }
            }

            void RowRanges(string kStart, int kCount)
            {
                if (copyBlock)
                {
                    CopiedBlockRows(kStart, kCount);
                    return;
                }
                if (!packA)
                {
                    ColumnTiles(kStart, kCount, "0", m);
                    Update("0", m);
                    return;
                }
                if (fullBlocks == 1)
                {
                    // One block (all of the rows, or all but the rest below): a literal start, as its last tile may be partial.
                    if (prefetch)
                    {
                        _w.Line($"int nextStart = {L(mBlock)}, nextRows = {L(restRows)};");
                    }
                    PackA("0", mBlock, kStart, kCount);
                    ColumnTiles(kStart, kCount, "0", mBlock);
                    Update("0", mBlock);
                }
                else if (fullBlocks > 1)
                {
                    using (_w.Block($"for (int mb = 0; mb < {L(fullBlocks * mBlock)}; mb += {L(mBlock)})"))
                    {
                        if (prefetch)
                        {
                            _w.Comment($"The block after this one: the rows the tiles below fetch into L2 ahead (none after row {L(m - 1)}).");
                            _w.Line($"int nextStart = mb + {L(mBlock)};");
                            _w.Line($"int nextRows = Math.Min({L(mBlock)}, {L(m)} - nextStart);");
                        }
                        PackA("mb", mBlock, kStart, kCount);
                        ColumnTiles(kStart, kCount, "mb", mBlock);
                        Update("mb", mBlock);
                    }
                }
                if (restRows > 0)
                {
                    int first = fullBlocks * mBlock;
                    using (_w.Block($"// The last {restRows} row(s) of {a}ᵀ as one block: {L(first)}..{L(m - 1)}."))
                    {
                        PackA(L(first), restRows, kStart, kCount);
                        ColumnTiles(kStart, kCount, L(first), restRows);
                        Update(L(first), restRows);
                    }
                }
            }

            // copyBlock: the k block's slices of B copied once (column tile t's at t · kCount · tileColumns, the
            // remaining columns after them), then the rows in blocks of rowBlock, each over every column tile.
            void CopiedBlockRows(string kStart, int kCount)
            {
                List<int> fullOffsets = Enumerable.Range(0, vectors).Select(v => v * width).ToList();
                List<int> tailOffsets = tailChunks.Select(o => o - tailChunks[0]).ToList();
                _w.Comment($"Copy every column tile's slice of this k block of {b}, once for all the row blocks below.");
                if (fullTiles > 0)
                {
                    using (_w.Block($"for (int j = 0; j < {L(fullTiles * tileColumns)}; j += {L(tileColumns)})"))
                    {
                        Pack("j", fullOffsets, kStart, kCount, CopiedSlice($"(j / {L(tileColumns)})", kCount));
                    }
                }
                if (tailChunks.Count > 0)
                {
                    using (_w.Block($"// The remaining columns' slice, after the full tiles'."))
                    {
                        Pack(L(tailChunks[0]), tailOffsets, kStart, kCount, CopiedSlice(L(fullTiles), kCount));
                    }
                }
                int blocks = m / rowBlock;
                int rest = m - blocks * rowBlock;
                if (blocks > 1)
                {
                    using (_w.Block($"for (int mb = 0; mb < {L(blocks * rowBlock)}; mb += {L(rowBlock)})"))
                    {
                        _w.Comment($"Rows mb..mb + {L(rowBlock - 1)}: their {L(kCount)} terms of {a} stay in L2 while every column tile reads them.");
                        ColumnTiles(kStart, kCount, "mb", rowBlock, copied: true);
                    }
                }
                else if (blocks == 1)
                {
                    ColumnTiles(kStart, kCount, "0", rowBlock, copied: true);
                }
                if (rest > 0)
                {
                    int first = blocks * rowBlock;
                    using (_w.Block($"// The last {rest} row(s), {L(first)}..{L(m - 1)}, as one block."))
                    {
                        ColumnTiles(kStart, kCount, L(first), rest, copied: true);
                    }
                }
            }

            // Where column tile t's slice of a k block of kCount terms lies in the copy of the whole k block (copyBlock).
            string CopiedSlice(string tile, int kCount) =>
                tile == "0" ? "packRef"
                : int.TryParse(tile, NumberStyles.Integer, CultureInfo.InvariantCulture, out int t) ? $"Unsafe.Add(ref packRef, {L(t * kCount * tileColumns)})"
                : $"Unsafe.Add(ref packRef, {tile} * {L(kCount * tileColumns)})";

            // Each column tile over rows mStart..mStart + count - 1: its slice of B copied first, or (copied, with
            // copyBlock) found in the copy of the whole k block.
            void ColumnTiles(string kStart, int kCount, string mStart, int count, bool copied = false)
            {
                if (fullTiles > 0)
                {
                    using (_w.Block($"for (int j = 0; j < {L(fullTiles * tileColumns)}; j += {L(tileColumns)})"))
                    {
                        List<int> offsets = Enumerable.Range(0, vectors).Select(v => v * width).ToList();
                        if (copied)
                        {
                            _w.Line($"ref {_t} slice = ref {CopiedSlice($"(j / {L(tileColumns)})", kCount)};");
                        }
                        else
                        {
                            Pack("j", offsets, kStart, kCount);
                        }
                        RowBlocks("j", $"j / {L(tileColumns)}", offsets, kStart, kCount, 0, mStart, count);
                    }
                }
                if (tailChunks.Count > 0)
                {
                    int start = tailChunks[0];
                    string columns = string.Join(", ", tailChunks.Select(o => $"{L(o)}..{L(o + width - 1)}"));
                    using (_w.Block($"// The remaining columns, as {tailChunks.Count} vector(s): {columns}."))
                    {
                        List<int> offsets = tailChunks.Select(o => o - start).ToList();
                        if (copied)
                        {
                            _w.Line($"ref {_t} slice = ref {CopiedSlice(L(fullTiles), kCount)};");
                        }
                        else
                        {
                            Pack(L(start), offsets, kStart, kCount);
                        }
                        RowBlocks(L(start), L(fullTiles), offsets, kStart, kCount, tailOverlapLanes, mStart, count);
                    }
                }
            }

            if (!blocked)
            {
                _w.Comment(update is null
                    ? $"Each tile runs over all {k} terms and is stored once."
                    : stepInTile
                    ? $"Each tile runs over all {k} terms and is stored once, and takes {update} ← {update} - rate · {c} for its outputs from its registers."
                    : $"Each tile runs over all {k} terms and is stored once; {update} ← {update} - rate · {c} follows each block of rows.");
                updating = update is not null;
                RowRanges("0", k);
                return;
            }

            int fullK = k / kBlock * kBlock;
            _w.Comment($"The {k} terms are taken in blocks of {kBlock}: the {kBlock} × {vectors * width} slice of {b} a tile reads stays in the L1");
            _w.Comment($"cache while every row block uses it. {c} starts as {(init is null ? "zero" : init + " in every row")} and each block adds its terms.");
            if (init is null)
            {
                _w.Line($"{c}.Clear();");
            }
            else
            {
                using (_w.For("m", m))
                {
                    _w.Line($"{init}.CopyTo({c}.Slice(m * {L(cStrideM)}, {L(n)}));");
                }
            }
            // With an update, the last block (the remainder, or else the last whole block) is written on its own.
            int loopedK = update is not null && fullK == k ? fullK - kBlock : fullK;
            if (loopedK > 0)
            {
                using (_w.Block($"for (int kc = 0; kc < {L(loopedK)}; kc += {L(kBlock)})"))
                {
                    if (prefetchK)
                    {
                        _w.Comment($"The terms of the k block after this one, which the tiles below fetch into L2 ahead (none after term {L(k - 1)}).");
                        _w.Line($"int nextTerms = Math.Min({L(kBlock)}, {L(k)} - (kc + {L(kBlock)}));");
                    }
                    RowRanges("kc", kBlock);
                }
            }
            updating = update is not null;
            if (loopedK < fullK)
            {
                using (_w.Block($"// The last block of {L(kBlock)} terms, {L(loopedK)}..{L(k - 1)}, stores {c}'s whole sums: {update} ← {update} - rate · {c}."))
                {
                    RowRanges(L(loopedK), kBlock);
                }
            }
            if (fullK < k)
            {
                string then = update is null ? "" : $", and {update} ← {update} - rate · {c}";
                using (_w.Block($"// The last {k - fullK} term(s): {L(fullK)}..{L(k - 1)}{then}."))
                {
                    RowRanges(L(fullK), k - fullK);
                }
            }
        }

        /// <param name="overlapLanes">
        /// If not 0, the tile's last vector overlaps, by this many lanes, a vector another tile of the same k block
        /// has already added its terms to: those lanes are stored as C holds them (a blend with a fresh load), so that
        /// no term is counted twice.
        /// </param>
        /// <param name="packed">
        /// B's slice for this tile was copied to <c>pack</c>: its k rows follow each other, each the tile's vectors side by side.
        /// </param>
        /// <param name="packedA">
        /// A's rows for this tile were copied to <c>packA</c>, a block whose rows of k terms are <c>Count</c> long: the
        /// tile's first row is at <c>Row</c> in it.
        /// </param>
        /// <param name="stepUpdate">
        /// If given, the parameter P (laid out as C) that takes the SGD step P ← P - rate · C from the tile's registers
        /// after they are stored, when the kernel's <c>step</c> is set; its last vector leaves the first
        /// <paramref name="stepOverlapLanes"/> lanes of P as they are (the vector before it stepped them).
        /// </param>
        private void BroadcastTile(Tier tier, int rows, string mExpr, string jExpr, List<int> offsets, string kStart, int kCount, bool accumulate, string a, int aStrideM, int aStrideK, string b, int bStrideK, string c, int cStrideM, string? init, int overlapLanes, bool packed, (string Row, int Count)? packedA, string packBase = "packRef", string? stepUpdate = null, int stepOverlapLanes = 0)
        {
            string mExprA = mExpr;
            string kStartA = kStart;
            if (packedA is { } block)
            {
                a = "packA";
                aStrideK = block.Count;
                mExprA = block.Row;
                kStartA = "0";
            }
            string vec = Vec(tier);
            int width = Width(tier);
            for (int r = 0; r < rows; r++)
            {
                _w.Line($"ref {_t} cRow{r} = ref Unsafe.Add(ref {c}Ref, {Mul(Add(mExpr, r), cStrideM)} + {jExpr});");
            }
            if (!accumulate && init is not null)
            {
                for (int v = 0; v < offsets.Count; v++)
                {
                    _w.Line($"{vec} bias{v} = {tier.Name}.LoadUnsafe(ref {init}Ref, (nuint)({jExpr} + {L(offsets[v])}));");
                }
            }
            for (int r = 0; r < rows; r++)
            {
                for (int v = 0; v < offsets.Count; v++)
                {
                    string start = accumulate ? $"{tier.Name}.LoadUnsafe(ref cRow{r}, {L(offsets[v])})" : init is not null ? $"bias{v}" : $"{vec}.Zero";
                    _w.Line($"{vec} c{r}_{v} = {start};");
                }
            }
            string aStart = kStartA == "0" ? Mul(mExprA, aStrideM) : $"{Mul(mExprA, aStrideM)} + {Mul(kStartA, aStrideK)}";
            string bStart = kStart == "0" ? jExpr : $"{Mul(kStart, bStrideK)} + {jExpr}";
            _w.Line($"ref {_t} aK = ref Unsafe.Add(ref {a}Ref, {aStart});");
            _w.Line(packed ? $"ref {_t} bK = ref {packBase};" : $"ref {_t} bK = ref Unsafe.Add(ref {b}Ref, {bStart});");
            using (_w.Block($"for (int k = 0; k < {L(kCount)}; k++)"))
            {
                for (int v = 0; v < offsets.Count; v++)
                {
                    _w.Line($"{vec} b{v} = {tier.Name}.LoadUnsafe(ref bK, {L(packed ? v * width : offsets[v])});");
                }
                for (int r = 0; r < rows; r++)
                {
                    _w.Line($"{vec} a{r} = {tier.Name}.Create(Unsafe.Add(ref aK, {L(r * aStrideM)}));");
                    for (int v = 0; v < offsets.Count; v++)
                    {
                        _w.Line($"c{r}_{v} = {Fma(tier, $"a{r}", $"b{v}", $"c{r}_{v}")};");
                    }
                }
                _w.Line($"aK = ref Unsafe.Add(ref aK, {L(aStrideK)});");
                _w.Line($"bK = ref Unsafe.Add(ref bK, {L(packed ? offsets.Count * width : bStrideK)});");
            }
            string Keep(int lanes) =>
                $"{tier.Name}.Create({string.Join(", ", Enumerable.Range(0, width).Select(lane => lane < lanes ? "-1" : "0").Select(v => _type == ElementType.Double ? v + "L" : v))}).As{(_type == ElementType.Double ? "Double" : "Single")}()";
            if (overlapLanes > 0)
            {
                _w.Comment($"The first {L(overlapLanes)} lane(s) of the last vector were updated by the tile before: they keep C's value.");
                _w.Line($"{vec} keep = {Keep(overlapLanes)};");
            }
            for (int r = 0; r < rows; r++)
            {
                for (int v = 0; v < offsets.Count; v++)
                {
                    string value = overlapLanes > 0 && v == offsets.Count - 1
                        ? $"{tier.Name}.ConditionalSelect(keep, {tier.Name}.LoadUnsafe(ref cRow{r}, {L(offsets[v])}), c{r}_{v})"
                        : $"c{r}_{v}";
                    _w.Line($"{value}.StoreUnsafe(ref cRow{r}, {L(offsets[v])});");
                }
            }
            if (stepUpdate is not null)
            {
                _w.Comment($"{stepUpdate} ← {stepUpdate} - rate · {c} for this tile's outputs, rounded as SgdUpdate rounds it (the product, then the difference).");
                using (_w.Block("if (step)"))
                {
                    if (stepOverlapLanes > 0)
                    {
                        _w.Comment($"The first {L(stepOverlapLanes)} lane(s) of the last vector were stepped with the vector before it: they keep their value.");
                        _w.Line($"{vec} keepStep = {Keep(stepOverlapLanes)};");
                    }
                    for (int r = 0; r < rows; r++)
                    {
                        _w.Line($"ref {_t} pRow{r} = ref Unsafe.Add(ref {stepUpdate}Ref, {Mul(Add(mExpr, r), cStrideM)} + {jExpr});");
                    }
                    for (int r = 0; r < rows; r++)
                    {
                        for (int v = 0; v < offsets.Count; v++)
                        {
                            string p = $"{tier.Name}.LoadUnsafe(ref pRow{r}, {L(offsets[v])})";
                            string value = stepOverlapLanes > 0 && v == offsets.Count - 1
                                ? $"{tier.Name}.ConditionalSelect(keepStep, {p}, {p} - rateV * c{r}_{v})"
                                : $"({p} - rateV * c{r}_{v})";
                            _w.Line($"{value}.StoreUnsafe(ref pRow{r}, {L(offsets[v])});");
                        }
                    }
                }
            }
        }

        private static string Mul(string expr, int factor)
        {
            if (int.TryParse(expr, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                return L(value * factor);
            }
            return factor == 1 ? expr : $"{expr} * {L(factor)}";
        }

        /// <summary>expr - start: expr itself when start is 0, folded when both are literals.</summary>
        private static string Offset(string expr, string start)
        {
            if (start == "0")
            {
                return expr;
            }
            if (int.TryParse(expr, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
                && int.TryParse(start, NumberStyles.Integer, CultureInfo.InvariantCulture, out int first))
            {
                return L(value - first);
            }
            return $"({expr} - {start})";
        }

        private static string Add(string expr, int term)
        {
            if (int.TryParse(expr, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                return L(value + term);
            }
            return term == 0 ? expr : $"({expr} + {L(term)})";
        }

        // ---- Dot product: C[m, n] = Σₖ A[m, k] · B[n, k], rows of A and B both contiguous along k ----

        private static (int Rows, int Columns) DotTile(Tier tier) => tier.Registers >= 32 ? (4, 4) : (4, 2);

        private void EmitDotProduct(Tier tier, int m, int n, int k, string a, string b, string c)
        {
            int width = Width(tier);
            (int rows, int columns) = DotTile(tier);
            int fullRows = m / rows * rows;
            int fullColumns = n / columns * columns;
            int fullK = k / width * width;
            int remainder = k - fullK;

            _w.Comment($"Register tile: {rows} rows of A × {columns} rows of B in {rows * columns} vector accumulators, summed across lanes at the end.");
            if (remainder != 0)
            {
                _w.Comment($"k = {k} is {fullK / width} whole vector(s) and {remainder} more: the last vector is read at {k - width}, its first {width - remainder} lane(s) (already counted) masked to zero.");
            }
            Ref(a);
            Ref(b);
            Ref(c);
            if (remainder != 0)
            {
                string mask = string.Join(", ", Enumerable.Range(0, width).Select(lane => lane < width - remainder ? "0" : "-1").Select(v => _type == ElementType.Double ? v + "L" : v));
                _w.Line($"{Vec(tier)} tailMask = {tier.Name}.Create({mask}).As{(_type == ElementType.Double ? "Double" : "Single")}();");
            }

            void ColumnBlocks(int blockRows, string mExpr)
            {
                if (fullColumns > 0)
                {
                    using (_w.Block($"for (int n = 0; n < {L(fullColumns)}; n += {L(columns)})"))
                    {
                        DotTileCode(tier, blockRows, columns, mExpr, "n", k, a, b, c, n);
                    }
                }
                if (fullColumns < n)
                {
                    using (_w.Block($"// The last {n - fullColumns} column(s): {L(fullColumns)}..{L(n - 1)}."))
                    {
                        DotTileCode(tier, blockRows, n - fullColumns, mExpr, L(fullColumns), k, a, b, c, n);
                    }
                }
            }

            if (fullRows > 0)
            {
                using (_w.Block($"for (int m = 0; m < {L(fullRows)}; m += {L(rows)})"))
                {
                    ColumnBlocks(rows, "m");
                }
            }
            if (fullRows < m)
            {
                using (_w.Block($"// The last {m - fullRows} row(s): {L(fullRows)}..{L(m - 1)}."))
                {
                    ColumnBlocks(m - fullRows, L(fullRows));
                }
            }
        }

        private void DotTileCode(Tier tier, int rows, int columns, string mExpr, string nExpr, int k, string a, string b, string c, int n)
        {
            string vec = Vec(tier);
            int width = Width(tier);
            int fullK = k / width * width;
            for (int r = 0; r < rows; r++)
            {
                for (int q = 0; q < columns; q++)
                {
                    _w.Line($"{vec} s{r}_{q} = {vec}.Zero;");
                }
            }
            for (int r = 0; r < rows; r++)
            {
                _w.Line($"ref {_t} aRow{r} = ref Unsafe.Add(ref {a}Ref, {Mul(Add(mExpr, r), k)});");
            }
            for (int q = 0; q < columns; q++)
            {
                _w.Line($"ref {_t} bRow{q} = ref Unsafe.Add(ref {b}Ref, {Mul(Add(nExpr, q), k)});");
            }

            void Terms(string offset, bool masked)
            {
                for (int q = 0; q < columns; q++)
                {
                    _w.Line($"{vec} b{q} = {tier.Name}.LoadUnsafe(ref bRow{q}, (nuint){offset});");
                }
                for (int r = 0; r < rows; r++)
                {
                    string load = $"{tier.Name}.LoadUnsafe(ref aRow{r}, (nuint){offset})";
                    _w.Line($"{vec} a{r} = {(masked ? $"{tier.Name}.BitwiseAnd({load}, tailMask)" : load)};");
                    for (int q = 0; q < columns; q++)
                    {
                        _w.Line($"s{r}_{q} = {Fma(tier, $"a{r}", $"b{q}", $"s{r}_{q}")};");
                    }
                }
            }

            if (fullK > 0)
            {
                using (_w.Block($"for (int k = 0; k < {L(fullK)}; k += {L(width)})"))
                {
                    Terms("k", masked: false);
                }
            }
            if (fullK < k)
            {
                using (_w.Block($"// The last {k - fullK} term(s), from the vector at {L(k - width)} with its first {width - (k - fullK)} lane(s) masked."))
                {
                    Terms(L(k - width), masked: true);
                }
            }
            if (UsesSumTree(tier, rows, columns))
            {
                EmitSumTree(tier, rows, columns, mExpr, nExpr, c, n);
                return;
            }
            for (int r = 0; r < rows; r++)
            {
                _w.Line($"ref {_t} cRow{r} = ref Unsafe.Add(ref {c}Ref, {Mul(Add(mExpr, r), n)} + {nExpr});");
                for (int q = 0; q < columns; q++)
                {
                    _w.Line($"Unsafe.Add(ref cRow{r}, {L(q)}) = {tier.Name}.Sum(s{r}_{q});");
                }
            }
        }

        /// <summary>
        /// Whether a whole dot tile is summed across lanes by <see cref="EmitSumTree"/>: with AVX-512, when its 16
        /// accumulators fill whole vectors of sums (16 floats, or 2 × 8 doubles).
        /// </summary>
        private bool UsesSumTree(Tier tier, int rows, int columns) =>
            tier.Bits == 512 && rows * columns == 16 && columns * ElementBytes <= 32;

        /// <summary>
        /// Sums the 16 accumulators of a tile across their lanes together, as a tree: each level pairs two vectors and
        /// adds the lower half of every group of lanes to the upper half, the two vectors' halves side by side
        /// (two-source permutes, <c>vpermt2ps</c>), so that 16 vectors of 16 partial sums become one vector of 16 sums
        /// in 15 additions and 30 permutes, where summing each vector on its own takes 16 × 4 shuffle-and-add steps.
        /// The result holds the tile row by row: row r's sums are lanes r · columns onwards.
        /// </summary>
        private void EmitSumTree(Tier tier, int rows, int columns, string mExpr, string nExpr, string c, int n)
        {
            int width = Width(tier);
            string vec = Vec(tier);
            string index = _type == ElementType.Double ? "long" : "int";
            string permute = _type == ElementType.Double ? "Avx512F.PermuteVar8x64x2" : "Avx512F.PermuteVar16x32x2";
            var level = new List<string>();
            for (int r = 0; r < rows; r++)
            {
                for (int q = 0; q < columns; q++)
                {
                    level.Add($"s{r}_{q}");
                }
            }
            _w.Comment($"Sum the {level.Count} accumulators across their lanes as a tree (see EmitSumTree): each level halves the partial sums per accumulator.");
            int groups = 1;
            int step = 0;
            while (groups < width)
            {
                int lanes = width / groups;
                int half = lanes / 2;
                string Indexes(int offset) => string.Join(", ", Enumerable.Range(0, width).Select(p =>
                {
                    int group = p / half;
                    int within = p % half;
                    int source = group < groups ? group * lanes + within + offset : width + (group - groups) * lanes + within + offset;
                    return L(source) + (_type == ElementType.Double ? "L" : "");
                }));
                _w.Line($"{tier.Name}<{index}> lower{step} = {tier.Name}.Create({Indexes(0)});");
                _w.Line($"{tier.Name}<{index}> upper{step} = {tier.Name}.Create({Indexes(half)});");
                var next = new List<string>();
                for (int v = 0; v < level.Count; v += 2)
                {
                    string name = $"t{step}_{v / 2}";
                    _w.Line($"{vec} {name} = {permute}({level[v]}, lower{step}, {level[v + 1]}) + {permute}({level[v]}, upper{step}, {level[v + 1]});");
                    next.Add(name);
                }
                level = next;
                groups *= 2;
                step++;
            }
            // level now holds 16 / width vectors of width sums each, accumulators in row-major order.
            string part = columns * ElementBytes == 32 ? "Vector256" : "Vector128";
            for (int r = 0; r < rows; r++)
            {
                int first = r * columns;
                string vector = level[first / width];
                int lane = first % width;
                string piece = part == "Vector256"
                    ? (lane == 0 ? $"{vector}.GetLower()" : $"{vector}.GetUpper()")
                    : $"{(lane < width / 2 ? $"{vector}.GetLower()" : $"{vector}.GetUpper()")}.{(lane % (width / 2) == 0 ? "GetLower()" : "GetUpper()")}";
                _w.Line($"{piece}.StoreUnsafe(ref Unsafe.Add(ref {c}Ref, {Mul(Add(mExpr, r), n)} + {nExpr}));");
            }
        }

        // ---- Column sums: dB[j] = Σₙ dY[n, j] ----

        private void EmitColumnSums(Tier tier, int batch, int outputs)
        {
            string vec = Vec(tier);
            int width = Width(tier);
            List<int> chunks = ChunkOffsets(outputs, width);
            _w.Comment($"One vector of {width} columns at a time, summed down all {batch} rows; a last partial vector overlaps the one before it.");
            Ref("dY");
            Ref("dB");
            void Chunk(string jExpr)
            {
                _w.Line($"{vec} sum = {vec}.Zero;");
                using (_w.For("n", batch))
                {
                    _w.Line($"sum += {tier.Name}.LoadUnsafe(ref dYRef, (nuint)(n * {L(outputs)} + {jExpr}));");
                }
                _w.Line($"sum.StoreUnsafe(ref dBRef, (nuint)({jExpr}));");
            }
            int whole = outputs / width * width;
            using (_w.Block($"for (int j = 0; j < {L(whole)}; j += {L(width)})"))
            {
                Chunk("j");
            }
            if (whole < outputs)
            {
                using (_w.Block($"// The last {outputs - whole} column(s), in the vector {L(outputs - width)}..{L(outputs - 1)}."))
                {
                    Chunk(L(chunks[chunks.Count - 1]));
                }
            }
        }

        // ---- SGD update: P[e] -= rate · G[e] ----

        private void EmitSgdVector(Tier tier, int length)
        {
            _w.Comment("Written as NumPy's w -= lr * grad: the product is rounded before the subtraction (no fused multiply-add).");
            Ref("p");
            Ref("g");
            _w.Line($"{Vec(tier)} r = {tier.Name}.Create(rate);");
            EmitSgdLoops(tier, length, "pRef", "gRef", "r");
        }

        /// <summary>
        /// P[e] -= rate · G[e] for e below <paramref name="length"/>, P and G the refs <paramref name="pRef"/> and
        /// <paramref name="gRef"/>, <paramref name="r"/> the rate in every lane: the loops of SgdUpdate, which the
        /// weight gradient's fused update runs too, so both round alike.
        /// </summary>
        private void EmitSgdLoops(Tier tier, int length, string pRef, string gRef, string r)
        {
            int width = Width(tier);
            int unrolled = 4 * width;
            int wholeUnrolled = length / unrolled * unrolled;
            int whole = length / width * width;
            _w.Line("int e = 0;");
            if (wholeUnrolled > 0)
            {
                using (_w.Block($"for (; e < {L(wholeUnrolled)}; e += {L(unrolled)})"))
                {
                    for (int u = 0; u < 4; u++)
                    {
                        string offset = u == 0 ? "(nuint)e" : $"(nuint)(e + {L(u * width)})";
                        _w.Line($"({tier.Name}.LoadUnsafe(ref {pRef}, {offset}) - {r} * {tier.Name}.LoadUnsafe(ref {gRef}, {offset})).StoreUnsafe(ref {pRef}, {offset});");
                    }
                }
            }
            if (wholeUnrolled < whole)
            {
                using (_w.Block($"for (; e < {L(whole)}; e += {L(width)})"))
                {
                    _w.Line($"({tier.Name}.LoadUnsafe(ref {pRef}, (nuint)e) - {r} * {tier.Name}.LoadUnsafe(ref {gRef}, (nuint)e)).StoreUnsafe(ref {pRef}, (nuint)e);");
                }
            }
            if (whole < length)
            {
                using (_w.Block($"for (; e < {L(length)}; e++)"))
                {
                    _w.Line($"Unsafe.Add(ref {pRef}, e) -= rate * Unsafe.Add(ref {gRef}, e);");
                }
            }
        }

        // ---- Select where positive: result[e] = test[e] > 0 ? value[e] : 0 ----

        private void EmitSelectPositive(Tier tier, int length, string test, string value, string result)
        {
            string vec = Vec(tier);
            int width = Width(tier);
            int whole = length / width * width;
            _w.Comment("A compare, not a branch: the signs of the activations follow no pattern a branch predictor could learn.");
            Ref(test);
            if (value != test)
            {
                Ref(value);
            }
            Ref(result);
            _w.Line($"{vec} zero = {vec}.Zero;");
            using (_w.Block($"for (int e = 0; e < {L(whole)}; e += {L(width)})"))
            {
                _w.Line($"{vec} {test}V = {tier.Name}.LoadUnsafe(ref {test}Ref, (nuint)e);");
                string selected = value == test ? $"{test}V" : $"{tier.Name}.LoadUnsafe(ref {value}Ref, (nuint)e)";
                _w.Line($"{tier.Name}.ConditionalSelect({tier.Name}.GreaterThan({test}V, zero), {selected}, zero).StoreUnsafe(ref {result}Ref, (nuint)e);");
            }
            if (whole < length)
            {
                using (_w.Block($"for (int e = {L(whole)}; e < {L(length)}; e++)"))
                {
                    _w.Line($"Unsafe.Add(ref {result}Ref, e) = Unsafe.Add(ref {test}Ref, e) > 0 ? Unsafe.Add(ref {value}Ref, e) : 0;");
                }
            }
        }

        private void EmitSelectPositiveScalar(int length, string test, string value, string result)
        {
            using (_w.For("e", length))
            {
                _w.Line($"{result}[e] = {test}[e] > 0 ? {value}[e] : 0;");
            }
        }

        // ---- Scalar versions: the plain loops ----

        private void EmitDenseForwardScalar(int batch, int inputs, int outputs, bool bias, int terms) =>
            DenseLoops.Forward(_w, _t, batch, inputs, outputs, terms, "x", "w", bias ? "b" : null, "y");

        private void EmitWeightGradientScalar(int batch, int inputs, int outputs, int rows) =>
            DenseLoops.WeightGradient(_w, _t, batch, inputs, outputs, rows, "x", "dY", "dW");

        private void EmitBiasGradientScalar(int batch, int outputs) =>
            DenseLoops.BiasGradient(_w, batch, outputs, "dY", "dB");

        private void EmitInputGradientScalar(int batch, int inputs, int outputs) =>
            DenseLoops.InputGradient(_w, _t, batch, inputs, outputs, "dY", "w", "dX");

        private void EmitSgdScalar(int length, string p = "p", string g = "g")
        {
            using (_w.For("e", length))
            {
                _w.Line($"{p}[e] -= rate * {g}[e];");
            }
        }
    }
}
