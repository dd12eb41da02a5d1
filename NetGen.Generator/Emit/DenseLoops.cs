using System.Globalization;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The plain loops of a Dense layer's three products, written once for the two places that need them: the
    /// <see cref="CodeStrategy.Loops"/> strategy, which writes them into Forward and Backward over the network's
    /// buffers, and every kernel's <c>_Scalar</c> version, which runs them over its parameters on machines without
    /// vector units and is the reference the vector versions are tested against. The callers name the spans; the loops
    /// are the formulas in index form, with literal bounds and strides.
    /// </summary>
    internal static class DenseLoops
    {
        private static string L(int value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>y[n, j] = b[j] (or 0) + Σᵢ x[n, i] · w[i, j], over the first <paramref name="terms"/> i; x's rows are <paramref name="inputs"/> apart.</summary>
        public static void Forward(CodeWriter w, string type, int batch, int inputs, int outputs, int terms, string x, string weights, string? bias, string y)
        {
            using (w.For("n", batch))
            {
                using (w.For("j", outputs))
                {
                    w.Line($"{y}[n * {L(outputs)} + j] = {(bias is null ? "0" : bias + "[j]")};");
                }
                using (w.For("i", terms))
                {
                    w.Line($"{type} xni = {x}[n * {L(inputs)} + i];");
                    using (w.For("j", outputs))
                    {
                        w.Line($"{y}[n * {L(outputs)} + j] += xni * {weights}[i * {L(outputs)} + j];");
                    }
                }
            }
        }

        /// <summary>dW[i, j] = Σₙ x[n, i] · dY[n, j] for the first <paramref name="rows"/> i, accumulated row by row of x; overwrites dW.</summary>
        public static void WeightGradient(CodeWriter w, string type, int batch, int inputs, int outputs, int rows, string x, string dy, string gradW)
        {
            w.Line($"{gradW}.Clear();");
            using (w.For("n", batch))
            {
                using (w.For("i", rows))
                {
                    w.Line($"{type} xni = {x}[n * {L(inputs)} + i];");
                    using (w.For("j", outputs))
                    {
                        w.Line($"{gradW}[i * {L(outputs)} + j] += xni * {dy}[n * {L(outputs)} + j];");
                    }
                }
            }
        }

        /// <summary>dB[j] = Σₙ dY[n, j]; overwrites dB.</summary>
        public static void BiasGradient(CodeWriter w, int batch, int outputs, string dy, string gradB)
        {
            w.Line($"{gradB}.Clear();");
            using (w.For("n", batch))
            {
                using (w.For("j", outputs))
                {
                    w.Line($"{gradB}[j] += {dy}[n * {L(outputs)} + j];");
                }
            }
        }

        /// <summary>dX[n, i] = Σⱼ dY[n, j] · W[i, j], a dot product of two rows per output.</summary>
        public static void InputGradient(CodeWriter w, string type, int batch, int inputs, int outputs, string dy, string weights, string dx)
        {
            using (w.For("n", batch))
            {
                using (w.For("i", inputs))
                {
                    w.Line($"{type} sum = 0;");
                    using (w.For("j", outputs))
                    {
                        w.Line($"sum += {dy}[n * {L(outputs)} + j] * {weights}[i * {L(outputs)} + j];");
                    }
                    w.Line($"{dx}[n * {L(inputs)} + i] = sum;");
                }
            }
        }
    }
}
