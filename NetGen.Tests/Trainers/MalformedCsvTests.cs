using System;
using System.IO;
using NetGen.Datasets;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Trainers
{
    /// <summary>
    /// Malformed CSV files, each refused with a <see cref="CsvFormatException"/> whose message names the file, the line
    /// and the column, before anything is trained: the network's parameters stay as they were and no epoch runs.
    /// </summary>
    public sealed class MalformedCsvTests : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "netgen-csv-" + Guid.NewGuid().ToString("N"));

        public MalformedCsvTests() => Directory.CreateDirectory(_directory);

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        public enum Kind
        {
            /// <summary>A header, the label in the last column, labels found from the data.</summary>
            Default,
            LabelNamedSpecies,
            LabelNamedLabel,
            FeaturesAAndC,
            ClassesXAndY,
            ClassCount3,
            SkipTwoLines,
            NoHeaderLabelByName,
            Single,
            Regression,
        }

        public static readonly TheoryData<string, string, Kind, int, int, string> Files = new()
        {
            { "empty", "", Kind.Default, 1, 1, "the file holds no header line (it is empty)" },
            { "header only", "a,b,label\n", Kind.Default, 2, 1, "the file holds a header (line 1) but no rows of data" },
            { "blank lines only", "\n\r\n\n", Kind.Default, 4, 1, "no header line" },
            { "non-numeric value", "a,b,label\n1,2,x\n3,abc,y\n", Kind.Default, 3, 2, "the feature 'b' holds 'abc', which is not a number" },
            { "empty value", "a,b,label\n1,,x\n", Kind.Default, 2, 2, "the feature 'b' is empty" },
            { "not finite", "a,b,label\n1,nan,x\n", Kind.Default, 2, 2, "'nan', which is not a finite number" },
            { "beyond float", "a,b,label\n1e39,1,x\n", Kind.Single, 2, 1, "'1e39', beyond the range of Single" },
            { "short ragged row", "a,b,label\n1,2,x\n3,y\n", Kind.Default, 3, 3, "the row has 2 value(s), but the header has 3 columns: column 3 ('label') is missing" },
            { "long ragged row", "a,b,label\n1,2,x\n1,2,3,x\n", Kind.Default, 3, 4, "the row has 4 values, but the header has 3 columns" },
            { "unknown label column", "a,b,label\n1,2,x\n", Kind.LabelNamedSpecies, 1, 4, "the header has no label column named 'species'; its columns are 'a', 'b', 'label'" },
            { "missing feature column", "a,b,label\n1,2,x\n", Kind.FeaturesAAndC, 1, 4, "no feature column named 'c'" },
            { "label outside the classes", "a,b,label\n1,2,x\n3,4,z\n", Kind.ClassesXAndY, 3, 3, "the label 'label' is 'z', which is not one of the 2 classes ('x', 'y')" },
            { "label outside the class count", "a,b,label\n1,2,0\n3,4,2\n5,6,3\n", Kind.ClassCount3, 4, 3, "is '3', which is not a class index in 0 to 2" },
            { "empty label", "a,b,label\n1,2,\n3,4,y\n", Kind.Default, 2, 3, "the label 'label' is empty" },
            { "unclosed quote", "a,b,label\n1,\"2,x\n3,4,y\n", Kind.Default, 2, 2, "the quoted field that starts here is never closed" },
            { "text after a closing quote", "a,b,label\n\"1\"5,2,y\n", Kind.Default, 2, 1, "'5' follows the closing quote" },
            { "everything skipped", "meta\n", Kind.SkipTwoLines, 2, 1, "after the 2 line(s) SkipLines skips" },
            { "name without a header", "1,2,0\n", Kind.NoHeaderLabelByName, 1, 1, "the file has no header (HasHeader is false)" },
            { "non-numeric target", "a,b,y\n1,2,3.5\n3,4,high\n", Kind.Regression, 3, 3, "the target 'y' holds 'high', which is not a number" },
            { "duplicate label name", "a,label,label\n1,2,3\n", Kind.LabelNamedLabel, 1, 3, "two columns are named 'label'" },
        };

        [Theory]
        [MemberData(nameof(Files))]
        public void IsRefusedWithItsLineAndColumn_AndNothingIsTrained(string name, string content, Kind kind, int line, int column, string problem)
        {
            string path = Path.Combine(_directory, name.Replace(' ', '-') + ".csv");
            File.WriteAllText(path, content);
            var network = new TrainerClassifierNet();
            network.InitializeHe(1);
            var before = new double[TrainerClassifierNet.ParameterCount];
            network.CopyParametersTo(before);
            int epochs = 0;
            var trainer = new Trainer { Epochs = 1, Progress = ProgressDisplay.Off, EpochEnded = _ => epochs++ };

            CsvFormatException error = Assert.Throws<CsvFormatException>(() =>
            {
                switch (kind)
                {
                    case Kind.Single:
                        ClassificationData<float>.FromCsv(path);
                        break;
                    case Kind.Regression:
                        RegressionData<double>.FromCsv(path);
                        break;
                    default:
                        trainer.Fit(network, ClassificationData<double>.FromCsv(path, Options(kind)));
                        break;
                }
            });

            Assert.Equal(line, error.Line);
            Assert.Equal(column, error.Column);
            Assert.Equal(path, error.FileName);
            Assert.StartsWith($"{path}, line {line}, column {column}: ", error.Message);
            Assert.Contains(problem, error.Message);
            Assert.Equal(0, epochs);
            var after = new double[TrainerClassifierNet.ParameterCount];
            network.CopyParametersTo(after);
            Assert.Equal(before, after);
        }

        private static CsvOptions Options(Kind kind) => kind switch
        {
            Kind.LabelNamedSpecies => new CsvOptions { Label = "species" },
            Kind.LabelNamedLabel => new CsvOptions { Label = "label" },
            Kind.FeaturesAAndC => new CsvOptions { Features = new CsvColumn[] { "a", "c" } },
            Kind.ClassesXAndY => new CsvOptions { Classes = new[] { "x", "y" } },
            Kind.ClassCount3 => new CsvOptions { ClassCount = 3 },
            Kind.SkipTwoLines => new CsvOptions { SkipLines = 2 },
            Kind.NoHeaderLabelByName => new CsvOptions { HasHeader = false, Label = "label" },
            _ => new CsvOptions(),
        };

        [Fact]
        public void AMissingFileIsFileNotFound()
        {
            string path = Path.Combine(_directory, "absent.csv");
            Assert.Contains(path, Assert.Throws<FileNotFoundException>(() => ClassificationData<double>.FromCsv(path)).Message);
        }
    }
}
