using System;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using NetGen.Tests.Onnx;
using Xunit;

namespace NetGen.Tests.Performance
{
    /// <summary>
    /// Every buffer a network declares (weights, gradients, activations, optimizer state, the threads' shares) starts on
    /// a 64-byte boundary, so that no 512-bit load or store of a row splits across two cache lines.
    /// </summary>
    public class AlignmentTests
    {
        public static TheoryData<string> Networks()
        {
            var data = new TheoryData<string>();
            foreach (var network in SnapshotNetworks.All)
            {
                data.Add(network.FullName);
            }
            return data;
        }

        [Theory]
        [MemberData(nameof(Networks))]
        public void EveryBufferStartsOnACacheLine(string fullName)
        {
            object network = SnapshotNetworks.Create(fullName);
            // The buffers live where the garbage collector never moves them: the boundary holds after a compacting collection.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            FieldInfo[] buffers = network.GetType()
                .GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
                .Where(f => f.FieldType == typeof(ArraySegment<float>) || f.FieldType == typeof(ArraySegment<double>))
                .ToArray();
            Assert.Contains(buffers, f => f.Name == "_w1");
            foreach (FieldInfo field in buffers)
            {
                object value = field.GetValue(network)!;
                (Array array, int offset, int elementSize) = value switch
                {
                    ArraySegment<float> single => ((Array)single.Array!, single.Offset, sizeof(float)),
                    ArraySegment<double> wide => (wide.Array!, wide.Offset, sizeof(double)),
                    _ => throw new InvalidOperationException(field.Name),
                };
                GCHandle handle = GCHandle.Alloc(array, GCHandleType.Pinned);
                try
                {
                    long address = (long)handle.AddrOfPinnedObject() + (long)offset * elementSize;
                    Assert.True(address % 64 == 0, $"{fullName}.{field.Name} starts at {address % 64} bytes past a 64-byte boundary");
                }
                finally
                {
                    handle.Free();
                }
            }
        }
    }
}
