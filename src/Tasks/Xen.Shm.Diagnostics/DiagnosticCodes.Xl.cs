namespace Xen.Shm.Diagnostics
{
    // XSHM4xxx: xl config writing.
    public static partial class DiagnosticCodes
    {
        public static readonly DiagnosticDescriptor XlStringUnrepresentable = new("XSHM4001", Severity.Error, "value has a character an xl config string cannot carry (NUL or a control character without a libxlutil escape)");
        public static readonly DiagnosticDescriptor XlRequiredValueMissing = new("XSHM4002", Severity.Error, "xl domain without name, kernel, memory or vcpus");
        public static readonly DiagnosticDescriptor XlFileNameUnsafe = new("XSHM4003", Severity.Error, "xl domain name unusable as a file name or in the dom0 start script");
    }
}
