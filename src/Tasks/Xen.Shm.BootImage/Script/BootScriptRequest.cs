using System;
using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Script
{
    /// <summary>
    /// Everything boot.source says. The generator fills it from the load plan: one
    /// <see cref="ScriptLoad"/> per file in plan order, the Xen file's address (xen.uimg for the
    /// bootm routes), the host DTB's address and the /memory nodes to restore.
    /// </summary>
    public sealed class BootScriptRequest
    {
        public BootScriptRequest(IReadOnlyList<ScriptLoad> loads)
        {
            Loads = loads ?? throw new ArgumentNullException(nameof(loads));
        }

        public IReadOnlyList<ScriptLoad> Loads { get; }

        /// <summary>
        /// ImageBuilder LOAD_CMD: <c>tftpb</c>, <c>load mmc 0:1</c>, <c>fatload mmc 0:1</c>, any one-line command.
        /// Default (LAYOUT L2): the device and partition U-Boot's distro boot / bootstd set before it
        /// runs boot.scr, so the script loads from wherever it was found.
        /// </summary>
        public string LoadCommand { get; init; } = DefaultLoadCommand;

        public const string DefaultLoadCommand = "load ${devtype} ${devnum}:${distro_bootpart}";

        /// <summary>Put before every file name (ImageBuilder -p), e.g. <c>boot/</c>; empty for none.</summary>
        public string PathPrefix { get; init; } = string.Empty;

        public BootCommand Boot { get; init; } = BootCommand.BootmKeepMemory;

        /// <summary>Where the Xen file (xen, or xen.uimg for bootm) is loaded.</summary>
        public ulong? XenAddress { get; init; }

        /// <summary>Where the host DTB is loaded.</summary>
        public ulong? DtbAddress { get; init; }

        /// <summary>
        /// FIT route (BootImage/Fit): the one load is the FIT at <see cref="XenAddress"/>, booted with
        /// <c>bootm start &lt;fit&gt;#&lt;this configuration&gt;</c>, which places Xen, the DTB (at
        /// <see cref="DtbAddress"/>) and the modules; null for the loose-file routes.
        /// </summary>
        public string? FitConfiguration { get; init; }

        /// <summary>/memory nodes restored by <see cref="BootCommand.BootmKeepMemory"/>.</summary>
        public IReadOnlyList<MemoryNodeRestore> MemoryNodes { get; init; } = Array.Empty<MemoryNodeRestore>();

        /// <summary>User commands (one line each, ImageBuilder APPEND_EXTRA_CMDS), run after the loads, before booting.</summary>
        public IReadOnlyList<string> ExtraCommands { get; init; } = Array.Empty<string>();

        /// <summary>
        /// Option: the loaded DTB is the unmodified board DTB and this overlay (already loaded at
        /// its address) is applied with <c>fdt apply</c> before booting. Needs a U-Boot built with
        /// CONFIG_OF_LIBFDT_OVERLAY=y: Debian's u-boot-qemu (2023.01, qemu_arm64) is not, there
        /// <c>fdt apply</c> only prints the usage text (checked by hand on this machine).
        /// </summary>
        public FdtOverlay? Overlay { get; init; }

        /// <summary>The FPGA bitstream to program once loaded: <c>fpga &lt;Command&gt; 0 &lt;addr&gt; &lt;size&gt;</c>; null for none.</summary>
        public Xen.Shm.Generation.Layout.FpgaLoad? Fpga { get; init; }

        /// <summary>Where the boot settings came from, for diagnostics.</summary>
        public SourceSpan Span { get; init; }
    }

    /// <summary>An overlay to apply: its load address and how many bytes to grow the base DTB by first (<c>fdt resize</c>).</summary>
    public sealed class FdtOverlay
    {
        public FdtOverlay(ulong address, ulong resizeBytes)
        {
            Address = address;
            ResizeBytes = resizeBytes;
        }

        public ulong Address { get; }
        public ulong ResizeBytes { get; }
    }
}
