using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>How the SDK build of testassets/qemu-virt is changed: the board itself, or a negative control.</summary>
public enum QemuVirtVariant
{
    /// <summary>board.yaml as committed, the project's defaults.</summary>
    AsCommitted,

    /// <summary>domU1 removed from the region's peers in board.yaml: its partial DT has no region, so it cannot take part.</summary>
    DomU1NotAPeer,

    /// <summary>
    /// Built with -p:XenShmBootCommand=booti: U-Boot's booti rewrites /memory to all of DRAM
    /// (CONFIG_ARCH_FIXUP_FDT_MEMORY) and silently undoes the carve-out; why bootm is the default.
    /// </summary>
    BootiCommand,

    /// <summary>
    /// The built host.dtb with /memory restored to all of RAM by dtc's own fdtput (what QEMU's -dtb or a firmware
    /// fix-up would do), manifest.json updated to match: Xen then takes the region for RAM.
    /// </summary>
    MemoryRestored,

    /// <summary>
    /// board.yaml with `flavour: xilinx` (nothing else changed), booted on the Xilinx 4.17 (2023.2) hypervisor built
    /// from source by testassets/xen-source/prepare.sh: the fork end to end.
    /// </summary>
    XilinxFlavour,

    /// <summary><see cref="XilinxFlavour"/> with domU1 removed from the region's peers (its negative control).</summary>
    XilinxFlavourDomU1NotAPeer,

    /// <summary>domU1's bootargs padded to 1023 bytes, the most Xen keeps for a boot module (BOOTMOD_MAX_CMDLINE with its NUL).</summary>
    DomU1BootargsAtXensLimit,

    /// <summary>
    /// The built host.dtb with domU1's kernel module bootargs set to 1025 bytes by dtc's own fdtput (the SDK refuses
    /// that board, XSHM6008), manifest.json updated to match: Xen panics ("module domU1 command line too long", before
    /// its console starts).
    /// </summary>
    DomU1BootargsPastXensLimit,
}

/// <summary>
/// The boot folder the SDK builds from testassets/qemu-virt (board.yaml, board.dts, qemu-virt.csproj) through the
/// packed package. The Debian images and QEMU's decompiled device tree come from prepare.sh's cache, linked into
/// the copy's images/ folder where board.yaml and board.dts expect them.
/// </summary>
public sealed class QemuVirtBoard : IBootFolderSource
{
    public const string Asset = "qemu-virt";

    private readonly BootPrerequisites _tools;
    private readonly Action<string>? _log;

    public QemuVirtBoard(BootPrerequisites tools, QemuVirtVariant variant = QemuVirtVariant.AsCommitted, Action<string>? log = null)
    {
        _tools = tools;
        Variant = variant;
        _log = log;
    }

    /// <summary>The board on a hypervisor built from source (<see cref="QemuVirtVariant.XilinxFlavour"/>) instead of Debian's.</summary>
    public QemuVirtBoard(BootPrerequisites tools, QemuVirtVariant variant, SourceBuiltXen xen, Action<string>? log = null)
        : this(tools, variant, log) => _xen = xen;

    private readonly SourceBuiltXen? _xen;

    public QemuVirtVariant Variant { get; }

    /// <summary>The board as committed and its booti control also get the SDK's disk image (route UBootSdkDiskImage).</summary>
    public const string DiskImage = "-p:XenShmDiskImage=true";

    public string Name => "sdk-qemu-virt-" + Variant.ToString().ToLowerInvariant();

    /// <summary>The last build (for reports and timing).</summary>
    public SdkBuild? LastBuild { get; private set; }

