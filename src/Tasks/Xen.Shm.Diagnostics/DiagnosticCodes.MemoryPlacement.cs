namespace Xen.Shm.Diagnostics
{
    // XSHM2080–2099: where Xen and the domains take their memory from: Xen's static heap
    // (xen,static-heap) and LLC cache colouring (llcColors); Xen's own rules (Topology README).
    public static partial class DiagnosticCodes
    {
        public static readonly DiagnosticDescriptor StaticHeapNotInTarget = new("XSHM2080", Severity.Error, "staticHeap needs Xen 4.17 or later");
        public static readonly DiagnosticDescriptor StaticHeapAlignment = new("XSHM2081", Severity.Error, "static heap bank empty, wrapping or not 64 KiB aligned");
        public static readonly DiagnosticDescriptor StaticHeapNotInRam = new("XSHM2082", Severity.Error, "static heap bank not inside one host RAM bank left after the carve-outs");
        public static readonly DiagnosticDescriptor StaticHeapOverlap = new("XSHM2083", Severity.Error, "static heap bank overlaps another static heap bank, a region's host range, board reserved memory or static memory");
        public static readonly DiagnosticDescriptor StaticHeapCells = new("XSHM2085", Severity.Error, "static heap bank does not fit the root node's cells");
        public static readonly DiagnosticDescriptor LlcColorsSyntax = new("XSHM2086", Severity.Error, "LLC colour list not in Xen's syntax (ascending N or N-M, comma-separated, no spaces, no overlap)");
        public static readonly DiagnosticDescriptor LlcColorsTooHigh = new("XSHM2087", Severity.Error, "LLC colour beyond what the target Xen accepts");
        public static readonly DiagnosticDescriptor LlcColorsNotInTarget = new("XSHM2088", Severity.Error, "LLC cache colouring not in the target Xen (upstream 4.20+, Xilinx 4.17 fork)");
        public static readonly DiagnosticDescriptor LlcColorsWithStaticMem = new("XSHM2089", Severity.Error, "LLC cache colouring together with a domain's static memory (Xen refuses the pair)");
        public static readonly DiagnosticDescriptor StaticHeapTooSmall = new("XSHM2084", Severity.Error, "static heap smaller than the memory Xen gives dom0 and the dom0less domains from its heap");
    }
}
