namespace NetGen.Generator.Diagnostics
{
    /// <summary>
    /// The keys of the properties some NetGen diagnostics carry for their code fixes. This file is compiled into the
    /// generator, which sets them, and into NetGen.CodeFixers, which reads them, so that both spell them alike.
    /// </summary>
    internal static class DiagnosticProperties
    {
        /// <summary>NG0002: the number of outputs of the previous layer, which the Dense layer's inputs should be.</summary>
        public const string ExpectedInputs = "NetGen.ExpectedInputs";

        /// <summary>NG0009: set to <see cref="True"/> when the activation repeats the one before it (and can go).</summary>
        public const string RepeatedActivation = "NetGen.RepeatedActivation";

        /// <summary>The value of a property that is a yes.</summary>
        public const string True = "true";
    }
}
