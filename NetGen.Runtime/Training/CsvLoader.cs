using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using NetGen.Datasets;

namespace NetGen.Training
{
    /// <summary>
    /// Reads a CSV file into the features and the label texts of a dataset. Every value is checked as it is read; the
    /// first bad one stops the reading with a <see cref="CsvFormatException"/> that names its line and column, and no
    /// dataset is made.
    /// </summary>
    internal sealed class CsvLoader<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly string _source;
        private readonly List<string> _names;
        private readonly int[] _featureColumns;
        private readonly int _labelColumn;

        private CsvLoader(string source, List<string> names, int[] featureColumns, int labelColumn)
        {
            _source = source;
            _names = names;
            _featureColumns = featureColumns;
            _labelColumn = labelColumn;
        }

        /// <summary>The features (rows, features) row-major, the label field of each row and the line it is on.</summary>
        public static (T[] Features, string[] FeatureNames, List<string> Labels, List<int> Lines, int LabelColumn, string LabelName, string Source) Read(string path, CsvOptions options)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }
            if (options.SkipLines < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.SkipLines, "SkipLines cannot be negative.");
            }
            using CsvReader reader = CsvReader.Open(path, options.Delimiter);
            for (int i = 0; i < options.SkipLines; i++)
            {
                if (!reader.SkipLine())
                {
                    break;
                }
            }
            var fields = new List<string>();
            if (!reader.ReadRecord(fields))
            {
                throw new CsvFormatException(path, reader.Line, 1,
                    options.HasHeader ? "the file holds no header line (it is empty" + Skipped(options) + ")" : "the file holds no rows (it is empty" + Skipped(options) + ")");
            }
            int headerLine = reader.RecordLine;
            List<string> names;
            bool pending;
            if (options.HasHeader)
            {
                names = new List<string>(fields.Select(f => f.Trim()));
                pending = false;
            }
            else
            {
                names = Enumerable.Range(1, fields.Count).Select(i => "column " + i.ToString(CultureInfo.InvariantCulture)).ToList();
                pending = true;
            }
            int columns = names.Count;
            int label = Resolve(options.Label, names, options.HasHeader, path, headerLine, "label");
            var ignored = new HashSet<int>((options.Ignore ?? Array.Empty<CsvColumn>()).Select(c => Resolve(c, names, options.HasHeader, path, headerLine, "ignored")));
            int[] featureColumns;
            if (options.Features is not null)
            {
                featureColumns = options.Features.Select(c => Resolve(c, names, options.HasHeader, path, headerLine, "feature")).ToArray();
                int clash = Array.FindIndex(featureColumns, c => c == label);
                if (clash >= 0)
                {
                    throw new CsvFormatException(path, headerLine, label + 1, $"the label column {Describe(names, label)} is also listed as feature {clash}");
                }
                int repeated = featureColumns.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).DefaultIfEmpty(-1).First();
                if (repeated >= 0)
                {
                    throw new CsvFormatException(path, headerLine, repeated + 1, $"column {Describe(names, repeated)} is listed twice among the features");
                }
            }
            else
            {
                featureColumns = Enumerable.Range(0, columns).Where(c => c != label && !ignored.Contains(c)).ToArray();
            }
            if (featureColumns.Length == 0)
            {
                throw new CsvFormatException(path, headerLine, 1, $"no column is left for features: the file has {columns} column(s), one of them the label");
            }

            var loader = new CsvLoader<T>(path, names, featureColumns, label);
            var features = new List<T>();
            var labels = new List<string>();
            var lines = new List<int>();
            while (pending || reader.ReadRecord(fields))
            {
                pending = false;
                loader.Row(fields, reader.RecordLine, features);
                labels.Add(fields[label]);
                lines.Add(reader.RecordLine);
            }
            if (labels.Count == 0)
            {
                throw new CsvFormatException(path, reader.Line, 1, $"the file holds a header (line {headerLine}) but no rows of data");
            }
            string[] featureNames = featureColumns.Select(c => names[c]).ToArray();
            return (features.ToArray(), featureNames, labels, lines, label, names[label], path);
        }

        private static string Skipped(CsvOptions options) => options.SkipLines > 0
            ? $" after the {options.SkipLines} line(s) SkipLines skips"
            : "";

        private void Row(List<string> fields, int line, List<T> features)
        {
            int columns = _names.Count;
            if (fields.Count != columns)
            {
                int column = Math.Min(fields.Count, columns) + 1;
                throw new CsvFormatException(_source, line, column, fields.Count < columns
                    ? $"the row has {fields.Count} value(s), but the header has {columns} columns: {Describe(_names, fields.Count)} is missing"
                    : $"the row has {fields.Count} values, but the header has {columns} columns");
            }
            foreach (int column in _featureColumns)
            {
                features.Add(Number(fields[column], line, column, "feature"));
            }
        }

        /// <summary>A value as a finite <typeparamref name="T"/>, or an error naming where it is and what is wrong.</summary>
        public T Number(string text, int line, int column, string role)
        {
            return Parse(text, _source, line, column, $"the {role} '{_names[column]}'", role);
        }

        public static T Parse(string text, string source, int line, int column, string name, string role)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CsvFormatException(source, line, column + 1, $"{name} is empty; every {role} must be a number (fill in missing values before training)");
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new CsvFormatException(source, line, column + 1, $"{name} holds '{Shorten(text)}', which is not a number");
            }
            if (!double.IsFinite(value))
            {
                throw new CsvFormatException(source, line, column + 1, $"{name} holds '{Shorten(text)}', which is not a finite number");
            }
            T converted = T.CreateChecked(value);
            if (T.IsInfinity(converted))
            {
                throw new CsvFormatException(source, line, column + 1, $"{name} holds '{Shorten(text)}', beyond the range of {typeof(T).Name}");
            }
            return converted;
        }

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

        /// <summary>The column's position and name as messages show them: <c>'radius' (column 3)</c>.</summary>
        public static string Describe(List<string> names, int column) =>
            column < names.Count ? $"column {column + 1} ('{names[column]}')" : $"column {column + 1}";

        private static int Resolve(CsvColumn column, List<string> names, bool header, string path, int line, string role)
        {
            if (column.Name is string name)
            {
                if (!header)
                {
                    throw new CsvFormatException(path, line, 1, $"the {role} column is given by the name '{name}', but the file has no header (HasHeader is false); give its position instead");
                }
                int found = names.IndexOf(name);
                if (found < 0)
                {
                    throw new CsvFormatException(path, line, names.Count + 1,
                        $"the header has no {role} column named '{name}'; its columns are {string.Join(", ", names.Select(n => "'" + n + "'"))}");
                }
                if (names.LastIndexOf(name) != found)
                {
                    throw new CsvFormatException(path, line, names.LastIndexOf(name) + 1, $"two columns are named '{name}' (columns {found + 1} and {names.LastIndexOf(name) + 1}); give the {role} column by position");
                }
                return found;
            }
            int offset = column.Position.GetOffset(names.Count);
            if (offset < 0 || offset >= names.Count)
            {
                throw new CsvFormatException(path, line, names.Count + 1, $"the {role} column {column} is outside the file's {names.Count} columns");
            }
            return offset;
        }
    }

    /// <summary>CSV reading for the dataset classes.</summary>
    internal static class CsvDatasets
    {
        public static ClassificationData<T> Classification<T>(string path, CsvOptions? options)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            options ??= new CsvOptions();
            if (options.Classes is not null && options.ClassCount is not null)
            {
                throw new ArgumentException("Give the classes either as Classes (label texts) or as ClassCount (whole-number labels), not both.", nameof(options));
            }
            if (options.ClassCount is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.ClassCount, "ClassCount must be at least 1.");
            }
            var read = CsvLoader<T>.Read(path, options);
            int column = read.LabelColumn + 1;
            string name = $"the label '{read.LabelName}'";
            var labels = new int[read.Labels.Count];
            IReadOnlyList<string>? classNames = null;
            int classCount;
            if (options.Classes is IReadOnlyList<string> classes)
            {
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int c = 0; c < classes.Count; c++)
                {
                    if (!index.TryAdd(classes[c], c))
                    {
                        throw new ArgumentException($"The class '{classes[c]}' is listed twice in Classes.", nameof(options));
                    }
                }
                for (int i = 0; i < labels.Length; i++)
                {
                    string text = read.Labels[i].Trim();
                    if (!index.TryGetValue(text, out labels[i]))
                    {
                        throw new CsvFormatException(read.Source, read.Lines[i], column,
                            $"{name} is '{text}', which is not one of the {classes.Count} classes ({string.Join(", ", classes.Select(c => "'" + c + "'"))})");
                    }
                }
                classNames = classes;
                classCount = classes.Count;
            }
            else if (options.ClassCount is int count)
            {
                for (int i = 0; i < labels.Length; i++)
                {
                    if (!WholeNumber(read.Labels[i], out labels[i]) || labels[i] >= count)
                    {
                        throw new CsvFormatException(read.Source, read.Lines[i], column,
                            $"{name} is '{read.Labels[i].Trim()}', which is not a class index in 0 to {count - 1} (ClassCount = {count})");
                    }
                }
                classCount = count;
            }
            else
            {
                bool numeric = true;
                int max = 0;
                for (int i = 0; i < labels.Length && numeric; i++)
                {
                    numeric = WholeNumber(read.Labels[i], out labels[i]);
                    max = Math.Max(max, labels[i]);
                }
                if (numeric)
                {
                    classCount = max + 1;
                }
                else
                {
                    string[] texts = read.Labels.Select(l => l.Trim()).ToArray();
                    for (int i = 0; i < texts.Length; i++)
                    {
                        if (texts[i].Length == 0)
                        {
                            throw new CsvFormatException(read.Source, read.Lines[i], column, $"{name} is empty; every row needs a label");
                        }
                    }
                    string[] distinct = texts.Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToArray();
                    var index = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (int c = 0; c < distinct.Length; c++)
                    {
                        index[distinct[c]] = c;
                    }
                    for (int i = 0; i < texts.Length; i++)
                    {
                        labels[i] = index[texts[i]];
                    }
                    classNames = distinct;
                    classCount = distinct.Length;
                }
            }
            return new ClassificationData<T>(read.Features, read.FeatureNames.Length, labels, classCount, classNames, read.FeatureNames);
        }

        public static RegressionData<T> Regression<T>(string path, CsvOptions? options)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            options ??= new CsvOptions();
            var read = CsvLoader<T>.Read(path, options);
            var targets = new T[read.Labels.Count];
            for (int i = 0; i < targets.Length; i++)
            {
                targets[i] = CsvLoader<T>.Parse(read.Labels[i], read.Source, read.Lines[i], read.LabelColumn, $"the target '{read.LabelName}'", "target");
            }
            return new RegressionData<T>(read.Features, read.FeatureNames.Length, targets, 1, read.FeatureNames);
        }

        /// <summary>A label written as a whole number from 0 up (<c>3</c>, <c>3.0</c>).</summary>
        private static bool WholeNumber(string text, out int value)
        {
            value = 0;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
                || number < 0 || number > int.MaxValue - 1 || number != Math.Floor(number))
            {
                return false;
            }
            value = (int)number;
            return true;
        }
    }
}
