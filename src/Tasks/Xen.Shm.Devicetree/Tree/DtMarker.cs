namespace Xen.Shm.Devicetree
{
    /// <summary>What a <see cref="DtMarker"/> records, as dtc's <c>enum markertype</c> (dtc.h).</summary>
    public enum DtMarkerKind
    {
        /// <summary>A 32-bit cell that receives the phandle of <see cref="DtMarker.Reference"/>.</summary>
        PhandleReference,

        /// <summary>The full path of <see cref="DtMarker.Reference"/> is inserted here (with its NUL).</summary>
        PathReference,

        /// <summary>A label inside the value (<c>p = a: &lt;1&gt;</c>); no bytes.</summary>
        Label,

        /// <summary>Type hints for a DTS writer: what kind of piece starts here.</summary>
        TypeNone,
        TypeUInt8,
        TypeUInt16,
        TypeUInt32,
        TypeUInt64,
        TypeString,
    }

    /// <summary>A position in a value that carries a reference, a label or a type hint (dtc's <c>struct marker</c>).</summary>
    public readonly struct DtMarker
    {
        public DtMarker(DtMarkerKind kind, int offset, string? reference)
        {
            Kind = kind;
            Offset = offset;
            Reference = reference;
        }

        public DtMarkerKind Kind { get; }

        /// <summary>Byte offset in the value.</summary>
        public int Offset { get; }

        /// <summary>Label name or path (<c>/a/b</c>) for references and labels; may be null for type hints.</summary>
        public string? Reference { get; }

        internal DtMarker WithOffset(int offset) => new DtMarker(Kind, offset, Reference);

        public override string ToString() => $"{Kind}@{Offset}:{Reference}";
    }
}
