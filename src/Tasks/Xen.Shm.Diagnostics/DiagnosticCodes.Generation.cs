namespace Xen.Shm.Diagnostics
{
    // XSHM6xxx: generation (host tree changes, partial trees, /chosen, load plan inputs).
    public static partial class DiagnosticCodes
    {
        public static readonly DiagnosticDescriptor BoardTreeDoesNotCompile = new("XSHM6001", Severity.Error, "the board device tree (or a domain's partial device tree) does not compile");
        public static readonly DiagnosticDescriptor GeneratedTreeDoesNotCompile = new("XSHM6002", Severity.Error, "a generated device tree does not compile");
        public static readonly DiagnosticDescriptor BootFileUnmeasured = new("XSHM6003", Severity.Error, "size of a boot file not known to the generator");
        public static readonly DiagnosticDescriptor PassthroughPathNotFound = new("XSHM6004", Severity.Error, "a passthrough path is not a node with reg in the board device tree");
        public static readonly DiagnosticDescriptor UserTreeNotGiven = new("XSHM6005", Severity.Error, "a domain's partial device tree was not given to the generator");
        public static readonly DiagnosticDescriptor XlPassthroughUnsupported = new("XSHM6006", Severity.Error, "a host device passed to an xl domain has interrupts xl irqs cannot name (not GIC SPIs)");
        public static readonly DiagnosticDescriptor TooManyBootModules = new("XSHM6007", Severity.Error, "more boot modules than Xen keeps (MAX_MODULES 32, two of them Xen itself and its device tree)");
        public static readonly DiagnosticDescriptor BootModuleCommandLineTooLong = new("XSHM6008", Severity.Error, "a dom0less domain's bootargs longer than Xen keeps for a boot module (1023 bytes, BOOTMOD_MAX_CMDLINE)");
    }
}
