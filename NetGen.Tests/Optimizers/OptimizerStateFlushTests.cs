using System;
using System.Reflection;
using Xunit;

namespace NetGen.Tests.Optimizers
{
    /// <summary>Adam in single precision on one weight matrix, for watching its moments decay.</summary>
    [Network(BatchSize = 2, Precision = Precision.Single)]
    [Dense(3, 2)]
    [SquaredErrorLoss]
    [Adam]
    public partial class DecayingAdamNet
    {
    }

    /// <summary>SGD with momentum in single precision on one weight matrix.</summary>
    [Network(BatchSize = 2, Precision = Precision.Single)]
    [Dense(3, 2)]
    [SquaredErrorLoss]
    [Momentum(0.9)]
    public partial class DecayingMomentumNet
    {
    }

    /// <summary>
    /// A weight whose gradient becomes zero (its input is 0 from then on) sees its first moment or velocity shrink by
    /// β₁ or μ per step. Without a floor it would become a subnormal number and stay one (m + 0.1 (0 - m) rounds back
    /// to m), slowing every later step; the optimizers set state below 1e-30 to exactly zero.
    /// </summary>
    public class OptimizerStateFlushTests
    {
        [Fact]
        public void AdamFirstMomentOfAnUnusedWeightReachesZeroNotASubnormalNumber()
        {
            var net = new DecayingAdamNet();
            net.W1.Fill(0.5f);
            float[] target = { 1, -1, 1, -1 };
            net.TrainStep(new float[] { 1, 2, 3, 4, 5, 6 }, target, 1e-3);
            ArraySegment<float> m = Field(net, "_adamMW1");
            ArraySegment<float> v = Field(net, "_adamVW1");
            Assert.All(m, value => Assert.NotEqual(0f, value));

            float[] zero = new float[6];
            for (int step = 0; step < 1000; step++)
            {
                net.TrainStep(zero, target, 1e-3);
                foreach (float value in m)
                {
                    Assert.False(float.IsSubnormal(value), $"step {step + 2}: first moment {value:R} is subnormal");
                }
            }
            // 0.9^1000 · 0.1 · |g| is far below 1e-30: every first moment is exactly zero, the second ones still hold the
            // first gradient (0.999^1000 of it).
            Assert.All(m, value => Assert.Equal(0f, value));
            Assert.All(v, value => Assert.True(value > 1e-10f, $"second moment {value:R}"));
        }

        [Fact]
        public void MomentumVelocityOfAnUnusedWeightReachesZeroNotASubnormalNumber()
        {
            var net = new DecayingMomentumNet();
            net.W1.Fill(0.5f);
            float[] target = { 1, -1, 1, -1 };
            net.TrainStep(new float[] { 1, 2, 3, 4, 5, 6 }, target, 1e-3);
            ArraySegment<float> velocity = Field(net, "_velocityW1");
            Assert.All(velocity, value => Assert.NotEqual(0f, value));

            float[] zero = new float[6];
            for (int step = 0; step < 1000; step++)
            {
                net.TrainStep(zero, target, 1e-3);
                foreach (float value in velocity)
                {
                    Assert.False(float.IsSubnormal(value), $"step {step + 2}: velocity {value:R} is subnormal");
                }
            }
            Assert.All(velocity, value => Assert.Equal(0f, value));
        }

        private static ArraySegment<float> Field(object network, string name) =>
            (ArraySegment<float>)network.GetType().GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(network)!;
    }
}
