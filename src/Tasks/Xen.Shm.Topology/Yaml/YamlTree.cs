using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// A YAML node with the position it was written at. Built from YamlDotNet's low-level
    /// parser events (not the RepresentationModel) so that limits on depth and alias
    /// expansion apply while reading, before anything large is built.
    /// </summary>
    internal abstract class YamlNodeAt
    {
        protected YamlNodeAt(SourceSpan span) => Span = span;

        public SourceSpan Span { get; }

        /// <summary>"mapping", "sequence", "string"… for wrong-type messages.</summary>
        public abstract string KindName { get; }
    }

    internal sealed class YamlScalarAt : YamlNodeAt
    {
        public YamlScalarAt(SourceSpan span, string value, bool isPlain) : base(span)
        {
            Value = value;
            IsPlain = isPlain;
        }

        public string Value { get; }

        /// <summary>Unquoted: only then do <c>~</c>, <c>null</c> and an empty value mean null.</summary>
        public bool IsPlain { get; }

        public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

        public override string KindName => IsNull ? "null" : "scalar";
    }

    internal sealed class YamlSequenceAt : YamlNodeAt
    {
        public YamlSequenceAt(SourceSpan span, IReadOnlyList<YamlNodeAt> items) : base(span) => Items = items;

        public IReadOnlyList<YamlNodeAt> Items { get; }

        public override string KindName => "sequence";
    }

    internal sealed class YamlMappingAt : YamlNodeAt
    {
        public YamlMappingAt(SourceSpan span, IReadOnlyList<KeyValuePair<YamlScalarAt, YamlNodeAt>> entries) : base(span) =>
            Entries = entries;

        /// <summary>Entries in document order; duplicate keys are kept (the reader reports them).</summary>
        public IReadOnlyList<KeyValuePair<YamlScalarAt, YamlNodeAt>> Entries { get; }

        public override string KindName => "mapping";
    }
}
