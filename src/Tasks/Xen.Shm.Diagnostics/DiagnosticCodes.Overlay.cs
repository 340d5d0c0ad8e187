namespace Xen.Shm.Diagnostics
{
    // XSHM37xx: user device-tree overlays applied to the board tree (libfdt fdt_overlay.c rules);
    // XSHM210x: the host.overlays list in the topology.
    public static partial class DiagnosticCodes
    {
        public static readonly DiagnosticDescriptor OverlayTargetMissing = new("XSHM3700", Severity.Error, "overlay fragment's target (phandle or target-path) is not in the board tree (fdtoverlay: FDT_ERR_NOTFOUND/BADPATH)");
        public static readonly DiagnosticDescriptor OverlayLabelMissing = new("XSHM3701", Severity.Error, "overlay refers to a label the board tree's /__symbols__ lacks (board not compiled with -@, or no such label)");
        public static readonly DiagnosticDescriptor OverlayMalformed = new("XSHM3702", Severity.Error, "overlay is malformed: fragment without target, bad __fixups__/__local_fixups__/__symbols__, phandle overflow (fdtoverlay: FDT_ERR_BADOVERLAY and kin)");
        public static readonly DiagnosticDescriptor OverlayNotApplied = new("XSHM3703", Severity.Error, "overlay does not apply for another libfdt reason (FDT_ERR_ named in the message)");
        public static readonly DiagnosticDescriptor OverlayClash = new("XSHM3704", Severity.Error, "overlay writes into a node the SDK generates (/chosen, a memory node, /reserved-memory)");
        public static readonly DiagnosticDescriptor OverlaySourceError = new("XSHM3705", Severity.Error, "overlay source (.dtso) does not compile");
        public static readonly DiagnosticDescriptor OverlaysWithoutDeviceTree = new("XSHM2100", Severity.Error, "host.overlays without host.deviceTree (there is no board tree to apply them to)");
        public static readonly DiagnosticDescriptor OverlayFileKind = new("XSHM2101", Severity.Error, "host.overlays entry is not a .dtso/.dts source or a .dtbo/.dtb blob");
    }
}
