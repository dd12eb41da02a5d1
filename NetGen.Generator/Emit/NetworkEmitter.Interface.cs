using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The network as <c>NetGen.Training.IClassifier&lt;T&gt;</c> (cross-entropy) or <c>IRegressor&lt;T&gt;</c> (squared
    /// error), both <c>INetwork&lt;T&gt;</c>, so that library code such as the runtime's <c>Trainer</c> can drive any
    /// network without reflection. The generated methods already have the interface's signatures; only the sizes,
    /// which are constants in the class, and the loss's reduction are implemented explicitly, and the parameter
    /// snapshot (<c>CopyParametersTo</c>, <c>CopyParametersFrom</c>) is new; both enter the training guard, and
    /// <c>CopyParametersFrom</c> writes the weights as <c>LoadWeights</c> does (Predict on another thread meanwhile throws). The interfaces live in NetGen.Runtime, so all of
    /// this is written only when the compilation references it, like the weight files.
    /// </summary>
    internal sealed partial class NetworkEmitter
    {
        private string NetworkInterface => "global::NetGen.Training.INetwork<" + _t + ">";

        /// <summary>The base list of the generated partial class: <c> : global::NetGen.Training.IClassifier&lt;float&gt;</c>, or nothing.</summary>
        private string InterfaceList => _runtimeReferenced
            ? $" : global::NetGen.Training.{(CrossEntropy ? "IClassifier" : "IRegressor")}<{_t}>"
            : "";

        private void EmitNetworkInterface()
        {
            if (!_runtimeReferenced)
            {
                return;
            }
            _w.Comment("NetGen.Training.INetwork: the sizes are constants of the class, so they are implemented explicitly.");
            foreach (string size in new[] { "BatchSize", "InputSize", "OutputSize", "ParameterCount" })
            {
                _w.Line(GeneratedCode);
                _w.Line($"int {NetworkInterface}.{size} => {size};");
            }
            _w.Line(GeneratedCode);
            _w.Line($"bool {NetworkInterface}.LossIsMean => {(MeanLoss ? "true" : "false")};");
            _w.Line();

            string order = string.Join(", ", ParameterFiles.Select(p => $"{p.Name} {p.ShapeText}"));
            _w.Line("/// <summary>");
            _w.Line($"/// Copies every parameter into <paramref name=\"destination\"/>, {ParameterCount} values: {order}, in that order, each row-major.");
            _w.Line("/// <see cref=\"CopyParametersFrom\"/> puts them back, bit for bit: a snapshot, e.g. of the best epoch for early stopping.");
            _w.Line("/// </summary>");
            _w.Line(GeneratedCode);
            using (GuardedMethod($"public void CopyParametersTo(Span<{_t}> destination)", "CopyParametersTo", writesWeights: false))
            {
                _w.Line($"CheckLength(destination.Length, ParameterCount, \"destination\", \"ParameterCount = {ParameterCount}\");");
                long offset = 0;
                foreach (ParameterFile parameter in ParameterFiles)
                {
                    _w.Line($"{GeneratedNames.Field(parameter.Name)}.AsSpan().CopyTo(destination.Slice({offset}, {parameter.Length}));");
                    offset += parameter.Length;
                }
            }
            _w.Line();

            _w.Line("/// <summary>");
            _w.Line($"/// Sets every parameter from <paramref name=\"source\"/>, {ParameterCount} values laid out as <see cref=\"CopyParametersTo\"/> writes them ({order}).");
            _w.Line("/// The optimizer's state is left as it is. A source of another length throws before anything changes.");
            _w.Line("/// </summary>");
            _w.Line(GeneratedCode);
            using (GuardedMethod($"public void CopyParametersFrom(ReadOnlySpan<{_t}> source)", "CopyParametersFrom", writesWeights: true))
            {
                _w.Line($"CheckLength(source.Length, ParameterCount, \"source\", \"ParameterCount = {ParameterCount}\");");
                long offset = 0;
                foreach (ParameterFile parameter in ParameterFiles)
                {
                    _w.Line($"source.Slice({offset}, {parameter.Length}).CopyTo({GeneratedNames.Field(parameter.Name)});");
                    offset += parameter.Length;
                }
            }
            _w.Line();
        }
    }
}
