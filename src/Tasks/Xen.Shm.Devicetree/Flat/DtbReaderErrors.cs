using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree
{
    /// <summary>Collects what the reader found; the first error stops reading.</summary>
    internal sealed class DtbReaderErrors
    {
        private readonly string _file;

        public DtbReaderErrors(string file, DiagnosticBag bag)
        {
            _file = file;
            Bag = bag;
        }

        public DiagnosticBag Bag { get; }

        /// <summary>Blobs have no lines: the position is the file and the message names the byte offset.</summary>
        public SourceSpan Span => new SourceSpan(_file, 0, 0);

        public void Fail(DiagnosticDescriptor descriptor, long offset, string message) =>
            Bag.Add(descriptor, Span, $"{message} (at offset 0x{offset:x})");

        public void Warn(DiagnosticDescriptor descriptor, long offset, string message) =>
            Bag.Add(descriptor, Span, $"{message} (at offset 0x{offset:x})");
    }
}
