using System;
using System.Text;

namespace NetGen.Generator.Emit
{
    /// <summary>A small indented text writer: lines, blocks in braces, and comments, with four-space indents.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _text = new();
        private int _depth;

        public CodeWriter Line(string line = "")
        {
            if (line.Length == 0)
            {
                _text.Append('\n');
                return this;
            }
            _text.Append(' ', _depth * 4).Append(line).Append('\n');
            return this;
        }

        public CodeWriter Comment(string comment) => Line("// " + comment);

        /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the result is disposed.</summary>
        public IDisposable Block(string header)
        {
            Line(header);
            Line("{");
            _depth++;
            return new Closer(this);
        }

        /// <summary>A <c>for</c> loop over <c>0 ≤ index &lt; bound</c> with a literal bound.</summary>
        public IDisposable For(string index, int bound) => Block($"for (int {index} = 0; {index} < {bound}; {index}++)");

        public override string ToString() => _text.ToString();

        private sealed class Closer : IDisposable
        {
            private readonly CodeWriter _writer;
            private bool _closed;

            public Closer(CodeWriter writer) => _writer = writer;

            public void Dispose()
            {
                if (_closed)
                {
                    return;
                }
                _closed = true;
                _writer._depth--;
                _writer.Line("}");
            }
        }
    }
}
