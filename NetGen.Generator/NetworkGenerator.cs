using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator
{
    /// <summary>
    /// The pipeline, and only the pipeline: every class marked <c>[Network]</c> is parsed into a value-equal model
    /// (<see cref="NetworkParser"/>) and its code is written (<see cref="NetworkEmitter"/>). A declaration with a
    /// mistake parses to no model and generates nothing; its diagnostics come from <see cref="NetworkAnalyzer"/>,
    /// which runs the same parser. Nothing here throws into the compiler: a failure while writing the code becomes
    /// diagnostic NG0099, because a thrown exception (warning CS8785) drops every generated file.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NetworkGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking names of the pipeline's steps, for caching tests.</summary>
        public static class Steps
        {
            /// <summary>Attribute to the model, or null for a declaration with a mistake.</summary>
            public const string Parse = "NetGen.Parse";

            /// <summary>The models of the declarations without mistakes.</summary>
            public const string Models = "NetGen.Models";

            /// <summary>The generated file names of all networks, to keep them unique.</summary>
            public const string FileNames = "NetGen.FileNames";

            /// <summary>Each model paired with the file names: the input of the emitter.</summary>
            public const string Emit = "NetGen.Emit";
        }

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<NetworkModel?> results = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    NetworkParser.NetworkAttributeName,
                    static (node, _) => node is TypeDeclarationSyntax,
                    NetworkParser.ParseModel)
                .WithTrackingName(Steps.Parse);

            IncrementalValuesProvider<NetworkModel> models = results
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(Steps.Models);

            // File names only change when a network is added, removed or renamed, so editing a layer re-emits one file.
            IncrementalValueProvider<EquatableArray<GeneratedFile>> fileNames = models
                .Select(static (model, _) => GeneratedFile.For(model))
                .Collect()
                .Select(static (files, _) => files.ToEquatableArray())
                .WithTrackingName(Steps.FileNames);

            // SaveWeights and LoadWeights call NetGen.Runtime, so they are generated only when it is referenced.
            IncrementalValueProvider<bool> runtimeReferenced = context.CompilationProvider
                .Select(static (compilation, _) => compilation.GetTypeByMetadataName("NetGen.NumPy.NpyFile") is not null);

            context.RegisterSourceOutput(
                models.Combine(fileNames).Combine(runtimeReferenced).WithTrackingName(Steps.Emit),
                static (output, input) => EmitNetwork(output, input.Left.Left, input.Left.Right, input.Right));
        }

        private static void EmitNetwork(
            SourceProductionContext output, NetworkModel model, EquatableArray<GeneratedFile> allFiles, bool runtimeReferenced)
        {
            string source;
            try
            {
                source = NetworkEmitter.Emit(model, runtimeReferenced);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The model holds no location; the message names the class instead.
                output.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.InternalError, Location.None,
                    GeneratedFile.For(model).TypeName, exception.GetType().Name, exception.Message));
                return;
            }
            output.AddSource(GeneratedFile.UniqueHintName(GeneratedFile.For(model), allFiles), source);
        }

        /// <summary>
        /// The file one network is generated into. Hint names must be unique ignoring case and may only contain
        /// some characters; a clash (classes <c>Net</c> and <c>net</c> in one namespace) or a character such as
        /// <c>&lt;</c> would otherwise make the compiler drop every generated file.
        /// </summary>
        /// <param name="TypeName">The network's full name, containing types joined by <c>+</c>: <c>Ns.Outer+Net</c>.</param>
        /// <param name="HintName">The file name NetGen would like, before making it unique.</param>
        internal sealed record GeneratedFile(string TypeName, string HintName)
        {
            public static GeneratedFile For(NetworkModel model)
            {
                var typeName = new StringBuilder();
                if (model.Namespace is not null)
                {
                    typeName.Append(model.Namespace).Append('.');
                }
                foreach (ContainingTypeModel container in model.ContainingTypes)
                {
                    typeName.Append(container.Name).Append('+');
                }
                typeName.Append(model.ClassName);
                return new GeneratedFile(typeName.ToString(), FileNameOf(model.HintName));
            }

            /// <summary>
            /// A hint name the compiler accepts: <c>Outer&lt;T&gt;</c> becomes <c>Outer{T}</c>, the <c>@</c> of an escaped
            /// keyword is dropped, and any other character outside letters, digits and <c>. _ , { }</c> becomes <c>_</c>.
            /// </summary>
            private static string FileNameOf(string hintName)
            {
                var name = new StringBuilder(hintName.Length);
                foreach (char c in hintName)
                {
                    if (c == '@')
                    {
                        continue;
                    }
                    name.Append(
                        c == '<' ? '{'
                        : c == '>' ? '}'
                        : char.IsLetterOrDigit(c) || c is '.' or '_' or ',' or ' ' or '{' or '}' ? c
                        : '_');
                }
                return name.ToString();
            }

            /// <summary>The file's hint name, numbered (<c>N.Net.2.g.cs</c>) when another network's differs only in case.</summary>
            public static string UniqueHintName(GeneratedFile file, IEnumerable<GeneratedFile> allFiles)
            {
                List<string> sameName = allFiles
                    .Where(other => string.Equals(other.HintName, file.HintName, StringComparison.OrdinalIgnoreCase))
                    .Select(other => other.TypeName)
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(typeName => typeName, StringComparer.Ordinal)
                    .ToList();
                int position = sameName.IndexOf(file.TypeName);
                if (position <= 0)
                {
                    return file.HintName;
                }
                const string Extension = ".g.cs";
                string stem = file.HintName.EndsWith(Extension, StringComparison.Ordinal)
                    ? file.HintName.Substring(0, file.HintName.Length - Extension.Length)
                    : file.HintName;
                return stem + "." + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + Extension;
            }
        }
    }
}
