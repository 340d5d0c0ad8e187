using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>What an input file is for; the SDK copies each and lists it as an MSBuild input.</summary>
    public enum FileRole
    {
        Xen,
        HostDeviceTree,
        Dom0Kernel,
        Dom0Ramdisk,
        /// <summary>Kernel of an xl or dom0less domU (see the domain's kind).</summary>
        DomUKernel,
        DomURamdisk,
        /// <summary>A user partial device tree (.dts/.dtb) merged into the domU's generated one.</summary>
        DomUDeviceTree,
        /// <summary>A user overlay (.dtso/.dtbo, host.overlays) applied to the board tree at build time.</summary>
        HostOverlay,
        /// <summary><c>host.boot.bitstream</c>: loaded by boot.scr and programmed with <c>fpga load</c>/<c>loadb</c>.</summary>
        Bitstream,
        /// <summary><c>host.boot.files</c>: copied to the top of the boot folder (ImageBuilder BOOT_AUX_FILE).</summary>
        BootAuxFile,
    }

    /// <summary>An input file named by the topology, resolved against the YAML file's folder.</summary>
    public sealed class BoardFile
    {
        public BoardFile(string fullPath, string writtenPath, FileRole role, string? domain, SourceSpan span)
        {
            FullPath = fullPath;
            WrittenPath = writtenPath;
            Role = role;
            Domain = domain;
            Span = span;
        }

        public string FullPath { get; }

        /// <summary>The path as written in the YAML.</summary>
        public string WrittenPath { get; }

        public FileRole Role { get; }

        /// <summary>The domain the file belongs to; null for Xen and the host device tree.</summary>
        public string? Domain { get; }

        public SourceSpan Span { get; }

        /// <summary>For a device-tree source: the C preprocessor's include folders and defines (YAML 'includeDirs', 'defines').</summary>
        public DtsPreprocessing Preprocessing { get; internal set; } = DtsPreprocessing.None;

        public override string ToString() => FullPath;
    }
}
