using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Tests.Support;
using Xunit;
using static NetGen.Tests.Diagnostics.DiagnosticVerifier;

namespace NetGen.Tests.Diagnostics
{
    /// <summary>
    /// One test (or more) per diagnostic: each asserts the ID, the whole message (so every argument) and the span it
    /// is reported at, marked in the source as <c>{|NG0002:50|}</c>.
    /// </summary>
    public sealed class DiagnosticTests
    {
        private const string Using = "using NetGen;\n";

        [Fact]
        public void NG0001_NetworkClassThatIsNotPartial()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public class {|NG0001:Net|} { }
                """,
                Diagnostic("NG0001", "The network class 'Net' must be declared 'partial', because NetGen adds its weights, Forward and Backward in a second part of the class; write 'partial class Net'"));
        }

        [Fact]
        public void NG0002_DenseInputsThatDifferFromThePreviousOutputs()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(784, 100)]
                [Dense({|NG0002:50|}, 10)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0002", "Layer 2, [Dense(50, 10)], expects 50 inputs, but layer 1, [Dense(784, 100)], produces 100 outputs; make the sizes match, e.g. [Dense(100, 10)]"));
        }

        [Fact]
        public void NG0002_NamesTheDenseLayerBehindAnActivation()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(784, 100)]
                [ReLU]
                [Dense({|NG0002:inputs: 50|}, outputs: 10, Bias = true)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0002", "Layer 3, [Dense(50, 10, Bias = true)], expects 50 inputs, but layer 2, [ReLU] after [Dense(784, 100)], produces 100 outputs; make the sizes match, e.g. [Dense(100, 10, Bias = true)]"));
        }

        [Fact]
        public void NG0003_ZeroInputs()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense({|NG0003:0|}, 10)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0003", "Layer 1, [Dense(0, 10)], has 0 inputs; a layer needs at least 1 input and 1 output"));
        }

        [Fact]
        public void NG0003_EachNonPositiveSizeAtItsOwnArgument_AndNoMismatchFollowsIt()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense({|NG0003:outputs: -10|}, {|NG0003:inputs: 0|})]
                [Dense(7, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0003", "Layer 1, [Dense(0, -10)], has -10 outputs; a layer needs at least 1 input and 1 output"),
                Diagnostic("NG0003", "Layer 1, [Dense(0, -10)], has 0 inputs; a layer needs at least 1 input and 1 output"));
        }

        [Fact]
        public void NG0004_NoLayer()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [SquaredErrorLoss]
                public partial class {|NG0004:Net|} { }
                """,
                Diagnostic("NG0004", "The network 'Net' has no Dense layer; add at least one, e.g. [Dense(4, 3)], between [Network] and the loss"));
        }

        [Fact]
        public void NG0004_AndNG0009_AnActivationButNoDenseLayer()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [{|NG0009:ReLU|}]
                [SquaredErrorLoss]
                public partial class {|NG0004:Net|} { }
                """,
                Diagnostic("NG0004", "The network 'Net' has no Dense layer; add at least one, e.g. [Dense(4, 3)], between [Network] and the loss"),
                Diagnostic("NG0009", "Layer 1, [ReLU], comes before any Dense layer, so it has no input to act on; put an activation after a Dense layer"));
        }

        [Fact]
        public void NG0005_NoLoss()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                public partial class {|NG0005:Net|} { }
                """,
                Diagnostic("NG0005", "The network 'Net' has no loss; add [SquaredErrorLoss] or [SoftmaxCrossEntropyLoss] after its last layer"));
        }

        [Fact]
        public void NG0006_TwoLosses()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [{|NG0006:SoftmaxCrossEntropyLoss|}]
                public partial class Net { }
                """,
                Diagnostic("NG0006", "The network 'Net' declares a second loss, [SoftmaxCrossEntropyLoss], after [SquaredErrorLoss]; a network has exactly one loss, so remove one of them"));
        }

        [Fact]
        public void NG0007_LossBeforeALayer()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 4)]
                [{|NG0007:SquaredErrorLoss|}]
                [Dense(4, 2)]
                public partial class Net { }
                """,
                Diagnostic("NG0007", "The loss [SquaredErrorLoss] must come after every layer, but layer 2, [Dense(4, 2)], follows it; move [SquaredErrorLoss] to the end"));
        }

        [Fact]
        public void NG0008_MissingBatchSize()
        {
            Verify(Using + """
                [{|NG0008:Network|}]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0008", "The network 'Net' has no BatchSize; BatchSize is the number of examples one call processes and must be at least 1, e.g. [Network(BatchSize = 64)]"));
        }

        [Theory]
        [InlineData("0")]
        [InlineData("-8")]
        [InlineData("-2147483648")]
        public void NG0008_BatchSizeThatIsNotPositive(string batchSize)
        {
            Verify(Using + $$"""
                [Network({|NG0008:BatchSize = {{batchSize}}|}, Precision = Precision.Single)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0008", $"The network 'Net' has BatchSize = {batchSize}; BatchSize is the number of examples one call processes and must be at least 1, e.g. [Network(BatchSize = 64)]"));
        }

        [Fact]
        public void NG0009_TwoActivationsInARow()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 4)]
                [ReLU]
                [{|NG0009:ReLU|}]
                [Dense(4, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0009", "Layer 3, [ReLU], directly follows layer 2, another [ReLU]; ReLU(ReLU(y)) is ReLU(y), so remove one of them"));
        }

        [Fact]
        public void NG0010_WeightMatrixLargerThanAnArray()
        {
            Verify(Using + """
                [Network(BatchSize = 1)]
                [{|NG0010:Dense(100000, 100000)|}]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0010", "Layer 1, [Dense(100000, 100000)], needs a 100,000 x 100,000 weight matrix (inputs x outputs) of 10,000,000,000 elements (80,000,000,000 bytes), more than the 2,147,483,591 elements a .NET array can hold; use smaller layers or a smaller BatchSize"));
        }

        [Fact]
        public void NG0010_OutputBufferLargerThanAnArray()
        {
            Verify(Using + """
                [Network(BatchSize = 268435456, Precision = Precision.Single)]
                [{|NG0010:Dense(1, 16)|}]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0010", "Layer 1, [Dense(1, 16)], needs a 268,435,456 x 16 output buffer (BatchSize x outputs) of 4,294,967,296 elements (17,179,869,184 bytes), more than the 2,147,483,591 elements a .NET array can hold; use smaller layers or a smaller BatchSize"));
        }

        [Fact]
        public void NG0010_InputBatchLargerThanAnArray()
        {
            Verify(Using + """
                [Network(BatchSize = 1048576)]
                [{|NG0010:Dense(1048576, 1)|}]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0010", "Layer 1, [Dense(1048576, 1)], needs a 1,048,576 x 1,048,576 input batch (BatchSize x inputs) of 1,099,511,627,776 elements (8,796,093,022,208 bytes), more than the 2,147,483,591 elements a .NET array can hold; use smaller layers or a smaller BatchSize"));
        }

        [Fact]
        public void NG0010_NetworkLargerThanTheMemoryBound()
        {
            // Elements: weights 2 x 10,000 x 10,000 and their gradients (400,000,000), outputs 2 x 100 x 10,000 and
            // their gradients (4,000,000); 404,000,000 doubles are 3,232,000,000 bytes.
            Verify(Using + """
                [{|NG0010:Network(BatchSize = 100)|}]
                [Dense(10000, 10000)]
                [Dense(10000, 10000)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0010", "The network 'Net' needs 3,232,000,000 bytes for its parameters, gradients and activations, more than NetGen's limit of 2,147,483,648 bytes (2 GiB) per network; use smaller layers or a smaller BatchSize"));
        }

        [Fact]
        public void NG0010_TheMemoryBoundCountsBytesOfTheDeclaredPrecision()
        {
            // The same network in single precision needs 1,616,000,000 bytes, within the bound.
            GeneratorRun run = Verify(Using + """
                [Network(BatchSize = 100, Precision = Precision.Single)]
                [Dense(10000, 10000)]
                [Dense(10000, 10000)]
                [SquaredErrorLoss]
                public partial class Net { }
                """);
            Assert.Single(run.Sources);
        }

        [Theory]
        [InlineData("public partial struct", "", "a struct (a network owns large buffers that must not be copied, and NetGen attributes apply to classes only)")]
        [InlineData("public partial record struct", "", "a record struct (a network owns large buffers that must not be copied, and NetGen attributes apply to classes only)")]
        [InlineData("public partial record", "", "a record (records compare by value and are meant to be immutable, but a network's weights change as it trains)")]
        [InlineData("public partial interface", "", "an interface (an interface cannot hold the weights)")]
        [InlineData("public static partial class", "", "static (a network is an object that owns its weights)")]
        [InlineData("public partial class", "<T>", "generic (its sizes are fixed by its attributes, so there is nothing for a type parameter to vary)")]
        [InlineData("file partial class", "", "file-local (its generated part lives in another file, which cannot see a file-local class)")]
        public void NG0011_UnsupportedKindOfType(string declaration, string typeParameters, string problem)
        {
            Verify(Using + $$"""
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                {{declaration}} {|NG0011:Net|}{{typeParameters}} { }
                """,
                Diagnostic("NG0011", $"The network 'Net' is {problem}; declare it as a non-generic, non-static 'partial class'"));
        }

        [Fact]
        public void NG0011_OnAStructTheCompilerAlsoRejectsTheAttributes()
        {
            GeneratorRun run = Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial struct {|NG0011:Net|} { }
                """,
                Diagnostic("NG0011", "The network 'Net' is a struct (a network owns large buffers that must not be copied, and NetGen attributes apply to classes only); declare it as a non-generic, non-static 'partial class'"));
            Assert.Equal(3, run.CompilationDiagnostics.Count(d => d.Id == "CS0592"));
        }

        [Fact]
        public void NG0012_ContainersThatAreNotPartial()
        {
            Verify(Using + """
                public class {|NG0012:Outer|}
                {
                    public partial class Middle
                    {
                        internal class {|NG0012:Inner|}
                        {
                            [Network(BatchSize = 4)]
                            [Dense(3, 2)]
                            [SquaredErrorLoss]
                            public partial class Net { }
                        }
                    }
                }
                """,
                Diagnostic("NG0012", "The network 'Net' is nested in 'Outer', which is not declared 'partial'; the generated code reopens every type that contains the network, so declare 'Outer' 'partial' and not 'file'"),
                Diagnostic("NG0012", "The network 'Net' is nested in 'Inner', which is not declared 'partial'; the generated code reopens every type that contains the network, so declare 'Inner' 'partial' and not 'file'"));
        }

        [Fact]
        public void NG0012_FileLocalContainer()
        {
            Verify(Using + """
                file partial class {|NG0012:Outer|}
                {
                    [Network(BatchSize = 4)]
                    [Dense(3, 2)]
                    [SquaredErrorLoss]
                    public partial class Net { }
                }
                """,
                Diagnostic("NG0012", "The network 'Net' is nested in 'Outer', which is file-local; the generated code reopens every type that contains the network, so declare 'Outer' 'partial' and not 'file'"));
        }

        [Fact]
        public void NG0013_UserMembersWithGeneratedNames_InEveryPartialDeclaration()
        {
            Verify(
                new[]
                {
                    Using + """
                    [Network(BatchSize = 4)]
                    [Dense(3, 2)]
                    [SquaredErrorLoss]
                    public partial class Net
                    {
                        public int {|NG0013:W1|};
                        public int Epochs;
                    }
                    """,
                    """
                    public partial class Net
                    {
                        public void {|NG0013:Forward|}() { }
                        public double {|NG0013:BatchSize|} { get; set; }
                    }
                    """,
                },
                Diagnostic("NG0013", "The network 'Net' declares a member named 'W1', but NetGen generates a member with that name; rename yours"),
                Diagnostic("NG0013", "The network 'Net' declares a member named 'Forward', but NetGen generates a member with that name; rename yours"),
                Diagnostic("NG0013", "The network 'Net' declares a member named 'BatchSize', but NetGen generates a member with that name; rename yours"));
        }

        [Fact]
        public void NG0014_LayersOnAnotherPartialDeclaration()
        {
            Verify(
                new[]
                {
                    Using + "[Network(BatchSize = 4)] [Dense(3, 2)] public partial class Net { }",
                    Using + "[{|NG0014:ReLU] [SquaredErrorLoss|}] public partial class Net { }",
                },
                Diagnostic("NG0014", "The network 'Net' has [ReLU], [SquaredErrorLoss] on this partial declaration but [Network(BatchSize = 4)], [Dense(3, 2)] on another one (Source0.cs, line 2); partial declarations have no order, so it is ambiguous whether these come before or after those. Put all NetGen attributes on one declaration."));
        }

        [Fact]
        public void NG0014_NetworkOnTwoPartialDeclarations_ReportedOnce()
        {
            Verify(
                new[]
                {
                    Using + "[Network(BatchSize = 4)] [Dense(3, 2)] [SquaredErrorLoss] public partial class Net { }",
                    Using + "\n[{|NG0014:Network(BatchSize = 8)|}]\npublic partial class Net { }",
                },
                Diagnostic("NG0014", "The network 'Net' has [Network(BatchSize = 8)] on this partial declaration but [Network(BatchSize = 4)], [Dense(3, 2)], [SquaredErrorLoss] on another one (Source0.cs, line 2); partial declarations have no order, so it is ambiguous whether these come before or after those. Put all NetGen attributes on one declaration."));
        }

        [Fact]
        public void NG0015_CrossEntropyOnASingleOutput()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 1)]
                [{|NG0015:SoftmaxCrossEntropyLoss|}]
                public partial class Net { }
                """,
                Diagnostic("NG0015", "[SoftmaxCrossEntropyLoss] follows layer 1, [Dense(3, 1)], which has a single output: the softmax of one value is always 1, so the loss is always 0 and nothing is learned; give the last layer one output per class (at least 2), or use [SquaredErrorLoss]"));
        }

        [Fact]
        public void NG0015_CrossEntropyOnASingleOutputAfterAnActivation()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 1)]
                [ReLU]
                [{|NG0015:SoftmaxCrossEntropyLoss|}]
                public partial class Net { }
                """,
                Diagnostic("NG0015", "[SoftmaxCrossEntropyLoss] follows layer 2, [ReLU], which has a single output: the softmax of one value is always 1, so the loss is always 0 and nothing is learned; give the last layer one output per class (at least 2), or use [SquaredErrorLoss]"));
        }

        [Fact]
        public void NG0016_DenseWithMissingArgument_AndNoMismatchFollowsIt()
        {
            GeneratorRun run = Verify(Using + """
                [Network(BatchSize = 4)]
                [{|NG0016:Dense(3)|}]
                [Dense(5, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0016", "NetGen cannot read the arguments of [Dense]; fix the compiler error on it so that every argument is a constant of the right type"));
            Assert.Contains(run.CompilationDiagnostics, d => d.Id == "CS7036");
        }

        [Fact]
        public void NG0017_TwoNetworkAttributes()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [{|NG0017:Network(BatchSize = 8)|}]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0017", "The class 'Net' has a second [Network] attribute; a network has exactly one, so remove this one"));
        }

        [Fact]
        public void NG0018_LayersWithoutNetwork_ReportedOnceForAllLayerAttributes()
        {
            Verify(Using + """
                [Dense(3, 2)]
                [ReLU]
                [SquaredErrorLoss]
                public partial class {|NG0018:Net|} { }
                """,
                Diagnostic("NG0018", "The class 'Net' has [Dense(3, 2)], [ReLU], [SquaredErrorLoss] but no [Network], so NetGen generates nothing for it; add [Network(BatchSize = 64)], with your batch size, before the layers"));
        }

        [Fact]
        public void NG0018_LayersWithoutNetwork_OnSeveralPartialDeclarations()
        {
            Verify(
                new[]
                {
                    Using + "[Dense(3, 2)] public partial class {|NG0018:Net|} { }",
                    Using + "[SoftmaxCrossEntropyLoss] public partial class Net { }",
                },
                Diagnostic("NG0018", "The class 'Net' has [Dense(3, 2)], [SoftmaxCrossEntropyLoss] but no [Network], so NetGen generates nothing for it; add [Network(BatchSize = 64)], with your batch size, before the layers"));
        }

        [Fact]
        public void NG0019_InheritedMemberThatAGeneratedMemberWouldHide()
        {
            Verify(Using + """
                public class ModelBase
                {
                    public double Loss(double x) => x;
                    private int W1;
                }

                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class Net : {|NG0019:ModelBase|} { }
                """,
                Diagnostic("NG0019", "The network 'Net' inherits a member named 'Loss' from 'ModelBase', and the member 'Loss' that NetGen generates would hide it; rename the inherited member or derive from another type"));
        }

        [Fact]
        public void NG0020_NetworkClassNamedLikeAGeneratedMember()
        {
            Verify(Using + """
                public partial class Outer
                {
                    [Network(BatchSize = 4)]
                    [Dense(3, 2)]
                    [SquaredErrorLoss]
                    public partial class {|NG0020:Step|} { }
                }
                """,
                Diagnostic("NG0020", "The network class 'Step' has the name of a member NetGen generates in it, and C# does not allow a member to share its class's name; rename the class"));
        }

        [Fact]
        public void NG0021_PrecisionThatIsNotAPrecision()
        {
            Verify(Using + """
                [Network(BatchSize = 4, {|NG0021:Precision = (Precision)2|})]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0021", "The network 'Net' has Precision = (Precision)2, which is not a precision NetGen knows; use Precision.Double or Precision.Single"));
        }

        [Fact]
        public void NG0022_MoreThreadsThanRows()
        {
            Verify(Using + """
                [Network(BatchSize = 4, {|NG0022:Threads = 5|})]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0022", "The network 'Net' has Threads = 5, but Threads must be between 1 and 4 (at most BatchSize, and at most 64): each thread takes at least one row of the batch"));
        }

        [Fact]
        public void NG0022_NoThreads()
        {
            Verify(Using + """
                [Network(BatchSize = 128, {|NG0022:Threads = 0|})]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                public partial class Net { }
                """,
                Diagnostic("NG0022", "The network 'Net' has Threads = 0, but Threads must be between 1 and 64 (at most BatchSize, and at most 64): each thread takes at least one row of the batch"));
        }

        [Fact]
        public void NG0023_AGenericSpanInTheNetworksNamespace()
        {
            Verify(Using + """
                namespace Shop
                {
                    public class Span<T> { }

                    [Network(BatchSize = 4)]
                    [Dense(3, 2)]
                    [SquaredErrorLoss]
                    public partial class {|NG0023:Net|} { }
                }
                """,
                Diagnostic("NG0023", "The network 'Net' sees 'Shop.Span<T>' where its generated code needs 'System.Span<T>'; rename 'Shop.Span<T>' or declare the network in another namespace"));
        }

        [Fact]
        public void NG0023_AVector128InTheNetworksNamespace()
        {
            Verify(Using + """
                namespace Shop
                {
                    public static class Vector128 { }

                    [Network(BatchSize = 4)]
                    [Dense(3, 2)]
                    [SquaredErrorLoss]
                    public partial class {|NG0023:Net|} { }
                }
                """,
                Diagnostic("NG0023", "The network 'Net' sees 'Shop.Vector128' where its generated code needs 'System.Runtime.Intrinsics.Vector128'; rename 'Shop.Vector128' or declare the network in another namespace"));
        }

        [Fact]
        public void NG0023_ANestedTypeOfAContainingClass()
        {
            Verify(Using + """
                public partial class Outer
                {
                    internal static class Unsafe { }

                    [Network(BatchSize = 4)]
                    [Dense(3, 2)]
                    [SquaredErrorLoss]
                    public partial class {|NG0023:Net|} { }
                }
                """,
                Diagnostic("NG0023", "The network 'Net' sees 'Outer.Unsafe' where its generated code needs 'System.Runtime.CompilerServices.Unsafe'; rename 'Outer.Unsafe' or declare the network in another namespace"));
        }

        [Fact]
        public void NG0010_TheMemoryBoundCountsTheOptimizersState()
        {
            // Weights 2 x 8,000 x 8,000 = 128,000,000; with their gradients and Adam's two moments 512,000,000; outputs
            // and their gradients 2 x 2 x 100 x 8,000 = 3,200,000. 515,200,000 doubles are 4,121,600,000 bytes (with
            // plain SGD the same layers need 2,073,600,000 bytes, within the bound).
            Verify(Using + """
                [{|NG0010:Network(BatchSize = 100)|}]
                [Dense(8000, 8000)]
                [Dense(8000, 8000)]
                [SquaredErrorLoss]
                [Adam]
                public partial class Net { }
                """,
                Diagnostic("NG0010", "The network 'Net' needs 4,121,600,000 bytes for its parameters, gradients, Adam moments and activations, more than NetGen's limit of 2,147,483,648 bytes (2 GiB) per network; use smaller layers or a smaller BatchSize"));
        }

        [Fact]
        public void NG0030_MomentumOutOfRange()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [Momentum({|NG0030:1.5|})]
                public partial class Net { }
                """,
                Diagnostic("NG0030", "The network 'Net' declares [Momentum] with momentum = 1.5, but momentum must be a number in [0, 1), such as 0.9"));
        }

        [Fact]
        public void NG0030_AdamEpsilonNotPositive()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [Adam({|NG0030:Epsilon = 0|})]
                public partial class Net { }
                """,
                Diagnostic("NG0030", "The network 'Net' declares [Adam] with Epsilon = 0, but Epsilon must be a positive, finite number such as 1e-8"));
        }

        [Fact]
        public void NG0031_TwoOptimizers()
        {
            Verify(Using + """
                [Network(BatchSize = 4)]
                [Dense(3, 2)]
                [SquaredErrorLoss]
                [Sgd]
                [{|NG0031:Adam|}]
                public partial class Net { }
                """,
                Diagnostic("NG0031", "The network 'Net' declares [Adam] after [Sgd], but a network is trained by one optimizer; keep only one of [Sgd], [Momentum], [Adam] and [AdamW]"));
        }

        [Fact]
        public void EveryMistakeInOneDeclarationIsReportedAtOnce()
        {
            Verify(Using + """
                [Network({|NG0008:BatchSize = 0|})]
                [Dense(4, {|NG0003:0|})]
                [Dense(8, 3)]
                [ReLU]
                [{|NG0009:ReLU|}]
                [{|NG0007:SquaredErrorLoss|}]
                [Dense({|NG0002:2|}, 2)]
                [{|NG0006:SquaredErrorLoss|}]
                public partial class Net
                {
                    public int {|NG0013:Step|};
                }
                """,
                Diagnostic("NG0002", "Layer 5, [Dense(2, 2)], expects 2 inputs, but layer 4, [ReLU] after [Dense(8, 3)], produces 3 outputs; make the sizes match, e.g. [Dense(3, 2)]"),
                Diagnostic("NG0003", "Layer 1, [Dense(4, 0)], has 0 outputs; a layer needs at least 1 input and 1 output"),
                Diagnostic("NG0006", "The network 'Net' declares a second loss, [SquaredErrorLoss], after [SquaredErrorLoss]; a network has exactly one loss, so remove one of them"),
                Diagnostic("NG0007", "The loss [SquaredErrorLoss] must come after every layer, but layer 5, [Dense(2, 2)], follows it; move [SquaredErrorLoss] to the end"),
                Diagnostic("NG0008", "The network 'Net' has BatchSize = 0; BatchSize is the number of examples one call processes and must be at least 1, e.g. [Network(BatchSize = 64)]"),
                Diagnostic("NG0009", "Layer 4, [ReLU], directly follows layer 3, another [ReLU]; ReLU(ReLU(y)) is ReLU(y), so remove one of them"),
                Diagnostic("NG0013", "The network 'Net' declares a member named 'Step', but NetGen generates a member with that name; rename yours"));
        }

        [Fact]
        public void MessagesDoNotDependOnTheEditorsCulture()
        {
            CultureInfo original = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.CreateSpecificCulture("de-DE");
                NG0010_WeightMatrixLargerThanAnArray();
                NG0008_BatchSizeThatIsNotPositive("-8");
            }
            catch (CultureNotFoundException)
            {
                // Without culture data (invariant globalization) every culture formats alike.
            }
            finally
            {
                CultureInfo.CurrentCulture = original;
            }
        }
    }
}
