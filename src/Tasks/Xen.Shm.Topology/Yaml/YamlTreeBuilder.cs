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
                ReportTooLarge(file, text.Length + " characters", diagnostics);
                return null;
            }
            return new YamlTreeBuilder(file, diagnostics).BuildStream(text);
        }

        /// <summary>XSHM1012, for the text here and for the file's size before it is read (TopologyText).</summary>
        public static void ReportTooLarge(string file, string size, DiagnosticBag diagnostics) =>
            diagnostics.Add(DiagnosticCodes.DocumentTooLarge, new SourceSpan(file, 1, 1),
                $"the topology file has {size}; the limit is {MaxCharacters} characters");

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
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is IndexOutOfRangeException ||
                                       ex is NullReferenceException || ex is FormatException || ex is OverflowException)
            {
                // YamlDotNet 18.1.0's scanner throws InvalidOperationException on some malformed input (e.g. an
                // unclosed flow sequence whose plain scalar runs onto the next lines; found by RobustnessTests).
                // Report it as a syntax error after the last event that parsed.
                var at = parser.Current is { } current ? At(current.End) : new SourceSpan(_file, 1, 1);
                _diagnostics.Add(DiagnosticCodes.YamlSyntax, at, "the YAML parser could not continue after this point (malformed YAML)");
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
                RefuseTag(scalar.Tag, scalar);
                RefuseControlCharacter(scalar);
                var node = new YamlScalarAt(At(scalar), scalar.Value, scalar.Style == ScalarStyle.Plain);
                Remember(scalar.Anchor, node, size);
                return node;
            }

            if (parser.TryConsume<SequenceStart>(out var seqStart))
            {
                size = 1;
                if (!Count(1, seqStart)) return null;
                RefuseTag(seqStart.Tag, seqStart);
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
            RefuseTag(mapStart.Tag, mapStart);
            var entries = new List<KeyValuePair<YamlScalarAt, YamlNodeAt>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, depth + 1, out long keySize);
                if (key is null) return null;
                var value = ReadNode(parser, depth + 1, out long valueSize);
                if (value is null) return null;
                size += keySize + valueSize;
                var scalarKey = key as YamlScalarAt ?? new YamlScalarAt(key.Span, string.Empty, false, key.KindName);
                entries.Add(new KeyValuePair<YamlScalarAt, YamlNodeAt>(scalarKey, value));
            }
            var map = new YamlMappingAt(At(mapStart), entries);
            Remember(mapStart.Anchor, map, size);
            return map;
        }

        // The reader takes every scalar as text; a tag (!!binary, !!int, !foo) would silently mean
        // nothing, so it is refused rather than ignored (issue 17).
        private void RefuseTag(TagName tag, ParsingEvent where)
        {
            if (tag.IsEmpty) return;
            _diagnostics.Add(DiagnosticCodes.YamlTagUnsupported, At(where),
                $"YAML tag '{tag.Value}' is not supported: write the value without a tag");
        }

        // Every value ends up in a file name, a device-tree string, an xl line or a message: a NUL
        // truncates a DT string, a newline adds a line to an xl file or splits an MSBuild error
        // line. No key of the schema takes multi-line text, so no scalar may hold a C0/C1 control.
        private void RefuseControlCharacter(Scalar scalar)
        {
            foreach (char c in scalar.Value)
            {
                if (!ScalarText.IsControl(c)) continue;
                _diagnostics.Add(DiagnosticCodes.ControlCharacterInValue, At(scalar),
                    $"the value holds the control character U+{(int)c:X4}; values must be one line of printable text");
                return;
            }
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
