using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.NumPy
{
    /// <summary>
    /// What the header of a <c>.npy</c> file says about the array that follows it,
    /// as returned by <see cref="NpyFile.ReadHeader(string)"/>.
    /// </summary>
    public sealed class NpyHeader
    {
        private readonly int[] _shape;

        internal NpyHeader(int majorVersion, int minorVersion, string descr, bool fortranOrder, int[] shape, long dataOffset)
        {
            MajorVersion = majorVersion;
            MinorVersion = minorVersion;
            Descr = descr;
            FortranOrder = fortranOrder;
            _shape = shape;
            DataOffset = dataOffset;

            long count = 1;
            foreach (int length in shape)
            {
                count = checked(count * length);
            }

            ElementCount = count;
        }

        /// <summary>The format's major version: 1, 2 or 3.</summary>
        public int MajorVersion { get; }

        /// <summary>The format's minor version: always 0 for the versions NumPy defines.</summary>
        public int MinorVersion { get; }

        /// <summary>
        /// The header's <c>descr</c> field as written, e.g. <c>&lt;f8</c> (little-endian float64),
        /// <c>&lt;f4</c>, <c>&lt;i8</c>, <c>&gt;f8</c> (big-endian) or <c>|O</c> (Python objects).
        /// </summary>
        public string Descr { get; }

        /// <summary>
        /// <see langword="true"/> when the data is stored in column-major (Fortran) order,
        /// <see langword="false"/> for row-major (C) order.
        /// </summary>
        public bool FortranOrder { get; }

        /// <summary>The array's shape; empty for a 0-d (scalar) array.</summary>
        public IReadOnlyList<int> Shape => _shape;

        /// <summary>The number of elements: the product of the shape, 1 for a 0-d array.</summary>
        public long ElementCount { get; }

        /// <summary>The offset in bytes from the start of the file to the first data byte.</summary>
        public long DataOffset { get; }

        /// <summary>The shape written the way Python prints a tuple: <c>(3, 4)</c>, <c>(5,)</c>, <c>()</c>.</summary>
        public string ShapeText => FormatShape(_shape);

        /// <summary>A copy of <see cref="Shape"/> as an array.</summary>
        public int[] GetShape() => (int[])_shape.Clone();

        /// <summary>Describes the array, e.g. <c>float64 ('&lt;f8') array of shape (3, 4), C order, format 1.0</c>.</summary>
        public override string ToString() =>
            $"{NpyElementType.Describe(Descr)} array of shape {ShapeText}, {(FortranOrder ? "Fortran" : "C")} order, format {MajorVersion}.{MinorVersion}";

        /// <summary>Writes a shape the way Python prints a tuple: <c>(3, 4)</c>, <c>(5,)</c>, <c>()</c>.</summary>
        /// <param name="shape">The lengths of the axes.</param>
        public static string FormatShape(ReadOnlySpan<int> shape)
        {
            var text = new StringBuilder("(");
            for (int axis = 0; axis < shape.Length; axis++)
            {
                if (axis > 0)
                {
                    text.Append(", ");
                }

                text.Append(shape[axis].ToString(CultureInfo.InvariantCulture));
            }

            if (shape.Length == 1)
            {
                text.Append(',');
            }

            return text.Append(')').ToString();
        }
    }
}
