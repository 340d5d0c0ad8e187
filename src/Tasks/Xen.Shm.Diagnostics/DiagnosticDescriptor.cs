namespace Xen.Shm.Diagnostics
{
    /// <summary>One row of the code table: a stable code, its default severity and its meaning.</summary>
    public sealed class DiagnosticDescriptor
    {
        public DiagnosticDescriptor(string code, Severity severity, string title)
        {
            Code = code;
            DefaultSeverity = severity;
            Title = title;
        }

        /// <summary><c>XSHM</c> + 4 digits; never reused for another meaning.</summary>
        public string Code { get; }
        public Severity DefaultSeverity { get; }

        /// <summary>One line, the meaning of the code (the message may add specifics).</summary>
        public string Title { get; }

        public Diagnostic Create(SourceSpan span, string message, params SourceSpan[] related) =>
            new Diagnostic(this, DefaultSeverity, message, span, related);

        public override string ToString() => Code;
    }
}
