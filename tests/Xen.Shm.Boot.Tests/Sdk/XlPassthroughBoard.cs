using System.Text;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>How testassets/qemu-xl-passthrough is built.</summary>
public enum XlPassthroughVariant
{
    /// <summary>board.yaml as committed.</summary>
    AsCommitted,

    /// <summary>The generated guest1.cfg with the PL031's iomem entry ("0x9010,1") dropped before it goes into dom0's root file system.</summary>
    IomemEntryDropped,
}

/// <summary>
/// testassets/qemu-xl-passthrough (the PL031 RTC passed to an xl domU by iomem + irqs, plus a uio page for the
/// handshake) built through the packed SDK in the two passes of <see cref="UioBoard"/>, on Debian's Xen 4.17. The xl
/// domU's ramdisk is qemu-virt's initramfs with the board's xshm-passthrough.sh appended.
/// </summary>
public sealed class XlPassthroughBoard : IBootFolderSource
{
    public const string Asset = "qemu-xl-passthrough";
    public const string XlConfig = "etc/xen/guest1.cfg";
    public const string PassedIomem = "\"0x9010,1\"";

    private readonly BootPrerequisites _tools;
    private readonly Action<string>? _log;

    public XlPassthroughBoard(BootPrerequisites tools, XlPassthroughVariant variant, Action<string>? log = null)
    {
        _tools = tools;
        Variant = variant;
        _log = log;
    }

    public XlPassthroughVariant Variant { get; }

    public string Name => $"sdk-{Asset}-{Variant.ToString().ToLowerInvariant()}";

    /// <summary>The xl file dom0 got (set by <see cref="Prepare"/>).</summary>
    public string? Dom0XlConfig { get; private set; }

    public PreparedBootFolder Prepare(string workDirectory)
    {
        Directory.CreateDirectory(workDirectory);
        var guestRamdisk = Path.Combine(workDirectory, "initramfs-guest.img");
        File.WriteAllBytes(guestRamdisk, UioRootFileSystem.Compose(File.ReadAllBytes(_tools.Cache.Initramfs),
            new Dictionary<string, byte[]> { ["xshm-passthrough.sh"] = File.ReadAllBytes(RepositoryRoot.Combine("testassets", Asset, "xshm-passthrough.sh")) }));
        var images = new Dictionary<string, string>(UioBoard.Images(_tools.Cache)) { ["images/initramfs-guest.cpio.gz"] = guestRamdisk };
        // The negative control's dom0 gives up after 50 polls (10 s) instead of 300, so the failure comes quickly.
        var first = SdkBoard.Build(Asset, Path.Combine(workDirectory, "build"), images,
            Variant == XlPassthroughVariant.IomemEntryDropped ? y => y.Replace("xshm_polls=300", "xshm_polls=50", StringComparison.Ordinal) : null);
        _log?.Invoke($"{Name}: pass 1 (dotnet build through the packed SDK) took {first.BuildTime.TotalSeconds:F1} s");
        var xl = UioRootFileSystem.XlFiles(first.BootDirectory);
        var cfg = Encoding.ASCII.GetString(xl[XlConfig]);
        if (Variant == XlPassthroughVariant.IomemEntryDropped)
        {
            var edited = cfg.Replace(", " + PassedIomem, "", StringComparison.Ordinal).Replace(PassedIomem + ", ", "", StringComparison.Ordinal);
            if (edited == cfg) throw new InvalidDataException($"{XlConfig}: no {PassedIomem} entry to drop:\n{cfg}");
            cfg = edited;
            xl[XlConfig] = Encoding.ASCII.GetBytes(cfg);
        }
        Dom0XlConfig = cfg;
        var composed = Path.Combine(workDirectory, "dom0-rootfs.img");
        File.WriteAllBytes(composed, UioRootFileSystem.Compose(File.ReadAllBytes(_tools.Cache.UioDom0Initramfs), xl));
        var link = Path.Combine(first.ProjectDirectory, UioBoard.Dom0Ramdisk);
        File.Delete(link);
        File.CreateSymbolicLink(link, composed);
        var second = UioBoard.Rebuild(first, Asset + ".csproj");
        _log?.Invoke($"{Name}: pass 2 took {second.BuildTime.TotalSeconds:F1} s");
        return new PreparedBootFolder(second.BootDirectory, new BootExpectation(UioBoard.Region, UioBoard.Directions));
    }
}
