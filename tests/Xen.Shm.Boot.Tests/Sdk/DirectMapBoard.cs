using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>
/// The boot folder the SDK builds from testassets/qemu-direct-map (dom0 and a direct-mapped dom0less domU1 with
/// static memory, sharing one dom0less-shm region) through the packed package, on the hypervisor given: Xen
/// 4.17.7 built from source with static memory and static shm, or Debian's Xen (the negative control).
/// </summary>
public sealed class DirectMapBoard : IBootFolderSource
{
    public const string Asset = "qemu-direct-map";

    /// <summary>shm-a at its host address, which is also domU1's guest address (direct map) and dom0's.</summary>
    public static readonly SharedRegion Region = new(0xB000_0000, 0x100_0000);

    /// <summary>dom0 and domU1 only (dom0 runs with xshm_expect=domu1).</summary>
    public static readonly IReadOnlyList<string> Directions = new[] { "domU1->dom0", "dom0->domU1" };

    private readonly BootPrerequisites _tools;
    private readonly string _xenImage;
    private readonly Action<string>? _log;

    /// <param name="xenImage">the hypervisor booted: a source build's image, or the cache's Debian xen</param>
    public DirectMapBoard(BootPrerequisites tools, string xenName, string xenImage, Action<string>? log = null)
    {
        _tools = tools;
        _xenImage = xenImage;
        _log = log;
        Name = $"sdk-{Asset}-{xenName}";
    }

    public string Name { get; }

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var build = SdkBoard.Build(Asset, workDirectory, Images(_tools.Cache, _xenImage));
        _log?.Invoke($"{Name}: dotnet build through the packed SDK took {build.BuildTime.TotalSeconds:F1} s");
        return new PreparedBootFolder(build.BootDirectory, new BootExpectation(Region, Directions));
    }

    /// <summary>The files board.yaml names under images/, linked from the caches.</summary>
    public static IReadOnlyDictionary<string, string> Images(PreparedCache cache, string xenImage) =>
        new Dictionary<string, string>(QemuVirtBoard.Images(cache)) { ["images/xen"] = xenImage };
}
