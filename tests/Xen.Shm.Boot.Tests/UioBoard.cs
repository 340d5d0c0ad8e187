using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Reference;
using Xen.Shm.Boot.Tests.Sdk;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Boot.Tests;

/// <summary>How the SDK build of testassets/qemu-uio is changed: the board itself, or the negative control.</summary>
public enum UioVariant
{
    /// <summary>board.yaml as committed.</summary>
    AsCommitted,

    /// <summary>
    /// The region's peers emptied in board.yaml (the SDK warns XSHM2019): guest1.cfg gets no iomem line, so the xl
    /// domU has nothing at 0x34000000. The poll budget is cut to 50 (10 s) so the failure comes quickly.
    /// </summary>
    RegionNotGiven,
}

/// <summary>The two builds of a two-pass firmware flow and what they produced.</summary>
public sealed record UioTwoPassBuild(
    SdkBuild First, SdkBuild Second,
    IReadOnlyDictionary<string, byte[]> XlFilesFirst, IReadOnlyDictionary<string, byte[]> XlFilesSecond,
    BootManifest ManifestFirst, BootManifest ManifestSecond, byte[] Dom0Ramdisk);

/// <summary>
/// The UIO board (testassets/qemu-uio, mechanism uio, spec section 5) built through the packed SDK in two passes,
/// as a firmware flow that installs the SDK's dom0-side files into dom0's root file system must:
/// 1. build with the prepared toolstack initramfs as dom0's ramdisk; the boot folder's etc/xen/** holds our xl
///    file, the xl domU's kernel and ramdisk and the creation-order script;
/// 2. dom0's ramdisk := that initramfs + a newc archive of etc/xen/** (<see cref="UioRootFileSystem"/>); its size
///    changed, so the load plan and /chosen must follow: build again (incrementally, same project folder).
/// The Debian images and QEMU's decompiled device tree are linked in from prepare.sh's cache.
/// </summary>
public sealed class UioBoard : IBootFolderSource
{
    public const string Asset = "qemu-uio";
    public const string ProjectFile = "qemu-uio.csproj";

    /// <summary>board.yaml's dom0 ramdisk path: the link the second pass points at the composed root file system.</summary>
    public const string Dom0Ramdisk = "images/initramfs-dom0.cpio.gz";

    // What board.yaml declares (region uio0, peer guest1), restated so the boot is judged against the
    // topology rather than against anything the SDK wrote.
    public static readonly SharedRegion Region = new(0xBFFF_F000, 0x1000);
    public const ulong GuestAddress = 0x3400_0000;
    public const string Compatible = "uio-dev";
    public const string XlDomain = "guest1";
    public const string XlConfig = "etc/xen/guest1.cfg";

    public static readonly IReadOnlyList<string> Directions = new[] { "domU1->dom0", "dom0->domU1" };

    private readonly BootPrerequisites _tools;
    private readonly Action<string>? _log;

    public UioBoard(BootPrerequisites tools, UioVariant variant = UioVariant.AsCommitted, Action<string>? log = null)
    {
        _tools = tools;
        Variant = variant;
        _log = log;
    }

    public UioVariant Variant { get; }

    public string Name => "sdk-qemu-uio-" + Variant.ToString().ToLowerInvariant();

    /// <summary>Set by <see cref="Prepare"/>.</summary>
    public UioTwoPassBuild? Build { get; private set; }

    /// <summary>The cache files the board's paths name; dom0's ramdisk starts as the prepared toolstack initramfs.</summary>
    public static IReadOnlyDictionary<string, string> Images(PreparedCache cache) => new Dictionary<string, string>
    {
        ["images/xen"] = cache.Xen,
        ["images/Image"] = cache.Kernel,
        ["images/initramfs.cpio.gz"] = cache.Initramfs,
        ["images/virt.dts"] = cache.VirtDts,
        [Dom0Ramdisk] = cache.UioDom0Initramfs,
    };

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var first = SdkBoard.Build(Asset, workDirectory, Images(_tools.Cache), Variant == UioVariant.RegionNotGiven ? WithoutPeers : null);
        _log?.Invoke($"{Name}: pass 1 (dotnet build through the packed SDK) took {first.BuildTime.TotalSeconds:F1} s");
        var xlFirst = UioRootFileSystem.XlFiles(first.BootDirectory);
        var manifestFirst = BootManifest.Read(first.BootDirectory);

        var ramdisk = UioRootFileSystem.Compose(File.ReadAllBytes(_tools.Cache.UioDom0Initramfs), xlFirst);
        var composed = Path.Combine(workDirectory, "dom0-rootfs.img");
        File.WriteAllBytes(composed, ramdisk);
        var link = Path.Combine(first.ProjectDirectory, Dom0Ramdisk);
        File.Delete(link);
        File.CreateSymbolicLink(link, composed);

        var second = Rebuild(first);
        _log?.Invoke($"{Name}: pass 2 (dom0 ramdisk {ramdisk.Length} bytes) took {second.BuildTime.TotalSeconds:F1} s");
        Build = new UioTwoPassBuild(first, second, xlFirst, UioRootFileSystem.XlFiles(second.BootDirectory),
            manifestFirst, BootManifest.Read(second.BootDirectory), ramdisk);
        return new PreparedBootFolder(second.BootDirectory, new BootExpectation(Region, Directions));
    }

    /// <summary>`dotnet build` again in the same project folder (restored by pass 1): MSBuild decides what is stale.</summary>
    internal static SdkBuild Rebuild(SdkBuild first, string projectFile = ProjectFile)
    {
        var feed = PackedSdk.Require();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = DotnetCli.Run(first.ProjectDirectory, new Dictionary<string, string> { ["NUGET_PACKAGES"] = feed.PackagesDirectory },
            "build", projectFile, "-nr:false", "--disable-build-servers", "-nologo", "-v:m", "--no-restore");
        var time = clock.Elapsed;
        if (result.ExitCode != 0) throw new InvalidOperationException("board build (pass 2) failed: " + result);
        return new SdkBuild(first.ProjectDirectory, first.BootDirectory, result.Output, time);
    }

    /// <summary>Negative control: the region keeps its host side (carve-out, UIO node) but is given to no xl domU.</summary>
    public static string WithoutPeers(string yaml)
    {
        var lines = yaml.Split('\n').ToList();
        var peers = lines.FindIndex(l => l.TrimEnd() == "    peers:");
        if (peers < 0) throw new InvalidDataException("board.yaml: no region peers to remove");
        var end = peers + 1;
        while (end < lines.Count && (lines[end].StartsWith("      ", StringComparison.Ordinal) || lines[end].TrimStart().StartsWith('#')))
            end++;
        lines.RemoveRange(peers, end - peers);
        lines.Insert(peers, "    peers: []");
        return string.Join('\n', lines).Replace("xshm_polls=300", "xshm_polls=50", StringComparison.Ordinal);
    }
}
