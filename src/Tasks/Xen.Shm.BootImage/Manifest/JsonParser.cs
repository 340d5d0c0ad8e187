using System;
using System.Globalization;
using System.Text;

namespace Xen.Shm.BootImage.Manifest
{
    /// <summary>
    /// Strict RFC 8259 parser, just enough for manifest.json (netstandard2.0 has no System.Text.Json
    /// and COMMON.md allows no extra package). Throws <see cref="JsonSyntaxException"/> with a position.
    /// </summary>
    internal sealed class JsonParser
    {
        private const int MaxDepth = 64;
        private readonly string _text;
        private int _pos;
        private int _line = 1;
        private int _lineStart;

        private JsonParser(string text) => _text = text;

        public static JsonNode Parse(string text)
        {
            var p = new JsonParser(text);
            p.SkipWhitespace();
            var root = p.ParseValue(0);
            p.SkipWhitespace();
            if (p._pos < p._text.Length) throw p.Error("unexpected text after the JSON value");
            return root;
        }

        private int Column => _pos - _lineStart + 1;

        private JsonSyntaxException Error(string message) => new JsonSyntaxException(message, _line, Column);

        private JsonNode ParseValue(int depth)
        {
            if (depth > MaxDepth) throw Error("nested too deeply");
            if (_pos >= _text.Length) throw Error("unexpected end of text");
            char c = _text[_pos];
            switch (c)
            {
                case '{': return ParseObject(depth);
                case '[': return ParseArray(depth);
                case '"':
                {
                    var node = new JsonNode(JsonKind.String, _line, Column);
                    node.Text = ParseString();
                    return node;
                }
                case 't': return ParseLiteral("true", JsonKind.True);
                case 'f': return ParseLiteral("false", JsonKind.False);
                case 'n': return ParseLiteral("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
                    throw Error($"unexpected character '{Printable(c)}'");
            }
        }

        private JsonNode ParseObject(int depth)
        {
            var node = new JsonNode(JsonKind.Object, _line, Column);
            _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return node;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"') throw Error("expected a member name in double quotes");
                int keyLine = _line, keyColumn = Column;
                string key = ParseString();
                foreach (var m in node.Members)
                {
                    if (string.Equals(m.Key, key, StringComparison.Ordinal))
                        throw new JsonSyntaxException($"member '{key}' appears twice", keyLine, keyColumn);
                }

                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                node.Members.Add(new System.Collections.Generic.KeyValuePair<string, JsonNode>(key, ParseValue(depth + 1)));
                SkipWhitespace();
                char c = Peek();
                _pos++;
                if (c == '}') return node;
                if (c != ',') { _pos--; throw Error("expected ',' or '}'"); }
            }
        }

        private JsonNode ParseArray(int depth)
        {
            var node = new JsonNode(JsonKind.Array, _line, Column);
            _pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return node;
            }

            while (true)
            {
                SkipWhitespace();
                node.Items.Add(ParseValue(depth + 1));
                SkipWhitespace();
                char c = Peek();
                _pos++;
                if (c == ']') return node;
                if (c != ',') { _pos--; throw Error("expected ',' or ']'"); }
            }
        }

        private string ParseString()
        {
            _pos++; // opening quote
            var sb = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length) throw Error("unterminated string");
                char c = _text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return sb.ToString();
                }

                if (c < 0x20) throw Error("control character inside a string");
                if (c != '\\')
                {
                    sb.Append(c);
                    _pos++;
                    continue;
                }

                if (_pos + 1 >= _text.Length) throw Error("unterminated escape");
                char e = _text[_pos + 1];
                _pos += 2;
                switch (e)
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 > _text.Length ||
                            !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                        {
                            throw Error("bad \\u escape");
                        }

                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        _pos -= 2;
                        throw Error($"bad escape '\\{Printable(e)}'");
                }
            }
        }

        private JsonNode ParseNumber()
        {
            var node = new JsonNode(JsonKind.Number, _line, Column);
            int start = _pos;
            if (Peek() == '-') _pos++;
            if (Peek() == '0') _pos++;
            else if (IsDigit(Peek())) while (IsDigit(Peek())) _pos++;
            else throw Error("bad number");
            if (Peek() == '.')
            {
                _pos++;
                if (!IsDigit(Peek())) throw Error("bad number");
                while (IsDigit(Peek())) _pos++;
            }

            if (Peek() == 'e' || Peek() == 'E')
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-') _pos++;
                if (!IsDigit(Peek())) throw Error("bad number");
                while (IsDigit(Peek())) _pos++;
            }

            node.Text = _text.Substring(start, _pos - start);
            return node;
        }

        private JsonNode ParseLiteral(string word, JsonKind kind)
        {
            var node = new JsonNode(kind, _line, Column);
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) throw Error("unknown literal");
            _pos += word.Length;
            return node;
        }

        private void Expect(char c)
        {
            if (Peek() != c) throw Error($"expected '{c}'");
            _pos++;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static string Printable(char c) => c < 0x20 ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '\n')
                {
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                }
                else if (c == ' ' || c == '\t' || c == '\r')
                {
                    _pos++;
                }
                else
                {
                    return;
                }
            }
        }
    }

    internal sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(string message, int line, int column) : base(message)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }
    }
}
