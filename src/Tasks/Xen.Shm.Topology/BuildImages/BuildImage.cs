using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// A file the build gives instead of a path in the YAML (MSBuild item <c>XenShmDomainImage</c>,
    /// e.g. a kernel another project of the build graph produces for the current Configuration).
    /// </summary>
    public sealed class BuildImage
    {
        public BuildImage(string domain, string role, string fullPath, SourceSpan span)
        {
            Domain = domain ?? string.Empty;
            Role = role ?? string.Empty;
            FullPath = fullPath ?? string.Empty;
            Span = span;
        }

        /// <summary>The domain's name; empty for the board-level roles (<c>xen</c>, <c>hostDeviceTree</c>).</summary>
        public string Domain { get; }

        /// <summary>One of <see cref="BuildImageRoles"/>.</summary>
        public string Role { get; }

        public string FullPath { get; }

        /// <summary>Where the item is defined (project file line), for diagnostics.</summary>
        public SourceSpan Span { get; }
    }

    /// <summary>The roles a <see cref="BuildImage"/> can take: the YAML keys it stands for.</summary>
    public static class BuildImageRoles
    {
        public const string Kernel = "kernel";
        public const string Ramdisk = "ramdisk";
        /// <summary>A domU's partial device tree (the domain's <c>deviceTree</c> key).</summary>
        public const string DeviceTree = "deviceTree";
        /// <summary><c>xen.image</c>; no Domain.</summary>
        public const string Xen = "xen";
        /// <summary><c>host.deviceTree</c>; no Domain.</summary>
        public const string HostDeviceTree = "hostDeviceTree";

        public static readonly string[] OfDomain = { Kernel, Ramdisk, DeviceTree };
        public static readonly string[] OfBoard = { Xen, HostDeviceTree };
    }
}
