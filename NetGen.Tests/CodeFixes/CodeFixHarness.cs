using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using NetGen.CodeFixers;
using NetGen.Tests.Support;
using Xunit;

namespace NetGen.Tests.CodeFixes
{
    /// <summary>What applying a fix gave: the code action's title and the document's new text.</summary>
    public sealed record FixResult(string Title, string Text);

    /// <summary>
    /// Applies NetGen's code fixes as an IDE does, in an in-memory workspace: the document's diagnostics come from the
    /// analyzer over the compilation with the generated code (see <see cref="GeneratorHarness"/>), the fix is found
    /// among the exported code fix providers of NetGen.CodeFixers by diagnostic ID, its code action is run and its
    /// changed document read back. Fix All goes through the provider's own <see cref="FixAllProvider"/>.
    /// </summary>
    public static class CodeFixHarness
    {
        private const string DocumentPath = "Networks.cs";

        /// <summary>Every code fix provider NetGen.CodeFixers exports to the IDE (a provider without the export is never found).</summary>
        public static IReadOnlyList<CodeFixProvider> Providers { get; } = typeof(MakePartialCodeFixProvider).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Where(t => t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is { } export
                && export.Languages.Contains(LanguageNames.CSharp)
                && t.GetCustomAttribute<SharedAttribute>() is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();

        public static CodeFixProvider ProviderFor(string id) => Assert.Single(Providers, p => p.FixableDiagnosticIds.Contains(id));

        public static Document CreateDocument(string source)
        {
            var workspace = new AdhocWorkspace();
            CSharpCompilationOptionsHolder options = CSharpCompilationOptionsHolder.From(GeneratorHarness.Compile(System.Array.Empty<string>()));
            ProjectId projectId = ProjectId.CreateNewId();
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(
                    projectId, VersionStamp.Create(), "Consumer", "Consumer", LanguageNames.CSharp,
                    compilationOptions: options.CompilationOptions,
                    parseOptions: GeneratorHarness.ParseOptions,
                    metadataReferences: options.References))
                .AddDocument(DocumentId.CreateNewId(projectId), DocumentPath, SourceText.From(source), filePath: DocumentPath);
            return solution.Projects.Single().Documents.Single();
        }

        /// <summary>NetGen's diagnostics for the document's project, as the build reports them, in source order.</summary>
        public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
        {
            Compilation compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
            GeneratorRun run = GeneratorHarness.Run(compilation);
            Assert.Empty(run.Exceptions);
            return run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        }

        /// <summary>The code actions offered for one diagnostic.</summary>
        public static async Task<List<CodeAction>> ActionsAsync(Document document, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await ProviderFor(diagnostic.Id).RegisterCodeFixesAsync(context).ConfigureAwait(false);
            return actions;
        }

        /// <summary>Applies the one fix offered for the <paramref name="index"/>-th diagnostic <paramref name="id"/> of <paramref name="source"/>.</summary>
        public static async Task<FixResult> FixAsync(string source, string id, int index = 0)
        {
            Document document = CreateDocument(source);
            List<Diagnostic> diagnostics = (await DiagnosticsAsync(document.Project).ConfigureAwait(false)).Where(d => d.Id == id).ToList();
            Assert.True(diagnostics.Count > index, $"Expected at least {index + 1} {id}, got {diagnostics.Count}.");
            CodeAction action = Assert.Single(await ActionsAsync(document, diagnostics[index]).ConfigureAwait(false));
            return new FixResult(action.Title, await ApplyAsync(document, action).ConfigureAwait(false));
        }

        /// <summary>
        /// Fix All for <paramref name="id"/>, through the provider's Fix All provider, as the IDE asks for it: with the
        /// equivalence key of the action offered for the first such diagnostic. <paramref name="withoutKey"/> asks as
        /// <c>dotnet format analyzers</c> may, with no key (it takes the key from a diagnostic of another ID).
        /// </summary>
        public static async Task<string> FixAllAsync(string source, string id, FixAllScope scope = FixAllScope.Document, bool withoutKey = false)
        {
            Document document = CreateDocument(source);
            ImmutableArray<Diagnostic> all = await DiagnosticsAsync(document.Project).ConfigureAwait(false);
            List<Diagnostic> diagnostics = all.Where(d => d.Id == id).ToList();
            Assert.True(withoutKey || diagnostics.Count > 1, $"Fix All needs several {id}, got {diagnostics.Count}.");
            CodeFixProvider provider = ProviderFor(id);
            CodeAction first = Assert.Single(await ActionsAsync(document, diagnostics[0]).ConfigureAwait(false));
            Assert.NotNull(first.EquivalenceKey);
            FixAllProvider fixAll = provider.GetFixAllProvider()!;
            Assert.Contains(scope, fixAll.GetSupportedFixAllScopes());
            var context = new FixAllContext(
                document, provider, scope, withoutKey ? null! : first.EquivalenceKey, new[] { id }, new DiagnosticSource(all), CancellationToken.None);
            CodeAction? action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
            Assert.NotNull(action);
            return await ApplyAsync(document, action!).ConfigureAwait(false);
        }

        private static async Task<string> ApplyAsync(Document document, CodeAction action)
        {
            ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
            ApplyChangesOperation apply = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations));
            Document changed = apply.ChangedSolution.GetDocument(document.Id)!;
            return (await changed.GetTextAsync().ConfigureAwait(false)).ToString();
        }

        /// <summary>Hands Fix All the diagnostics of the one document.</summary>
        private sealed class DiagnosticSource : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> _diagnostics;

            public DiagnosticSource(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                return _diagnostics.Where(d => d.Location.SourceTree == tree);
            }

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult(_diagnostics.Where(d => !d.Location.IsInSource));

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
        }

        /// <summary>The options and references of <see cref="GeneratorHarness.Compile(string[])"/>, for a workspace project.</summary>
        private sealed record CSharpCompilationOptionsHolder(CompilationOptions CompilationOptions, IEnumerable<MetadataReference> References)
        {
            public static CSharpCompilationOptionsHolder From(Compilation compilation) => new(compilation.Options, compilation.References);
        }
    }
}
