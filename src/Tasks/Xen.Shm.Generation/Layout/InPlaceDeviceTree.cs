namespace Xen.Shm.Generation.Layout
{
    /// <summary>
    /// How far U-Boot grows the host DTB where it was loaded, so the planner keeps that much free after it.
    /// boot.scr sets fdt_high to all ones, so bootm uses the tree in place (boot/image-fdt.c, boot_relocate_fdt)
    /// with totalsize + CONFIG_SYS_FDT_PAD, and its fixups (/chosen, /memory) write up to that end. On the fdt
    /// apply route, `fdt resize N` first sets totalsize to the strings' end + 5 reserve entries + N, up to the next
    /// 4 KiB (common/fdt_support.c, fdt_shrink_to_minimum; the DTB is loaded 2 MiB aligned).
    /// </summary>
    public static class InPlaceDeviceTree
    {
        /// <summary>CONFIG_SYS_FDT_PAD's largest default (lib/Kconfig: 0x13000 with FMAN_ENET, QE or U_QE, else 0x3000).</summary>
        public const ulong BootmPad = 0x13000;

        private const ulong ReserveEntries = 5 * 16;
        private const ulong Page = 0x1000;

        /// <summary>Bytes from the DTB's load address U-Boot may write: the tree as written (its strings end it, as dtc lays it out), or after <c>fdt resize</c>.</summary>
        public static ulong Extent(ulong fileSize, ulong? resizeBytes = null) =>
            (resizeBytes is ulong n ? AlignUp(fileSize + ReserveEntries + n) : fileSize) + BootmPad;

        private static ulong AlignUp(ulong v) => (v + Page - 1) / Page * Page;
    }
}
