namespace Xen.Shm.Generation.Xl
{
    /// <summary>Which xl parses the file (spec §2): upstream xen-project or the Xilinx fork.</summary>
    public enum XenFlavour
    {
        /// <summary>xen-project/xen: iomem <c>MFN,NR[@GFN]</c>, no static_shm.</summary>
        Upstream,

        /// <summary>Xilinx/xen: iomem may add <c>,memory|devmem</c> (with @GFN), static_shm exists.</summary>
        Xilinx,
    }
}
