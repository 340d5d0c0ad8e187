namespace Xen.Shm.Diagnostics
{
    // XSHM4xxx: xl config writing.
    public static partial class DiagnosticCodes
    {
    }
}
