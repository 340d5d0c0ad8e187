namespace Xen.Shm.Diagnostics
{
    // XSHM3xxx: device-tree compile and read problems.
    public static partial class DiagnosticCodes
    {
        public static readonly DiagnosticDescriptor DtsSyntaxError = new("XSHM3001", Severity.Error, "device-tree source does not parse (lexical, syntax or semantic error; dtc exit 1)");
        public static readonly DiagnosticDescriptor DtcCheckError = new("XSHM3002", Severity.Error, "device tree fails an error-level dtc check (dtc exit 2)");
        public static readonly DiagnosticDescriptor DtcCheckWarning = new("XSHM3003", Severity.Warning, "device tree fails a warning-level dtc check");
        public static readonly DiagnosticDescriptor DtcFatal = new("XSHM3004", Severity.Error, "device-tree compiler stopped (unreadable file, bad option, unsupported input)");
        public static readonly DiagnosticDescriptor DtcOtherWarning = new("XSHM3005", Severity.Warning, "device-tree compiler warning outside the checks (blob size, duplicate label entry)");
        public static readonly DiagnosticDescriptor DtbMalformed = new("XSHM3010", Severity.Error, "device-tree blob is malformed or of an unsupported version");
    }
}
