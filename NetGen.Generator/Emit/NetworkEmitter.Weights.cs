using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// <c>SaveWeights</c> and <c>LoadWeights</c>: every parameter as a NumPy <c>.npy</c> file named after it
    /// (<c>W1.npy</c>, <c>B1.npy</c>, ...), so that <c>np.load("W1.npy")</c> returns the matrix the network holds and
    /// weights made in NumPy load into the network. The code calls <c>NetGen.NumPy.NpyFile</c> from NetGen.Runtime,
    /// so it is written only when the compilation references that library.
    /// </summary>
    /// <remarks>
    /// Files are always written as float64 (<c>'&lt;f8'</c>, format 1.0, C order), whatever the network's precision:
    /// it is NumPy's default type, and widening a float is exact, so a single-precision network loads its own
    /// files back bit for bit. Loading accepts float64 and float32 files; a single-precision network rounds
    /// float64 values to the nearest float and rejects values beyond float's range. Weights have shape
    /// (inputs, outputs), as in <c>Y = X · W</c>; biases have shape (outputs,).
    /// </remarks>
    internal sealed partial class NetworkEmitter
    {
        private const string NpyFile = "global::NetGen.NumPy.NpyFile";
        private const string NpyFormatException = "global::NetGen.NumPy.NpyFormatException";
        private const string IO = "global::System.IO";

        /// <summary>Whether the compilation references NetGen.Runtime, whose <c>NpyFile</c> the weight methods call.</summary>
        private bool _runtimeReferenced;

        /// <summary>Writes the generated part of <paramref name="model"/>, with the weight files methods when <paramref name="runtimeReferenced"/>.</summary>
        public static string Emit(NetworkModel model, bool runtimeReferenced) =>
            new NetworkEmitter(model) { _runtimeReferenced = runtimeReferenced }.EmitFile();

        /// <summary>One parameter as it is stored in a file: its name, the file's name and the array's shape.</summary>
        private sealed record ParameterFile(string Name, int[] Shape)
        {
            public string FileName => Name + ".npy";

            public int Length => Shape.Aggregate(1, (product, length) => product * length);

            public string ShapeArguments => string.Join(", ", Shape);

            /// <summary>The shape as NumPy prints it: <c>(1000, 100)</c>, <c>(10,)</c>.</summary>
            public string ShapeText => Shape.Length == 1 ? $"({Shape[0]},)" : "(" + ShapeArguments + ")";
        }

        private IEnumerable<ParameterFile> ParameterFiles
        {
            get
            {
                foreach (LayerModel layer in DenseLayers)
                {
                    yield return new ParameterFile(GeneratedNames.Weights(layer.ParameterIndex), new[] { layer.Inputs, layer.Outputs });
                    if (layer.Bias)
                    {
                        yield return new ParameterFile(GeneratedNames.Bias(layer.ParameterIndex), new[] { layer.Outputs });
                    }
                }
            }
        }

        private string FileList => string.Join(", ", ParameterFiles.Select(p => $"{p.FileName} {p.ShapeText}"));

        private bool WeightsAreSingle => _model.ElementType == ElementType.Single;

        private void EmitWeightFiles()
        {
            if (!_runtimeReferenced)
            {
                return;
            }
            EmitSaveWeights();
            EmitLoadWeights();
        }

        private void EmitSaveWeights()
        {
            _w.Line("/// <summary>");
            _w.Line($"/// Writes every parameter into <paramref name=\"directory\"/> (created if missing) as a NumPy <c>.npy</c> file, format 1.0,");
            _w.Line($"/// little-endian float64, C order: {FileList}. <c>np.load(\"W1.npy\")</c> returns W1 with the shape (inputs, outputs).");
            _w.Line("/// Files of those names are replaced; other files in the directory are left alone.");
            _w.Line("/// </summary>");
            _w.Line("/// <param name=\"directory\">The directory to write the files into.</param>");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void SaveWeights(string directory)", "SaveWeights", writesWeights: false))
            {
                EmitDirectoryNullCheck();
                _w.Line($"{IO}.Directory.CreateDirectory(directory);");
                foreach (ParameterFile parameter in ParameterFiles)
                {
                    string values = WeightsAreSingle
                        ? $"ToDouble({GeneratedNames.Field(parameter.Name)})"
                        : GeneratedNames.Field(parameter.Name);
                    _w.Line($"{NpyFile}.Write({IO}.Path.Combine(directory, \"{parameter.FileName}\"), {values}, {parameter.ShapeArguments});");
                }
                if (WeightsAreSingle)
                {
                    _w.Line();
                    _w.Comment("Widening float to double is exact, so LoadWeights gets every value back unchanged.");
                    using (_w.Block("static double[] ToDouble(ReadOnlySpan<float> values)"))
                    {
                        _w.Line("var wide = new double[values.Length];");
                        using (_w.Block("for (int i = 0; i < values.Length; i++)"))
                        {
                            _w.Line("wide[i] = values[i];");
                        }
                        _w.Line("return wide;");
                    }
                }
            }
            _w.Line();
        }

        private void EmitLoadWeights()
        {
            string className = _model.ClassName;
            _w.Line("/// <summary>");
            _w.Line($"/// Reads every parameter from the <c>.npy</c> files <see cref=\"SaveWeights\"/> writes in <paramref name=\"directory\"/>:");
            _w.Line($"/// {FileList}, each float64 or float32{(WeightsAreSingle ? " (float64 values are rounded to the nearest float)" : "")}, in C or Fortran order.");
            _w.Line("/// Every file is read and checked before any parameter changes: if one is missing, malformed, truncated, or holds");
            _w.Line("/// another type or shape, the exception names the file and what was expected, and the network keeps its parameters.");
            _w.Line("/// </summary>");
            _w.Line("/// <param name=\"directory\">The directory holding the files.</param>");
            _w.Line($"/// <exception cref=\"{IO}.FileNotFoundException\">A parameter's file is not in <paramref name=\"directory\"/>.</exception>");
            _w.Line($"/// <exception cref=\"{NpyFormatException}\">A file is not a valid <c>.npy</c> float array of the parameter's shape.</exception>");
            _w.Line(GeneratedCode);
            using (GuardedMethod("public void LoadWeights(string directory)", "LoadWeights", writesWeights: true))
            {
                EmitDirectoryNullCheck();
                _w.Comment("Read and check every file first; the parameters change only once all of them are valid.");
                foreach (ParameterFile parameter in ParameterFiles)
                {
                    string read = $"Read(directory, \"{parameter.Name}\", {parameter.Length}, new[] {{ {parameter.ShapeArguments} }})";
                    _w.Line(WeightsAreSingle
                        ? $"float[] {LoadedLocal(parameter)} = ToSingle({read}, directory, \"{parameter.FileName}\");"
                        : $"double[] {LoadedLocal(parameter)} = {read};");
                }
                foreach (ParameterFile parameter in ParameterFiles)
                {
                    _w.Line($"{LoadedLocal(parameter)}.AsSpan().CopyTo({GeneratedNames.Field(parameter.Name)});");
                }
                _w.Line();
                using (_w.Block("static double[] Read(string directory, string name, int length, int[] shape)"))
                {
                    _w.Line($"string path = {IO}.Path.Combine(directory, name + \".npy\");");
                    using (_w.Block($"if (!{IO}.File.Exists(path))"))
                    {
                        _w.Line($"throw new {IO}.FileNotFoundException($\"{{path}} does not exist. {className}.LoadWeights reads {FileList} from {{directory}}.\", path);");
                    }
                    _w.Line("var values = new double[length];");
                    _w.Line($"{NpyFile}.ReadInto(path, values, shape, \"{className}.\" + name);");
                    _w.Line("return values;");
                }
                if (WeightsAreSingle)
                {
                    _w.Line();
                    _w.Comment("Rounds to the nearest float; exact for values that came from a float, as SaveWeights writes them.");
                    using (_w.Block("static float[] ToSingle(double[] values, string directory, string fileName)"))
                    {
                        _w.Line("var narrow = new float[values.Length];");
                        using (_w.Block("for (int i = 0; i < values.Length; i++)"))
                        {
                            _w.Line("narrow[i] = (float)values[i];");
                            using (_w.Block("if (float.IsInfinity(narrow[i]) && !double.IsInfinity(values[i]))"))
                            {
                                _w.Line($"string path = {IO}.Path.Combine(directory, fileName);");
                                _w.Line($"throw new {NpyFormatException}(");
                                _w.Line($"    $\"{{path}} holds {{values[i].ToString(\"R\", global::System.Globalization.CultureInfo.InvariantCulture)}} at flat index {{i}}, beyond the range of float; {className} is a single-precision network.\");");
                            }
                        }
                        _w.Line("return narrow;");
                    }
                }
            }
            _w.Line();
        }

        /// <summary>The local holding a parameter's values between reading and copying in: <c>loadedW1</c>.</summary>
        private static string LoadedLocal(ParameterFile parameter) => "loaded" + parameter.Name;

        private void EmitDirectoryNullCheck()
        {
            using (_w.Block("if (directory is null)"))
            {
                _w.Line("throw new ArgumentNullException(nameof(directory));");
            }
        }
    }
}
