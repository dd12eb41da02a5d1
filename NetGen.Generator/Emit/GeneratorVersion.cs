using System.Reflection;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// The version written into every <c>[GeneratedCode]</c> attribute: the generator assembly's own informational
    /// version (set once, as <c>VersionPrefix</c> in Directory.Build.props), without the source-revision suffix.
    /// </summary>
    internal static class GeneratorVersion
    {
        public static readonly string Value = Read();

        /// <summary>The attribute NetGen puts on every generated member.</summary>
        public static readonly string GeneratedCodeAttribute =
            "[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen\", \"" + Value + "\")]";

        private static string Read()
        {
            string? version = typeof(GeneratorVersion).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (string.IsNullOrEmpty(version))
            {
                return typeof(GeneratorVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            }
            int plus = version!.IndexOf('+');
            return plus < 0 ? version : version.Substring(0, plus);
        }
    }
}
