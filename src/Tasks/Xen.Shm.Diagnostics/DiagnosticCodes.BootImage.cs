namespace Xen.Shm.Diagnostics
{
    // XSHM5xxx: boot image folder, boot script, manifest.
    public static partial class DiagnosticCodes
    {
    }
}
