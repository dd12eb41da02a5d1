using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace NetGen.Tests.Formats
{
    /// <summary>Builds small IDX files byte by byte, following the format description on the MNIST page.</summary>
    internal static class IdxTestFiles
    {
        /// <summary>An image file: magic 0x00000803, count, rows, columns (big-endian), then the pixels.</summary>
        public static byte[] Images(int count, int rows, int columns, byte[] pixels) =>
            Idx(0x08, new[] { count, rows, columns }, pixels);

        /// <summary>A label file: magic 0x00000801, count (big-endian), then the labels.</summary>
        public static byte[] Labels(params byte[] labels) => Idx(0x08, new[] { labels.Length }, labels);

        /// <summary>Any IDX file: two zero bytes, the type code, the dimension count, the lengths, the data.</summary>
        public static byte[] Idx(byte typeCode, int[] dimensions, byte[] data)
        {
            var header = new byte[4 + 4 * dimensions.Length];
            header[2] = typeCode;
            header[3] = (byte)dimensions.Length;
            for (int i = 0; i < dimensions.Length; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dimensions[i]);
            }

            return header.Concat(data).ToArray();
        }

        public static byte[] Gzip(byte[] contents)
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
            {
                gzip.Write(contents);
            }

            return compressed.ToArray();
        }
    }
}
