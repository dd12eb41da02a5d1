using System;
using System.IO;

namespace NetGen.Tests.Formats
{
    /// <summary>Locates the reference files NumPy wrote (copied next to the test assembly).</summary>
    internal static class NpyReferenceFiles
    {
        public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "References", "npy", fileName);

        public static byte[] BytesOf(string fileName) => File.ReadAllBytes(PathOf(fileName));
    }

    /// <summary>A fresh directory under the system temporary directory, deleted with everything in it on dispose.</summary>
    internal sealed class TemporaryDirectory : IDisposable
    {
        public TemporaryDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-formats-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public string Write(string name, byte[] contents)
        {
            string path = File(name);
            System.IO.File.WriteAllBytes(path, contents);
            return path;
        }

        public void Dispose()
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
    }
}
