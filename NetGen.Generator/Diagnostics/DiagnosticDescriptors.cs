using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Diagnostics
{
    /// <summary>
    /// Every mistake NetGen reports, one descriptor each. Messages name the numbers and layers involved and say
    /// what to change, so that the fix is obvious from the error list alone. Each ID has a row in
    /// AnalyzerReleases.Unshipped.md, an example and a section in docs/diagnostics.md (its help link), and, where the
    /// repair is mechanical, a code fix in NetGen.CodeFixers.
    /// </summary>
    /// <remarks>
    /// Layers are numbered from 1 in declaration order, counting every layer attribute ([Dense] and [ReLU]),
    /// which is also how the generated code names their outputs (<c>Y1</c>, <c>Y2</c>, ...).
    /// </remarks>
    internal static class DiagnosticDescriptors
    {
        /// <summary>
        /// The category of every NetGen rule. It never changes, because users refer to it to set all NetGen rules at
        /// once (<c>dotnet_analyzer_diagnostic.category-NetGen.severity</c> in .editorconfig).
        /// </summary>
        public const string Category = "NetGen";

        /// <summary>The project's repository: the one place its address is written.</summary>
        public const string RepositoryUrl = "https://github.com/netgen-dev/netgen";

        /// <summary>The page that documents every diagnostic, with one section (<c>### NG0001</c>) per ID.</summary>
        public const string DocumentationUrl = RepositoryUrl + "/blob/main/docs/diagnostics.md";

        /// <summary>The help link of a diagnostic: its section of <see cref="DocumentationUrl"/>, e.g. <c>…/diagnostics.md#ng0001</c>.</summary>
        public static string HelpLink(string id) => DocumentationUrl + "#" + id.ToLowerInvariant();

        /// <summary>{0} class name.</summary>
        public static readonly DiagnosticDescriptor NotPartial = Error(
            "NG0001", "Network class must be partial",
            "The network class '{0}' must be declared 'partial', because NetGen adds its weights, Forward and Backward in a second part of the class; write 'partial class {0}'");

        /// <summary>{0} layer number, {1} layer, {2} its inputs, {3} previous layer number, {4} previous layer, {5} its outputs, {6} a fix.</summary>
        public static readonly DiagnosticDescriptor ShapeMismatch = Error(
            "NG0002", "Layer sizes do not chain",
            "Layer {0}, {1}, expects {2} inputs, but layer {3}, {4}, produces {5} outputs; make the sizes match, e.g. {6}");

        /// <summary>{0} layer number, {1} layer, {2} the size, {3} "inputs" or "outputs".</summary>
        public static readonly DiagnosticDescriptor NonPositiveSize = Error(
            "NG0003", "Layer size must be positive",
            "Layer {0}, {1}, has {2} {3}; a layer needs at least 1 input and 1 output");

        /// <summary>{0} class name.</summary>
        public static readonly DiagnosticDescriptor NoLayers = Error(
            "NG0004", "Network has no Dense layer",
            "The network '{0}' has no Dense layer; add at least one, e.g. [Dense(4, 3)], between [Network] and the loss");

        /// <summary>{0} class name.</summary>
        public static readonly DiagnosticDescriptor NoLoss = Error(
            "NG0005", "Network has no loss",
            "The network '{0}' has no loss; add [SquaredErrorLoss] or [SoftmaxCrossEntropyLoss] after its last layer");

        /// <summary>{0} class name, {1} this loss, {2} the first loss.</summary>
        public static readonly DiagnosticDescriptor SeveralLosses = Error(
            "NG0006", "Network has more than one loss",
            "The network '{0}' declares a second loss, {1}, after {2}; a network has exactly one loss, so remove one of them");

        /// <summary>{0} the loss, {1} number of the layer after it, {2} that layer.</summary>
        public static readonly DiagnosticDescriptor LossNotLast = Error(
            "NG0007", "Loss must be the last layer attribute",
            "The loss {0} must come after every layer, but layer {1}, {2}, follows it; move {0} to the end");

        /// <summary>{0} class name, {1} what was found ("no BatchSize" or "BatchSize = 0").</summary>
        public static readonly DiagnosticDescriptor BadBatchSize = Error(
            "NG0008", "BatchSize must be set and positive",
            "The network '{0}' has {1}; BatchSize is the number of examples one call processes and must be at least 1, e.g. [Network(BatchSize = 64)]");

        /// <summary>{0} layer number, {1} the activation, {2} why it cannot stand there and what to do.</summary>
        public static readonly DiagnosticDescriptor MisplacedActivation = Error(
            "NG0009", "Activation is misplaced",
            "Layer {0}, {1}, {2}");

        /// <summary>{0} what is too large, {1} how much it needs, {2} the limit.</summary>
        public static readonly DiagnosticDescriptor TooLarge = Error(
            "NG0010", "Network is too large",
            "{0} needs {1}, more than {2}; use smaller layers or a smaller BatchSize");

        /// <summary>{0} class name, {1} what the type is and why that does not work.</summary>
        public static readonly DiagnosticDescriptor UnsupportedTypeShape = Error(
            "NG0011", "Unsupported network type",
            "The network '{0}' is {1}; declare it as a non-generic, non-static 'partial class'");

        /// <summary>{0} class name, {1} containing type, {2} what is wrong with it.</summary>
        public static readonly DiagnosticDescriptor ContainerNotPartial = Error(
            "NG0012", "Containing type must be partial",
            "The network '{0}' is nested in '{1}', which {2}; the generated code reopens every type that contains the network, so declare '{1}' 'partial' and not 'file'");

        /// <summary>{0} class name, {1} member name.</summary>
        public static readonly DiagnosticDescriptor MemberCollision = Error(
            "NG0013", "Member name is generated by NetGen",
            "The network '{0}' declares a member named '{1}', but NetGen generates a member with that name; rename yours");

        /// <summary>{0} class name, {1} attributes on this declaration, {2} attributes on the [Network] declaration, {3} where that is.</summary>
        public static readonly DiagnosticDescriptor SplitDeclaration = Error(
            "NG0014", "Network attributes are split across partial declarations",
            "The network '{0}' has {1} on this partial declaration but {2} on another one ({3}); partial declarations have no order, so it is ambiguous whether these come before or after those. Put all NetGen attributes on one declaration.");

        /// <summary>{0} the loss, {1} number of the last layer, {2} the last layer.</summary>
        public static readonly DiagnosticDescriptor SingleOutputCrossEntropy = Error(
            "NG0015", "Cross-entropy needs at least two classes",
            "{0} follows layer {1}, {2}, which has a single output: the softmax of one value is always 1, so the loss is always 0 and nothing is learned; give the last layer one output per class (at least 2), or use [SquaredErrorLoss]");

        /// <summary>{0} the attribute.</summary>
        public static readonly DiagnosticDescriptor UnreadableAttribute = Error(
            "NG0016", "Attribute arguments cannot be read",
            "NetGen cannot read the arguments of {0}; fix the compiler error on it so that every argument is a constant of the right type");

        /// <summary>{0} class name.</summary>
        public static readonly DiagnosticDescriptor DuplicateNetwork = Error(
            "NG0017", "Network attribute appears twice",
            "The class '{0}' has a second [Network] attribute; a network has exactly one, so remove this one");

        /// <summary>{0} class name, {1} its layer attributes.</summary>
        public static readonly DiagnosticDescriptor LayersWithoutNetwork = Error(
            "NG0018", "Layer attributes without [Network]",
            "The class '{0}' has {1} but no [Network], so NetGen generates nothing for it; add [Network(BatchSize = 64)], with your batch size, before the layers");

        /// <summary>{0} class name, {1} member name, {2} base type.</summary>
        public static readonly DiagnosticDescriptor InheritedMemberCollision = Error(
            "NG0019", "Generated member would hide an inherited member",
            "The network '{0}' inherits a member named '{1}' from '{2}', and the member '{1}' that NetGen generates would hide it; rename the inherited member or derive from another type");

        /// <summary>{0} class name.</summary>
        public static readonly DiagnosticDescriptor ClassNameCollision = Error(
            "NG0020", "Network class has the name of a generated member",
            "The network class '{0}' has the name of a member NetGen generates in it, and C# does not allow a member to share its class's name; rename the class");

        /// <summary>{0} class name, {1} the precision value.</summary>
        public static readonly DiagnosticDescriptor UnknownPrecision = Error(
            "NG0021", "Unknown precision",
            "The network '{0}' has Precision = {1}, which is not a precision NetGen knows; use Precision.Double or Precision.Single");

        /// <summary>{0} class name, {1} the thread count, {2} the largest allowed.</summary>
        public static readonly DiagnosticDescriptor BadThreads = Error(
            "NG0022", "Thread count out of range",
            "The network '{0}' has Threads = {1}, but Threads must be between 1 and {2} (at most BatchSize, and at most 64): each thread takes at least one row of the batch");

        /// <summary>{0} class name, {1} the type that hides, {2} the type the generated code needs.</summary>
        public static readonly DiagnosticDescriptor HiddenSystemType = Error(
            "NG0023", "A type hides one the generated code uses",
            "The network '{0}' sees '{1}' where its generated code needs '{2}'; rename '{1}' or declare the network in another namespace");

        /// <summary>{0} class name, {1} the optimizer attribute, {2} the argument's name, {3} its value, {4} what it must be.</summary>
        public static readonly DiagnosticDescriptor OptimizerArgumentOutOfRange = Error(
            "NG0030", "Optimizer argument out of range",
            "The network '{0}' declares {1} with {2} = {3}, but {2} must be {4}");

        /// <summary>{0} class name, {1} the extra optimizer attribute, {2} the first optimizer attribute.</summary>
        public static readonly DiagnosticDescriptor SeveralOptimizers = Error(
            "NG0031", "Network has more than one optimizer",
            "The network '{0}' declares {1} after {2}, but a network is trained by one optimizer; keep only one of [Sgd], [Momentum], [Adam] and [AdamW]");

        /// <summary>{0} layer number, {1} the dropout, {2} its probability.</summary>
        public static readonly DiagnosticDescriptor DropoutProbabilityOutOfRange = Error(
            "NG0040", "Dropout probability out of range",
            "Layer {0}, {1}, drops with probability {2}, but a dropout probability must be a number in [0, 1), such as 0.5: at 1 every value is dropped and the kept ones would be scaled by 1 / 0");

        /// <summary>{0} layer number, {1} the dropout, {2} why it cannot stand there and what to do.</summary>
        public static readonly DiagnosticDescriptor MisplacedDropout = Error(
            "NG0041", "Dropout is misplaced",
            "Layer {0}, {1}, {2}");

        /// <summary>{0} the loss, {1} the reduction value.</summary>
        public static readonly DiagnosticDescriptor UnknownReduction = Error(
            "NG0042", "Unknown loss reduction",
            "The loss {0} has Reduction = {1}, which is not a reduction NetGen knows; use Reduction.Sum or Reduction.Mean");

        /// <summary>{0} class name, {1} exception type, {2} exception message.</summary>
        public static readonly DiagnosticDescriptor InternalError = Error(
            "NG0099", "NetGen failed on this declaration",
            "NetGen failed on '{0}' with {1}: {2}. This is a bug in NetGen; please report it together with this declaration.");

        private static readonly Dictionary<string, DiagnosticDescriptor> AllById = Index(
            NotPartial, ShapeMismatch, NonPositiveSize, NoLayers, NoLoss, SeveralLosses, LossNotLast, BadBatchSize,
            MisplacedActivation, TooLarge, UnsupportedTypeShape, ContainerNotPartial, MemberCollision, SplitDeclaration,
            SingleOutputCrossEntropy, UnreadableAttribute, DuplicateNetwork, LayersWithoutNetwork, InheritedMemberCollision,
            ClassNameCollision, UnknownPrecision, BadThreads, HiddenSystemType, OptimizerArgumentOutOfRange, SeveralOptimizers,
            DropoutProbabilityOutOfRange, MisplacedDropout, UnknownReduction, InternalError);

        public static IEnumerable<DiagnosticDescriptor> All => AllById.Values;

        public static DiagnosticDescriptor ById(string id) =>
            AllById.TryGetValue(id, out DiagnosticDescriptor? descriptor)
                ? descriptor
                : throw new ArgumentException($"Unknown NetGen diagnostic ID '{id}'.", nameof(id));

        private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
        {
            var index = new Dictionary<string, DiagnosticDescriptor>();
            foreach (DiagnosticDescriptor descriptor in descriptors)
            {
                index.Add(descriptor.Id, descriptor);
            }
            return index;
        }

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
    }
}
