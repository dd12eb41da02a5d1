using System;
using System.IO;
using NetGen.NumPy;
using Xunit;

namespace NetGen.Tests.Weights
{
    /// <summary>
    /// A missing, malformed or mismatched file: <c>LoadWeights</c> throws an exception naming the file, what was
    /// expected and what was found, and leaves every parameter as it was, including those whose files were valid and
    /// read before the bad one. The bad files were written by NumPy (References/weights/bad).
    /// </summary>
    public sealed class LoadWeightsErrorTests
    {
        [Theory]
        [InlineData("W1.npy", "bad/W1_transposed.npy", "has shape (5, 4) but WeightFilesNet.W1 has shape (4, 5)")]
        [InlineData("B1.npy", "bad/B1_int64.npy", "int64")]
        [InlineData("B1.npy", "bad/B1_row.npy", "has shape (1, 5) but WeightFilesNet.B1 has shape (5,)")]
        [InlineData("W2.npy", "bad/W2_bigendian.npy", "big-endian float64")]
        [InlineData("W2.npy", "bad/W2_float16.npy", "float16")]
        [InlineData("B2.npy", "bad/B2_truncated.npy", "truncated")]
        [InlineData("B2.npy", "bad/B2_npz.npy", "zip archive")]
        public void BadFile_ThrowsNamingTheFile_AndLeavesTheNetworkUnchanged(string file, string badFile, string expectedMessage)
        {
            using var directory = new TemporaryDirectory().WithFilesOf("single-float64", (file, badFile));
            WeightFilesNet net = WeightFiles.DoubleNetworkWithNumPysValues();
            long[] before = WeightFiles.Bits(net);

            NpyFormatException error = Assert.Throws<NpyFormatException>(() => net.LoadWeights(directory.Path));

            Assert.Contains(Path.Combine(directory.Path, file), error.Message);
            Assert.Contains(expectedMessage, error.Message);
            Assert.Equal(before, WeightFiles.Bits(net));
        }

        [Fact]
        public void MissingFile_ThrowsListingTheFilesExpected_AndLeavesTheNetworkUnchanged()
        {
            using var directory = new TemporaryDirectory().WithFilesOf("single-float64");
            File.Delete(directory.Combine("B2.npy"));
            WeightFilesNet net = WeightFiles.DoubleNetworkWithNumPysValues();
            long[] before = WeightFiles.Bits(net);

            FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => net.LoadWeights(directory.Path));

            Assert.Equal(directory.Combine("B2.npy"), error.FileName);
            Assert.Contains("W1.npy (4, 5), B1.npy (5,), W2.npy (5, 2), B2.npy (2,)", error.Message);
            Assert.Equal(before, WeightFiles.Bits(net));
        }

        [Fact]
        public void MissingDirectory_ThrowsNamingTheFirstFile()
        {
            using var directory = new TemporaryDirectory();
            string missing = directory.Combine("no-such-directory");
            var net = new WeightFilesNet();

            FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => net.LoadWeights(missing));

            Assert.Equal(Path.Combine(missing, "W1.npy"), error.FileName);
        }

        [Fact]
        public void SingleNetwork_Float64ValueBeyondFloatRange_ThrowsAndLeavesTheNetworkUnchanged()
        {
            // double/W2.npy holds the largest double at W2[4, 1], flat index 9; W1 and B1, read before it, are valid.
            SingleWeightFilesNet net = WeightFiles.SingleNetworkWithNumPysValues();
            int[] before = WeightFiles.Bits(net);

            NpyFormatException error = Assert.Throws<NpyFormatException>(() => net.LoadWeights(WeightFiles.Reference("double")));

            Assert.Contains(Path.Combine(WeightFiles.Reference("double"), "W2.npy"), error.Message);
            Assert.Contains("1.7976931348623157E+308 at flat index 9, beyond the range of float", error.Message);
            Assert.Equal(before, WeightFiles.Bits(net));
        }

        [Fact]
        public void NullDirectory_Throws()
        {
            var net = new WeightFilesNet();

            Assert.Throws<ArgumentNullException>(() => net.LoadWeights(null!));
            Assert.Throws<ArgumentNullException>(() => net.SaveWeights(null!));
        }
    }
}
