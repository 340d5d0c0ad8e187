namespace Xen.Shm.Diagnostics
{
    // XSHM3xxx: device-tree compile and read problems.
    public static partial class DiagnosticCodes
    {
    }
}
