using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Xen.Shm.Diagnostics
{
    /// <summary>Collects diagnostics in the order they were found.</summary>
    public sealed class DiagnosticBag : IReadOnlyList<Diagnostic>
    {
        private readonly List<Diagnostic> _items = new List<Diagnostic>();

        public int Count => _items.Count;
        public Diagnostic this[int index] => _items[index];
        public bool HasErrors => _items.Any(d => d.IsError);

        public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

        public Diagnostic Add(DiagnosticDescriptor descriptor, SourceSpan span, string message, params SourceSpan[] related)
        {
            var d = descriptor.Create(span, message, related);
            _items.Add(d);
            return d;
        }

        public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

        public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
