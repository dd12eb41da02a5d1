using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Tanh and Sigmoid as vector kernels. <c>Math.Tanh</c> and <c>Math.Exp</c> run one element at a time (tens of
    /// nanoseconds each, more than the Dense layer before them on small layers), so each vector tier computes them
    /// lane by lane from polynomials: every lane gets the same arithmetic, whatever its position or the row count, so
    /// Predict and Forward agree bit for bit. The constants come from <c>tools/fit_activations.py</c>, which fits them
    /// and checks the algorithms against decimal arithmetic: within 2 units in the last place in double and float.
    /// </summary>
    /// <remarks>
    /// <para>tanh(x) = x + x·t·P(t) with t = x² for |x| &lt; 0.625 (a fitted polynomial: no cancellation near 0), and
    /// sign(x) (1 - 2 / (exp(2|x|) + 1)) above, |x| capped where tanh is 1 to the last bit. σ(x) = 1 / (1 + e) for x ≥ 0
    /// and e / (1 + e) below, with e = exp(-|x|) ≤ 1: exp never overflows, and σ of a very negative x is as small as it
    /// should be (down to the subnormals) rather than 0 or 1 / ∞.</para>
    /// <para>exp(z) = 2ⁿ · e^r: n = round(z / ln 2) by adding and subtracting 1.5 · 2^52 (2^23 in float), which leaves
    /// n in the low bits of the sum; r = z - n·hi - n·lo, ln 2 = hi + lo with hi short enough for n·hi to be exact;
    /// e^r by its Taylor series, |r| ≤ ln 2 / 2; 2ⁿ from the exponent bits (n + bias) shifted into place.</para>
    /// <para>NaN stays NaN (a diverging run must show in the loss), ±∞ give ±1 (tanh) and 1 or 0 (σ).</para>
    /// </remarks>
    internal sealed partial class KernelEmitter
    {
        // P(t), highest degree first: tools/fit_activations.py, degree 11 (double) and 5 (float).
        private static readonly double[] TanhDouble =
        {
            6.493921966645483e-06, -3.12199498925388e-05, 9.258867998788455e-05, -0.00023759985285443807,
            0.0005896636605320368, -0.0014557760415549025, 0.003592121835933438, -0.00886323511036136,
            0.02186948851935735, -0.05396825396790577, 0.1333333333333305, -0.3333333333333333,
        };

        private static readonly double[] TanhSingle =
        {
            0.0022958412300795317, -0.008346980437636375, 0.021769961342215538, -0.05395940691232681,
            0.13333304226398468, -0.3333333432674408,
        };

        private const double TanhThreshold = 0.625;

        private bool IsDouble => _type == ElementType.Double;

        /// <summary>Y = tanh(X) over <paramref name="length"/> elements; X and Y must not overlap. Returns the call.</summary>
        public string TanhForward(int length, string x, string y) =>
            ActivationKernel("Tanh", length, x, y,
                "Y[e] = tanh(X[e])",
                "tanh x = x + x·t·P(t), t = x², for |x| < 0.625; sign(x) (1 - 2 / (exp(2|x|) + 1)) above",
                TanhLanes);

        /// <summary>Y = σ(X) = 1 / (1 + exp(-X)) over <paramref name="length"/> elements; X and Y must not overlap. Returns the call.</summary>
        public string SigmoidForward(int length, string x, string y) =>
            ActivationKernel("Sigmoid", length, x, y,
                "Y[e] = 1 / (1 + exp(-X[e]))",
                "σ(x) = 1 / (1 + e) for x ≥ 0, e / (1 + e) below, e = exp(-|x|)",
                SigmoidLanes);

        private string ActivationKernel(string activation, int length, string x, string y, string formula, string method, System.Action<Tier> lanes)
        {
            string name = $"{activation}Forward_{length}";
            string lanesName = $"{activation}Forward_Lanes";
            Declare(lanesName, () =>
            {
                foreach (Tier tier in VectorTiers)
                {
                    _w.Line($"/// <summary>{activation} of every lane of a {Vec(tier)}: {method}; within 2 units in the last place (tools/fit_activations.py).</summary>");
                    _w.Line(GeneratedCode);
                    _w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
                    using (_w.Block($"private static {Vec(tier)} {lanesName}({Vec(tier)} x)"))
                    {
                        lanes(tier);
                    }
                    _w.Line();
                }
            });
            Declare(name, () => EmitKernel(
                name,
                $"{formula} over {L(length)} elements, a vector at a time ({lanesName}); the plain loop calls {MathClass}.{(activation == "Tanh" ? "Tanh" : "Exp")}.",
                $"ReadOnlySpan<{_t}> x, Span<{_t}> y",
                "x, y",
                new[] { ("x", length), ("y", length) },
                int.MaxValue,
                tier => EmitActivationVector(tier, length, lanesName),
                () =>
                {
                    using (_w.For("e", length))
                    {
                        if (activation == "Tanh")
                        {
                            _w.Line($"y[e] = {MathClass}.Tanh(x[e]);");
                        }
                        else
                        {
                            _w.Comment("exp of a negative number only: 1 / (1 + exp(-x)) for x ≥ 0, exp(x) / (1 + exp(x)) below, so nothing overflows.");
                            _w.Line($"{_t} v = x[e];");
                            _w.Line($"{_t} exp = {MathClass}.Exp(-{MathClass}.Abs(v));");
                            _w.Line("y[e] = v >= 0 ? 1 / (1 + exp) : exp / (1 + exp);");
                        }
                    }
                },
                fusedMultiplyAdd: false));
            return $"{name}({x}, {y});";
        }

        private string MathClass => IsDouble ? "Math" : "MathF";

        private void EmitActivationVector(Tier tier, int length, string lanes)
        {
            string vec = Vec(tier);
            int width = Width(tier);
            int whole = length / width * width;
            Ref("x");
            Ref("y");
            if (whole > 0)
            {
                using (_w.Block($"for (int e = 0; e < {L(whole)}; e += {L(width)})"))
                {
                    _w.Line($"{lanes}({tier.Name}.LoadUnsafe(ref xRef, (nuint)e)).StoreUnsafe(ref yRef, (nuint)e);");
                }
            }
            if (whole == length)
            {
                return;
            }
            if (whole > 0)
            {
                _w.Comment($"The last {L(length - whole)} element(s): the vector that ends at the last element, overlapping the one before; its lanes get the values they got there.");
                _w.Line($"{lanes}({tier.Name}.LoadUnsafe(ref xRef, {L(length - width)})).StoreUnsafe(ref yRef, {L(length - width)});");
                return;
            }
            _w.Comment($"Fewer elements than one vector: through a zero-padded vector, so that they get the same arithmetic as longer spans.");
            _w.Line($"Span<{_t}> padded = stackalloc {_t}[{L(width)}];");
            _w.Line("x.CopyTo(padded);");
            _w.Line($"ref {_t} paddedRef = ref MemoryMarshal.GetReference(padded);");
            _w.Line($"{lanes}({tier.Name}.LoadUnsafe(ref paddedRef)).StoreUnsafe(ref paddedRef);");
            _w.Line("padded.Slice(0, y.Length).CopyTo(y);");
        }

        private string C(Tier tier, double value) => $"{tier.Name}.Create({Literal(value)})";

        private string Literal(double value) => ElementLiteral(value, _type);

        /// <summary>A constant of the element type, as C# source: <c>0.01</c> or <c>0.01f</c>.</summary>
        public static string ElementLiteral(double value, ElementType type)
        {
            if (type == ElementType.Single)
            {
                return ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f";
            }
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOfAny(new[] { '.', 'E', 'e', 'N', 'I' }) >= 0 ? text : text + ".0";
        }

        /// <summary>Writes <c>{target} = Σ coefficients[i] · {t}^(last - i)</c> by Horner's rule.</summary>
        private void Horner(Tier tier, string target, string t, double[] coefficients)
        {
            _w.Line($"{Vec(tier)} {target} = {C(tier, coefficients[0])};");
            for (int i = 1; i < coefficients.Length; i++)
            {
                _w.Line($"{target} = {Fma(tier, target, t, C(tier, coefficients[i]))};");
            }
        }

        /// <summary>
        /// Writes <c>{target} = exp({z})</c> for z in the range the callers clamp it to, as 2ⁿ · e^r; <paramref name="extra"/>
        /// is added to the exponent of the power of two and taken off again by a multiplication, so that 2ⁿ stays a
        /// normal number for n down to the subnormal range.
        /// </summary>
        private void Exp(Tier tier, string target, string z, int extra)
        {
            string vec = Vec(tier);
            string asInteger = IsDouble ? "AsInt64" : "AsInt32";
            string asReal = IsDouble ? "AsDouble" : "AsSingle";
            double shifter = IsDouble ? 6755399441055744.0 : 12582912.0; // 1.5 · 2^52, 1.5 · 2^23
            int bias = IsDouble ? 1023 : 127;
            int mantissa = IsDouble ? 52 : 23;
            // ln 2 = hi + lo, hi with 32 (double) or 12 (float) significant bits (tools/fit_activations.py).
            double hi = IsDouble ? 0.6931471803691238 : 0.693115234375;
            double lo = IsDouble ? 1.9082149292705877e-10 : 3.194618329871446e-05;
            int degree = IsDouble ? 13 : 7;
            _w.Comment($"exp({z}) = 2ⁿ · e^r: n = round({z} / ln 2), left in the low bits of {z} / ln 2 + {Literal(shifter)}; r = {z} - n ln 2, |r| ≤ ln 2 / 2.");
            _w.Line($"{vec} shifted = {Fma(tier, z, C(tier, 1 / System.Math.Log(2)), C(tier, shifter))};");
            _w.Line($"{vec} n = shifted - {C(tier, shifter)};");
            _w.Line($"{vec} r = {Fma(tier, "n", C(tier, -hi), z)};");
            _w.Line($"r = {Fma(tier, "n", C(tier, -lo), "r")};");
            _w.Comment($"e^r = Σₖ rᵏ / k!, k ≤ {L(degree)}.");
            double[] taylor = new double[degree + 1];
            double factorial = 1;
            for (int k = 0; k <= degree; k++)
            {
                factorial *= k == 0 ? 1 : k;
                taylor[degree - k] = 1 / factorial;
            }
            Horner(tier, "expR", "r", taylor);
            string power = $"{tier.Name}.ShiftLeft(shifted.{asInteger}() + {tier.Name}.Create({L(bias + extra)}{(IsDouble ? "L" : "")}), {L(mantissa)}).{asReal}()";
            _w.Comment(extra == 0
                ? $"2ⁿ: the exponent bits n + {L(bias)}, shifted into place (the shifter's own bits leave at the top)."
                : $"2ⁿ as 2^(n + {L(extra)}) · 2^-{L(extra)}: the first factor is a normal number for every n here, the second product rounds into the subnormals.");
            _w.Line(extra == 0
                ? $"{vec} {target} = expR * {power};"
                : $"{vec} {target} = expR * {power} * {C(tier, System.Math.Pow(2, -extra))};");
        }

        private void TanhLanes(Tier tier)
        {
            string vec = Vec(tier);
            string n = tier.Name;
            _w.Line($"{vec} a = {n}.Abs(x);");
            _w.Comment("|x| < 0.625: x + x·t·P(t), t = x².");
            _w.Line($"{vec} t = x * x;");
            Horner(tier, "p", "t", IsDouble ? TanhDouble : TanhSingle);
            _w.Line($"{vec} small = {Fma(tier, "x * t", "p", "x")};");
            double cap = IsDouble ? 20 : 10;
            _w.Comment($"|x| ≥ 0.625: 1 - 2 / (exp(2|x|) + 1), |x| capped at {Literal(cap)} (tanh is 1 to the last bit beyond), with the sign of x.");
            _w.Line($"{vec} z = {n}.Min(a, {C(tier, cap)}) * {C(tier, 2)};");
            Exp(tier, "e", "z", extra: 0);
            _w.Line($"{vec} large = {C(tier, 1)} - {C(tier, 2)} / (e + {C(tier, 1)});");
            _w.Line($"large |= x & {C(tier, -0.0)};");
            _w.Comment("NaN fails the comparison and keeps the small branch's NaN.");
            _w.Line($"return {n}.ConditionalSelect({n}.GreaterThanOrEqual(a, {C(tier, TanhThreshold)}), large, small);");
        }

        private void SigmoidLanes(Tier tier)
        {
            string vec = Vec(tier);
            string n = tier.Name;
            double floor = IsDouble ? -746 : -104;
            _w.Comment($"e = exp(-|x|) ≤ 1, from {Literal(floor)} on (below it e rounds to 0).");
            _w.Line($"{vec} z = {n}.Max(-{n}.Abs(x), {C(tier, floor)});");
            Exp(tier, "e", "z", extra: IsDouble ? 60 : 30);
            _w.Line($"{vec} one = {C(tier, 1)} + e;");
            _w.Line($"{vec} sigmoid = {n}.ConditionalSelect({n}.GreaterThanOrEqual(x, {vec}.Zero), {C(tier, 1)} / one, e / one);");
            _w.Comment("NaN in, NaN out: the clamp above would have turned it into a number.");
            _w.Line($"return {n}.ConditionalSelect({n}.Equals(x, x), sigmoid, x);");
        }
    }
}
