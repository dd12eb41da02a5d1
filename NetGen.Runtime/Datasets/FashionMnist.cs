using System.Collections.Generic;
using System.IO;

namespace NetGen.Datasets
{
    /// <summary>
    /// Loads Zalando's Fashion-MNIST: 60000 training and 10000 test 28x28 greyscale pictures of clothing in ten classes
    /// (see <see cref="ClassNames"/>), in the MNIST file layout.
    /// </summary>
    /// <remarks>
    /// On Debian and Ubuntu, <c>sudo apt-get install dataset-fashion-mnist</c> installs the four gzip-compressed files
    /// in <see cref="DefaultDirectory"/>: <c>train-images-idx3-ubyte.gz</c>, <c>train-labels-idx1-ubyte.gz</c>,
    /// <c>t10k-images-idx3-ubyte.gz</c> and <c>t10k-labels-idx1-ubyte.gz</c>.
    /// </remarks>
    public static class FashionMnist
    {
        /// <summary>Where the <c>dataset-fashion-mnist</c> package installs the files.</summary>
        public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

        /// <summary>The command that installs the files in <see cref="DefaultDirectory"/>.</summary>
        public const string InstallCommand = "sudo apt-get install dataset-fashion-mnist";

        private static readonly string[] Names =
        {
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
        };

        /// <summary>The name of each class, indexed by label: 0 is "T-shirt/top", 9 is "Ankle boot".</summary>
        public static IReadOnlyList<string> ClassNames => Names;

        /// <summary>Loads the dataset from <see cref="DefaultDirectory"/>.</summary>
        /// <exception cref="DirectoryNotFoundException">The directory does not exist; the message says how to install the dataset.</exception>
        /// <exception cref="FileNotFoundException">A file is missing; the message lists the files expected and says how to install them.</exception>
        /// <exception cref="InvalidDataException">A file is damaged or inconsistent; the message names it.</exception>
        public static MnistDataset Load() => Load(DefaultDirectory);

        /// <summary>Loads the dataset from a directory holding the four files, gzip-compressed or not.</summary>
        /// <param name="directory">The directory holding the files.</param>
        /// <exception cref="DirectoryNotFoundException">The directory does not exist; the message says how to install the dataset.</exception>
        /// <exception cref="FileNotFoundException">A file is missing; the message lists the files expected and says how to install them.</exception>
        /// <exception cref="InvalidDataException">A file is damaged or inconsistent; the message names it.</exception>
        public static MnistDataset Load(string directory) =>
            MnistDataset.Load(directory, "Fashion-MNIST", $"`{InstallCommand}` installs them under {DefaultDirectory}/.");
    }
}
