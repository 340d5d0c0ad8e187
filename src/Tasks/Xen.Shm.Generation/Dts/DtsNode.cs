using System.Collections.Generic;

namespace Xen.Shm.Generation.Dts
{
    /// <summary>
    /// A node the generator writes as DTS text: a name, an optional comment (the region id or
    /// spec section that caused it), properties already formatted as DTS values, and children.
    /// Generated trees are small and written once, so this stays a plain ordered list, not a
    /// live tree; the Devicetree library compiles the text.
    /// </summary>
    public sealed class DtsNode
    {
        public DtsNode(string name, string? comment = null)
        {
            Name = name;
            Comment = comment;
        }

        /// <summary>Node name with unit address, or a reference such as <c>&amp;{/memory@0}</c> for a top-level merge block.</summary>
        public string Name { get; }

        /// <summary>A dtc label written before the name (<c>label: name</c>) so other nodes can take its phandle; null for none.</summary>
        public string? Label { get; set; }

        /// <summary>One-line comment written above the node; null for none.</summary>
        public string? Comment { get; set; }

        public List<DtsProperty> Properties { get; } = new List<DtsProperty>();
        public List<DtsNode> Children { get; } = new List<DtsNode>();

        /// <summary>Append a property with a formatted value (null = empty property such as <c>ranges;</c>).</summary>
        public DtsNode Property(string name, string? value, string? comment = null)
        {
            Properties.Add(new DtsProperty(name, value, comment));
            return this;
        }

        public DtsNode Child(DtsNode child)
        {
            Children.Add(child);
            return child;
        }

        /// <summary>The direct child named <paramref name="name"/>, created (appended) when absent.</summary>
        public DtsNode GetOrAddChild(string name, string? comment = null)
        {
            foreach (var c in Children)
                if (c.Name == name) return c;
            return Child(new DtsNode(name, comment));
        }

        public bool IsEmpty => Properties.Count == 0 && Children.Count == 0;
    }

    /// <summary>A property as written: name and DTS value text (<c>&lt;0x0 0x1&gt;</c>, <c>"a", "b"</c>), null for an empty property.</summary>
    public sealed class DtsProperty
    {
        public DtsProperty(string name, string? value, string? comment)
        {
            Name = name;
            Value = value;
            Comment = comment;
        }

        public string Name { get; }
        public string? Value { get; }
        public string? Comment { get; }
    }
}
