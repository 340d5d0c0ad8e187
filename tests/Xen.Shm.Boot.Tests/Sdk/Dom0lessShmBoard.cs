using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>How testassets/qemu-dom0less-shm is built and with which hypervisor: the board, or a negative control.</summary>
public enum Dom0lessShmVariant
{
    /// <summary>board.yaml as committed, on the source-built Xen.</summary>
    AsCommitted,

    /// <summary>The same boot folder on Debian 12's Xen 4.17 (no CONFIG_STATIC_SHM): Xen refuses the shm nodes.</summary>
    DebianXen,

    /// <summary>domU2 removed from shm-b's peers in board.yaml: it has no node for its second region.</summary>
    RegionMissingFromDomU2,
}

/// <summary>
/// The boot folder the SDK builds from testassets/qemu-dom0less-shm (mechanism 5, xen,domain-shared-memory-v1,
/// two regions, dom0 a participant) through the packed package, with the hypervisor built from source by
/// testassets/xen-source/prepare.sh; the kernel, initramfs and QEMU's device tree come from qemu-virt's cache.
/// </summary>
public sealed class Dom0lessShmBoard : IBootFolderSource
{
    public const string Asset = "qemu-dom0less-shm";

    /// <summary>shm-a (owner dom0) and shm-b (owner domU1) in host RAM, as board.yaml places them.</summary>
    public static readonly SharedRegion RegionA = new(0xB000_0000, 0x100_0000);
    public static readonly SharedRegion RegionB = new(0xB100_0000, 0x20_0000);

    private readonly BootPrerequisites _tools;
    private readonly SourceBuiltXen _xen;
    private readonly Action<string>? _log;

    public Dom0lessShmBoard(BootPrerequisites tools, SourceBuiltXen xen, Dom0lessShmVariant variant, Action<string>? log = null)
    {
        _tools = tools;
        _xen = xen;
        Variant = variant;
        _log = log;
    }

    public Dom0lessShmVariant Variant { get; }

    public string Name => $"sdk-{Asset}-{_xen.Name}-{Variant.ToString().ToLowerInvariant()}";

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var images = new Dictionary<string, string>(QemuVirtBoard.Images(_tools.Cache))
        {
            ["images/xen"] = Variant == Dom0lessShmVariant.DebianXen ? _tools.Cache.Xen : _xen.Image,
        };
        var build = Variant == Dom0lessShmVariant.RegionMissingFromDomU2
            ? SdkBoard.Build(Asset, workDirectory, images, WithoutDomU2InShmB)
            : SdkBoard.Build(Asset, workDirectory, images);
        _log?.Invoke($"{Name}: dotnet build through the packed SDK took {build.BuildTime.TotalSeconds:F1} s");
        return new PreparedBootFolder(build.BootDirectory, new BootExpectation(RegionA, ReferenceBoard.Directions, Regions: 2));
    }

    /// <summary>Drops domU2's peer line from region shm-b (the last region of board.yaml).</summary>
    public static string WithoutDomU2InShmB(string yaml)
    {
        var lines = yaml.Split('\n').ToList();
        var region = lines.FindIndex(l => l.Trim() == "- id: shm-b");
        var i = lines.FindIndex(region + 1, l => l.TrimStart().StartsWith("- { domain: domU2", StringComparison.Ordinal));
        if (region < 0 || i < 0) throw new InvalidDataException("board.yaml: no domU2 peer in region shm-b to remove");
        lines.RemoveAt(i);
        return string.Join('\n', lines);
    }
}
