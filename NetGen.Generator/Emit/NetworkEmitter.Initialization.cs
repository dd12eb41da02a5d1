using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// Seeded weight initialization: He (Kaiming) uniform for ReLU networks, Xavier (Glorot) uniform for Sigmoid and
    /// Tanh ones. Weights are drawn from U(-bound, bound) with <c>System.Random(seed)</c>, layer after layer, row-major;
    /// biases start at zero; the optimizer's state is reset.
    /// </summary>
    internal sealed partial class NetworkEmitter
    {
        private void EmitInitialization()
        {
            Doc("He (Kaiming) uniform initialization, for ReLU networks: every weight of a Dense(fanIn, fanOut) layer from U(-√(6 / fanIn), √(6 / fanIn)), biases zero, the optimizer reset. The same seed gives the same weights.");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void InitializeHe(int seed)", "InitializeHe", writesWeights: true))
            {
                _w.Line("global::System.Random random = new global::System.Random(seed);");
                foreach (LayerModel layer in DenseLayers)
                {
                    _w.Line($"InitializeUniform({GeneratedNames.Field(GeneratedNames.Weights(layer.ParameterIndex))}, global::System.Math.Sqrt(6.0 / {layer.Inputs}), random);");
                }
                EmitBiasesAndOptimizerReset();
            }
            _w.Line();

            Doc("Xavier (Glorot) uniform initialization, for Sigmoid and Tanh networks: every weight of a Dense(fanIn, fanOut) layer from U(-√(6 / (fanIn + fanOut)), √(6 / (fanIn + fanOut))), biases zero, the optimizer reset. The same seed gives the same weights.");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void InitializeXavier(int seed)", "InitializeXavier", writesWeights: true))
            {
                _w.Line("global::System.Random random = new global::System.Random(seed);");
                foreach (LayerModel layer in DenseLayers)
                {
                    _w.Line($"InitializeUniform({GeneratedNames.Field(GeneratedNames.Weights(layer.ParameterIndex))}, global::System.Math.Sqrt(6.0 / ({layer.Inputs} + {layer.Outputs})), random);");
                }
                EmitBiasesAndOptimizerReset();
            }
            _w.Line();

            _w.Line(GeneratedCode);
            using (_w.Block($"private static void InitializeUniform(Span<{_t}> weights, double bound, global::System.Random random)"))
            {
                using (_w.Block("for (int e = 0; e < weights.Length; e++)"))
                {
                    _w.Line($"weights[e] = ({_t})((2 * random.NextDouble() - 1) * bound);");
                }
            }
            _w.Line();
        }

        private void EmitBiasesAndOptimizerReset()
        {
            foreach (LayerModel layer in DenseLayers)
            {
                if (layer.Bias)
                {
                    _w.Line($"{GeneratedNames.Field(GeneratedNames.Bias(layer.ParameterIndex))}.AsSpan().Clear();");
                }
            }
            _w.Line("ResetOptimizer();");
        }
    }
}
