using System;
using NetGen.NumPy;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests.Training
{
    /// <summary>The contract of the generated members, beyond the arithmetic.</summary>
    public class GeneratedApiTests
    {
        [Fact]
        public void ConstantsDescribeTheDeclaration()
        {
            Assert.Equal(3, SmallSquaredErrorNet.BatchSize);
            Assert.Equal(4, SmallSquaredErrorNet.InputSize);
            Assert.Equal(2, SmallSquaredErrorNet.OutputSize);
            Assert.Equal(4 * 5 + 5 + 5 * 2 + 2, SmallSquaredErrorNet.ParameterCount);
            Assert.Equal(SmallSquaredErrorNet.ParameterCount * 8L, SmallSquaredErrorNet.ParameterBytes);
            var net = new SmallSquaredErrorNet();
            Assert.Equal(20, net.W1.Length);
            Assert.Equal(5, net.B1.Length);
            Assert.Equal(10, net.GradW2.Length);
            Assert.Equal(6, net.Output.Length);
        }

        [Fact]
        public void WrongInputLengthNamesTheExpectedLength()
        {
            var net = new SmallSquaredErrorNet();
            ArgumentException error = Assert.Throws<ArgumentException>(() => net.Forward(new double[11]));
            Assert.Equal("x", error.ParamName);
            Assert.Contains("12 values", error.Message);
            Assert.Contains("3 x 4", error.Message);
            Assert.Contains("holds 11", error.Message);
        }

        [Fact]
        public void WrongTargetLengthNamesTheExpectedLength()
        {
            var net = new SmallSquaredErrorNet();
            net.Forward(new double[12]);
            ArgumentException error = Assert.Throws<ArgumentException>(() => net.Loss(new double[5]));
            Assert.Equal("target", error.ParamName);
            Assert.Contains("6 values", error.Message);
            Assert.Throws<ArgumentException>(() => net.TrainStep(new double[12], new double[7], 0.1));
        }

        [Fact]
        public void LabelsMustBeClassIndexes()
        {
            var net = new SmallCrossEntropyNet();
            double[] x = new double[SmallCrossEntropyNet.BatchSize * SmallCrossEntropyNet.InputSize];
            net.Forward(x);
            ArgumentException length = Assert.Throws<ArgumentException>(() => net.Loss(new int[3]));
            Assert.Contains("4 values", length.Message);
            ArgumentOutOfRangeException range = Assert.Throws<ArgumentOutOfRangeException>(() => net.Loss(new[] { 0, 1, 3, 2 }));
            Assert.Contains("labels[2] is 3", range.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => net.Backward(x, new[] { 0, -1, 0, 0 }));
        }

        [Fact]
        public void TrainStepReturnsTheLossBeforeTheUpdateAndLowersIt()
        {
            var net = new SmallSquaredErrorNet();
            var random = new LegacyRandom(7);
            double[] x = new double[12];
            double[] t = new double[6];
            random.StandardNormal(x);
            random.StandardNormal(t);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);

            net.Forward(x);
            double before = net.Loss(t);
            double returned = net.TrainStep(x, t, 0.01);
            net.Forward(x);
            double after = net.Loss(t);

            Assert.Equal(before, returned);
            Assert.True(after < before, $"loss went from {before} to {after}");
        }

        [Fact]
        public void BackwardOverwritesTheGradients()
        {
            var net = new SmallSquaredErrorNet();
            var random = new LegacyRandom(8);
            double[] x = new double[12];
            double[] t = new double[6];
            random.StandardNormal(x);
            random.StandardNormal(t);
            random.StandardNormal(net.W1);
            random.StandardNormal(net.W2);
            net.Forward(x);
            net.Backward(x, t);
            double[] once = net.GradW1.ToArray();
            net.Backward(x, t);
            Assert.Equal(once, net.GradW1.ToArray());
        }

        [Fact]
        public void StepIsPlainGradientDescent()
        {
            var net = new SingleLayerNet();
            net.W1[0] = 1.5;
            net.GradW1[0] = 2.0;
            net.W1[5] = -1;
            net.GradW1[5] = -4;
            net.Step(0.25);
            Assert.Equal(1.0, net.W1[0]);
            Assert.Equal(0.0, net.W1[5]);
        }
    }
}
