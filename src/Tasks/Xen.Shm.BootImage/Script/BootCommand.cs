namespace Xen.Shm.BootImage.Script
{
    /// <summary>How boot.scr starts Xen (spec §10.4, ImageBuilder BOOT_CMD, qemu-boot README §7).</summary>
    public enum BootCommand
    {
        /// <summary>
        /// Default: Xen wrapped as a legacy uImage, then <c>bootm start/loados/prep</c>, restore
        /// every /memory node's reg with <c>fdt set</c> (U-Boot's fixups rewrote it), <c>bootm go</c>.
        /// Keeps the carve-outs the SDK made.
        /// </summary>
        BootmKeepMemory,

        /// <summary><c>booti XEN - DTB</c>: plain arm64 Image (U-Boot rewrites /memory on boards with ARCH_FIXUP_FDT_MEMORY).</summary>
        Booti,

        /// <summary><c>bootm XEN - DTB</c>: uImage-wrapped Xen, no /memory restore.</summary>
        Bootm,

        /// <summary><c>bootefi XEN DTB</c>: EFI Xen.</summary>
        Bootefi,

        /// <summary>Load only; store <c>host_kernel_addr</c>/<c>host_fdt_addr</c> for the user (IB "none").</summary>
        None,
    }
}
