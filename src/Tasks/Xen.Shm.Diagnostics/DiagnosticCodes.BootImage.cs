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

        // 501x: boot.source text (U-Boot hush script).
        public static readonly DiagnosticDescriptor BootScriptFileNameUnsafe = new("XSHM5010", Severity.Error, "boot file name or path prefix unusable in a U-Boot script line");
        public static readonly DiagnosticDescriptor BootScriptCommandMultiline = new("XSHM5011", Severity.Error, "load command or extra boot command empty or spanning several lines");
        public static readonly DiagnosticDescriptor BootScriptNodePathUnsafe = new("XSHM5012", Severity.Error, "memory node path unusable in an 'fdt set' command");
        public static readonly DiagnosticDescriptor BootScriptMissingInput = new("XSHM5013", Severity.Error, "boot command needs the Xen or host DTB load address, which was not given");

        // 502x: U-Boot legacy images.
        public static readonly DiagnosticDescriptor UImageAddressTooHigh = new("XSHM5020", Severity.Error, "load or entry address above 4 GiB cannot go in a U-Boot legacy image");

        // 503x: the output folders' wall (Files/OutputFolder.cs), behind the YAML's own path checks.
        public static readonly DiagnosticDescriptor OutputPathUnsafe = new("XSHM5030", Severity.Error, "output path absolute, leaving its folder, or with an empty, '.', '..' segment, a backslash or a control character");
        public static readonly DiagnosticDescriptor OutputPathThroughLink = new("XSHM5031", Severity.Error, "output path goes through a symbolic link inside its output folder");

        // 504x: the FIT image (BootImage/Fit, XenShmFitImage).
        public static readonly DiagnosticDescriptor FitImagePropertyNotBoolean = new("XSHM5040", Severity.Error, "XenShmFitImage is neither true nor false");
        public static readonly DiagnosticDescriptor FitBootRouteUnsupported = new("XSHM5041", Severity.Error, "a FIT image needs the bootm boot command and no fdt apply overlay route");
        public static readonly DiagnosticDescriptor FitImageDoesNotFit = new("XSHM5042", Severity.Error, "the FIT image does not fit in host RAM after the planned boot files");
        public static readonly DiagnosticDescriptor FitInputMissing = new("XSHM5043", Severity.Error, "a file the FIT image holds is missing or unreadable");
        public static readonly DiagnosticDescriptor FitImageTooLarge = new("XSHM5044", Severity.Error, "the boot files are too large for one FIT image");
        public static readonly DiagnosticDescriptor FitNothingToBoot = new("XSHM5045", Severity.Error, "a FIT image needs Xen and a host device tree");
        // 505x: the FAT32 disk image (Disk/).
        public static readonly DiagnosticDescriptor DiskImageNameInvalid = new("XSHM5050", Severity.Error, "a boot folder file name a FAT long name cannot hold");
        public static readonly DiagnosticDescriptor DiskImageNameClash = new("XSHM5051", Severity.Error, "two boot folder names that FAT, ignoring case, takes as one");
        public static readonly DiagnosticDescriptor DiskImageFileTooLarge = new("XSHM5052", Severity.Error, "a boot folder file of 4 GiB or more, past FAT32's file size");
        public static readonly DiagnosticDescriptor DiskImageTooLarge = new("XSHM5053", Severity.Error, "the disk image would pass FAT32's cluster count or the MBR's 2 TiB");

        // 506x: the boot script's own name (XenShmBootScriptName).
        public static readonly DiagnosticDescriptor BootScriptNameInvalid = new("XSHM5060", Severity.Error, "XenShmBootScriptName is not a plain file name or names one of the SDK's own files");
        public static readonly DiagnosticDescriptor BootScriptNameClash = new("XSHM5061", Severity.Error, "the boot script's name is also the name of a file copied into the boot folder");
    }
}
