namespace Xen.Shm.Boot.Tests.Prerequisites;

/// <summary>
/// Everything a real boot needs on the host. A missing piece fails the test when CI is "true" and is
/// otherwise reported as inconclusive with the way to install it; a boot test never passes without booting.
/// </summary>
public sealed class BootPrerequisites
{
    /// <summary>Debian's U-Boot for QEMU's arm64 virt machine (package u-boot-qemu).</summary>
    public const string DefaultUBoot = "/usr/lib/u-boot/qemu_arm64/u-boot.bin";

    private BootPrerequisites(string qemu, string dtc, string mkimage, string sfdisk, string mke2fs, string uboot, PreparedCache cache,
        string fdtget, string fdtput)
    {
        Qemu = qemu; Dtc = dtc; Mkimage = mkimage; Sfdisk = sfdisk; Mke2fs = mke2fs; UBoot = uboot; Cache = cache;
        Fdtget = fdtget; Fdtput = fdtput;
    }

    public string Qemu { get; }
    public string Dtc { get; }
    public string Mkimage { get; }
    public string Sfdisk { get; }
    public string Mke2fs { get; }
    public string UBoot { get; }
    public PreparedCache Cache { get; }

    /// <summary>The same tools with another U-Boot as QEMU's firmware (e.g. a source build, <see cref="SourceBuiltUBoot"/>).</summary>
    public BootPrerequisites WithUBoot(string uboot) => new(Qemu, Dtc, Mkimage, Sfdisk, Mke2fs, uboot, Cache, Fdtget, Fdtput);

    /// <summary>dtc's property reader and writer (package device-tree-compiler), for checks and negative controls on built DTBs.</summary>
    public string Fdtget { get; }
    public string Fdtput { get; }

    private static readonly Lazy<(BootPrerequisites? Value, string Problem)> Probe = new(() =>
    {
        var missing = new List<string>();
        string Tool(string name, string package)
        {
            var path = ExternalTool.Find(name);
            if (path is null) missing.Add($"{name} not installed: apt-get install {package}");
            return path ?? "";
        }
        var qemu = Tool("qemu-system-aarch64", "qemu-system-arm");
        var dtc = Tool("dtc", "device-tree-compiler");
        var mkimage = Tool("mkimage", "u-boot-tools");
        var sfdisk = Tool("sfdisk", "fdisk");
        var mke2fs = Tool("mke2fs", "e2fsprogs");
        var fdtget = Tool("fdtget", "device-tree-compiler");
        var fdtput = Tool("fdtput", "device-tree-compiler");
        var uboot = Environment.GetEnvironmentVariable("XSHM_UBOOT_BIN") is { Length: > 0 } u ? u : DefaultUBoot;
        if (!File.Exists(uboot)) missing.Add($"U-Boot for qemu_arm64 not installed ({uboot}): apt-get install u-boot-qemu");
        var cache = PreparedCache.TryOpen(PreparedCache.DefaultDirectory(), out var cacheProblem);
        if (cache is null) missing.Add(cacheProblem);
        return missing.Count == 0
            ? (new BootPrerequisites(qemu, dtc, mkimage, sfdisk, mke2fs, uboot, cache!, fdtget, fdtput), "")
            : ((BootPrerequisites?)null, string.Join("; ", missing));
    });

    /// <summary>The prerequisites, or the test ends here: Assert.Fail under CI=true, Assert.Inconclusive otherwise.</summary>
    public static BootPrerequisites Require()
    {
        var (value, problem) = Probe.Value;
        if (value is not null) return value;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(problem);
        Assert.Inconclusive(problem);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>The prerequisites plus the xl toolstack initramfs of the UIO board.</summary>
    public static BootPrerequisites RequireUio()
    {
        var value = Require();
        var problem = value.Cache.UioProblem();
        if (problem is null) return value;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(problem);
        Assert.Inconclusive(problem);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Only the DT and image tools (for tests that do not boot).</summary>
    public static (string Dtc, string Mkimage) RequireImageTools()
    {
        var dtc = ExternalTool.Find("dtc");
        var mkimage = ExternalTool.Find("mkimage");
        if (dtc is not null && mkimage is not null) return (dtc, mkimage);
        var problem = string.Join("; ", new[]
        {
            dtc is null ? "dtc not installed: apt-get install device-tree-compiler" : null,
            mkimage is null ? "mkimage not installed: apt-get install u-boot-tools" : null,
        }.Where(s => s is not null));
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(problem);
        Assert.Inconclusive(problem);
        throw new InvalidOperationException("unreachable");
    }
}
