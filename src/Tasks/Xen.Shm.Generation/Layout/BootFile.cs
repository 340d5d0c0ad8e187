using System;
using System.IO;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Generation.Layout
{
    /// <summary>
    /// What a boot file is for; the planner places files in spec §10.3's order: dom0 kernel,
    /// dom0 ramdisk, per dom0less domU (declaration order) kernel, ramdisk, partial DTB, then Xen,
    /// Xen's run area (bootm route), host DT overlays, the host DTB, an FPGA bitstream, other files.
    /// </summary>
    public enum BootFileRole
    {
        Dom0Kernel,
        Dom0Ramdisk,
        DomUKernel,
        DomURamdisk,
        DomUDeviceTree,
        Xen,

        /// <summary>
        /// Not a file: the memory <c>bootm loados</c> copies a uImage-wrapped Xen into (the uImage
        /// header's load/entry address, qemu-boot README §7). Size = Xen's file size or image_size.
        /// </summary>
        XenRunArea,
        HostDtbOverlay,
        HostDtb,
        Bitstream,
        Auxiliary,
    }

    /// <summary>One thing to place in memory. <see cref="DomainIndex"/> orders dom0less domU files.</summary>
    public sealed class BootFile
    {
        public BootFile(string name, BootFileRole role, ulong fileSize, ulong? imageSize = null, int domainIndex = 0)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Role = role;
            FileSize = fileSize;
            ImageSize = imageSize;
            DomainIndex = domainIndex;
        }

        /// <summary>Path in the boot folder ("/" separators), as the boot script loads it.</summary>
        public string Name { get; }
        public BootFileRole Role { get; }
        public ulong FileSize { get; }

        /// <summary>Bytes the file occupies once loaded when more than its length: an arm64 Image header's image_size, or the host DTB as U-Boot grows it in place (<see cref="InPlaceDeviceTree"/>).</summary>
        public ulong? ImageSize { get; }

        /// <summary>Declaration index of the dom0less domU the file belongs to (DomU* roles).</summary>
        public int DomainIndex { get; }

        /// <summary>Where the file was named, for XSHM2601.</summary>
        public SourceSpan Span { get; init; }

        /// <summary>Bytes the file occupies once loaded: the file size, or image_size when larger (§10.3).</summary>
        public ulong MemorySize => ImageSize is ulong s && s > FileSize ? s : FileSize;

        /// <summary>Measures a real file: its length and, for an arm64 Image, image_size.</summary>
        public static BootFile FromFile(string path, string name, BootFileRole role, int domainIndex = 0, SourceSpan span = default)
        {
            var info = new FileInfo(path);
            return new BootFile(name, role, (ulong)info.Length, Arm64Image.ReadImageSize(path), domainIndex) { Span = span };
        }
    }
}
