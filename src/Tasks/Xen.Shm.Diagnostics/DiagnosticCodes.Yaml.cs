namespace Xen.Shm.Diagnostics
{
    // XSHM1xxx: topology YAML loading (syntax, keys, types, files).
    public static partial class DiagnosticCodes
    {
    }
}
