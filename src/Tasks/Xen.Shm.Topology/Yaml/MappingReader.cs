using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// Reads one YAML mapping against the keys it may hold: reports duplicate and unknown
    /// keys on construction (with a suggestion), then hands out typed, positioned values,
    /// reporting wrong types, bad numbers and missing required keys.
    /// </summary>
    internal sealed class MappingReader
    {
        private readonly Dictionary<string, KeyValuePair<YamlScalarAt, YamlNodeAt>> _entries =
            new Dictionary<string, KeyValuePair<YamlScalarAt, YamlNodeAt>>(StringComparer.Ordinal);
        private readonly ReadContext _ctx;
        private readonly string _what;

        public MappingReader(YamlMappingAt map, string what, IReadOnlyCollection<string> knownKeys, ReadContext ctx)
        {
            Map = map;
            _what = what;
            _ctx = ctx;
            foreach (var entry in map.Entries)
            {
                if (entry.Key.ComplexKeyKind is { } kind)
                {
                    ctx.Report(DiagnosticCodes.WrongType, entry.Key.Span, $"a mapping key must be a plain word, not a {kind}");
                    continue;
                }
                string key = entry.Key.Value;
                if (_entries.TryGetValue(key, out var first))
                {
                    ctx.Report(DiagnosticCodes.DuplicateKey, entry.Key.Span, $"key '{key}' is already given earlier in {what}", first.Key.Span);
                    continue;
                }
                if (!knownKeys.Contains(key))
                {
                    ctx.Report(DiagnosticCodes.UnknownKey, entry.Key.Span,
                        $"unknown key '{key}' in {what}{KeySuggestion.Hint(key, knownKeys)}");
                    continue;
                }
                _entries[key] = entry;
            }
        }

        public YamlMappingAt Map { get; }

        public bool Has(string key) => _entries.ContainsKey(key);

        public SourceSpan KeySpan(string key) => _entries.TryGetValue(key, out var e) ? e.Key.Span : Map.Span;

        /// <summary>The value node, or null (and XSHM1007 when <paramref name="required"/>).</summary>
        public YamlNodeAt? Node(string key, bool required = false)
        {
            if (_entries.TryGetValue(key, out var e)) return e.Value;
            if (required) _ctx.Report(DiagnosticCodes.MissingKey, Map.Span, $"{_what} needs '{key}'");
            return null;
        }

        /// <summary>Reports a key this kind/mechanism does not take (XSHM1003).</summary>
        public void Forbid(string key, string why)
        {
            if (_entries.TryGetValue(key, out var e))
                _ctx.Report(DiagnosticCodes.KeyNotAllowedHere, e.Key.Span, $"'{key}' is not allowed {why}");
        }

        public YamlScalarAt? Scalar(string key, bool required = false)
        {
            var node = Node(key, required);
            if (node is null) return null;
            if (node is YamlScalarAt s && !s.IsNull) return s;
            _ctx.Report(DiagnosticCodes.WrongType, node.Span, $"'{key}' must be a single value, not a {node.KindName}");
            return null;
        }

        public Spanned<string>? String(string key, bool required = false)
        {
            var s = Scalar(key, required);
            return s is null ? (Spanned<string>?)null : new Spanned<string>(s.Value, s.Span);
        }

        public Spanned<ulong>? Number(string key, bool required = false)
        {
            var s = Scalar(key, required);
            return s is null ? null : ParseNumber(s, key, _ctx);
        }

        public Spanned<int>? Int(string key, int min, int max, bool required = false)
        {
            var n = Number(key, required);
            if (n is null) return null;
            if (n.Value.Value < (ulong)min || n.Value.Value > (ulong)max)
            {
                _ctx.Report(DiagnosticCodes.NumberOutOfRange, n.Value.Span,
                    string.Format(CultureInfo.InvariantCulture, "'{0}' must be between {1} and {2}", key, min, max));
                return null;
            }
            return new Spanned<int>((int)n.Value.Value, n.Value.Span);
        }

        public Spanned<bool>? Bool(string key)
        {
            var s = Scalar(key);
            if (s is null) return null;
            if (ScalarText.TryParseBool(s.Value, out bool b)) return new Spanned<bool>(b, s.Span);
            _ctx.Report(DiagnosticCodes.WrongType, s.Span, $"'{key}' must be true or false, not '{s.Value}'");
            return null;
        }

        public Spanned<T>? Choice<T>(string key, IReadOnlyDictionary<string, T> words, bool required = false) where T : struct
        {
            var s = Scalar(key, required);
            if (s is null) return null;
            if (words.TryGetValue(s.Value, out var v)) return new Spanned<T>(v, s.Span);
            _ctx.Report(DiagnosticCodes.InvalidChoice, s.Span,
                $"'{key}' must be one of {string.Join(", ", words.Keys)}, not '{s.Value}'{KeySuggestion.Hint(s.Value, words.Keys)}");
            return null;
        }

        public YamlMappingAt? Mapping(string key, bool required = false)
        {
            var node = Node(key, required);
            if (node is null) return null;
            if (node is YamlMappingAt m) return m;
            _ctx.Report(DiagnosticCodes.WrongType, node.Span, $"'{key}' must be a mapping (key: value lines), not a {node.KindName}");
            return null;
        }

        /// <summary>A sequence's items; empty when absent or wrong (reported).</summary>
        public IReadOnlyList<YamlNodeAt> Sequence(string key, bool required = false)
        {
            var node = Node(key, required);
            if (node is null) return Array.Empty<YamlNodeAt>();
            if (node is YamlSequenceAt seq) return seq.Items;
            _ctx.Report(DiagnosticCodes.WrongType, node.Span, $"'{key}' must be a list, not a {node.KindName}");
            return Array.Empty<YamlNodeAt>();
        }

        /// <summary>The mapping items of a list; other items are reported (XSHM1004).</summary>
        public IEnumerable<YamlMappingAt> Mappings(string key, string itemShape, bool required = false)
        {
            foreach (var item in Sequence(key, required))
            {
                if (item is YamlMappingAt m) yield return m;
                else _ctx.Report(DiagnosticCodes.WrongType, item.Span, $"items of '{key}' must be mappings {itemShape}, not a {item.KindName}");
            }
        }

        /// <summary>The node as a mapping, or null after XSHM1004.</summary>
        public static YamlMappingAt? AsMapping(YamlNodeAt node, string what, ReadContext ctx)
        {
            if (node is YamlMappingAt m) return m;
            ctx.Report(DiagnosticCodes.WrongType, node.Span, $"{what} must be a mapping, not a {node.KindName}");
            return null;
        }

        /// <summary>A list of 32-bit numbers (XSHM1004 / 1005 / 1006 per item).</summary>
        public IReadOnlyList<Spanned<uint>> UInts(string key)
        {
            var list = new List<Spanned<uint>>();
            foreach (var item in Sequence(key))
            {
                if (item is not YamlScalarAt s || s.IsNull)
                {
                    _ctx.Report(DiagnosticCodes.WrongType, item.Span, $"items of '{key}' must be numbers, not a {item.KindName}");
                    continue;
                }
                if (ParseNumber(s, key, _ctx) is not { } v) continue;
                if (v.Value > uint.MaxValue)
                    _ctx.Report(DiagnosticCodes.NumberOutOfRange, v.Span, string.Format(CultureInfo.InvariantCulture, "'{0}' item {1} does not fit in 32 bits", key, v.Value));
                else list.Add(new Spanned<uint>((uint)v.Value, v.Span));
            }
            return list;
        }

        /// <summary>A number that must not be zero (XSHM1006), e.g. a RAM bank size.</summary>
        public Spanned<ulong>? NonZeroNumber(string key, string what, bool required = false)
        {
            var n = Number(key, required);
            if (n is { } v && v.Value == 0)
            {
                _ctx.Report(DiagnosticCodes.NumberOutOfRange, v.Span, $"{what} '{key}' must not be zero");
                return null;
            }
            return n;
        }

        public IReadOnlyList<Spanned<string>> Strings(string key)
        {
            var list = new List<Spanned<string>>();
            foreach (var item in Sequence(key))
            {
                if (item is YamlScalarAt s && !s.IsNull) list.Add(new Spanned<string>(s.Value, s.Span));
                else _ctx.Report(DiagnosticCodes.WrongType, item.Span, $"items of '{key}' must be single values, not a {item.KindName}");
            }
            return list;
        }

        public static Spanned<ulong>? ParseNumber(YamlScalarAt s, string key, ReadContext ctx)
        {
            switch (ScalarText.TryParseSize(s.Value, out ulong v))
            {
                case ScalarText.NumberError.None:
                    return new Spanned<ulong>(v, s.Span);
                case ScalarText.NumberError.Overflow:
                    ctx.Report(DiagnosticCodes.NumberOutOfRange, s.Span, $"'{key}' value '{s.Value}' does not fit in 64 bits");
                    return null;
                case ScalarText.NumberError.Negative:
                    ctx.Report(DiagnosticCodes.InvalidNumber, s.Span, $"'{key}' must not be negative ('{s.Value}')");
                    return null;
                case ScalarText.NumberError.Fraction:
                    ctx.Report(DiagnosticCodes.InvalidNumber, s.Span, $"'{key}' must be a whole number ('{s.Value}'); write 1536K, not 1.5M");
                    return null;
                default:
                    ctx.Report(DiagnosticCodes.InvalidNumber, s.Span,
                        $"'{key}' value '{s.Value}' is not a number (write 0x1000, 4096, 4K, 16M or 1G)");
                    return null;
            }
        }
    }
}
