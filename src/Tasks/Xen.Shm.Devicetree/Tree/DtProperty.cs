using System;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree
{
    /// <summary>A property of a <see cref="DtNode"/>. Deleting keeps its slot (spec §4.4).</summary>
    public sealed class DtProperty : ILiveEntry
    {
        private DtValue _value;

        public DtProperty(string name, DtValue? value = null, SourceSpan span = default)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            _value = value ?? new DtValue();
            Span = span;
        }

        public string Name { get; }

        /// <summary>The value (bytes and markers).</summary>
        public DtValue Value
        {
            get => _value;
            set => _value = value ?? throw new ArgumentNullException(nameof(value));
        }

        /// <summary>Labels on the property (<c>lbl: prop = …</c>); never node references.</summary>
        public LabelList Labels => _labels ??= new LabelList();

        private LabelList? _labels;

        /// <summary>Labels if any were ever attached (no allocation otherwise).</summary>
        internal LabelList? LabelsOrNull => _labels;

        /// <summary>Deleted by <c>/delete-property/</c> or a node deletion; invisible to output and lookups.</summary>
        public bool IsDeleted { get; internal set; }

        /// <summary>Where it was (last) defined; empty for generated properties.</summary>
        public SourceSpan Span { get; internal set; }

        /// <summary>The node holding it.</summary>
        public DtNode? Node { get; internal set; }

        internal void Delete()
        {
            IsDeleted = true;
            _labels?.DeleteAll();
        }

        public override string ToString() => IsDeleted ? $"{Name} (deleted)" : $"{Name} [{Value.Length} bytes]";
    }
}
