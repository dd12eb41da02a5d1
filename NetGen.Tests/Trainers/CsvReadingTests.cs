using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using NetGen.Datasets;
using NetGen.NumPy;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Trainers
{
    /// <summary>
    /// The CSV reader against what Python's <c>csv</c> module and NumPy's <c>loadtxt</c> read from the same files
    /// (References/csv, written by make_csv_references.py), and against scikit-learn's own CSV files.
    /// </summary>
    public sealed class CsvReadingTests
    {
        private static string Reference(string name) => Path.Combine(AppContext.BaseDirectory, "References", "csv", name);

        private static List<List<string>> ReadAll(string path, char delimiter)
        {
            using CsvReader reader = CsvReader.Open(path, delimiter);
            var records = new List<List<string>>();
            var fields = new List<string>();
            while (reader.ReadRecord(fields))
            {
                records.Add(new List<string>(fields));
            }
            return records;
        }

        [Theory]
        [InlineData("quoting.csv", "quoting.json", ',')]
        [InlineData("semicolons.csv", "semicolons.json", ';')]
        public void RecordsAreWhatPythonsCsvModuleReads(string csv, string json, char delimiter)
        {
            var python = JsonSerializer.Deserialize<List<List<string>>>(File.ReadAllText(Reference(json)))!;
            List<List<string>> records = ReadAll(Reference(csv), delimiter);
            Assert.Equal(python.Count, records.Count);
            for (int i = 0; i < python.Count; i++)
            {
                Assert.Equal(python[i], records[i]);
            }
        }

        [Fact]
        public void RecordsKnowTheLineTheyStartOn()
        {
            using var reader = new CsvReader(new StringReader("a,b\n\"x\ny\",1\n\n2,3\r\n"));
            var fields = new List<string>();
            var lines = new List<int>();
            while (reader.ReadRecord(fields))
            {
                lines.Add(reader.RecordLine);
            }
            Assert.Equal(new[] { 1, 2, 5 }, lines);
        }

        [Theory]
        [InlineData("numbers.csv")]
        [InlineData("numbers.csv.gz")]
        public void NumbersAreBitForBitWhatNumPyLoadtxtReads(string file)
        {
            double[] numpy = NpyFile.Read(Reference("numbers.npy"), out int[] shape);
            Assert.Equal(new[] { 5, 4 }, shape);
            RegressionData<double> data = RegressionData<double>.FromCsv(Reference(file), new CsvOptions { Label = "d" });
            Assert.Equal(new[] { "a", "b", "c" }, data.FeatureNames);
            for (int n = 0; n < 5; n++)
            {
                for (int j = 0; j < 3; j++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(numpy[n * 4 + j]), BitConverter.DoubleToInt64Bits(data.Features[n * 3 + j]));
                }
                Assert.Equal(BitConverter.DoubleToInt64Bits(numpy[n * 4 + 3]), BitConverter.DoubleToInt64Bits(data.Targets[n]));
            }
        }

        [Fact]
        public void TextLabelsBecomeSortedClassIndexes_AndStandardizationIsStandardScalers()
        {
            ClassificationData<double> iris = ClassificationData<double>.FromCsv(Reference("iris.csv"), new CsvOptions { Label = "species" });
            Assert.Equal(150, iris.Count);
            Assert.Equal(new[] { "sepal_length", "sepal_width", "petal_length", "petal_width" }, iris.FeatureNames);
            Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, iris.ClassNames);
            // scikit-learn's iris: 50 of each class, in class order.
            Assert.Equal(Enumerable.Range(0, 150).Select(i => i / 50), iris.Labels);

            // StandardScaler().fit(x[:100]).transform(x), fitted on the first 100 rows only.
            double[] sklearn = NpyFile.Read(Reference("iris_standardized.npy"), out _);
            Standardization scaler = Standardization.Fit(iris.Select(Enumerable.Range(0, 100).ToArray()));
            ClassificationData<double> standardized = scaler.Apply(iris);
            for (int e = 0; e < sklearn.Length; e++)
            {
                Assert.Equal(sklearn[e], standardized.Features[e], 1e-13);
            }
            Assert.Equal(iris.Labels, standardized.Labels);
        }

        [Fact]
        public void AConstantFeatureIsCentredNotDivided()
        {
            var data = new ClassificationData<double>(new double[] { 5, 1, 5, 2, 5, 3 }, 2, new int[3], 1);
            Standardization scaler = Standardization.Fit(data);
            Assert.Equal(new[] { 1.0, Math.Sqrt(2 / 3.0) }, scaler.Scales.ToArray());
            double[] expected = { 0.0, -Math.Sqrt(1.5), 0, 0, 0, Math.Sqrt(1.5) };
            double[] actual = scaler.Apply(data).Features;
            Assert.All(Enumerable.Range(0, 6), e => Assert.Equal(expected[e], actual[e], 1e-15));
        }

        [SklearnDataFact]
        public void ScikitLearnsDigitsAreReadFromTheGzippedCsv()
        {
            ClassificationData<float> digits = ClassificationData<float>.FromCsv(
                Path.Combine(SklearnDataFactAttribute.Directory, "digits.csv.gz"), new CsvOptions { HasHeader = false, ClassCount = 10 });
            Assert.Equal(1797, digits.Count);
            Assert.Equal(64, digits.FeatureCount);
            // NumPy: np.bincount(t[:, -1]) and t[:, :-1].sum() of np.loadtxt('digits.csv.gz', delimiter=',').
            Assert.Equal(new[] { 178, 182, 177, 183, 181, 182, 181, 179, 174, 180 }, Enumerable.Range(0, 10).Select(c => digits.Labels.Count(l => l == c)));
            Assert.Equal(561718.0, digits.Features.Sum(v => (double)v));
        }

        [SklearnDataFact]
        public void ScikitLearnsBreastCancerIsReadAfterItsFirstLine()
        {
            ClassificationData<double> cancer = ClassificationData<double>.FromCsv(
                Path.Combine(SklearnDataFactAttribute.Directory, "breast_cancer.csv"), new CsvOptions { SkipLines = 1, HasHeader = false, ClassCount = 2 });
            Assert.Equal(569, cancer.Count);
            Assert.Equal(30, cancer.FeatureCount);
            Assert.Equal(212, cancer.Labels.Count(l => l == 0));
            // NumPy: repr(b[:, :-1].sum()) of np.loadtxt('breast_cancer.csv', delimiter=',', skiprows=1).
            Assert.Equal(1056474.4596356, cancer.Features.Sum(), 1e-6);
        }
    }

    /// <summary>A fact that runs only where python3-sklearn's bundled data is installed.</summary>
    public sealed class SklearnDataFactAttribute : FactAttribute
    {
        public const string Directory = "/usr/lib/python3/dist-packages/sklearn/datasets/data";

        public SklearnDataFactAttribute()
        {
            if (!File.Exists(Path.Combine(Directory, "digits.csv.gz")))
            {
                Skip = $"scikit-learn's data is not installed in {Directory} (apt-get install python3-sklearn).";
            }
        }
    }
}
