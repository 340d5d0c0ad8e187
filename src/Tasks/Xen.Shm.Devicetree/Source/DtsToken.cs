using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree.Source
{
    /// <summary>One token with its dtc-style location (last column exclusive, as srcpos.c).</summary>
    internal struct DtsToken
    {
        public DtsTokenKind Kind;

        /// <summary>The character for <see cref="DtsTokenKind.Char"/>, the byte for <see cref="DtsTokenKind.Byte"/>.</summary>
        public byte Char;

        /// <summary>Literal, character literal value.</summary>
        public ulong Integer;

        /// <summary>Name, label or reference text.</summary>
        public string? Text;

        /// <summary>String bytes after escapes, with the terminating NUL (null when <see cref="Raw"/> holds them).</summary>
        public byte[]? Data;

        /// <summary>A string without escapes: its bytes are Raw[RawStart..RawStart+RawLength) (NUL not included).</summary>
        public byte[]? Raw;
        public int RawStart;
        public int RawLength;

        public SourceSpan Span;

        public bool IsChar(char c) => Kind == DtsTokenKind.Char && Char == (byte)c;

        public override string ToString() => Kind == DtsTokenKind.Char ? "'" + (char)Char + "'" : Kind + (Text != null ? ":" + Text : string.Empty);
    }
}
