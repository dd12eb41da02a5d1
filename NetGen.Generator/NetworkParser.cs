using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator
{
    /// <summary>
    /// Turns one <c>[Network]</c> declaration into a <see cref="NetworkModel"/>, or into diagnostics that say what is
    /// wrong with it. Reads the NetGen attributes in source order and reports every mistake it can find at the
    /// attribute, argument or declaration that causes it. Never throws: an unexpected failure becomes NG0099.
    /// </summary>
    internal static partial class NetworkParser
    {
        public const string NetworkAttributeName = "NetGen.NetworkAttribute";

        /// <summary>The most threads a network's TrainStep may run on (<c>[Network(Threads = …)]</c>).</summary>
        private const int MaxThreads = 64;

        /// <summary>Bytes of buffers one network may allocate: parameters, gradients and activations together.</summary>
        public const long MaxNetworkBytes = 2L * 1024 * 1024 * 1024;

        /// <summary>The largest number of elements a .NET array may hold; every buffer is indexed with an <c>int</c>.</summary>
        public const long MaxBufferElements = 0x7FFFFFC7;

        private static readonly Dictionary<string, AttributeRole> Roles = new()
        {
            ["NetworkAttribute"] = AttributeRole.Network,
            ["DenseAttribute"] = AttributeRole.Dense,
            ["ReLUAttribute"] = AttributeRole.ReLU,
            ["SigmoidAttribute"] = AttributeRole.Sigmoid,
            ["TanhAttribute"] = AttributeRole.Tanh,
            ["LeakyReLUAttribute"] = AttributeRole.LeakyReLU,
            ["SgdAttribute"] = AttributeRole.Sgd,
            ["MomentumAttribute"] = AttributeRole.Momentum,
            ["AdamAttribute"] = AttributeRole.Adam,
            ["AdamWAttribute"] = AttributeRole.AdamW,
            ["DropoutAttribute"] = AttributeRole.Dropout,
            ["SquaredErrorLossAttribute"] = AttributeRole.SquaredErrorLoss,
            ["SoftmaxCrossEntropyLossAttribute"] = AttributeRole.SoftmaxCrossEntropyLoss,
        };

        private enum AttributeRole
        {
            Network,
            Dense,
            ReLU,
            Sigmoid,
            Tanh,
            LeakyReLU,
            Sgd,
            Momentum,
            Adam,
            AdamW,
            Dropout,
            SquaredErrorLoss,
            SoftmaxCrossEntropyLoss,
        }

        /// <summary>One NetGen attribute on the class, with the syntax it was written as (for locations).</summary>
        private sealed class NetGenAttribute
        {
            public NetGenAttribute(AttributeData data, AttributeRole role, AttributeSyntax? syntax)
            {
                Data = data;
                Role = role;
                Syntax = syntax;
            }

            public AttributeData Data { get; }

            public AttributeRole Role { get; }

            public AttributeSyntax? Syntax { get; }

            public bool IsLoss => Role is AttributeRole.SquaredErrorLoss or AttributeRole.SoftmaxCrossEntropyLoss;

            public bool IsLayer => Role is AttributeRole.Dense or AttributeRole.ReLU or AttributeRole.Sigmoid or AttributeRole.Tanh or AttributeRole.LeakyReLU or AttributeRole.Dropout;

            public bool IsOptimizer => Role is AttributeRole.Sgd or AttributeRole.Momentum or AttributeRole.Adam or AttributeRole.AdamW;

            public Location? Location => Syntax?.GetLocation();

            /// <summary>The attribute as a student wrote it: <c>[Dense(784, 100)]</c>, <c>[ReLU]</c>, <c>[Network(BatchSize = 64)]</c>.</summary>
            public override string ToString() => "[" + Describe(this) + "]";
        }

        /// <summary>A Dense layer's constructor arguments and Bias, when they are constants.</summary>
        private readonly struct DenseArguments
        {
            public DenseArguments(int inputs, int outputs, bool bias)
            {
                Inputs = inputs;
                Outputs = outputs;
                Bias = bias;
            }

            public int Inputs { get; }

            public int Outputs { get; }

            public bool Bias { get; }
        }

        /// <summary>
        /// A declaration of a class that may be a network: the syntax, its symbol, and the semantic model of its tree.
        /// The generator makes one from its attribute pipeline, the analyzer from a syntax node action.
        /// </summary>
        internal readonly struct Declaration
        {
            public Declaration(TypeDeclarationSyntax node, INamedTypeSymbol symbol, SemanticModel semanticModel)
            {
                Node = node;
                Symbol = symbol;
                SemanticModel = semanticModel;
            }

            public TypeDeclarationSyntax Node { get; }

            public INamedTypeSymbol Symbol { get; }

            public SemanticModel SemanticModel { get; }
        }

        // ---- Entry points: the generator's and the analyzer's. ----

        /// <summary>
        /// The generator's entry: the model of the class that carries <c>[Network]</c>, or null when the declaration has
        /// any mistake (<see cref="NetworkAnalyzer"/> reports them) or this declaration does not speak for the class.
        /// </summary>
        public static NetworkModel? ParseModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol symbol || context.TargetNode is not TypeDeclarationSyntax node)
            {
                return null;
            }
            var diagnostics = new List<Diagnostic>();
            try
            {
                NetworkModel? model = ParseNetwork(new Declaration(node, symbol, context.SemanticModel), diagnostics, cancellationToken);
                return diagnostics.Count == 0 ? model : null;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The analyzer meets the same exception on the same declaration and reports it as NG0099.
                return null;
            }
        }

        /// <summary>
        /// The analyzer's entry: every mistake in one type declaration. For a declaration with <c>[Network]</c> these
        /// are the mistakes that keep the generator from generating it (the same parse decides both); for a class with
        /// layer or loss attributes but no <c>[Network]</c>, NG0018. An unexpected failure becomes NG0099.
        /// </summary>
        public static void Analyze(Declaration declaration, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var found = new List<Diagnostic>();
            try
            {
                if (HasNetworkAttribute(declaration))
                {
                    ParseNetwork(declaration, found, cancellationToken);
                }
                else
                {
                    ParseLayersWithoutNetwork(declaration, found, cancellationToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                found.Clear();
                found.Add(Report(
                    DiagnosticDescriptors.InternalError, declaration.Node.Identifier.GetLocation(),
                    declaration.Symbol.Name, exception.GetType().Name, exception.Message));
            }
            diagnostics.AddRange(found);
        }

        /// <summary>Whether <c>[Network]</c> is written on this declaration (as the generator's attribute pipeline sees it).</summary>
        private static bool HasNetworkAttribute(Declaration declaration)
        {
            foreach (AttributeData attribute in declaration.Symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "NetworkAttribute", ContainingNamespace: { Name: "NetGen", ContainingNamespace.IsGlobalNamespace: true } }
                    && attribute.ApplicationSyntaxReference is { } reference
                    && reference.SyntaxTree == declaration.Node.SyntaxTree
                    && declaration.Node.Span.Contains(reference.Span))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// Reports NG0018 for a class that has layer or loss attributes but no <c>[Network]</c>, on the declaration that
        /// holds the first of them, so that the class is reported once.
        /// </summary>
        private static void ParseLayersWithoutNetwork(Declaration declaration, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            if (declaration.Symbol is not { TypeKind: TypeKind.Class } symbol
                || declaration.Node is not (ClassDeclarationSyntax or RecordDeclarationSyntax))
            {
                return;
            }
            List<NetGenAttribute> attributes = ReadAttributes(symbol, cancellationToken);
            if (attributes.Count == 0 || attributes.Any(a => a.Role == AttributeRole.Network))
            {
                return;
            }
            NetGenAttribute first = attributes[0];
            if (first.Syntax is not { } syntax || !IsWithin(syntax, declaration.Node))
            {
                return;
            }
            diagnostics.Add(Report(
                DiagnosticDescriptors.LayersWithoutNetwork, declaration.Node.Identifier.GetLocation(),
                symbol.Name, List(attributes)));
        }

        // ---- The network declaration. ----

        private static NetworkModel? ParseNetwork(
            Declaration context, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            INamedTypeSymbol symbol = context.Symbol;
            TypeDeclarationSyntax node = context.Node;
            List<NetGenAttribute> attributes = ReadAttributes(symbol, cancellationToken);

            // A class with [Network] on several partial declarations is seen once per declaration; the first of them
            // speaks for the class, so that it is reported and generated once.
            if (!IsFirstDeclarationWithNetwork(symbol, node, attributes, cancellationToken))
            {
                return null;
            }
            if (!CheckTypeShape(symbol, node, diagnostics)
                || !CheckSingleDeclaration(symbol, node, attributes, diagnostics, cancellationToken))
            {
                return null;
            }

            NetGenAttribute network = attributes.First(a => a.Role == AttributeRole.Network);
            foreach (NetGenAttribute duplicate in attributes.Where(a => a.Role == AttributeRole.Network).Skip(1))
            {
                diagnostics.Add(Report(DiagnosticDescriptors.DuplicateNetwork, duplicate.Location, symbol.Name));
            }
            bool settingsRead = TryReadNetwork(symbol.Name, network, diagnostics, out int? batchSize, out ElementType elementType, out int threads);
            OptimizerModel optimizer = ReadOptimizer(symbol.Name, attributes, diagnostics);

            var layers = new List<LayerModel>();
            var layerAttributes = new List<NetGenAttribute>();
            var outputsKnown = new List<bool>();
            NetGenAttribute? loss = null;
            bool lossNotLastReported = false;
            int denseCount = 0;

            foreach (NetGenAttribute attribute in attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (attribute.Role == AttributeRole.Network || attribute.IsOptimizer)
                {
                    continue;
                }

                int index = layers.Count + 1;
                if (attribute.IsLayer && loss is not null && !lossNotLastReported)
                {
                    // The code fix moves the loss after the last layer, which it finds at the additional location.
                    Location? lastLayer = attributes.Last(a => a.IsLayer).Location;
                    diagnostics.Add(Diagnostic.Create(
                        DiagnosticDescriptors.LossNotLast, loss.Location ?? Location.None,
                        lastLayer is null ? null : new[] { lastLayer }, null,
                        loss.ToString(), Number(index), attribute.ToString()));
                    lossNotLastReported = true;
                }

                LayerModel? previous = layers.Count > 0 ? layers[layers.Count - 1] : null;
                bool previousKnown = previous is not null && outputsKnown[outputsKnown.Count - 1];
                switch (attribute.Role)
                {
                    case AttributeRole.Dense:
                    {
                        denseCount++;
                        if (!TryReadDense(attribute.Data, out DenseArguments dense))
                        {
                            diagnostics.Add(Report(DiagnosticDescriptors.UnreadableAttribute, attribute.Location, attribute.ToString()));
                            layers.Add(new LayerModel(LayerKind.Dense, index, denseCount, 0, 0, false));
                            layerAttributes.Add(attribute);
                            outputsKnown.Add(false);
                            break;
                        }
                        if (dense.Inputs <= 0)
                        {
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.NonPositiveSize, ConstructorArgumentLocation(attribute, 0, "inputs"),
                                Number(index), attribute.ToString(), Number(dense.Inputs), "inputs"));
                        }
                        if (dense.Outputs <= 0)
                        {
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.NonPositiveSize, ConstructorArgumentLocation(attribute, 1, "outputs"),
                                Number(index), attribute.ToString(), Number(dense.Outputs), "outputs"));
                        }
                        if (previousKnown && dense.Inputs > 0 && previous!.Outputs != dense.Inputs)
                        {
                            NetGenAttribute previousAttribute = layerAttributes[layerAttributes.Count - 1];
                            string previousText = previous.Kind == LayerKind.Dense
                                ? previousAttribute.ToString()
                                : previousAttribute + " after " + SourceOfSize(layers, layerAttributes);
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.ShapeMismatch, ConstructorArgumentLocation(attribute, 0, "inputs"),
                                ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.ExpectedInputs, Number(previous.Outputs)),
                                Number(index), attribute.ToString(), Number(dense.Inputs),
                                Number(previous.Index), previousText, Number(previous.Outputs),
                                "[" + DescribeDense(previous.Outputs, dense.Outputs, dense.Bias) + "]"));
                        }
                        layers.Add(new LayerModel(LayerKind.Dense, index, denseCount, dense.Inputs, dense.Outputs, dense.Bias));
                        layerAttributes.Add(attribute);
                        outputsKnown.Add(dense.Outputs > 0);
                        break;
                    }
                    case AttributeRole.ReLU:
                    case AttributeRole.Sigmoid:
                    case AttributeRole.Tanh:
                    case AttributeRole.LeakyReLU:
                    {
                        LayerKind kind = ActivationKind(attribute.Role);
                        double alpha = attribute.Role == AttributeRole.LeakyReLU ? ReadLeakyReLUAlpha(attribute.Data) : 0;
                        if (previous is null)
                        {
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.MisplacedActivation, attribute.Location, Number(index), attribute.ToString(),
                                "comes before any Dense layer, so it has no input to act on; put an activation after a Dense layer"));
                            layers.Add(new LayerModel(kind, index, 0, 0, 0, false) { Alpha = alpha });
                            layerAttributes.Add(attribute);
                            outputsKnown.Add(false);
                            break;
                        }
                        if (kind == LayerKind.ReLU && previous.Kind == LayerKind.ReLU)
                        {
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.MisplacedActivation, attribute.Location,
                                ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.RepeatedActivation, DiagnosticProperties.True),
                                Number(index), attribute.ToString(),
                                $"directly follows layer {Number(previous.Index)}, another [ReLU]; ReLU(ReLU(y)) is ReLU(y), so remove one of them"));
                        }
                        layers.Add(new LayerModel(kind, index, 0, previous.Outputs, previous.Outputs, false) { Alpha = alpha });
                        layerAttributes.Add(attribute);
                        outputsKnown.Add(previousKnown);
                        break;
                    }
                    case AttributeRole.Dropout:
                        AddDropout(attribute, index, previous, previousKnown, layers, layerAttributes, outputsKnown, diagnostics);
                        break;
                    default:
                    {
                        if (loss is not null)
                        {
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.SeveralLosses, attribute.Location, symbol.Name, attribute.ToString(), loss.ToString()));
                            break;
                        }
                        loss = attribute;
                        break;
                    }
                }
            }

            if (settingsRead && batchSize is null)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.BadBatchSize, network.Location, symbol.Name, "no BatchSize"));
            }
            else if (settingsRead && batchSize <= 0)
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.BadBatchSize, NamedArgumentLocation(network, "BatchSize"),
                    symbol.Name, "BatchSize = " + Number(batchSize.Value)));
            }
            else if (settingsRead && (threads < 1 || threads > Math.Min(batchSize!.Value, MaxThreads)))
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.BadThreads, NamedArgumentLocation(network, "Threads"),
                    symbol.Name, Number(threads), Number(Math.Min(batchSize!.Value, MaxThreads))));
            }
            if (!lossNotLastReported)
            {
                CheckDropoutBeforeLoss(layers, layerAttributes, diagnostics);
            }
            LossReduction reduction = loss is null ? LossReduction.Sum : ReadReduction(loss, diagnostics);
            if (denseCount == 0)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.NoLayers, node.Identifier.GetLocation(), symbol.Name));
            }
            if (loss is null)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.NoLoss, node.Identifier.GetLocation(), symbol.Name));
            }
            else if (loss.Role == AttributeRole.SoftmaxCrossEntropyLoss
                && layers.Count > 0 && outputsKnown[layers.Count - 1] && layers[layers.Count - 1].Outputs == 1)
            {
                LayerModel last = layers[layers.Count - 1];
                diagnostics.Add(Report(
                    DiagnosticDescriptors.SingleOutputCrossEntropy, loss.Location,
                    loss.ToString(), Number(last.Index), layerAttributes[last.Index - 1].ToString()));
            }
            CheckGeneratedNames(context, symbol, node, layers, diagnostics, cancellationToken);
            CheckHiddenTypes(context, symbol, node, diagnostics);
            if (diagnostics.Count > 0)
            {
                return null;
            }

            CheckMemory(symbol.Name, network, batchSize!.Value, elementType, optimizer, layers, layerAttributes, diagnostics);
            if (diagnostics.Count > 0)
            {
                return null;
            }

            return new NetworkModel(
                Namespace(symbol),
                ContainingTypes(symbol),
                Identifier(symbol.Name),
                SyntaxFacts.GetText(symbol.DeclaredAccessibility),
                batchSize.Value,
                elementType,
                layers.ToEquatableArray(),
                loss!.Role == AttributeRole.SquaredErrorLoss ? LossKind.SquaredError : LossKind.SoftmaxCrossEntropy)
            {
                Optimizer = optimizer,
                Threads = threads,
                Reduction = reduction,
            };
        }

        private static List<NetGenAttribute> ReadAttributes(INamedTypeSymbol symbol, CancellationToken cancellationToken)
        {
            var result = new List<NetGenAttribute>();
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                INamedTypeSymbol? type = attribute.AttributeClass;
                if (type is null
                    || type.ContainingNamespace is not { Name: "NetGen", ContainingNamespace.IsGlobalNamespace: true }
                    || !Roles.TryGetValue(type.Name, out AttributeRole role))
                {
                    continue;
                }
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                result.Add(new NetGenAttribute(attribute, role, syntax));
            }
            return result;
        }

        private static bool IsFirstDeclarationWithNetwork(
            INamedTypeSymbol symbol, TypeDeclarationSyntax node, List<NetGenAttribute> attributes, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax(cancellationToken);
                if (attributes.Any(a => a.Role == AttributeRole.Network && a.Syntax is not null && IsWithin(a.Syntax, declaration)))
                {
                    return declaration.SyntaxTree == node.SyntaxTree && declaration.Span == node.Span;
                }
            }
            return false;
        }

        private static bool IsWithin(SyntaxNode inner, SyntaxNode outer) =>
            inner.SyntaxTree == outer.SyntaxTree && outer.Span.Contains(inner.Span);

        // ---- The shape of the class and where its attributes are. ----

        private static bool CheckTypeShape(INamedTypeSymbol symbol, TypeDeclarationSyntax node, List<Diagnostic> diagnostics)
        {
            string? problem = node switch
            {
                RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) =>
                    "a record struct (a network owns large buffers that must not be copied, and NetGen attributes apply to classes only)",
                RecordDeclarationSyntax =>
                    "a record (records compare by value and are meant to be immutable, but a network's weights change as it trains)",
                StructDeclarationSyntax =>
                    "a struct (a network owns large buffers that must not be copied, and NetGen attributes apply to classes only)",
                InterfaceDeclarationSyntax =>
                    "an interface (an interface cannot hold the weights)",
                _ when symbol.IsStatic =>
                    "static (a network is an object that owns its weights)",
                _ when symbol.TypeParameters.Length > 0 =>
                    "generic (its sizes are fixed by its attributes, so there is nothing for a type parameter to vary)",
                _ when symbol.IsFileLocal =>
                    "file-local (its generated part lives in another file, which cannot see a file-local class)",
                _ => null,
            };
            Location classLocation = node.Identifier.GetLocation();
            if (problem is not null)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.UnsupportedTypeShape, classLocation, symbol.Name, problem));
                return false;
            }

            if (!node.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(Report(DiagnosticDescriptors.NotPartial, classLocation, symbol.Name));
                return false;
            }

            bool containersFit = true;
            INamedTypeSymbol? containerSymbol = symbol.ContainingType;
            for (SyntaxNode? parent = node.Parent; parent is TypeDeclarationSyntax container; parent = parent.Parent)
            {
                string? containerProblem =
                    !container.Modifiers.Any(SyntaxKind.PartialKeyword) ? "is not declared 'partial'"
                    : containerSymbol is { IsFileLocal: true } ? "is file-local"
                    : null;
                if (containerProblem is not null)
                {
                    diagnostics.Add(Report(
                        DiagnosticDescriptors.ContainerNotPartial, container.Identifier.GetLocation(),
                        symbol.Name, container.Identifier.ValueText, containerProblem));
                    containersFit = false;
                }
                containerSymbol = containerSymbol?.ContainingType;
            }
            return containersFit;
        }

        /// <summary>
        /// Layers are read in source order, which only exists within one declaration: NetGen attributes on other
        /// partial declarations of the class (NG0014) are reported there, naming what they would be ordered against.
        /// </summary>
        private static bool CheckSingleDeclaration(
            INamedTypeSymbol symbol, TypeDeclarationSyntax home, List<NetGenAttribute> attributes,
            List<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            List<NetGenAttribute> strays = attributes.Where(a => a.Syntax is not null && !IsWithin(a.Syntax, home)).ToList();
            if (strays.Count == 0)
            {
                return true;
            }
            List<NetGenAttribute> here = attributes.Where(a => a.Syntax is not null && IsWithin(a.Syntax, home)).ToList();
            string homePlace = Place(home.Identifier.GetLocation());
            foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax(cancellationToken);
                List<NetGenAttribute> inDeclaration = strays.Where(a => a.Syntax is not null && IsWithin(a.Syntax, declaration)).ToList();
                if (inDeclaration.Count == 0)
                {
                    continue;
                }
                TextSpan span = TextSpan.FromBounds(inDeclaration[0].Syntax!.Span.Start, inDeclaration[inDeclaration.Count - 1].Syntax!.Span.End);
                diagnostics.Add(Report(
                    DiagnosticDescriptors.SplitDeclaration, Location.Create(declaration.SyntaxTree, span),
                    symbol.Name, List(inDeclaration), List(here), homePlace));
            }
            return false;
        }

        /// <summary>Where a declaration is, for messages: <c>Nets.cs, line 12</c>.</summary>
        private static string Place(Location location)
        {
            FileLinePositionSpan span = location.GetLineSpan();
            string path = span.Path ?? "";
            string file = path.Substring(path.LastIndexOfAny(new[] { '/', '\\' }) + 1);
            string line = "line " + Number(span.StartLinePosition.Line + 1);
            return file.Length == 0 ? line : file + ", " + line;
        }

        // ---- Reading attribute arguments. ----

        private static bool TryReadNetwork(
            string className, NetGenAttribute network, List<Diagnostic> diagnostics, out int? batchSize, out ElementType elementType, out int threads)
        {
            batchSize = null;
            elementType = ElementType.Double;
            threads = 1;
            bool readable = network.Data.AttributeConstructor is not null;
            foreach (KeyValuePair<string, TypedConstant> argument in network.Data.NamedArguments)
            {
                if (argument.Value.Kind == TypedConstantKind.Error || argument.Value.Value is null)
                {
                    readable = false;
                }
                else if (argument.Key == "BatchSize" && argument.Value.Value is int size)
                {
                    batchSize = size;
                }
                else if (argument.Key == "Threads" && argument.Value.Value is int count)
                {
                    threads = count;
                }
                else if (argument.Key == "Precision" && argument.Value.Value is int precision)
                {
                    // The values of NetGen.Precision: Double = 0, Single = 1.
                    if (precision is 0 or 1)
                    {
                        elementType = precision == 0 ? ElementType.Double : ElementType.Single;
                    }
                    else
                    {
                        diagnostics.Add(Report(
                            DiagnosticDescriptors.UnknownPrecision, NamedArgumentLocation(network, "Precision"),
                            className, "(Precision)" + Number(precision)));
                    }
                }
            }
            if (!readable)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.UnreadableAttribute, network.Location, network.ToString()));
            }
            return readable;
        }

        private static bool TryReadDense(AttributeData attribute, out DenseArguments dense)
        {
            dense = default;
            ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
            if (attribute.AttributeConstructor is null
                || arguments.Length != 2
                || arguments[0].Value is not int inputs
                || arguments[1].Value is not int outputs)
            {
                return false;
            }
            bool bias = false;
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Bias")
                {
                    if (argument.Value.Value is not bool value)
                    {
                        return false;
                    }
                    bias = value;
                }
            }
            dense = new DenseArguments(inputs, outputs, bias);
            return true;
        }

        /// <summary>The argument passed to a constructor parameter, by position or by <c>name:</c>; else the attribute.</summary>
        private static Location? ConstructorArgumentLocation(NetGenAttribute attribute, int position, string parameterName)
        {
            SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.Syntax?.ArgumentList?.Arguments ?? default;
            for (int i = 0; i < arguments.Count; i++)
            {
                AttributeArgumentSyntax argument = arguments[i];
                if (argument.NameEquals is not null)
                {
                    continue;
                }
                bool matches = argument.NameColon is { } name
                    ? name.Name.Identifier.ValueText == parameterName
                    : i == position;
                if (matches)
                {
                    return argument.GetLocation();
                }
            }
            return attribute.Location;
        }

        /// <summary>The <c>Name = value</c> argument of an attribute; else the attribute.</summary>
        private static Location? NamedArgumentLocation(NetGenAttribute attribute, string propertyName)
        {
            SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.Syntax?.ArgumentList?.Arguments ?? default;
            foreach (AttributeArgumentSyntax argument in arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == propertyName)
                {
                    return argument.GetLocation();
                }
            }
            return attribute.Location;
        }

        // ---- Names the generated code declares. ----

        /// <summary>
        /// The types the generated code names without qualification (through the file's <c>using</c> directives), by
        /// name and arity, with the type each must be. A type of the same name and arity nested in the network class, its
        /// bases or its containing types, or declared in its namespace or an enclosing one, wins over a using directive,
        /// and the generated code would not compile.
        /// </summary>
        private static readonly (string Name, int Arity, string Expected)[] TypesUsedUnqualified =
        {
            ("Span", 1, "System.Span<T>"),
            ("ReadOnlySpan", 1, "System.ReadOnlySpan<T>"),
            ("ArgumentException", 0, "System.ArgumentException"),
            ("ArgumentOutOfRangeException", 0, "System.ArgumentOutOfRangeException"),
            ("ArgumentNullException", 0, "System.ArgumentNullException"),
            ("MemoryMarshal", 0, "System.Runtime.InteropServices.MemoryMarshal"),
            ("Unsafe", 0, "System.Runtime.CompilerServices.Unsafe"),
            ("MethodImpl", 0, "System.Runtime.CompilerServices.MethodImplAttribute"),
            ("MethodImplAttribute", 0, "System.Runtime.CompilerServices.MethodImplAttribute"),
            ("MethodImplOptions", 0, "System.Runtime.CompilerServices.MethodImplOptions"),
            ("Vector512", 0, "System.Runtime.Intrinsics.Vector512"),
            ("Vector512", 1, "System.Runtime.Intrinsics.Vector512<T>"),
            ("Vector256", 0, "System.Runtime.Intrinsics.Vector256"),
            ("Vector256", 1, "System.Runtime.Intrinsics.Vector256<T>"),
            ("Vector128", 0, "System.Runtime.Intrinsics.Vector128"),
            ("Vector128", 1, "System.Runtime.Intrinsics.Vector128<T>"),
            ("Avx512F", 0, "System.Runtime.Intrinsics.X86.Avx512F"),
            ("Fma", 0, "System.Runtime.Intrinsics.X86.Fma"),
        };

        private static void CheckHiddenTypes(
            Declaration context, INamedTypeSymbol symbol, TypeDeclarationSyntax node, List<Diagnostic> diagnostics)
        {
            Compilation compilation = context.SemanticModel.Compilation;
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach ((string name, int arity, string expected) in TypesUsedUnqualified)
            {
                ISymbol? hider = FindHider(compilation, symbol, name, arity, expected);
                if (hider is not null && reported.Add(name))
                {
                    diagnostics.Add(Report(
                        DiagnosticDescriptors.HiddenSystemType, node.Identifier.GetLocation(),
                        symbol.Name, hider.ToDisplayString(), expected));
                }
            }
        }

        /// <summary>The first type or namespace C#'s name lookup would find for <paramref name="name"/> from inside the network class before the generated file's using directives, if it is not <paramref name="expected"/>.</summary>
        private static ISymbol? FindHider(Compilation compilation, INamedTypeSymbol network, string name, int arity, string expected)
        {
            for (INamedTypeSymbol? type = network; type is not null; type = type.ContainingType)
            {
                for (INamedTypeSymbol? level = type; level is not null; level = level.BaseType)
                {
                    foreach (INamedTypeSymbol nested in level.GetTypeMembers(name, arity))
                    {
                        if (compilation.IsSymbolAccessibleWithin(nested, network))
                        {
                            return nested;
                        }
                    }
                }
            }
            for (INamespaceSymbol? space = network.ContainingNamespace; space is not null; space = space.ContainingNamespace)
            {
                foreach (ISymbol member in space.GetMembers(name))
                {
                    if (member is INamespaceSymbol)
                    {
                        return member;
                    }
                    if (member is INamedTypeSymbol found && found.Arity == arity)
                    {
                        return found.OriginalDefinition.ToDisplayString() == expected ? null : found;
                    }
                }
            }
            return null;
        }

        private static void CheckGeneratedNames(
            Declaration context, INamedTypeSymbol symbol, TypeDeclarationSyntax node,
            List<LayerModel> layers, List<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            Func<string, bool> generated = GeneratedNames.ReservedFor(layers);
            if (generated(symbol.Name))
            {
                diagnostics.Add(Report(DiagnosticDescriptors.ClassNameCollision, node.Identifier.GetLocation(), symbol.Name));
            }

            foreach (ISymbol member in symbol.GetMembers())
            {
                if (member.IsImplicitlyDeclared || !generated(member.Name) || IsGeneratedByNetGen(member, cancellationToken))
                {
                    continue;
                }
                diagnostics.Add(Report(
                    DiagnosticDescriptors.MemberCollision,
                    member.Locations.FirstOrDefault(l => l.IsInSource), symbol.Name, member.Name));
            }

            var reported = new HashSet<string>(StringComparer.Ordinal);
            for (INamedTypeSymbol? baseType = symbol.BaseType;
                 baseType is not null && baseType.SpecialType != SpecialType.System_Object;
                 baseType = baseType.BaseType)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (ISymbol member in baseType.GetMembers())
                {
                    if (member.IsImplicitlyDeclared
                        || !generated(member.Name)
                        || IsGeneratedByNetGen(member, cancellationToken)
                        || !context.SemanticModel.Compilation.IsSymbolAccessibleWithin(member, symbol)
                        || !reported.Add(member.Name))
                    {
                        continue;
                    }
                    diagnostics.Add(Report(
                        DiagnosticDescriptors.InheritedMemberCollision, BaseTypeLocation(context, symbol, node),
                        symbol.Name, member.Name, baseType.Name));
                }
            }
        }

        /// <summary>
        /// Whether a member was written by NetGen's generator. The analyzer sees the compilation after generation, where
        /// a network (or a network it derives from) already has its generated members; they are not the user's.
        /// </summary>
        private static bool IsGeneratedByNetGen(ISymbol member, CancellationToken cancellationToken)
        {
            if (member.Locations.IsEmpty)
            {
                return false;
            }
            foreach (Location location in member.Locations)
            {
                if (location.SourceTree is not { } tree || !IsGeneratedByNetGen(tree, cancellationToken))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>
        /// Whether a syntax tree is one of NetGen's generated files: the compiler puts them in a folder named after the
        /// generator type, and each starts with the header NetworkEmitter writes.
        /// </summary>
        internal static bool IsGeneratedByNetGen(SyntaxTree tree, CancellationToken cancellationToken)
        {
            string path = tree.FilePath ?? "";
            int end = path.LastIndexOfAny(new[] { '/', '\\' });
            int start = end > 0 ? path.LastIndexOfAny(new[] { '/', '\\' }, end - 1) + 1 : 0;
            if (end > 0 && end - start == GeneratorFolder.Length && string.CompareOrdinal(path, start, GeneratorFolder, 0, GeneratorFolder.Length) == 0)
            {
                return true;
            }
            SourceText text = tree.GetText(cancellationToken);
            return text.Lines.Count > 1 && text.Lines[1].ToString().StartsWith(GeneratedHeader, StringComparison.Ordinal);
        }

        private static readonly string GeneratorFolder = typeof(NetworkGenerator).FullName!;

        /// <summary>The start of the second line of every generated file (see NetworkEmitter).</summary>
        internal const string GeneratedHeader = "// Generated by NetGen from the attributes on ";

        /// <summary>The base class in the declaration's base list, or the class name when another part names it.</summary>
        private static Location BaseTypeLocation(Declaration context, INamedTypeSymbol symbol, TypeDeclarationSyntax node)
        {
            BaseTypeSyntax? first = node.BaseList?.Types.FirstOrDefault();
            if (first is not null
                && SymbolEqualityComparer.Default.Equals(context.SemanticModel.GetTypeInfo(first.Type).Type, symbol.BaseType))
            {
                return first.GetLocation();
            }
            return node.Identifier.GetLocation();
        }

        // ---- Sizes. ----

        private static void CheckMemory(
            string className, NetGenAttribute network, int batchSize, ElementType elementType, OptimizerModel optimizer,
            List<LayerModel> layers, List<NetGenAttribute> layerAttributes, List<Diagnostic> diagnostics)
        {
            long elementBytes = elementType == ElementType.Double ? 8 : 4;
            // Momentum keeps one buffer per parameter (its velocity), Adam two (its moments).
            (long optimizerBuffers, string optimizerState) = optimizer.Kind switch
            {
                OptimizerKind.Momentum => (1L, ", momentum velocities"),
                OptimizerKind.Adam => (2L, ", Adam moments"),
                _ => (0L, ""),
            };
            const string ArrayLimit = "the 2,147,483,591 elements a .NET array can hold";

            LayerModel first = layers[0];
            long inputElements = (long)batchSize * first.Inputs;
            if (inputElements > MaxBufferElements)
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.TooLarge, layerAttributes[0].Location,
                    $"Layer 1, {layerAttributes[0]},",
                    $"a {Grouped(batchSize)} x {Grouped(first.Inputs)} input batch (BatchSize x inputs) of {Grouped(inputElements)} elements ({Grouped(inputElements * elementBytes)} bytes)",
                    ArrayLimit));
                return;
            }

            long total = 0;
            foreach (LayerModel layer in layers)
            {
                NetGenAttribute attribute = layerAttributes[layer.Index - 1];
                long weights = layer.Kind == LayerKind.Dense ? (long)layer.Inputs * layer.Outputs : 0;
                long activations = (long)batchSize * layer.Outputs;
                string? buffer =
                    weights > MaxBufferElements
                        ? $"a {Grouped(layer.Inputs)} x {Grouped(layer.Outputs)} weight matrix (inputs x outputs) of {Grouped(weights)} elements ({Grouped(weights * elementBytes)} bytes)"
                    : activations > MaxBufferElements
                        ? $"a {Grouped(batchSize)} x {Grouped(layer.Outputs)} output buffer (BatchSize x outputs) of {Grouped(activations)} elements ({Grouped(activations * elementBytes)} bytes)"
                    : null;
                if (buffer is not null)
                {
                    diagnostics.Add(Report(
                        DiagnosticDescriptors.TooLarge, attribute.Location, $"Layer {Number(layer.Index)}, {attribute},", buffer, ArrayLimit));
                    return;
                }
                // Weights and biases, their gradients and the optimizer's state for each; outputs and their gradients.
                long parameters = weights + (layer.Bias ? layer.Outputs : 0);
                // A dropout layer also keeps its mask.
                total += (2 + optimizerBuffers) * parameters + (layer.Kind == LayerKind.Dropout ? 3 : 2) * activations;
            }
            long bytes = total * elementBytes;
            if (bytes > MaxNetworkBytes)
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.TooLarge, network.Location,
                    $"The network '{className}'",
                    $"{Grouped(bytes)} bytes for its parameters, gradients{optimizerState} and activations",
                    $"NetGen's limit of {Grouped(MaxNetworkBytes)} bytes (2 GiB) per network"));
            }
        }

        // ---- The model's names. ----

        private static string? Namespace(INamedTypeSymbol symbol)
        {
            if (symbol.ContainingNamespace is null || symbol.ContainingNamespace.IsGlobalNamespace)
            {
                return null;
            }
            var parts = new List<string>();
            for (INamespaceSymbol? ns = symbol.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                parts.Insert(0, Identifier(ns.Name));
            }
            return string.Join(".", parts);
        }

        private static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol symbol)
        {
            var containers = new List<ContainingTypeModel>();
            for (INamedTypeSymbol? container = symbol.ContainingType; container is not null; container = container.ContainingType)
            {
                string keyword = container switch
                {
                    { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                    { IsRecord: true } => "record",
                    { TypeKind: TypeKind.Struct } => "struct",
                    { TypeKind: TypeKind.Interface } => "interface",
                    _ => "class",
                };
                string name = container.TypeParameters.Length == 0
                    ? Identifier(container.Name)
                    : Identifier(container.Name) + "<" + string.Join(", ", container.TypeParameters.Select(t => Identifier(t.Name))) + ">";
                containers.Insert(0, new ContainingTypeModel(keyword, name));
            }
            return containers.ToEquatableArray();
        }

        /// <summary>A name as it must be written in C#: <c>@class</c> for a type named after a keyword.</summary>
        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
                ? "@" + name
                : name;

        // ---- Text for messages. ----

        /// <summary>How an attribute reads in messages, without brackets: <c>Dense(1000, 100)</c>, <c>ReLU</c>.</summary>
        private static string Describe(NetGenAttribute attribute)
        {
            switch (attribute.Role)
            {
                case AttributeRole.Dense:
                    return TryReadDense(attribute.Data, out DenseArguments dense)
                        ? DescribeDense(dense.Inputs, dense.Outputs, dense.Bias)
                        : "Dense";
                case AttributeRole.Network:
                {
                    var settings = new List<string>();
                    foreach (KeyValuePair<string, TypedConstant> argument in attribute.Data.NamedArguments)
                    {
                        if (argument.Value.Value is not int value)
                        {
                            continue;
                        }
                        settings.Add(argument.Key == "Precision"
                            ? "Precision = " + (value == 0 ? "Precision.Double" : value == 1 ? "Precision.Single" : "(Precision)" + Number(value))
                            : argument.Key + " = " + Number(value));
                    }
                    return settings.Count == 0 ? "Network" : "Network(" + string.Join(", ", settings) + ")";
                }
                case AttributeRole.Dropout:
                    return DescribeDropout(attribute);
                case AttributeRole.SquaredErrorLoss:
                case AttributeRole.SoftmaxCrossEntropyLoss:
                    return DescribeLoss(attribute);
                default:
                    return attribute.Role.ToString();
            }
        }

        private static string DescribeDense(int inputs, int outputs, bool bias) =>
            $"Dense({Number(inputs)}, {Number(outputs)}{(bias ? ", Bias = true" : "")})";

        /// <summary>The Dense layer whose outputs the last layer passes on, for messages about a ReLU.</summary>
        private static string SourceOfSize(List<LayerModel> layers, List<NetGenAttribute> layerAttributes)
        {
            for (int i = layers.Count - 1; i >= 0; i--)
            {
                if (layers[i].Kind == LayerKind.Dense)
                {
                    return layerAttributes[i].ToString();
                }
            }
            return "no layer";
        }

        private static string List(IEnumerable<NetGenAttribute> attributes) => string.Join(", ", attributes);

        private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Grouped(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

        private static Diagnostic Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            Diagnostic.Create(descriptor, location ?? Location.None, arguments);

        private static Diagnostic Report(
            DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?> properties, params string[] arguments) =>
            Diagnostic.Create(descriptor, location ?? Location.None, properties, arguments);
    }
}
