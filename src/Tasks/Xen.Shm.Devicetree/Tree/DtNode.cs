using System;
using System.Collections.Generic;
using System.Text;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// A node of the live tree (dtc's <c>struct node</c>, livetree.c). Children and properties keep
    /// source order; deleted entries keep their slot so a later definition revives them in place
    /// (spec §4.3/4.4). Lookups (<see cref="GetProperty"/>, <see cref="GetChild"/>, <see cref="FindNode"/>)
    /// see live entries only.
    /// </summary>
    public sealed class DtNode : ILiveEntry
    {
        private readonly List<DtProperty> _properties;
        private readonly List<DtNode> _children;
        private List<SourceSpan>? _spans;

        /// <param name="name">Full node name including any unit address (<c>serial@1000</c>); empty for the root.</param>
        public DtNode(string name)
            : this(name, 0, 0)
        {
        }

        /// <summary>A node whose lists start with room for exactly this many entries (the parser knows them).</summary>
        internal DtNode(string name, int propertyCapacity, int childCapacity)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            _properties = new List<DtProperty>(propertyCapacity);
            _children = new List<DtNode>(childCapacity);
        }

        /// <summary>Full name including unit address; empty for the root.</summary>
        public string Name { get; }

        /// <summary>The part before '@'.</summary>
        public string BaseName
        {
            get
            {
                int at = Name.IndexOf('@');
                return at < 0 ? Name : Name.Substring(0, at);
            }
        }

        /// <summary>The part after the first '@', or empty.</summary>
        public string UnitAddress
        {
            get
            {
                if (_unit != null) return _unit;
                int at = Name.IndexOf('@');
                return _unit = at < 0 ? string.Empty : Name.Substring(at + 1);
            }
        }

        private string? _unit;

        public DtNode? Parent { get; private set; }

        /// <summary>Labels on the node, in dtc's order (last attached first; spec §9.1).</summary>
        public LabelList Labels => _labels ??= new LabelList { OwnerNode = this };

        // Created on the first label (most nodes have none); reads go through LabelsOrEmpty.
        private LabelList? _labels;

        // Never written: DeleteAll on an empty list does nothing, and only reads use it.
        private static readonly LabelList s_noLabels = new LabelList();

        /// <summary>The labels for reading, without creating a list for a node that has none.</summary>
        internal LabelList LabelsOrEmpty => _labels ?? s_noLabels;

        public bool IsDeleted
        {
            get => _deleted;
            internal set
            {
                if (_deleted == value) return;
                _deleted = value;
                Touch();
            }
        }

        private bool _deleted;
        private uint _phandle;

        // Lookup indexes live on the root node; any change below it that can move a label or a
        // phandle owner bumps the generation, and the indexes are rebuilt on the next lookup.
        internal TreeIndex? Index;

        internal void Touch()
        {
            var n = this;
            while (n.Parent != null) n = n.Parent;
            if (n.Index != null) n.Index.Generation++;
        }

        /// <summary>Marked <c>/omit-if-no-ref/</c>: dropped during checks unless referenced.</summary>
        public bool OmitIfUnreferenced { get; set; }

        /// <summary>Reached by a phandle or path reference during compilation.</summary>
        public bool IsReferenced { get; internal set; }

        /// <summary>Phandle recorded or allocated during compilation (0 = none).</summary>
        public uint Phandle
        {
            get => _phandle;
            internal set
            {
                _phandle = value;
                var n = this;
                while (n.Parent != null) n = n.Parent;
                n.Index?.PhandleAssigned(this, value);
            }
        }

        /// <summary>Where the node was defined; further definitions merged into it follow in <see cref="AlsoDefinedAt"/>.</summary>
        public SourceSpan Span { get; internal set; }

        /// <summary>Later bodies merged into this node (dtc prints them as "also defined at").</summary>
        public IReadOnlyList<SourceSpan> AlsoDefinedAt => (IReadOnlyList<SourceSpan>?)_spans ?? Array.Empty<SourceSpan>();

        internal void AddSpan(SourceSpan span, IReadOnlyList<SourceSpan> more)
        {
            if (Span.IsEmpty && _spans == null) { Span = span; }
            else if (!span.IsEmpty) (_spans ??= new List<SourceSpan>()).Add(span);
            if (more.Count > 0) (_spans ??= new List<SourceSpan>()).AddRange(more);
        }

        // dtc fills these per check run (fixup_addr_size_cells); 0 before it ran, -1 = absent.
        internal int AddressCells;
        internal int SizeCells;
        internal string? Bus;

        /// <summary>All properties including deleted ones, in order.</summary>
        public IReadOnlyList<DtProperty> AllProperties => _properties;

        /// <summary>All children including deleted ones, in order.</summary>
        public IReadOnlyList<DtNode> AllChildren => _children;

        internal List<DtProperty> PropertyList => _properties;
        internal List<DtNode> ChildList => _children;

        /// <summary>Live properties in order.</summary>
        public LiveView<DtProperty> Properties => new LiveView<DtProperty>(_properties);

        /// <summary>Live children in order.</summary>
        public LiveView<DtNode> Children => new LiveView<DtNode>(_children);

        /// <summary>True if some live child exists.</summary>
        public bool HasChildren
        {
            get
            {
                foreach (var c in _children) if (!c.IsDeleted) return true;
                return false;
            }
        }

        /// <summary>Full path: <c>/</c> for the root, else <c>/a/b@1</c>.</summary>
        public string Path
        {
            get
            {
                if (Parent == null) return Name.Length == 0 ? "/" : "/" + Name;
                var stack = new List<string>();
                for (var n = this; n != null && n.Parent != null; n = n.Parent) stack.Add(n.Name);
                var sb = new StringBuilder();
                for (int i = stack.Count - 1; i >= 0; i--) sb.Append('/').Append(stack[i]);
                return sb.ToString();
            }
        }

        // ---- lookups ------------------------------------------------------------------

        /// <summary>The live property named <paramref name="name"/>, or null.</summary>
        public DtProperty? GetProperty(string name)
        {
            var list = _properties;
            for (int i = 0; i < list.Count; i++)
            {
                var p = list[i];
                if (!p.IsDeleted && string.Equals(p.Name, name)) return p;
            }
            return null;
        }

        /// <summary>The live child with this exact full name, or null.</summary>
        public DtNode? GetChild(string name)
        {
            foreach (var c in _children)
                if (!c.IsDeleted && string.Equals(c.Name, name, StringComparison.Ordinal)) return c;
            return null;
        }

        /// <summary>
        /// Walk a path of full names below this node (<c>soc/serial@1000</c>; leading '/' ignored),
        /// exactly as dtc's get_node_by_path. Empty path = this node.
        /// </summary>
        public DtNode? FindNode(string path)
        {
            var node = this;
            int i = 0;
            while (true)
            {
                if (i >= path.Length) return node.IsDeleted ? null : node;
                while (i < path.Length && path[i] == '/') i++;
                int slash = path.IndexOf('/', i);
                string part = slash < 0 ? path.Substring(i) : path.Substring(i, slash - i);
                var child = node.GetChild(part);
                if (child == null) return null;
                if (slash < 0) return child;
                node = child;
                i = slash + 1;
            }
        }

        // ---- programmatic editing ---------------------------------------------------

        /// <summary>Append a new child (no merge). Returns it.</summary>
        public DtNode AddChild(string name) => AddChild(new DtNode(name));

        /// <summary>Append <paramref name="child"/> as the last child.</summary>
        public DtNode AddChild(DtNode child)
        {
            if (child.Parent != null) throw new InvalidOperationException("node already has a parent");
            child.Parent = this;
            _children.Add(child);
            RootNode.Index?.Attached(child);
            return child;
        }

        /// <summary>The live child named <paramref name="name"/>; revives a deleted one in place, else appends a new one.</summary>
        public DtNode GetOrAddChild(string name)
        {
            var live = GetChild(name);
            if (live != null) return live;
            foreach (var c in _children)
            {
                if (string.Equals(c.Name, name, StringComparison.Ordinal))
                {
                    c.IsDeleted = false;
                    return c;
                }
            }
            return AddChild(name);
        }

        /// <summary>Append a property without looking for an existing one (dtc add_property).</summary>
        public DtProperty AddProperty(DtProperty property)
        {
            property.Node = this;
            _properties.Add(property);
            return property;
        }

        /// <summary>
        /// Set a property like a later <c>name = value;</c> would: replace the value of an existing
        /// property of that name in place (reviving a deleted one), else append a new one.
        /// </summary>
        public DtProperty SetProperty(string name, DtValue value)
        {
            foreach (var p in _properties)
            {
                if (string.Equals(p.Name, name, StringComparison.Ordinal))
                {
                    p.Value = value;
                    p.IsDeleted = false;
                    return p;
                }
            }
            return AddProperty(new DtProperty(name, value));
        }

        /// <summary>Set a string-list property.</summary>
        public DtProperty SetProperty(string name, params string[] strings) => SetProperty(name, DtValue.FromStrings(strings));

        /// <summary>Set a cells property.</summary>
        public DtProperty SetProperty(string name, params uint[] cells) => SetProperty(name, DtValue.FromCells(cells));

        /// <summary>Delete the live property named <paramref name="name"/> (keeps its slot). False if absent.</summary>
        public bool RemoveProperty(string name)
        {
            foreach (var p in _properties)
            {
                if (string.Equals(p.Name, name, StringComparison.Ordinal))
                {
                    p.Delete();
                    return true;
                }
            }
            return false;
        }

        /// <summary>Delete the first child named <paramref name="name"/> (and its subtree). False if absent.</summary>
        public bool RemoveChild(string name)
        {
            foreach (var c in _children)
            {
                if (string.Equals(c.Name, name, StringComparison.Ordinal))
                {
                    c.Delete();
                    return true;
                }
            }
            return false;
        }

        /// <summary>Delete this node, its properties, its subtree and their labels (dtc delete_node).</summary>
        public void Delete()
        {
            IsDeleted = true;
            foreach (var c in _children) if (!c.IsDeleted) c.Delete();
            foreach (var p in _properties) if (!p.IsDeleted) p.Delete();
            _labels?.DeleteAll();
        }

        /// <summary>True if this node and all its ancestors are live.</summary>
        public bool IsLive
        {
            get
            {
                for (var n = this; n != null; n = n.Parent) if (n.IsDeleted) return false;
                return true;
            }
        }

        internal void DetachForMerge() => Parent = null;

        internal DtNode RootNode
        {
            get
            {
                var n = this;
                while (n.Parent != null) n = n.Parent;
                return n;
            }
        }

        public override string ToString() => Path + (IsDeleted ? " (deleted)" : string.Empty);
    }
}
