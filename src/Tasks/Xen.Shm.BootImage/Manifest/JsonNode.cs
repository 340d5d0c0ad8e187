using System.Collections.Generic;

namespace Xen.Shm.BootImage.Manifest
{
    /// <summary>A parsed JSON value with the 1-based position where it starts (for diagnostics).</summary>
    internal sealed class JsonNode
    {
        public JsonNode(JsonKind kind, int line, int column)
        {
            Kind = kind;
            Line = line;
            Column = column;
        }

        public JsonKind Kind { get; }
        public int Line { get; }
        public int Column { get; }
        public string Text { get; set; } = string.Empty;
        public List<JsonNode> Items { get; } = new List<JsonNode>();

        /// <summary>Object members in source order (duplicates are rejected by the parser).</summary>
        public List<KeyValuePair<string, JsonNode>> Members { get; } = new List<KeyValuePair<string, JsonNode>>();
    }

    internal enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }
}
