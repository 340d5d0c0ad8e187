namespace Xen.Shm.Diagnostics
{
    // XSHM5xxx: boot image folder, boot script, manifest.
    public static partial class DiagnosticCodes
    {
        // 500x: manifest.json (../_notes/MANIFEST.md).
        public static readonly DiagnosticDescriptor ManifestPathInvalid = new("XSHM5001", Severity.Error, "boot folder path not relative, not '/'-separated, or with '.'/'..' segments");
        public static readonly DiagnosticDescriptor ManifestDuplicatePath = new("XSHM5002", Severity.Error, "boot folder path listed twice");
        public static readonly DiagnosticDescriptor ManifestMalformed = new("XSHM5003", Severity.Error, "manifest.json is not in the manifest format");
        public static readonly DiagnosticDescriptor ManifestVersionUnsupported = new("XSHM5004", Severity.Error, "manifest.json version not supported");
        public static readonly DiagnosticDescriptor ManifestUnreadable = new("XSHM5005", Severity.Error, "manifest.json missing or unreadable");
    }
}
