using System;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit
{
    /// <summary>
    /// One caller at a time in the methods that change a network's buffers. Forward, Loss, Backward, Step, TrainStep,
    /// CountCorrect, the optimizer reset, the initializers and the weight files work in the instance's arrays: two
    /// threads inside them at once would mix each other's activations, gradients and weights (and, with
    /// <c>Threads = n</c>, hand the same workers two phases at once). Each of them enters a guard first: a thread that
    /// finds another thread inside gets an <see cref="InvalidOperationException"/> naming both methods, at once, with
    /// nothing changed. A method that another guarded method calls on the same thread (TrainStep calling Forward) passes
    /// straight through.
    /// </summary>
    /// <remarks>
    /// The methods that write the weights also keep a version count that is odd while they run, so that
    /// <c>Predict</c>, which only reads the weights and takes no lock, can tell afterwards that the weights changed
    /// under it and throw instead of returning a mixture of old and new weights (a sequence lock, read side only).
    /// </remarks>
    internal sealed partial class NetworkEmitter
    {
        private const string Interlocked = "global::System.Threading.Interlocked";
        private const string Volatile = "global::System.Threading.Volatile";

        /// <summary>
        /// Opens <paramref name="header"/>'s method body inside the guard: <c>int entered = EnterGuard("Forward", false);
        /// try { … } finally { ExitGuard(entered); }</c>. Disposing closes the try, writes the finally and closes the body.
        /// </summary>
        private IDisposable GuardedMethod(string header, string method, bool writesWeights)
        {
            IDisposable body = _w.Block(header);
            _w.Line($"int entered = EnterGuard(\"{method}\", {(writesWeights ? "true" : "false")});");
            IDisposable tryBlock = _w.Block("try");
            return new Closing(() =>
            {
                tryBlock.Dispose();
                using (_w.Block("finally"))
                {
                    _w.Line("ExitGuard(entered);");
                }
                body.Dispose();
            });
        }

        private sealed class Closing : IDisposable
        {
            private Action? _close;

            public Closing(Action close) => _close = close;

            public void Dispose()
            {
                Action? close = _close;
                _close = null;
                close?.Invoke();
            }
        }

        private void EmitGuard()
        {
            string network = _model.ClassName;
            _w.Comment("---- One caller at a time ----");
            _w.Comment("The methods that change this instance's buffers enter EnterGuard first: a second thread gets an");
            _w.Comment("InvalidOperationException instead of mixing its numbers with the first's. Predict takes no lock: it only reads");
            _w.Comment("the weights, and the version count, odd while the weights are written, tells it when they changed under it.");
            _w.Line("private int _guardThread; // the managed thread id inside a guarded method, 0 if none");
            _w.Line("private string? _guardMethod;");
            _w.Line("private int _weightsVersion;");
            _w.Line();

            Doc("Enters the guard for <paramref name=\"method\"/>. Returns 0 if this thread was inside already (a guarded method calling another), 1 if it entered, 2 if it entered and <paramref name=\"writesWeights\"/>; throws if another thread is inside.");
            _w.Line(GeneratedCode);
            using (_w.Block("private int EnterGuard(string method, bool writesWeights)"))
            {
                _w.Line("int thread = Environment.CurrentManagedThreadId;");
                _w.Line($"int inside = {Interlocked}.CompareExchange(ref _guardThread, thread, 0);");
                using (_w.Block("if (inside == thread)"))
                {
                    _w.Line("return 0;");
                }
                using (_w.Block("if (inside != 0)"))
                {
                    _w.Line($"throw new InvalidOperationException($\"{{method}} was called on thread {{thread}} while {{_guardMethod ?? \"another method\"}} runs on thread {{inside}} on the same {network}. Forward, Loss, Backward, Step, TrainStep and the methods that set the weights change the network's buffers: call them from one thread at a time (Predict only reads the weights and may run on any number of threads).\");");
                }
                _w.Line("_guardMethod = method;");
                using (_w.Block("if (writesWeights)"))
                {
                    _w.Line($"{Interlocked}.Increment(ref _weightsVersion);");
                    _w.Line("return 2;");
                }
                _w.Line("return 1;");
            }
            _w.Line();

            Doc("Leaves the guard entered by <see cref=\"EnterGuard\"/>, which returned <paramref name=\"entered\"/>.");
            _w.Line(GeneratedCode);
            using (_w.Block("private void ExitGuard(int entered)"))
            {
                using (_w.Block("if (entered == 0)"))
                {
                    _w.Line("return;");
                }
                using (_w.Block("if (entered == 2)"))
                {
                    _w.Line($"{Interlocked}.Increment(ref _weightsVersion);");
                }
                _w.Line("_guardMethod = null;");
                _w.Line($"{Volatile}.Write(ref _guardThread, 0);");
            }
            _w.Line();

            Doc("The weights' version before a read: throws if a method that writes them is running.");
            _w.Line(GeneratedCode);
            using (_w.Block("private int WeightsVersionBeforeRead(string method)"))
            {
                _w.Line($"int version = {Volatile}.Read(ref _weightsVersion);");
                using (_w.Block("if ((version & 1) != 0)"))
                {
                    _w.Line("throw WeightsChanged(method);");
                }
                _w.Line("return version;");
            }
            _w.Line();

            Doc("After a read that began at <paramref name=\"version\"/>: throws if the weights were written meanwhile.");
            _w.Line(GeneratedCode);
            using (_w.Block("private void CheckWeightsUnchanged(int version, string method)"))
            {
                _w.Comment("Every read of the weights above completes before the version is read again.");
                _w.Line($"{Interlocked}.MemoryBarrier();");
                using (_w.Block($"if ({Volatile}.Read(ref _weightsVersion) != version)"))
                {
                    _w.Line("throw WeightsChanged(method);");
                }
            }
            _w.Line();

            _w.Line(GeneratedCode);
            using (_w.Block("private InvalidOperationException WeightsChanged(string method)"))
            {
                _w.Line($"return new InvalidOperationException($\"{{method}} read the weights of this {network} while {{_guardMethod ?? \"another method\"}} wrote them on another thread, so its results would mix old and new weights. To predict while training goes on, call TakeSnapshot() on the training thread between steps and predict with the snapshot.\");");
            }
            _w.Line();
        }
    }
}
