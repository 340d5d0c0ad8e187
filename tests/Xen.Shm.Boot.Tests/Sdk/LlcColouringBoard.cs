using System.Text;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>How testassets/qemu-llc-colouring is built and on which hypervisor.</summary>
public enum LlcColouringVariant
{
    /// <summary>board.yaml as committed, on Xen 4.21.2 built from source (LLC_COLORING, STATIC_MEMORY, STATIC_SHM).</summary>
    AsCommitted,

    /// <summary>The committed folder on upstream Xen 4.17.7 built from source (static memory and shm, no colouring).</summary>
    OnXen417,

    /// <summary>domU1's colours 32-47: valid for the SDK (below 128), beyond the 32 colours Xen finds in QEMU's L2.</summary>
    ColoursBeyondTheCache,

    /// <summary>The same board.yaml with flavour xilinx, version 4.17 (legacy xen_colors=/dom0_colors=, domU1's
    /// colors bitmask), on the fork's hypervisor given.</summary>
    XilinxFork,
}

/// <summary>
/// The boot folder the SDK builds from testassets/qemu-llc-colouring (LLC colouring of Xen, dom0 and domU1, a
/// two-bank static heap, one dom0less-shm region) through the packed package. Kernel and QEMU's tree come from
/// qemu-virt's cache, the initramfs (qemu-virt's handshake + Xen debug keys at dom0's poweroff) from the board's
/// own prepare.sh.
/// </summary>
public sealed class LlcColouringBoard : IBootFolderSource
{
    public const string Asset = "qemu-llc-colouring";

    /// <summary>shm-a at its host address (dom0's address too).</summary>
    public static readonly SharedRegion Region = new(0xB000_0000, 0x100_0000);

    /// <summary>dom0 and domU1 only (dom0 runs with xshm_expect=domu1).</summary>
    public static readonly IReadOnlyList<string> Directions = new[] { "domU1->dom0", "dom0->domU1" };

    private readonly BootPrerequisites _tools;
    private readonly string _xenImage;
    private readonly Action<string>? _log;

    public LlcColouringBoard(BootPrerequisites tools, string xenImage, LlcColouringVariant variant, Action<string>? log = null)
    {
        _tools = tools;
        _xenImage = xenImage;
        Variant = variant;
        _log = log;
    }

    public LlcColouringVariant Variant { get; }

    /// <summary>What `dotnet build` printed, once <see cref="Prepare"/> ran (the SDK's warnings are part of the proof).</summary>
    public string BuildOutput { get; private set; } = string.Empty;

    public string Name => $"sdk-{Asset}-{Variant.ToString().ToLowerInvariant()}";

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var build = SdkBoard.Build(Asset, workDirectory, Images(_tools.Cache, _xenImage),
            Variant == LlcColouringVariant.ColoursBeyondTheCache ? DomU1ColoursBeyondTheCache
            : Variant == LlcColouringVariant.XilinxFork ? y => y.Replace("flavour: upstream", "flavour: xilinx", StringComparison.Ordinal).Replace("version: \"4.21\"", "version: \"4.17\"", StringComparison.Ordinal) : null);
        BuildOutput = build.Output;
        _log?.Invoke($"{Name}: dotnet build through the packed SDK took {build.BuildTime.TotalSeconds:F1} s");
        return new PreparedBootFolder(build.BootDirectory, new BootExpectation(Region, Directions));
    }

    /// <summary>The files board.yaml names under images/, linked from the caches.</summary>
    public static IReadOnlyDictionary<string, string> Images(PreparedCache cache, string xenImage) =>
        new Dictionary<string, string>(QemuVirtBoard.Images(cache))
        {
            ["images/xen"] = xenImage,
            ["images/initramfs-llc.cpio.gz"] = Initramfs(cache),
        };

    /// <summary>domU1's colours moved to 32-47.</summary>
    public static string DomU1ColoursBeyondTheCache(string yaml)
    {
        const string line = "    llcColors: \"16-31\"";
        if (!yaml.Contains(line, StringComparison.Ordinal)) throw new InvalidDataException("board.yaml: domU1's llcColors line not found");
        return yaml.Replace(line, "    llcColors: \"32-47\"", StringComparison.Ordinal);
    }

    /// <summary>The initramfs prepare.sh packed (its prepared.txt "file=" line), when its /init and the sourced
    /// poweroff.sh are the committed ones.</summary>
    public static string Initramfs(PreparedCache cache)
    {
        var dir = Path.Combine(cache.Directory, "llc");
        var stamp = Path.Combine(dir, "prepared.txt");
        var file = File.Exists(stamp) ? File.ReadAllLines(stamp).FirstOrDefault(l => l.StartsWith("file=", StringComparison.Ordinal)) : null;
        var path = file is null ? null : Path.Combine(dir, file["file=".Length..].Split(' ')[0]);
        if (path is null || !File.Exists(path))
            Xen.Shm.TestSupport.Prerequisite.Missing($"llc initramfs not prepared ({stamp}): run testassets/{Asset}/prepare.sh");
        var entries = Prerequisites.Initramfs.Read(path!);
        var init = entries.FirstOrDefault(e => e.Name == "init");
        var hook = entries.FirstOrDefault(e => e.Name == "lib/xshm-poweroff.sh");
        // prepare.sh: qemu-virt's init with ". /lib/xshm-poweroff.sh" after its "export PATH=/bin" line
        var committedInit = File.ReadAllText(RepositoryRoot.Combine("testassets", "qemu-virt", "initramfs", "init"))
            .Replace("\nexport PATH=/bin\n", "\nexport PATH=/bin\n. /lib/xshm-poweroff.sh\n", StringComparison.Ordinal);
        var committedHook = File.ReadAllBytes(RepositoryRoot.Combine("testassets", Asset, "poweroff.sh"));
        if (init is null || hook is null || !init.Data.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(committedInit)) ||
            !hook.Data.AsSpan().SequenceEqual(committedHook))
            Xen.Shm.TestSupport.Prerequisite.Missing($"llc initramfs is stale ({path} lacks the committed init or poweroff.sh): re-run testassets/{Asset}/prepare.sh");
        return path!;
    }
}
