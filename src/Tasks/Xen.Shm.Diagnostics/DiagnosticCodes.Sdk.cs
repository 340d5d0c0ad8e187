namespace Xen.Shm.Diagnostics
{
    // XSHM8xxx+9xxx: SDK property misuse (8xxx) and internal errors (9xxx).
    public static partial class DiagnosticCodes
    {
    }
}
