using System;
using NetGen.NumPy;

namespace NetGen.Benchmarks
{
    /// <summary>
    /// One benchmark workload: a network with its weights, a batch and targets, all drawn from NumPy's legacy
    /// generator with seed 0 in the order bench/numpy_bench.py draws them (x, t, then each W and B in layer order), so
    /// both sides train the same numbers. Question 7 keeps the assignment's unscaled weights; every other workload
    /// divides each weight matrix by √inputs, so that training neither diverges nor turns into arithmetic on
    /// infinities while it is timed.
    /// </summary>
    public sealed class Workload
    {
        private readonly ITrainable _net;
        private readonly double[] _x;
        private readonly double[] _t;
        private readonly double[][] _initial;
        private readonly Action<double[][]> _load;

        private Workload(ITrainable net, int batch, int inputs, int outputs, (int Length, int FanIn)[] parameters, Action<double[][]> load)
        {
            _net = net;
            _load = load;
            var random = new LegacyRandom(0);
            _x = new double[batch * inputs];
            _t = new double[batch * outputs];
            random.StandardNormal(_x);
            random.StandardNormal(_t);
            _initial = new double[parameters.Length][];
            for (int p = 0; p < parameters.Length; p++)
            {
                _initial[p] = new double[parameters[p].Length];
                random.StandardNormal(_initial[p]);
                if (parameters[p].FanIn > 0)
                {
                    double scale = 1.0 / Math.Sqrt(parameters[p].FanIn);
                    for (int e = 0; e < _initial[p].Length; e++)
                    {
                        _initial[p][e] *= scale;
                    }
                }
            }
            ResetParameters();
        }

        /// <summary>Writes the initial weights and biases back into the network.</summary>
        public void ResetParameters() => _load(_initial);

        /// <summary>One training step with question 7's learning rate, 1e-6.</summary>
        public double TrainStep() => _net.TrainStep(_x, _t, 1e-6);

        /// <summary>The same step as four calls, Forward, Loss, Backward and Step, each its own pass.</summary>
        public double ForwardLossBackwardStep()
        {
            _net.Forward(_x);
            double loss = _net.Loss(_t);
            _net.Backward(_x, _t);
            _net.Step(1e-6);
            return loss;
        }

        /// <summary>The workloads by name; the names are shared with bench/numpy_bench.py.</summary>
        public static Workload Create(string name)
        {
            switch (name)
            {
                case "q7":
                {
                    var net = new Question7Net();
                    return new Workload(net, 64, 1000, 10, new[] { (1000 * 100, 0), (100 * 10, 0) }, p => { p[0].CopyTo(net.W1); p[1].CopyTo(net.W2); });
                }
                case "scale-x1":
                {
                    var net = new Question7Net();
                    return Scaled(net, 64, 1000, 100, p => { p[0].CopyTo(net.W1); p[1].CopyTo(net.W2); });
                }
                case "mlp-784-256-128-10":
                {
                    var net = new Mlp784Net();
                    return new Workload(net, 64, 784, 10, new[] { (784 * 256, 784), (256, 0), (256 * 128, 256), (128, 0), (128 * 10, 128), (10, 0) }, p =>
                    {
                        p[0].CopyTo(net.W1);
                        p[1].CopyTo(net.B1);
                        p[2].CopyTo(net.W2);
                        p[3].CopyTo(net.B2);
                        p[4].CopyTo(net.W3);
                        p[5].CopyTo(net.B3);
                    });
                }
                case "tiny-20-16-3":
                {
                    var net = new Tiny20Net();
                    return new Workload(net, 8, 20, 3, new[] { (20 * 16, 20), (16, 0), (16 * 3, 16), (3, 0) }, p =>
                    {
                        p[0].CopyTo(net.W1);
                        p[1].CopyTo(net.B1);
                        p[2].CopyTo(net.W2);
                        p[3].CopyTo(net.B2);
                    });
                }
                case "scale-batch-x4":
                {
                    var net = new ScaleBatch4Net();
                    return Scaled(net, 256, 1000, 100, p => { p[0].CopyTo(net.W1); p[1].CopyTo(net.W2); });
                }
                case "scale-batch-x16":
                {
                    var net = new ScaleBatch16Net();
                    return Scaled(net, 1024, 1000, 100, p => { p[0].CopyTo(net.W1); p[1].CopyTo(net.W2); });
                }
                case "scale-inputs-x4":
                {
                    var net = new ScaleInputs4Net();
                    return Scaled(net, 64, 4000, 100, p => { p[0].CopyTo(net.W1); p[1].CopyTo(net.W2); });
                }
                case "scale-inputs-x16":
                {
                    var net = new ScaleInputs16Net();
                    return Scaled(net, 64, 16000, 100, p => { p[0].CopyTo(net.W1); p[1].CopyTo(net.W2); });
                }
                case "scale-hidden-x4":
                {
                    var net = new ScaleHidden4Net();
                    return Scaled(net, 64, 1000, 400, p => { p[0].CopyTo(net.W1); p[1].CopyTo(net.W2); });
                }
                case "scale-hidden-x16":
                {
                    var net = new ScaleHidden16Net();
                    return Scaled(net, 64, 1000, 1600, p => { p[0].CopyTo(net.W1); p[1].CopyTo(net.W2); });
                }
                default:
                    throw new ArgumentException("Unknown workload " + name, nameof(name));
            }
        }

        /// <summary>Question 7's shape, no biases, with other sizes and scaled weights: W1 (inputs, hidden), W2 (hidden, 10).</summary>
        private static Workload Scaled(ITrainable net, int batch, int inputs, int hidden, Action<double[][]> load) =>
            new(net, batch, inputs, 10, new[] { (inputs * hidden, inputs), (hidden * 10, hidden) }, load);
    }
}
