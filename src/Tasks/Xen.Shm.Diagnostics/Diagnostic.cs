using System;
using System.Collections.Generic;

namespace Xen.Shm.Diagnostics
{
    /// <summary>A problem found in the user's input, with the code table row it belongs to.</summary>
    public sealed class Diagnostic
    {
        public Diagnostic(DiagnosticDescriptor descriptor, Severity severity, string message, SourceSpan span,
            IReadOnlyList<SourceSpan>? related = null)
        {
            Descriptor = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
            Severity = severity;
            Message = message ?? throw new ArgumentNullException(nameof(message));
            Span = span;
            Related = related ?? Array.Empty<SourceSpan>();
        }

        public DiagnosticDescriptor Descriptor { get; }
        public string Code => Descriptor.Code;
        public Severity Severity { get; }
        public string Message { get; }

        /// <summary>The offending value's position.</summary>
        public SourceSpan Span { get; }

        /// <summary>Other positions involved (the value this one collides with, say).</summary>
        public IReadOnlyList<SourceSpan> Related { get; }

        public bool IsError => Severity == Severity.Error;

        /// <summary>MSBuild canonical format: <c>file(line,col): error XSHMnnnn: message</c>.</summary>
        public override string ToString()
        {
            string where = Span.IsEmpty ? string.Empty : Span + ": ";
            string kind = Severity == Severity.Error ? "error" : Severity == Severity.Warning ? "warning" : "info";
            return $"{where}{kind} {Code}: {Message}";
        }
    }
}
