using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Reference;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>
/// An xl board on the Xilinx 4.17 fork (testassets/qemu-static-shm, ...), built through the packed SDK in the two
/// passes of <see cref="UioBoard"/>: pass 1 with testassets/qemu-xilinx-xl's dom0 initramfs (Debian's kernel
/// modules, the fork's own toolstack, dom0-init), then that initramfs + the boot folder's etc/xen/** as dom0's
/// ramdisk and a rebuild. dom0-init starts the toolstack and runs the SDK's create-domains.sh or `xl create`.
/// </summary>
public sealed class XilinxXlBoard : IBootFolderSource
{
    public const string Dom0Ramdisk = "images/initramfs-dom0.cpio.gz";

    private readonly BootPrerequisites _tools;
    private readonly SourceBuiltXen _xen;
    private readonly string _asset;
    private readonly BootExpectation _expect;
    private readonly Func<string, string>? _editYaml;
    private readonly Action<SortedDictionary<string, byte[]>>? _editDom0Files;
    private readonly Action<string>? _log;

    /// <param name="editYaml">a negative control's change of board.yaml</param>
    /// <param name="editDom0Files">a negative control's change of the etc/xen/** files dom0 gets (after the SDK wrote them)</param>
    public XilinxXlBoard(BootPrerequisites tools, SourceBuiltXen xen, string asset, string variant, BootExpectation expect,
        Func<string, string>? editYaml = null, Action<SortedDictionary<string, byte[]>>? editDom0Files = null, Action<string>? log = null)
    {
        _tools = tools;
        _xen = xen;
        _asset = asset;
        _expect = expect;
        _editYaml = editYaml;
        _editDom0Files = editDom0Files;
        _log = log;
        Name = $"sdk-{asset}-{variant}";
    }

    public string Name { get; }

    /// <summary>Builds <paramref name="asset"/> for the fork's hypervisor and toolstack and boots it through our boot.scr
    /// under U-Boot (the one route of these boards), judged against <paramref name="expect"/>.</summary>
    public static BootOutcome Boot(TestContext context, string asset, string variant, BootExpectation expect, Action<BootOutcome> assert,
        Func<string, string>? editYaml = null, Action<SortedDictionary<string, byte[]>>? editDom0Files = null)
    {
        var tools = BootPrerequisites.Require();
        var xen = SourceBuiltXen.Require(SourceBuiltXen.Xilinx417);
        var board = new XilinxXlBoard(tools, xen, asset, variant, expect, editYaml, editDom0Files, context.WriteLine);
        return RealBoot.Boot(tools, board, BootRoute.UBootDisk, context, assert, Limit);
    }

    /// <summary>dom0 builds its xl domUs itself under TCG: more QEMU CPU than the dom0less boards (qemu-static-shm,
    /// dom0 + three Linux domUs, measured 97 s QEMU CPU and 317 s wall at load average ~45 on 2026-12-04).</summary>
    public static BootLimit Limit => new(TimeSpan.FromSeconds(Math.Max(Judging.RealBoot.Limit.Cpu.TotalSeconds, 180)),
        TimeSpan.FromSeconds(Math.Max(Judging.RealBoot.Limit.Wall.TotalSeconds, 480)));

    /// <summary>What the SDK put under etc/xen (set by <see cref="Prepare"/>, before any edit).</summary>
    public SortedDictionary<string, byte[]>? XlFiles { get; private set; }

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var images = new Dictionary<string, string>(QemuVirtBoard.Images(_tools.Cache))
        {
            ["images/xen"] = _xen.Image,
            [Dom0Ramdisk] = XilinxXlInitramfs.Require(_tools.Cache),
        };
        var first = SdkBoard.Build(_asset, workDirectory, images, _editYaml);
        _log?.Invoke($"{Name}: pass 1 (dotnet build through the packed SDK) took {first.BuildTime.TotalSeconds:F1} s");
        XlFiles = UioRootFileSystem.XlFiles(first.BootDirectory);
        var files = new SortedDictionary<string, byte[]>(XlFiles, StringComparer.Ordinal);
        _editDom0Files?.Invoke(files);

        var ramdisk = UioRootFileSystem.Compose(File.ReadAllBytes(images[Dom0Ramdisk]), files);
        var composed = Path.Combine(workDirectory, "dom0-rootfs.img");
        File.WriteAllBytes(composed, ramdisk);
        var link = Path.Combine(first.ProjectDirectory, Dom0Ramdisk);
        File.Delete(link);
        File.CreateSymbolicLink(link, composed);
        var second = UioBoard.Rebuild(first, _asset + ".csproj");
        _log?.Invoke($"{Name}: pass 2 (dom0 ramdisk {ramdisk.Length} bytes) took {second.BuildTime.TotalSeconds:F1} s");
        return new PreparedBootFolder(second.BootDirectory, _expect);
    }
}

/// <summary>testassets/qemu-xilinx-xl/prepare.sh's dom0 initramfs in the QEMU cache (xilinx-xl/, prepared.txt last).</summary>
public static class XilinxXlInitramfs
{
    public static string Require(PreparedCache cache)
    {
        var dir = Path.Combine(cache.Directory, "xilinx-xl");
        var file = Path.Combine(dir, "initramfs-dom0.cpio.gz");
        if (!File.Exists(Path.Combine(dir, "prepared.txt")) || !File.Exists(file))
            Prerequisite.Missing($"Xilinx xl dom0 initramfs not prepared ({file} missing): run testassets/qemu-xilinx-xl/prepare.sh");
        var committed = File.ReadAllBytes(RepositoryRoot.Combine("testassets", "qemu-xilinx-xl", "dom0-init"));
        // the committed dom0-init must be in the (concatenated, gzip-membered) archive, byte for byte
        using var unzip = new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress);
        using var all = new MemoryStream();
        unzip.CopyTo(all);
        if (all.ToArray().AsSpan().IndexOf(committed) < 0)
            Prerequisite.Missing($"{file} lacks the committed dom0-init: re-run testassets/qemu-xilinx-xl/prepare.sh");
        return file;
    }
}
