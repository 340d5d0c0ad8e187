using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// Codes for blobs the reader rejects (XSHM35xx). Kept beside the reader until the integrator
    /// moves them into DiagnosticCodes.Devicetree.cs; the codes themselves are stable.
    /// </summary>
    public static class DtbReaderDiagnostics
    {
        public static readonly DiagnosticDescriptor Truncated = new("XSHM3501", Severity.Error, "blob shorter than its header or than the sizes it declares");
        public static readonly DiagnosticDescriptor BadMagic = new("XSHM3502", Severity.Error, "blob does not start with the FDT magic d00dfeed");
        public static readonly DiagnosticDescriptor UnsupportedVersion = new("XSHM3503", Severity.Error, "blob version not readable (only versions 16 and 17 layouts are)");
        public static readonly DiagnosticDescriptor BlockOutOfRange = new("XSHM3504", Severity.Error, "header offset or size points outside the blob, or blocks overlap or are misaligned");
        public static readonly DiagnosticDescriptor BadReservation = new("XSHM3505", Severity.Error, "memory reservation block without terminator inside the blob");
        public static readonly DiagnosticDescriptor BadToken = new("XSHM3506", Severity.Error, "unknown or misplaced structure token");
        public static readonly DiagnosticDescriptor UnterminatedName = new("XSHM3507", Severity.Error, "node or property name without NUL inside its block");
        public static readonly DiagnosticDescriptor BadNameOffset = new("XSHM3508", Severity.Error, "property name offset outside the strings block");
        public static readonly DiagnosticDescriptor BadNesting = new("XSHM3509", Severity.Error, "node nesting does not balance, or is too deep");
        public static readonly DiagnosticDescriptor PropertyTooLong = new("XSHM3510", Severity.Error, "property value runs past the structure block");
        public static readonly DiagnosticDescriptor PropertyAfterSubnode = new("XSHM3511", Severity.Warning, "property after a subnode in the structure block (dtc warns and keeps it)");
    }
}
