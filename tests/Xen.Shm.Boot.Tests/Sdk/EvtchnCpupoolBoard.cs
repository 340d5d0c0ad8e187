using Xen.Shm.Sdk.IntegrationTests.Infrastructure;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>How testassets/qemu-evtchn-cpupool is built and on which hypervisor.</summary>
public enum EvtchnCpupoolVariant
{
    /// <summary>board.yaml as committed, on Xen 4.21.2 built from source (STATIC_EVTCHN, BOOT_TIME_CPUPOOLS).</summary>
    AsCommitted,

    /// <summary>Channel 1 joins domU1 to dom0 instead of domU2 (the wrong remote): domU2 has no channel.</summary>
    WrongRemote,

    /// <summary>The committed folder on Debian 12's Xen 4.17 (no CONFIG_BOOT_TIME_CPUPOOLS): the pool is ignored.</summary>
    DebianXen,
}

/// <summary>
/// The boot folder the SDK builds from testassets/qemu-evtchn-cpupool (two static event channels, one boot-time
/// cpupool) through the packed package. Kernel and QEMU's tree come from qemu-virt's cache, the guests' initramfs
/// (busybox, the board's /init, xshm-evtchn, xen-privcmd.ko) from the board's own prepare.sh.
/// </summary>
public sealed class EvtchnCpupoolBoard : IBootFolderSource
{
    public const string Asset = "qemu-evtchn-cpupool";

    /// <summary>No shared region on this board; the verdict's carve-out rule is given a range nothing maps (QEMU's flash).</summary>
    private static readonly SharedRegion NoRegion = new(0x0, 0x1000);

    private readonly BootPrerequisites _tools;
    private readonly string _xenImage;
    private readonly Action<string>? _log;

    public EvtchnCpupoolBoard(BootPrerequisites tools, string xenImage, EvtchnCpupoolVariant variant, Action<string>? log = null)
    {
        _tools = tools;
        _xenImage = xenImage;
        Variant = variant;
        _log = log;
    }

    public EvtchnCpupoolVariant Variant { get; }

    public string Name => $"sdk-{Asset}-{Variant.ToString().ToLowerInvariant()}";

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var images = new Dictionary<string, string>(QemuVirtBoard.Images(_tools.Cache))
        {
            ["images/xen"] = _xenImage,
            ["images/initramfs-evtchn.cpio.gz"] = Initramfs(_tools.Cache),
        };
        var build = SdkBoard.Build(Asset, workDirectory, images, Variant == EvtchnCpupoolVariant.WrongRemote ? ToWrongRemote : null);
        _log?.Invoke($"{Name}: dotnet build through the packed SDK took {build.BuildTime.TotalSeconds:F1} s");
        return new PreparedBootFolder(build.BootDirectory, new BootExpectation(NoRegion, Array.Empty<string>()));
    }

    /// <summary>Channel 1's far end becomes dom0; dom0 then waits only for its own notification to arrive (d1:10).</summary>
    public static string ToWrongRemote(string yaml)
    {
        const string line = "  - ends: [ { domain: domU1, port: 20 }, { domain: domU2 } ]";
        const string wait = "xshm_pending=0:10,1:20";
        if (!yaml.Contains(line, StringComparison.Ordinal) || !yaml.Contains(wait, StringComparison.Ordinal))
            throw new InvalidDataException("board.yaml: channel 1 or dom0's xshm_pending not found");
        return yaml.Replace(line, "  - ends: [ { domain: domU1, port: 20 }, { domain: dom0 } ]", StringComparison.Ordinal)
            .Replace(wait, "xshm_pending=0:10", StringComparison.Ordinal);
    }

    /// <summary>The initramfs prepare.sh packed (its prepared.txt "file=" line), when its /init is the committed one.</summary>
    public static string Initramfs(PreparedCache cache)
    {
        var dir = Path.Combine(cache.Directory, "evtchn");
        var stamp = Path.Combine(dir, "prepared.txt");
        var file = File.Exists(stamp) ? File.ReadAllLines(stamp).FirstOrDefault(l => l.StartsWith("file=", StringComparison.Ordinal)) : null;
        var path = file is null ? null : Path.Combine(dir, file["file=".Length..].Split(' ')[0]);
        if (path is null || !File.Exists(path))
            Xen.Shm.TestSupport.Prerequisite.Missing($"evtchn initramfs not prepared ({stamp}): run testassets/{Asset}/prepare.sh");
        var init = Prerequisites.Initramfs.Read(path!).FirstOrDefault(e => e.Name == "init");
        var committed = File.ReadAllBytes(RepositoryRoot.Combine("testassets", Asset, "init"));
        if (init is null || !init.Data.AsSpan().SequenceEqual(committed))
            Xen.Shm.TestSupport.Prerequisite.Missing($"evtchn initramfs is stale ({path} lacks the committed init): re-run testassets/{Asset}/prepare.sh");
        return path!;
    }
}
