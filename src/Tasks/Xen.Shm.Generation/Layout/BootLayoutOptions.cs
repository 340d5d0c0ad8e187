namespace Xen.Shm.Generation.Layout
{
    /// <summary>
    /// The boot-script settings the load plan depends on (LAYOUT L1/L3). The default is the plain
    /// layout (ImageBuilder's default BOOT_CMD=booti: raw Xen loaded, patched host.dtb); the SDK's
    /// default boot route (bootm keeping /memory) sets <see cref="XenAsUImage"/>.
    /// </summary>
    public sealed class BootLayoutOptions
    {
        public static BootLayoutOptions Plain { get; } = new BootLayoutOptions();

        /// <summary>
        /// Xen is loaded as <c>xen.uimg</c> (legacy uImage, 64-byte header + Xen) in Xen's slot and
        /// <c>bootm loados</c> copies it to Xen's run area, planned right after it (spec §10.3 order;
        /// ImageBuilder uboot-script-gen generate_uboot_images). The raw Xen is not shipped.
        /// Only for boards with a device tree (no script boots anything otherwise).
        /// </summary>
        public bool XenAsUImage { get; init; }

        /// <summary>
        /// The boot medium gets the unmodified board compiled (<c>board.dtb</c>) and
        /// <c>host-overlay.dtbo</c>, both planned after Xen (§10.3: overlays, then the host DTB);
        /// the script applies the overlay with <c>fdt apply</c> (ImageBuilder DT_OVERLAY).
        /// </summary>
        public bool ApplyOverlay { get; init; }

        /// <summary>The boot script's file name (ImageBuilder UBOOT_SCRIPT; MSBuild XenShmBootScriptName), checked by the boot-image layer.</summary>
        public string ScriptName { get; init; } = "boot.scr";
    }
}
