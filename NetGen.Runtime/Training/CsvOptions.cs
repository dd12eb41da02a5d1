using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.Training
{
    /// <summary>
    /// A column of a CSV file, by header name (<c>"species"</c>) or by zero-based position (<c>4</c>, or <c>^1</c> for
    /// the last column). Strings, integers and <see cref="Index"/> values convert to it.
    /// </summary>
    public readonly struct CsvColumn : IEquatable<CsvColumn>
    {
        private CsvColumn(string? name, Index position)
        {
            Name = name;
            Position = position;
        }

        /// <summary>The header name, or null for a column given by position.</summary>
        public string? Name { get; }

        /// <summary>The zero-based position (from the end for <c>^n</c>), when <see cref="Name"/> is null.</summary>
        public Index Position { get; }

        /// <summary>The column whose header is <paramref name="name"/>.</summary>
        public static implicit operator CsvColumn(string name) => new(name ?? throw new ArgumentNullException(nameof(name)), default);

        /// <summary>The column at zero-based <paramref name="position"/>.</summary>
        public static implicit operator CsvColumn(int position) =>
            position < 0 ? throw new ArgumentOutOfRangeException(nameof(position), position, "Column positions count from 0; use ^1 for the last column.") : new(null, position);

        /// <summary>The column at <paramref name="position"/>; <c>^1</c> is the last.</summary>
        public static implicit operator CsvColumn(Index position) => new(null, position);

        /// <inheritdoc />
        public bool Equals(CsvColumn other) => Name == other.Name && Position.Equals(other.Position);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is CsvColumn other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => HashCode.Combine(Name, Position);

        /// <inheritdoc />
        public override string ToString() => Name is not null
            ? "'" + Name + "'"
            : Position.IsFromEnd ? "^" + Position.Value.ToString(CultureInfo.InvariantCulture) : Position.Value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>How to read a CSV file into a dataset: where the header and the label are, which columns are features.</summary>
    public sealed class CsvOptions
    {
        /// <summary>Whether the first line (after <see cref="SkipLines"/>) names the columns. Default true.</summary>
        public bool HasHeader { get; set; } = true;

        /// <summary>Lines to skip before the header or the first row, whatever they hold. Default 0.</summary>
        public int SkipLines { get; set; }

        /// <summary>The field separator. Default ','.</summary>
        public char Delimiter { get; set; } = ',';

        /// <summary>The label column (a classifier's class, a regressor's target). Default the last column, <c>^1</c>.</summary>
        public CsvColumn Label { get; set; } = ^1;

        /// <summary>The feature columns, in this order; null (the default) takes every column but the label and <see cref="Ignore"/>.</summary>
        public IReadOnlyList<CsvColumn>? Features { get; set; }

        /// <summary>Columns that are neither label nor feature (identifiers, free text).</summary>
        public IReadOnlyList<CsvColumn>? Ignore { get; set; }

        /// <summary>
        /// Classifiers: the label texts, in class-index order (<c>["setosa", "versicolor", "virginica"]</c>); a row with
        /// another label is an error. When null and <see cref="ClassCount"/> is null, labels that are all whole numbers
        /// 0, 1, … are the class indexes themselves, and other labels are numbered in sorted (ordinal) order.
        /// </summary>
        public IReadOnlyList<string>? Classes { get; set; }

        /// <summary>Classifiers: labels are whole numbers in [0, ClassCount); a row with another label is an error.</summary>
        public int? ClassCount { get; set; }
    }
}
