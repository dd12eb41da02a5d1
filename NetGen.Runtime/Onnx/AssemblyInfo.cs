using System.Runtime.CompilerServices;

// The protobuf reader and writer and the ONNX message types are internal; the tests check them directly.
[assembly: InternalsVisibleTo("NetGen.Tests")]