    /// <summary>The cache files the board's paths name (board.yaml: images/*; board.dts: /include/ "images/virt.dts").</summary>
    public static IReadOnlyDictionary<string, string> Images(PreparedCache cache) => new Dictionary<string, string>
    {
        ["images/xen"] = cache.Xen,
        ["images/Image"] = cache.Kernel,
        ["images/initramfs.cpio.gz"] = cache.Initramfs,
        ["images/virt.dts"] = cache.VirtDts,
    };

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var build = Variant switch
        {
            QemuVirtVariant.DomU1NotAPeer => SdkBoard.Build(Asset, workDirectory, Images(_tools.Cache), WithoutDomU1Peer),
            QemuVirtVariant.BootiCommand => SdkBoard.Build(Asset, workDirectory, Images(_tools.Cache), null, "-p:XenShmBootCommand=booti", DiskImage),
            QemuVirtVariant.XilinxFlavour => SdkBoard.Build(Asset, workDirectory, WithXen(Images(_tools.Cache), _xen), XilinxFlavour),
            QemuVirtVariant.XilinxFlavourDomU1NotAPeer => SdkBoard.Build(Asset, workDirectory, WithXen(Images(_tools.Cache), _xen), y => WithoutDomU1Peer(XilinxFlavour(y))),
            QemuVirtVariant.DomU1BootargsAtXensLimit => SdkBoard.Build(Asset, workDirectory, Images(_tools.Cache), y => WithDomU1BootargsOf(y, 1023)),
            _ => SdkBoard.Build(Asset, workDirectory, Images(_tools.Cache), null, DiskImage),
        };
        LastBuild = build;
        _log?.Invoke($"{Name}: dotnet build through the packed SDK took {build.BuildTime.TotalSeconds:F1} s");
        if (Variant == QemuVirtVariant.MemoryRestored) RestoreMemory(build.BootDirectory);
        if (Variant == QemuVirtVariant.DomU1BootargsPastXensLimit) SetDomU1KernelBootargs(build.BootDirectory, 1025);
        return new PreparedBootFolder(build.BootDirectory, new BootExpectation(ReferenceBoard.Region, ReferenceBoard.Directions));
    }

    /// <summary>Drops the "- domain: domU1" line under the region's peers (the only peer entry naming domU1).</summary>
    public static string WithoutDomU1Peer(string yaml)
    {
        var lines = yaml.Split('\n').ToList();
        var peers = lines.FindIndex(l => l.Trim() == "peers:");
        var i = lines.FindIndex(peers + 1, l => l.TrimStart().StartsWith("- domain: domU1", StringComparison.Ordinal));
        if (peers < 0 || i < 0) throw new InvalidDataException("board.yaml: no '- domain: domU1' peer to remove");
        lines.RemoveAt(i);
        return string.Join('\n', lines);
    }

    /// <summary>The images with Xen replaced by a source build.</summary>
    public static IReadOnlyDictionary<string, string> WithXen(IReadOnlyDictionary<string, string> images, SourceBuiltXen? xen) =>
        new Dictionary<string, string>(images) { ["images/xen"] = (xen ?? throw new InvalidOperationException("no source-built Xen given")).Image };

    /// <summary>`flavour: upstream` → `flavour: xilinx` (the only change).</summary>
    public static string XilinxFlavour(string yaml)
    {
        const string upstream = "  flavour: upstream\n";
        if (yaml.IndexOf(upstream, StringComparison.Ordinal) is var i && i < 0) throw new InvalidDataException("board.yaml: no 'flavour: upstream' line");
        return yaml.Remove(i, upstream.Length).Insert(i, "  flavour: xilinx\n");
    }

    /// <summary>domU1's bootargs with ` xshm_pad=xxx…` after its last word, to exactly <paramref name="bytes"/> bytes (the handshake's words stay whole).</summary>
    public static string WithDomU1BootargsOf(string yaml, int bytes)
    {
        var lines = yaml.Split('\n').ToList();
        int i = lines.FindIndex(l => l.TrimStart().StartsWith("bootargs:", StringComparison.Ordinal) && l.Contains("xshm_role=domu1", StringComparison.Ordinal));
        if (i < 0) throw new InvalidDataException("board.yaml: no domU1 bootargs");
        string line = lines[i];
        int open = line.IndexOf('"', StringComparison.Ordinal), close = line.LastIndexOf('"');
        lines[i] = line[..(open + 1)] + PaddedTo(line[(open + 1)..close], bytes) + line[close..];
        return string.Join('\n', lines);
    }

    private void SetDomU1KernelBootargs(string boot, int bytes)
    {
        var dtb = Path.Combine(boot, "host.dtb");
        string kernel = ExternalTool.Check(_tools.Fdtget, new[] { "-l", dtb, "/chosen/domU1" }).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(n => "/chosen/domU1/" + n.Trim())
            .Single(n => ExternalTool.Check(_tools.Fdtget, new[] { "-t", "s", dtb, n, "compatible" }).StartsWith("multiboot,kernel", StringComparison.Ordinal));
        string args = ExternalTool.Check(_tools.Fdtget, new[] { "-t", "s", dtb, kernel, "bootargs" }).TrimEnd('\n');
        ExternalTool.Check(_tools.Fdtput, new[] { "-t", "s", dtb, kernel, "bootargs", PaddedTo(args, bytes) });
        RewriteManifest(boot);
    }

    /// <summary><paramref name="args"/> + ` xshm_pad=xxx…`, <paramref name="bytes"/> long (the handshake ignores the word).</summary>
    private static string PaddedTo(string args, int bytes)
    {
        const string pad = " xshm_pad=";
        return args + pad + new string('x', bytes - args.Length - pad.Length);
    }

    /// <summary>manifest.json again after a file of the folder was edited (sizes and hashes).</summary>
    private static void RewriteManifest(string boot)
    {
        var manifest = BootManifest.Read(boot);
        BootManifest.Write(boot, manifest.Files.Where(f => f.Path != BootManifest.FileName).Select(f => (f.Path, f.LoadAddress)));
    }

    private void RestoreMemory(string boot)
    {
        var dtb = Path.Combine(boot, "host.dtb");
        ExternalTool.Check(_tools.Fdtput, new[] { "-t", "x", dtb, "/memory@40000000", "reg", "0", "40000000", "0", "80000000" });
        RewriteManifest(boot);
    }
}
