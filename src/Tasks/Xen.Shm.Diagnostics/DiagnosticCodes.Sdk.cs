namespace Xen.Shm.Diagnostics
{
    // XSHM8xxx+9xxx: SDK property misuse (8xxx) and internal errors (9xxx).
    // XSHM8001–8003, 8030 and 8032 are raised by the SDK's targets (src/Xen.Shm.Sdk/build/Xen.Shm.Sdk.targets,
    // _XenShmCheckProject), the others by the task assembly; a test keeps both sides in step.
    public static partial class DiagnosticCodes
    {
        public static readonly DiagnosticDescriptor NoTopology = new("XSHM8001", Severity.Error, "board project without a topology (no board.yaml, no XenShmTopology item)");
        public static readonly DiagnosticDescriptor SeveralTopologies = new("XSHM8002", Severity.Error, "more than one XenShmTopology item in one board project");
        public static readonly DiagnosticDescriptor TopologyFileMissing = new("XSHM8003", Severity.Error, "the XenShmTopology item names a file that does not exist");
        public static readonly DiagnosticDescriptor BootFolderPathTaken = new("XSHM8004", Severity.Error, "two different board files would land at the same path in the boot folder");
        public static readonly DiagnosticDescriptor BootCommandUnknown = new("XSHM8006", Severity.Error, "XenShmBootCommand is not one of bootm, booti, bootefi, none");
        public static readonly DiagnosticDescriptor BootApplyOverlayNotBoolean = new("XSHM8007", Severity.Error, "XenShmBootApplyOverlay is not true or false");
        public static readonly DiagnosticDescriptor BootLoadCommandInvalid = new("XSHM8008", Severity.Error, "XenShmBootLoadCommand spans several lines (empty means the default)");
        public static readonly DiagnosticDescriptor BootPathPrefixInvalid = new("XSHM8009", Severity.Error, "XenShmBootPathPrefix has characters a U-Boot script line cannot take as is");
        public static readonly DiagnosticDescriptor BootExtraCommandInvalid = new("XSHM8010", Severity.Error, "a XenShmBootExtraCommand item is empty or spans several lines");
        public static readonly DiagnosticDescriptor DiskImageNotBoolean = new("XSHM8030", Severity.Error, "XenShmDiskImage is not true or false");
        public static readonly DiagnosticDescriptor DiskImageExtraSizeInvalid = new("XSHM8031", Severity.Error, "XenShmDiskImageExtraSize is not a size (bytes, or with K, M, G)");
        public static readonly DiagnosticDescriptor PackNotSupported = new("XSHM8032", Severity.Error, "dotnet pack on a board project, which has no package: use dotnet publish");
        public static readonly DiagnosticDescriptor NoBoardDeviceTree = new("XSHM8020", Severity.Warning, "board without a device tree: the boot folder gets no host.dtb and no boot.scr");
        // XSHM8040-8043: XenShmDomainImage items (raised while the YAML is read, src/Tasks/Xen.Shm.Topology/BuildImages).
        public static readonly DiagnosticDescriptor BuildImageRoleUnknown = new("XSHM8040", Severity.Error, "a XenShmDomainImage item has a Role that is not kernel, ramdisk, deviceTree, xen or hostDeviceTree");
        public static readonly DiagnosticDescriptor BuildImageDomainUnknown = new("XSHM8041", Severity.Error, "a XenShmDomainImage item names a domain the topology does not declare");
        public static readonly DiagnosticDescriptor BuildImageRoleMisplaced = new("XSHM8042", Severity.Error, "a XenShmDomainImage item's Role does not fit its Domain (dom0 deviceTree, xen with a Domain, kernel without)");
        public static readonly DiagnosticDescriptor BuildImageTwice = new("XSHM8043", Severity.Error, "two XenShmDomainImage items for the same Domain and Role");
        public static readonly DiagnosticDescriptor FileSystemError = new("XSHM8005", Severity.Error, "a board file could not be read or an output written (permissions, disk full, file removed meanwhile)");

        public static readonly DiagnosticDescriptor InternalError = new("XSHM9001", Severity.Error, "unexpected exception in an Xen.Shm.Sdk task: a bug, please report it with the build log");
    }
}
