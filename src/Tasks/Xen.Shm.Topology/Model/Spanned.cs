using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>A value from the topology file together with where it was written.</summary>
    public readonly struct Spanned<T>
    {
        public Spanned(T value, SourceSpan span)
        {
            Value = value;
            Span = span;
        }

        public T Value { get; }
        public SourceSpan Span { get; }

        public override string ToString() => Value?.ToString() ?? string.Empty;
    }
}
