using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace NetGen.Datasets
{
    /// <summary>
    /// Reads the records of a CSV file (RFC 4180): fields separated by a delimiter (a comma unless told), records by
    /// <c>\n</c>, <c>\r\n</c> or <c>\r</c>; a field that starts with <c>"</c> is quoted, may hold delimiters, quotes
    /// written <c>""</c> and line breaks, and must be followed by a delimiter or the end of its record. A quote inside
    /// an unquoted field is an ordinary character, as in Python's <c>csv</c> module. Empty lines are skipped (as
    /// NumPy's <c>loadtxt</c> does); a UTF-8 byte order mark is dropped; gzip-compressed files are read through
    /// <see cref="GZipStream"/>. Every record carries the line it starts on, for messages that point at the bad value.
    /// </summary>
    /// <remarks>
    /// Stricter than Python's <c>csv</c> in one place: text after a closing quote (<c>"a"b</c>) is an error naming its line
    /// and column, not silently joined.
    /// </remarks>
    public sealed class CsvReader : IDisposable
    {
        private readonly TextReader _reader;
        private readonly char _delimiter;
        private readonly StringBuilder _field = new();
        private int _line = 1;
        private bool _started;

        /// <summary>Reads records from <paramref name="reader"/>.</summary>
        /// <param name="reader">The text; disposed with the reader.</param>
        /// <param name="delimiter">The field separator; not a quote or a line break.</param>
        /// <param name="source">What to call the text in messages (a file's path).</param>
        public CsvReader(TextReader reader, char delimiter = ',', string source = "CSV text")
        {
            _reader = reader ?? throw new ArgumentNullException(nameof(reader));
            if (delimiter is '"' or '\r' or '\n')
            {
                throw new ArgumentException("The delimiter cannot be a quote or a line break.", nameof(delimiter));
            }
            _delimiter = delimiter;
            Source = source;
        }

        /// <summary>What the text is called in messages: the file's path, or "CSV text".</summary>
        public string Source { get; }

        /// <summary>The line (from 1) the last record read starts on.</summary>
        public int RecordLine { get; private set; }

        /// <summary>The next line to be read (from 1).</summary>
        public int Line => _line;

        /// <summary>
        /// Opens a file, plain or gzip-compressed (recognized by its first two bytes, 1f 8b, whatever its name), as UTF-8
        /// (or the encoding its byte order mark names).
        /// </summary>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        public static CsvReader Open(string path, char delimiter = ',')
        {
            if (path is null)
            {
                throw new ArgumentNullException(nameof(path));
            }
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path} does not exist.", path);
            }
            Stream stream = File.OpenRead(path);
            try
            {
                int first = stream.ReadByte();
                int second = stream.ReadByte();
                stream.Position = 0;
                if (first == 0x1f && second == 0x8b)
                {
                    stream = new GZipStream(stream, CompressionMode.Decompress);
                }
                return new CsvReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), delimiter, path);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Skips the rest of the current line, whatever it holds (e.g. a line of metadata before the header).</summary>
        /// <returns>False at the end of the text.</returns>
        public bool SkipLine()
        {
            StartOnce();
            int c = _reader.Read();
            if (c < 0)
            {
                return false;
            }
            while (c >= 0 && c != '\n' && c != '\r')
            {
                c = _reader.Read();
            }
            if (c == '\r' && _reader.Peek() == '\n')
            {
                _reader.Read();
            }
            _line++;
            return true;
        }

        /// <summary>Reads the next non-empty record into <paramref name="fields"/> (cleared first).</summary>
        /// <returns>False at the end of the text (and <paramref name="fields"/> empty).</returns>
        /// <exception cref="CsvFormatException">A quoted field is never closed, or text follows a closing quote.</exception>
        public bool ReadRecord(List<string> fields)
        {
            if (fields is null)
            {
                throw new ArgumentNullException(nameof(fields));
            }
            StartOnce();
            fields.Clear();
            while (true)
            {
                int c = _reader.Peek();
                if (c < 0)
                {
                    return false;
                }
                if (c == '\n' || c == '\r')
                {
                    ReadLineBreak();
                    continue; // an empty line is no record
                }
                break;
            }
            RecordLine = _line;
            while (true)
            {
                bool more = ReadField(fields);
                if (!more)
                {
                    return true;
                }
            }
        }

        /// <summary>Reads one field and what ends it; returns true if another field of the same record follows.</summary>
        private bool ReadField(List<string> fields)
        {
            _field.Clear();
            int column = fields.Count + 1;
            int c = _reader.Peek();
            if (c == '"')
            {
                int openedLine = _line;
                _reader.Read();
                while (true)
                {
                    c = _reader.Read();
                    if (c < 0)
                    {
                        throw new CsvFormatException(Source, openedLine, column,
                            $"the quoted field that starts here is never closed (the text ends on line {_line} inside it)");
                    }
                    if (c == '"')
                    {
                        if (_reader.Peek() == '"')
                        {
                            _reader.Read();
                            _field.Append('"');
                            continue;
                        }
                        break;
                    }
                    if (c == '\n' || (c == '\r' && _reader.Peek() != '\n'))
                    {
                        _line++;
                    }
                    _field.Append((char)c);
                }
                fields.Add(_field.ToString());
                c = _reader.Peek();
                if (c == _delimiter)
                {
                    _reader.Read();
                    return true;
                }
                if (c < 0)
                {
                    return false;
                }
                if (c == '\n' || c == '\r')
                {
                    ReadLineBreak();
                    return false;
                }
                throw new CsvFormatException(Source, _line, column,
                    $"'{(char)c}' follows the closing quote of a quoted field; a quoted field must end at a '{_delimiter}' or the end of the line (write a quote inside it as \"\")");
            }
            while (true)
            {
                c = _reader.Peek();
                if (c < 0)
                {
                    fields.Add(_field.ToString());
                    return false;
                }
                if (c == _delimiter)
                {
                    _reader.Read();
                    fields.Add(_field.ToString());
                    return true;
                }
                if (c == '\n' || c == '\r')
                {
                    fields.Add(_field.ToString());
                    ReadLineBreak();
                    return false;
                }
                _reader.Read();
                _field.Append((char)c);
            }
        }

        private void ReadLineBreak()
        {
            int c = _reader.Read();
            if (c == '\r' && _reader.Peek() == '\n')
            {
                _reader.Read();
            }
            _line++;
        }

        private void StartOnce()
        {
            if (_started)
            {
                return;
            }
            _started = true;
            if (_reader.Peek() == '\uFEFF')
            {
                _reader.Read();
            }
        }

        /// <inheritdoc />
        public void Dispose() => _reader.Dispose();
    }

    /// <summary>A CSV file that cannot be read as asked: the message names the file, the line and the column.</summary>
    public sealed class CsvFormatException : FormatException
    {
        /// <summary>Creates the exception; the message is <c>source, line L, column C: problem</c>.</summary>
        public CsvFormatException(string source, int line, int column, string problem)
            : base($"{source}, line {line}, column {column}: {problem}.")
        {
            FileName = source;
            Line = line;
            Column = column;
            Problem = problem;
        }

        /// <summary>The file (or "CSV text").</summary>
        public string FileName { get; }

        /// <summary>The line of the problem, from 1.</summary>
        public int Line { get; }

        /// <summary>The column (field) of the problem, from 1.</summary>
        public int Column { get; }

        /// <summary>What is wrong, without the position.</summary>
        public string Problem { get; }
    }
}
