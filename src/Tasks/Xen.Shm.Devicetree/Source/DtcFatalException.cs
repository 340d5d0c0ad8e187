using System;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree.Source
{
    /// <summary>dtc's die(): stops the run with "FATAL ERROR: …" and exit status 1. Caught by the entry points.</summary>
    internal sealed class DtcFatalException : Exception
    {
        public DtcFatalException(string message) : base(message) { }

        /// <summary>
        /// A stop dtc itself does not have (an input that is no regular file, a slice over the size
        /// limit): it keeps the project code and the position of the /include/ or /incbin/.
        /// </summary>
        public DtcFatalException(string message, DiagnosticDescriptor code, SourceSpan span) : base(message)
        {
            Code = code;
            Span = span;
        }

        public DiagnosticDescriptor? Code { get; }
        public SourceSpan Span { get; }

        public DtcMessage ToMessage() => DtcMessage.Fatal(Message, Code, Span);
    }
}
