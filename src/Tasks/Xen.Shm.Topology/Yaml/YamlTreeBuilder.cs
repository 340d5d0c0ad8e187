using System;
using System.Collections.Generic;
using System.IO;
using Xen.Shm.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// Turns YAML text into a positioned tree, bounding what hostile input can cost:
    /// document size, nesting depth and the number of nodes aliases expand to
    /// ("billion laughs"). Aliases share the anchored node (no copy), but every use
    /// counts its full size, because the reader walks each use.
    /// </summary>
    internal sealed class YamlTreeBuilder
    {
        /// <summary>16 Mi characters: a 10k-region board is about 2 MB.</summary>
        public const int MaxCharacters = 16 * 1024 * 1024;
        public const int MaxDepth = 64;
        /// <summary>Nodes the reader may visit, aliases counted in full.</summary>
        public const long MaxExpandedNodes = 4_000_000;

        private readonly string _file;
        private readonly DiagnosticBag _diagnostics;
        private readonly Dictionary<string, (YamlNodeAt Node, long Size)> _anchors = new Dictionary<string, (YamlNodeAt, long)>(StringComparer.Ordinal);
        private long _expanded;
        private bool _failed;

        private YamlTreeBuilder(string file, DiagnosticBag diagnostics)
        {
            _file = file;
            _diagnostics = diagnostics;
        }

        /// <summary>The document's root node, or null after reporting why there is none.</summary>
        public static YamlNodeAt? Build(string text, string file, DiagnosticBag diagnostics)
        {
            if (text.Length > MaxCharacters)
            {
                diagnostics.Add(DiagnosticCodes.DocumentTooLarge, new SourceSpan(file, 1, 1),
                    $"the topology file has {text.Length} characters; the limit is {MaxCharacters}");
                return null;
            }
            return new YamlTreeBuilder(file, diagnostics).BuildStream(text);
        }

        private YamlNodeAt? BuildStream(string text)
        {
            var parser = new Parser(new StringReader(text));
            try
            {
                parser.Consume<StreamStart>();
                if (parser.Accept<StreamEnd>(out var end))
                {
                    _diagnostics.Add(DiagnosticCodes.EmptyDocument, At(end.Start), "the topology file holds no YAML document");
                    return null;
                }
                parser.Consume<DocumentStart>();
                var root = ReadNode(parser, 1, out _);
                if (root is null) return null;
                parser.Consume<DocumentEnd>();
                if (parser.Accept<DocumentStart>(out var second))
                {
                    _diagnostics.Add(DiagnosticCodes.SeveralDocuments, At(second.Start),
                        "the topology file must hold exactly one YAML document (remove the second '---')");
                    return null;
                }
                return root;
            }
            catch (YamlException ex)
            {
                // YamlDotNet marks are 1-based; its message repeats the position, keep only the reason.
                _diagnostics.Add(DiagnosticCodes.YamlSyntax, At(ex.Start), Reason(ex));
                return null;
            }
        }

        private static string Reason(YamlException ex)
        {
            string m = ex.Message;
            int p = m.IndexOf("): ", StringComparison.Ordinal);
            return m.StartsWith("(", StringComparison.Ordinal) && p > 0 ? m.Substring(p + 3) : m;
        }

        private SourceSpan At(Mark start) => new SourceSpan(_file, (int)Math.Max(1, start.Line), (int)Math.Max(1, start.Column));

        private SourceSpan At(ParsingEvent ev) =>
            new SourceSpan(_file, (int)Math.Max(1, ev.Start.Line), (int)Math.Max(1, ev.Start.Column),
                (int)Math.Max(1, ev.End.Line), (int)Math.Max(1, ev.End.Column));

        /// <summary>Reads one node; size = nodes it expands to. Null when reading stopped.</summary>
        private YamlNodeAt? ReadNode(IParser parser, int depth, out long size)
        {
            size = 0;
            if (_failed) return null;
            if (depth > MaxDepth)
            {
                _diagnostics.Add(DiagnosticCodes.TooDeep, At(parser.Current!), $"YAML nesting deeper than {MaxDepth} levels");
                _failed = true;
                return null;
            }

            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    _diagnostics.Add(DiagnosticCodes.UndefinedAlias, At(alias), $"alias '*{alias.Value.Value}' names no anchor defined before it");
                    _failed = true;
                    return null;
                }
                size = anchored.Size;
                return Count(size, alias) ? anchored.Node : null;
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                size = 1;
                if (!Count(1, scalar)) return null;
                var node = new YamlScalarAt(At(scalar), scalar.Value, scalar.Style == ScalarStyle.Plain);
                Remember(scalar.Anchor, node, size);
                return node;
            }

            if (parser.TryConsume<SequenceStart>(out var seqStart))
            {
                size = 1;
                if (!Count(1, seqStart)) return null;
                var items = new List<YamlNodeAt>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var item = ReadNode(parser, depth + 1, out long itemSize);
                    if (item is null) return null;
                    size += itemSize;
                    items.Add(item);
                }
                var node = new YamlSequenceAt(At(seqStart), items);
                Remember(seqStart.Anchor, node, size);
                return node;
            }

            var mapStart = parser.Consume<MappingStart>();
            size = 1;
            if (!Count(1, mapStart)) return null;
            var entries = new List<KeyValuePair<YamlScalarAt, YamlNodeAt>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                var key = ReadNode(parser, depth + 1, out long keySize);
                if (key is null) return null;
                var value = ReadNode(parser, depth + 1, out long valueSize);
                if (value is null) return null;
                size += keySize + valueSize;
                if (key is YamlScalarAt scalarKey)
                {
                    entries.Add(new KeyValuePair<YamlScalarAt, YamlNodeAt>(scalarKey, value));
                }
                else
                {
                    _diagnostics.Add(DiagnosticCodes.WrongType, key.Span, $"a mapping key must be a plain word, not a {key.KindName}");
                }
            }
            var map = new YamlMappingAt(At(mapStart), entries);
            Remember(mapStart.Anchor, map, size);
            return map;
        }

        private void Remember(AnchorName anchor, YamlNodeAt node, long size)
        {
            if (!anchor.IsEmpty) _anchors[anchor.Value] = (node, size);
        }

        private bool Count(long nodes, ParsingEvent where)
        {
            _expanded += nodes;
            if (_expanded <= MaxExpandedNodes) return true;
            _diagnostics.Add(DiagnosticCodes.AliasExpansionTooLarge, At(where),
                $"the document expands to more than {MaxExpandedNodes} nodes (aliases counted in full)");
            _failed = true;
            return false;
        }
    }
}
