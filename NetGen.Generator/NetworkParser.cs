using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator
{
    /// <summary>
    /// Turns one <c>[Network]</c> declaration into a <see cref="NetworkModel"/>, or into diagnostics that say what is
    /// wrong with it. Reads the NetGen attributes in source order; never throws (an unexpected failure becomes NG0099).
    /// </summary>
    internal static class NetworkParser
    {
        public const string NetworkAttributeName = "NetGen.NetworkAttribute";

        /// <summary>Bytes of buffers one network may allocate: parameters, gradients and activations together.</summary>
        public const long MaxNetworkBytes = 2L * 1024 * 1024 * 1024;

        /// <summary>The largest number of elements a .NET array may hold.</summary>
        public const long MaxBufferElements = 0x7FFFFFC7;

        private static readonly Dictionary<string, AttributeRole> Roles = new()
        {
            ["NetworkAttribute"] = AttributeRole.Network,
            ["DenseAttribute"] = AttributeRole.Dense,
            ["ReLUAttribute"] = AttributeRole.ReLU,
            ["SquaredErrorLossAttribute"] = AttributeRole.SquaredErrorLoss,
            ["SoftmaxCrossEntropyLossAttribute"] = AttributeRole.SoftmaxCrossEntropyLoss,
        };

        private enum AttributeRole
        {
            Network,
            Dense,
            ReLU,
            SquaredErrorLoss,
            SoftmaxCrossEntropyLoss,
        }

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var diagnostics = new List<DiagnosticInfo>();
            string className = context.TargetSymbol.Name;
            try
            {
                NetworkModel? model = ParseCore(context, diagnostics, cancellationToken);
                return new ParseResult(diagnostics.Count == 0 ? model : null, diagnostics.ToEquatableArray());
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception exception)
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.InternalError,
                    context.TargetNode is TypeDeclarationSyntax type ? type.Identifier.GetLocation() : context.TargetNode.GetLocation(),
                    className, exception.GetType().Name, exception.Message));
                return new ParseResult(null, diagnostics.ToEquatableArray());
            }
        }

        private static NetworkModel? ParseCore(
            GeneratorAttributeSyntaxContext context, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol symbol || context.TargetNode is not TypeDeclarationSyntax node)
            {
                return null;
            }

            // A class whose [Network] sits on several partial declarations is seen once per declaration;
            // only the first declaration speaks for it, so that it is reported and generated once.
            ImmutableArray<SyntaxReference> declarations = symbol.DeclaringSyntaxReferences;
            List<(AttributeData Attribute, AttributeRole Role)> attributes = NetGenAttributes(symbol);
            int firstWithNetwork = declarations
                .Select((reference, index) => (reference, index))
                .Where(d => attributes.Any(a => a.Role == AttributeRole.Network && IsWithin(a.Attribute, d.reference)))
                .Select(d => d.index)
                .DefaultIfEmpty(-1)
                .First();
            if (firstWithNetwork >= 0 && declarations[firstWithNetwork].GetSyntax(cancellationToken) != node)
            {
                return null;
            }

            Location classLocation = node.Identifier.GetLocation();
            if (!CheckTypeShape(symbol, node, classLocation, diagnostics, cancellationToken))
            {
                return null;
            }
            if (!CheckSingleDeclaration(symbol, attributes, declarations, classLocation, diagnostics))
            {
                return null;
            }

            int batchSize = 0;
            bool batchSizeSet = false;
            ElementType elementType = ElementType.Double;
            AttributeData? network = null;
            var layers = new List<LayerModel>();
            var layerAttributes = new List<AttributeData>();
            (AttributeData Attribute, LossKind Kind)? loss = null;
            int denseCount = 0;
            bool lossNotLastReported = false;

            foreach ((AttributeData attribute, AttributeRole role) in attributes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (role == AttributeRole.Network)
                {
                    if (network is not null)
                    {
                        diagnostics.Add(Report(DiagnosticDescriptors.DuplicateNetwork, AttributeLocation(attribute), symbol.Name));
                        continue;
                    }
                    network = attribute;
                    foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                    {
                        if (argument.Value.Kind == TypedConstantKind.Error || argument.Value.Value is null)
                        {
                            diagnostics.Add(Report(DiagnosticDescriptors.UnreadableAttribute, AttributeLocation(attribute), "Network"));
                        }
                        else if (argument.Key == "BatchSize")
                        {
                            batchSize = (int)argument.Value.Value;
                            batchSizeSet = true;
                        }
                        else if (argument.Key == "Precision")
                        {
                            elementType = (int)argument.Value.Value == 1 ? ElementType.Single : ElementType.Double;
                        }
                    }
                    continue;
                }

                string description = Describe(attribute, role);
                if (loss is not null && !lossNotLastReported
                    && role is not AttributeRole.SquaredErrorLoss and not AttributeRole.SoftmaxCrossEntropyLoss)
                {
                    diagnostics.Add(Report(
                        DiagnosticDescriptors.LossNotLast, AttributeLocation(loss.Value.Attribute),
                        Describe(loss.Value.Attribute, RoleOf(loss.Value.Kind)), (layers.Count + 1).ToString(), description));
                    lossNotLastReported = true;
                }

                switch (role)
                {
                    case AttributeRole.Dense:
                    {
                        if (!TryReadDense(attribute, out int inputs, out int outputs, out bool bias))
                        {
                            diagnostics.Add(Report(DiagnosticDescriptors.UnreadableAttribute, AttributeLocation(attribute), "Dense"));
                            return null;
                        }
                        int index = layers.Count + 1;
                        CheckPositive(attribute, index, description, "inputs", inputs, diagnostics);
                        CheckPositive(attribute, index, description, "outputs", outputs, diagnostics);
                        LayerModel? previous = layers.Count > 0 ? layers[layers.Count - 1] : null;
                        if (previous is not null && previous.Outputs != inputs && previous.Outputs > 0 && inputs > 0)
                        {
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.ShapeMismatch, AttributeLocation(attribute),
                                index.ToString(), description, inputs.ToString(),
                                previous.Index.ToString(), Describe(layerAttributes[previous.Index - 1], RoleOf(previous.Kind)),
                                previous.Outputs.ToString()));
                        }
                        denseCount++;
                        layers.Add(new LayerModel(LayerKind.Dense, index, denseCount, inputs, outputs, bias));
                        layerAttributes.Add(attribute);
                        break;
                    }
                    case AttributeRole.ReLU:
                    {
                        int index = layers.Count + 1;
                        LayerModel? previous = layers.Count > 0 ? layers[layers.Count - 1] : null;
                        if (previous is null)
                        {
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.MisplacedActivation, AttributeLocation(attribute),
                                index.ToString(), description, "comes before any Dense layer, so it has nothing to act on"));
                            return null;
                        }
                        if (previous.Kind != LayerKind.Dense)
                        {
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.MisplacedActivation, AttributeLocation(attribute),
                                index.ToString(), description,
                                $"directly follows layer {previous.Index} ({Describe(layerAttributes[previous.Index - 1], RoleOf(previous.Kind))}), and applying it twice changes nothing"));
                        }
                        layers.Add(new LayerModel(LayerKind.ReLU, index, 0, previous.Outputs, previous.Outputs, false));
                        layerAttributes.Add(attribute);
                        break;
                    }
                    default:
                    {
                        LossKind kind = role == AttributeRole.SquaredErrorLoss ? LossKind.SquaredError : LossKind.SoftmaxCrossEntropy;
                        if (loss is not null)
                        {
                            diagnostics.Add(Report(
                                DiagnosticDescriptors.SeveralLosses, AttributeLocation(attribute),
                                symbol.Name, description, Describe(loss.Value.Attribute, RoleOf(loss.Value.Kind))));
                            continue;
                        }
                        loss = (attribute, kind);
                        break;
                    }
                }
            }

            if (network is null)
            {
                return null;
            }
            if (!batchSizeSet || batchSize <= 0)
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.BadBatchSize, AttributeLocation(network), symbol.Name, batchSizeSet ? batchSize.ToString() : "not set"));
            }
            if (denseCount == 0)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.NoLayers, classLocation, symbol.Name));
            }
            if (loss is null)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.NoLoss, classLocation, symbol.Name));
            }
            else if (loss.Value.Kind == LossKind.SoftmaxCrossEntropy && layers.Count > 0 && layers[layers.Count - 1].Outputs == 1)
            {
                diagnostics.Add(Report(DiagnosticDescriptors.SingleOutputCrossEntropy, AttributeLocation(loss.Value.Attribute)));
            }
            if (diagnostics.Count > 0)
            {
                return null;
            }

            CheckMemory(symbol.Name, network, batchSize, elementType, layers, layerAttributes, diagnostics);
            CheckMemberNames(symbol, layers, diagnostics);
            if (diagnostics.Count > 0)
            {
                return null;
            }

            return new NetworkModel(
                symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
                ContainingTypes(symbol),
                symbol.Name,
                SyntaxFacts.GetText(symbol.DeclaredAccessibility),
                batchSize,
                elementType,
                layers.ToEquatableArray(),
                loss!.Value.Kind);
        }

        private static List<(AttributeData, AttributeRole)> NetGenAttributes(INamedTypeSymbol symbol)
        {
            var result = new List<(AttributeData, AttributeRole)>();
            foreach (AttributeData attribute in symbol.GetAttributes())
            {
                INamedTypeSymbol? type = attribute.AttributeClass;
                if (type is null
                    || type.ContainingNamespace is not { Name: "NetGen", ContainingNamespace.IsGlobalNamespace: true }
                    || !Roles.TryGetValue(type.Name, out AttributeRole role))
                {
                    continue;
                }
                result.Add((attribute, role));
            }
            return result;
        }

        private static bool CheckTypeShape(
            INamedTypeSymbol symbol, TypeDeclarationSyntax node, Location classLocation,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            string? problem =
                node is RecordDeclarationSyntax ? "a record (value equality does not fit a network whose weights change)"
                : node is StructDeclarationSyntax ? "a struct (a network owns large buffers and must not be copied)"
                : node is InterfaceDeclarationSyntax ? "an interface"
                : symbol.IsStatic ? "static (a network is an instance that owns its weights)"
                : symbol.IsGenericType && symbol.TypeParameters.Length > 0 ? "generic (its sizes are fixed by its attributes)"
                : null;
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

            for (INamedTypeSymbol? container = symbol.ContainingType; container is not null; container = container.ContainingType)
            {
                bool partial = container.DeclaringSyntaxReferences.All(reference =>
                    reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
                if (!partial)
                {
                    diagnostics.Add(Report(DiagnosticDescriptors.ContainerNotPartial, classLocation, symbol.Name, container.Name));
                    return false;
                }
            }
            return true;
        }

        private static bool CheckSingleDeclaration(
            INamedTypeSymbol symbol, List<(AttributeData Attribute, AttributeRole Role)> attributes,
            ImmutableArray<SyntaxReference> declarations, Location classLocation, List<DiagnosticInfo> diagnostics)
        {
            if (declarations.Length < 2)
            {
                return true;
            }
            var used = new List<SyntaxReference>();
            foreach (SyntaxReference declaration in declarations)
            {
                if (attributes.Any(a => IsWithin(a.Attribute, declaration)))
                {
                    used.Add(declaration);
                }
            }
            if (used.Count < 2)
            {
                return true;
            }
            string places = string.Join(", ", used.Select(reference =>
            {
                FileLinePositionSpan span = reference.SyntaxTree.GetLineSpan(reference.Span);
                string file = System.IO.Path.GetFileName(span.Path);
                return $"{(file.Length == 0 ? "<source>" : file)}:{span.StartLinePosition.Line + 1}";
            }));
            diagnostics.Add(Report(DiagnosticDescriptors.SplitDeclaration, classLocation, symbol.Name, used.Count.ToString(), places));
            return false;
        }

        private static bool IsWithin(AttributeData attribute, SyntaxReference declaration)
        {
            SyntaxReference? application = attribute.ApplicationSyntaxReference;
            return application is not null
                && application.SyntaxTree == declaration.SyntaxTree
                && declaration.Span.Contains(application.Span);
        }

        private static bool TryReadDense(AttributeData attribute, out int inputs, out int outputs, out bool bias)
        {
            inputs = outputs = 0;
            bias = false;
            ImmutableArray<TypedConstant> arguments = attribute.ConstructorArguments;
            if (attribute.AttributeConstructor is null
                || arguments.Length != 2
                || arguments[0].Value is not int first
                || arguments[1].Value is not int second)
            {
                return false;
            }
            inputs = first;
            outputs = second;
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
            return true;
        }

        private static void CheckPositive(
            AttributeData attribute, int index, string description, string what, int value, List<DiagnosticInfo> diagnostics)
        {
            if (value <= 0)
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.NonPositiveSize, AttributeLocation(attribute), index.ToString(), description, what, value.ToString()));
            }
        }

        private static void CheckMemory(
            string className, AttributeData network, int batchSize, ElementType elementType,
            List<LayerModel> layers, List<AttributeData> layerAttributes, List<DiagnosticInfo> diagnostics)
        {
            long elementBytes = elementType == ElementType.Double ? 8 : 4;
            long total = 0;
            foreach (LayerModel layer in layers)
            {
                string description = $"Layer {layer.Index} ({Describe(layerAttributes[layer.Index - 1], RoleOf(layer.Kind))})";
                long activations = (long)batchSize * layer.Outputs;
                long weights = layer.Kind == LayerKind.Dense ? (long)layer.Inputs * layer.Outputs : 0;
                long largest = Math.Max(activations, weights);
                if (largest > MaxBufferElements)
                {
                    string what = largest == weights
                        ? $"a {layer.Inputs} x {layer.Outputs} weight matrix"
                        : $"a {batchSize} x {layer.Outputs} activation buffer";
                    diagnostics.Add(Report(
                        DiagnosticDescriptors.TooLarge, AttributeLocation(layerAttributes[layer.Index - 1]),
                        description, $"{what} of {largest:N0} elements ({largest * elementBytes:N0} bytes)",
                        $"{MaxBufferElements:N0} elements per buffer, the most a .NET array holds"));
                    return;
                }
                // Weights and their gradients; biases and theirs; outputs and their gradients.
                total += 2 * weights + (layer.Bias ? 2L * layer.Outputs : 0) + 2 * activations;
            }
            long bytes = total * elementBytes;
            if (bytes > MaxNetworkBytes)
            {
                diagnostics.Add(Report(
                    DiagnosticDescriptors.TooLarge, AttributeLocation(network),
                    $"The network '{className}'", $"{bytes:N0} bytes for its parameters, gradients and activations",
                    $"{MaxNetworkBytes:N0} bytes (2 GiB) per network"));
            }
        }

        private static void CheckMemberNames(INamedTypeSymbol symbol, List<LayerModel> layers, List<DiagnosticInfo> diagnostics)
        {
            var generated = new HashSet<string>(GeneratedNames.All(layers));
            foreach (ISymbol member in symbol.GetMembers())
            {
                if (member.IsImplicitlyDeclared || !generated.Contains(member.Name))
                {
                    continue;
                }
                diagnostics.Add(Report(
                    DiagnosticDescriptors.MemberCollision, member.Locations.FirstOrDefault(), symbol.Name, member.Name));
            }
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
                    ? container.Name
                    : container.Name + "<" + string.Join(", ", container.TypeParameters.Select(t => t.Name)) + ">";
                containers.Insert(0, new ContainingTypeModel(keyword, name));
            }
            return containers.ToEquatableArray();
        }

        private static AttributeRole RoleOf(LayerKind kind) => kind == LayerKind.Dense ? AttributeRole.Dense : AttributeRole.ReLU;

        private static AttributeRole RoleOf(LossKind kind) =>
            kind == LossKind.SquaredError ? AttributeRole.SquaredErrorLoss : AttributeRole.SoftmaxCrossEntropyLoss;

        /// <summary>How a layer is named in messages: <c>Dense(1000, 100)</c>, <c>ReLU</c>, <c>SquaredErrorLoss</c>.</summary>
        private static string Describe(AttributeData attribute, AttributeRole role)
        {
            if (role == AttributeRole.Dense && TryReadDense(attribute, out int inputs, out int outputs, out bool bias))
            {
                return $"Dense({inputs}, {outputs}{(bias ? ", Bias = true" : "")})";
            }
            string name = role.ToString();
            return name;
        }

        private static Location? AttributeLocation(AttributeData attribute) =>
            attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation();

        private static DiagnosticInfo Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
            new(descriptor.Id, LocationInfo.From(location), arguments.ToEquatableArray());
    }
}
