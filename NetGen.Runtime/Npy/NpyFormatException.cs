using System;

namespace NetGen.NumPy
{
    /// <summary>
    /// Thrown when a <c>.npy</c> file cannot be read as requested: it is not a <c>.npy</c> file, its header
    /// is malformed, it holds a data type, memory order or shape other than the one asked for, or it is
    /// shorter or longer than its header says. The message names the file, what was expected and what was found,
    /// for example <c>W1.npy has shape (100, 10) but the network's W1 has shape (1000, 100)</c>.
    /// </summary>
    public sealed class NpyFormatException : FormatException
    {
        /// <summary>Creates an exception with a default message.</summary>
        public NpyFormatException()
            : base("The data is not a valid .npy array of the expected type and shape.")
        {
        }

        /// <summary>Creates an exception with the given message.</summary>
        /// <param name="message">What was expected and what was found.</param>
        public NpyFormatException(string message)
            : base(message)
        {
        }

        /// <summary>Creates an exception with the given message and the exception that caused it.</summary>
        /// <param name="message">What was expected and what was found.</param>
        /// <param name="innerException">The exception that caused this one.</param>
        public NpyFormatException(string message, Exception? innerException)
            : base(message, innerException)
        {
        }

        internal NpyFormatException(string sourceName, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            SourceName = sourceName;
        }

        /// <summary>
        /// The file path (as the caller passed it) or stream description the problem was found in,
        /// or <see langword="null"/> when the exception was created without one.
        /// </summary>
        public string? SourceName { get; }
    }
}
