using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen.NumPy
{
    /// <summary>A Python tuple or list literal parsed from a <c>.npy</c> header.</summary>
    internal sealed class PythonSequence
    {
        public PythonSequence(bool isTuple, IReadOnlyList<object?> items)
        {
            IsTuple = isTuple;
            Items = items;
        }

        public bool IsTuple { get; }

        public IReadOnlyList<object?> Items { get; }
    }

    /// <summary>
    /// A strict parser for the Python dictionary literal in a <c>.npy</c> header, such as
    /// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c>.
    /// </summary>
    /// <remarks>
    /// It accepts the literals that can appear there and nothing else: strings in single or double quotes
    /// without escape sequences, decimal integers (with the <c>L</c> suffix old Python 2 writers added, when
    /// <c>allowLongSuffix</c> is set, as NumPy does for format versions 1.0 and 2.0), <c>True</c>,
    /// <c>False</c>, <c>None</c>, tuples, lists and dictionaries. Values are returned as
    /// <see cref="string"/>, <see cref="long"/>, <see cref="bool"/>, <see langword="null"/>,
    /// <see cref="PythonSequence"/> and <see cref="Dictionary{TKey, TValue}"/> keyed by string.
    /// </remarks>
    internal sealed class NpyHeaderParser
    {
        private readonly string _text;
        private readonly bool _allowLongSuffix;
        private int _position;

        private NpyHeaderParser(string text, bool allowLongSuffix)
        {
            _text = text;
            _allowLongSuffix = allowLongSuffix;
        }

        /// <summary>Parses the whole header text as one dictionary literal surrounded only by whitespace.</summary>
        /// <exception cref="FormatException">The text is not such a literal; the message says where and why.</exception>
        public static Dictionary<string, object?> ParseDictionary(string text, bool allowLongSuffix)
        {
            var parser = new NpyHeaderParser(text, allowLongSuffix);
            parser.SkipWhitespace();
            if (parser.Peek() != '{')
            {
                throw parser.Error("expected '{' at the start of the header dictionary");
            }

            Dictionary<string, object?> dictionary = parser.ParseDictionary();
            parser.SkipWhitespace();
            if (parser._position != text.Length)
            {
                throw parser.Error("unexpected text after the header dictionary");
            }

            return dictionary;
        }

        private object? ParseValue()
        {
            SkipWhitespace();
            char next = Peek();
            switch (next)
            {
                case '{':
                    return ParseDictionary();
                case '(':
                    return ParseSequence('(', ')');
                case '[':
                    return ParseSequence('[', ']');
                case '\'':
                case '"':
                    return ParseString();
            }

            if (next == '-' || next == '+' || char.IsAsciiDigit(next))
            {
                return ParseInteger();
            }

            if (char.IsAsciiLetter(next))
            {
                int start = _position;
                while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
                {
                    _position++;
                }

                string word = _text.Substring(start, _position - start);
                switch (word)
                {
                    case "True": return true;
                    case "False": return false;
                    case "None": return null;
                }

                _position = start;
                throw Error($"'{word}' is not a literal (only strings, integers, True, False, None, tuples, lists and dictionaries are allowed)");
            }

            throw AtEnd ? Error("the header ends where a value was expected") : Error($"unexpected '{next}'");
        }

        private Dictionary<string, object?> ParseDictionary()
        {
            Expect('{');
            var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (true)
            {
                SkipWhitespace();
                if (Peek() == '}')
                {
                    _position++;
                    return dictionary;
                }

                int keyPosition = _position;
                if (Peek() != '\'' && Peek() != '"')
                {
                    throw AtEnd ? Error("the header ends where a key or '}' was expected") : Error($"expected a string key or '}}' but found '{Peek()}'");
                }

                string key = ParseString();
                if (dictionary.ContainsKey(key))
                {
                    _position = keyPosition;
                    throw Error($"the key '{key}' appears twice");
                }

                SkipWhitespace();
                Expect(':');
                dictionary.Add(key, ParseValue());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                }
                else if (Peek() != '}')
                {
                    throw AtEnd
                        ? Error("the header ends where ',' or '}' was expected")
                        : Error($"expected ',' or '}}' after a dictionary entry but found '{Peek()}'");
                }
            }
        }

        private object? ParseSequence(char open, char close)
        {
            Expect(open);
            var items = new List<object?>();
            bool sawComma = false;
            while (true)
            {
                SkipWhitespace();
                if (Peek() == close)
                {
                    _position++;
                    break;
                }

                items.Add(ParseValue());
                SkipWhitespace();
                if (Peek() == ',')
                {
                    _position++;
                    sawComma = true;
                }
                else if (Peek() != close)
                {
                    throw AtEnd
                        ? Error($"the header ends where ',' or '{close}' was expected")
                        : Error($"expected ',' or '{close}' but found '{Peek()}'");
                }
            }

            // In Python "(3)" is the integer 3 in parentheses; only "(3,)" is a one-element tuple.
            if (open == '(' && items.Count == 1 && !sawComma)
            {
                return items[0];
            }

            return new PythonSequence(open == '(', items);
        }

        private string ParseString()
        {
            char quote = _text[_position];
            int start = ++_position;
            while (_position < _text.Length && _text[_position] != quote)
            {
                char c = _text[_position];
                if (c == '\\')
                {
                    throw Error("escape sequences in strings are not supported");
                }

                if (c == '\n' || c == '\r')
                {
                    break;
                }

                _position++;
            }

            if (_position >= _text.Length || _text[_position] != quote)
            {
                _position = start - 1;
                throw Error("unterminated string");
            }

            string value = _text.Substring(start, _position - start);
            _position++;
            return value;
        }

        private long ParseInteger()
        {
            int start = _position;
            if (Peek() == '-' || Peek() == '+')
            {
                _position++;
            }

            int digitsStart = _position;
            while (char.IsAsciiDigit(Peek()))
            {
                _position++;
            }

            if (_position == digitsStart)
            {
                _position = start;
                throw Error("expected digits after the sign");
            }

            string digits = _text.Substring(start, _position - start);
            if ((Peek() == 'L' || Peek() == 'l') && _allowLongSuffix)
            {
                _position++;
            }

            if (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '.' || Peek() == '_')
            {
                throw Error($"'{digits}{Peek()}' is not a decimal integer");
            }

            if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                _position = start;
                throw Error($"the integer {digits} is too large");
            }

            return value;
        }

        private void SkipWhitespace()
        {
            while (_position < _text.Length && (_text[_position] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v'))
            {
                _position++;
            }
        }

        private bool AtEnd => _position >= _text.Length;

        private char Peek() => _position < _text.Length ? _text[_position] : '\0';

        private void Expect(char expected)
        {
            if (Peek() != expected)
            {
                throw AtEnd
                    ? Error($"the header ends where '{expected}' was expected")
                    : Error($"expected '{expected}' but found '{Peek()}'");
            }

            _position++;
        }

        private FormatException Error(string reason) =>
            new FormatException($"{reason} at character {_position}");
    }
}
