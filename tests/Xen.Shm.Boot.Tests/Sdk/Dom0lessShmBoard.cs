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

    /// <summary>testassets/qemu-dom0less-shm-heap (a region without a host address), as committed, on Xen 4.21.2.</summary>
    HeapRegion,

    /// <summary>The same folder on Xen 4.17.7 built with static shm: 4.17 requires a host address.</summary>
    HeapRegionOnXen417,
}

/// <summary>
/// The boot folder the SDK builds from testassets/qemu-dom0less-shm (mechanism 5, xen,domain-shared-memory-v1,
/// two regions, dom0 a participant) through the packed package, with the hypervisor built from source by
/// testassets/xen-source/prepare.sh; the kernel, initramfs and QEMU's device tree come from qemu-virt's cache.
/// </summary>
public sealed class Dom0lessShmBoard : IBootFolderSource
{
    public const string Asset = "qemu-dom0less-shm";
    public const string HeapAsset = "qemu-dom0less-shm-heap";

    /// <summary>The heap board's regions in its xshm_addr order: shm-heap (domU1 and domU2 only), then shm-a (all three).</summary>
    public static readonly IReadOnlyList<IReadOnlyList<string>> HeapBoardDirections = new[]
    {
        new[] { "domU1->domU2", "domU2->domU1" },
        ReferenceBoard.Directions,
    };

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

    private bool IsHeapBoard => Variant is Dom0lessShmVariant.HeapRegion or Dom0lessShmVariant.HeapRegionOnXen417;

    public string Name => $"sdk-{(IsHeapBoard ? HeapAsset : Asset)}-{_xen.Name}-{Variant.ToString().ToLowerInvariant()}";

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var images = new Dictionary<string, string>(QemuVirtBoard.Images(_tools.Cache))
        {
            ["images/xen"] = Variant == Dom0lessShmVariant.DebianXen ? _tools.Cache.Xen : _xen.Image,
        };
        var build = Variant switch
        {
            Dom0lessShmVariant.RegionMissingFromDomU2 => SdkBoard.Build(Asset, workDirectory, images, WithoutDomU2InShmB),
            // 4.21 is what the SDK is told; the hypervisor booted is the variant's (the SDK would refuse "4.17").
            Dom0lessShmVariant.HeapRegion or Dom0lessShmVariant.HeapRegionOnXen417 => SdkBoard.Build(HeapAsset, workDirectory, images),
            _ => SdkBoard.Build(Asset, workDirectory, images),
        };
        _log?.Invoke($"{Name}: dotnet build through the packed SDK took {build.BuildTime.TotalSeconds:F1} s");
        var perRegion = IsHeapBoard ? HeapBoardDirections : new[] { ReferenceBoard.Directions, ReferenceBoard.Directions };
        return new PreparedBootFolder(build.BootDirectory, new BootExpectation(RegionA, ReferenceBoard.Directions, perRegion));
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
