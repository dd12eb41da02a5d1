using System;

namespace NetGen.Onnx
{
    /// <summary>
    /// Thrown when an ONNX file cannot be loaded into a network: it is truncated or is not a valid protobuf
    /// <c>ModelProto</c>, it uses an operator, opset or data type NetGen does not read, it is not a sequential MLP, or
    /// its layers differ from the network's declaration. The message names the file, the ONNX node or tensor and the
    /// NetGen layer concerned, for example <c>ONNX node '/1/Relu' (Relu) is a ReLU, but layer 2 of SmallNet is [Tanh]</c>.
    /// </summary>
    public sealed class OnnxFormatException : FormatException
    {
        /// <summary>Creates an exception with a default message.</summary>
        public OnnxFormatException()
            : base("The data is not an ONNX model NetGen can load.")
        {
        }

        /// <summary>Creates an exception with the given message.</summary>
        /// <param name="message">What was expected and what was found.</param>
        public OnnxFormatException(string message)
            : base(message)
        {
        }

        /// <summary>Creates an exception with the given message and the exception that caused it.</summary>
        /// <param name="message">What was expected and what was found.</param>
        /// <param name="innerException">The exception that caused this one.</param>
        public OnnxFormatException(string message, Exception? innerException)
            : base(message, innerException)
        {
        }
    }
}
