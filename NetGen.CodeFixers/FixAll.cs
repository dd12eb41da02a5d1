using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace NetGen.CodeFixers
{
    /// <summary>
    /// Fix All for NetGen's fixes: Roslyn's batch fixer, which applies each diagnostic's fix to the original document
    /// and merges the changes, told which code actions belong together by the diagnostic ID alone. Each provider offers
    /// one kind of fix per ID, so the ID is the equivalence key (<see cref="KeyFor"/>).
    /// </summary>
    /// <remarks>
    /// The batch fixer keeps only the actions whose key is the one the Fix All request carries. The IDE takes that
    /// key from the action the user chose, but <c>dotnet format analyzers</c> takes it from the action the provider
    /// registers for the first diagnostic the analyzer reported, whatever its ID: fixing NG0002, it may ask the NG0002
    /// provider about an NG0007, get no action, and ask for the actions without a key, of which there are none. A
    /// request for one diagnostic ID is therefore always given that ID's key.
    /// </remarks>
    internal sealed class FixAll : FixAllProvider
    {
        public static readonly FixAll Instance = new();

        private FixAll()
        {
        }

        /// <summary>The equivalence key of the code actions that fix diagnostic <paramref name="id"/>.</summary>
        public static string KeyFor(string id) => "NetGen.Fix." + id;

        /// <inheritdoc />
        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            WellKnownFixAllProviders.BatchFixer.GetSupportedFixAllScopes();

        /// <inheritdoc />
        public override Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            if (context.DiagnosticIds.Count != 1 || KeyFor(context.DiagnosticIds.First()) is var key && key == context.CodeActionEquivalenceKey)
            {
                return WellKnownFixAllProviders.BatchFixer.GetFixAsync(context);
            }
            var diagnostics = new Forwarding(context);
            FixAllContext keyed = context.Document is { } document
                ? new FixAllContext(document, context.CodeFixProvider, context.Scope, key, context.DiagnosticIds, diagnostics, context.CancellationToken)
                : new FixAllContext(context.Project, context.CodeFixProvider, context.Scope, key, context.DiagnosticIds, diagnostics, context.CancellationToken);
            return WellKnownFixAllProviders.BatchFixer.GetFixAsync(keyed);
        }

        /// <summary>The diagnostics of the original request.</summary>
        private sealed class Forwarding : FixAllContext.DiagnosticProvider
        {
            private readonly FixAllContext _context;

            public Forwarding(FixAllContext context) => _context = context;

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
                AsEnumerable(_context.GetDocumentDiagnosticsAsync(document));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                AsEnumerable(_context.GetProjectDiagnosticsAsync(project));

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
                AsEnumerable(_context.GetAllDiagnosticsAsync(project));

            private static async Task<IEnumerable<Diagnostic>> AsEnumerable(Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> diagnostics) =>
                await diagnostics.ConfigureAwait(false);
        }
    }
}
