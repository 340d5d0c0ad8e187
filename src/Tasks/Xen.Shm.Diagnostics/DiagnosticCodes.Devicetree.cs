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
        public static readonly DiagnosticDescriptor DtsInputNotRegularFile = new("XSHM3006", Severity.Error, "device-tree input, /include/ or /incbin/ is a directory, FIFO or device, not a regular file");
        public static readonly DiagnosticDescriptor DtsInputTooLarge = new("XSHM3007", Severity.Error, "device-tree input, /include/ or /incbin/ slice larger than the compiler takes");

        // XSHM35xx: blobs the DTB reader rejects; the message carries the byte offset.
        public static readonly DiagnosticDescriptor DtbTruncated = new("XSHM3501", Severity.Error, "blob shorter than its header or than the sizes it declares");
        public static readonly DiagnosticDescriptor DtbBadMagic = new("XSHM3502", Severity.Error, "blob does not start with the FDT magic d00dfeed");
        public static readonly DiagnosticDescriptor DtbUnsupportedVersion = new("XSHM3503", Severity.Error, "blob version not readable (only versions 16 and 17 layouts are)");
        public static readonly DiagnosticDescriptor DtbBlockOutOfRange = new("XSHM3504", Severity.Error, "header offset or size points outside the blob, or a block is misaligned");
        public static readonly DiagnosticDescriptor DtbBadReservation = new("XSHM3505", Severity.Error, "memory reservation block without terminator inside the blob");
        public static readonly DiagnosticDescriptor DtbBadToken = new("XSHM3506", Severity.Error, "unknown or misplaced structure token");
        public static readonly DiagnosticDescriptor DtbUnterminatedName = new("XSHM3507", Severity.Error, "node or property name without NUL inside its block");
        public static readonly DiagnosticDescriptor DtbBadNameOffset = new("XSHM3508", Severity.Error, "property name offset outside the strings block");
        public static readonly DiagnosticDescriptor DtbBadNesting = new("XSHM3509", Severity.Error, "node nesting does not balance, or is too deep");
        public static readonly DiagnosticDescriptor DtbPropertyTooLong = new("XSHM3510", Severity.Error, "property value runs past the structure block");
        public static readonly DiagnosticDescriptor DtbPropertyAfterSubnode = new("XSHM3511", Severity.Warning, "property after a subnode in the structure block (dtc warns and keeps it)");
    }
}
