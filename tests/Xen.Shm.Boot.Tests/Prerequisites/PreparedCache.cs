using System.Globalization;

namespace Xen.Shm.Boot.Tests.Prerequisites;

/// <summary>
/// The cache testassets/qemu-virt/prepare.sh fills: Xen, the arm64 kernel, the busybox initramfs with the
/// handshake test program, and QEMU's dumped device tree. The tests never download: a missing cache is a
/// missing prerequisite.
/// </summary>
public sealed class PreparedCache
{
    public const string DirectoryVariable = "XSHM_QEMU_CACHE";

    private PreparedCache(string directory, IReadOnlyDictionary<string, string> facts)
    {
        Directory = directory;
        Facts = facts;
    }

    public string Directory { get; }

    /// <summary>key=value lines of prepared.txt (the last "file=" line per file wins; see <see cref="Files"/>).</summary>
    public IReadOnlyDictionary<string, string> Facts { get; }

    public string Xen => Path.Combine(Directory, "xen");
    public string Kernel => Path.Combine(Directory, "Image");
    public string Initramfs => Path.Combine(Directory, "initramfs.cpio.gz");
    public string VirtDtb => Path.Combine(Directory, "virt.dtb");

    /// <summary>virt.dtb decompiled by dtc (what testassets/qemu-virt/board.dts /include/s).</summary>
    public string VirtDts => Path.Combine(Directory, "virt.dts");

    /// <summary>dom0's initramfs with Debian's Xen toolstack (testassets/qemu-uio/prepare.sh).</summary>
    public string UioDom0Initramfs => Path.Combine(Directory, "uio", "initramfs-dom0-xl.cpio.gz");

    /// <summary>Why the xl/UIO board cannot boot from this cache, or null when it can.</summary>
    public string? UioProblem()
    {
        if (!File.Exists(Path.Combine(Directory, "uio", "prepared.txt")) || !File.Exists(UioDom0Initramfs))
            return $"xl toolstack initramfs not prepared ({UioDom0Initramfs} missing): run testassets/qemu-uio/prepare.sh";
        var committed = Path.Combine(AppContext.BaseDirectory, "TestAssets", "init");
        var init = Prerequisites.Initramfs.Read(UioDom0Initramfs).FirstOrDefault(e => e.Name == "init");
        if (File.Exists(committed) && (init is null || !init.Data.AsSpan().SequenceEqual(File.ReadAllBytes(committed))))
            return $"xl toolstack initramfs is stale ({UioDom0Initramfs} lacks the committed init): re-run testassets/qemu-uio/prepare.sh";
        return null;
    }

    /// <summary>Same rule as prepare.sh: $XSHM_QEMU_CACHE, else $XDG_CACHE_HOME or ~/.cache, then xen-shm-sdk/qemu.</summary>
    public static string DefaultDirectory()
    {
        var explicitDir = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(explicitDir)) return explicitDir;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "xen-shm-sdk", "qemu");
    }

    /// <summary>Opens the cache, or returns why it cannot be used.</summary>
    public static PreparedCache? TryOpen(string directory, out string problem)
    {
        var stamp = Path.Combine(directory, "prepared.txt");
        if (!File.Exists(stamp))
        {
            problem = $"QEMU boot cache not prepared ({stamp} missing): run testassets/qemu-virt/prepare.sh";
            return null;
        }
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(stamp))
        {
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            var key = line.Substring(0, eq);
            var value = line.Substring(eq + 1);
            if (key == "file") key = "file:" + value.Split(' ')[0];
            facts[key] = value;
        }
        var cache = new PreparedCache(directory, facts);
        foreach (var f in new[] { cache.Xen, cache.Kernel, cache.Initramfs, cache.VirtDtb, cache.VirtDts })
        {
            if (!File.Exists(f))
            {
                problem = $"QEMU boot cache incomplete ({f} missing): run testassets/qemu-virt/prepare.sh";
                return null;
            }
        }
        // The dumped DT is only valid for the exact machine the tests boot.
        if (!facts.TryGetValue("qemu_machine", out var machine) || machine != QemuMachineFlags())
        {
            problem = $"QEMU boot cache was prepared for other machine flags ('{machine}'), expected '{QemuMachineFlags()}': re-run testassets/qemu-virt/prepare.sh";
            return null;
        }
        // The initramfs must carry the committed test program, not an older one.
        var committed = Path.Combine(AppContext.BaseDirectory, "TestAssets", "init");
        try
        {
            var init = Prerequisites.Initramfs.Read(cache.Initramfs).FirstOrDefault(e => e.Name == "init");
            if (File.Exists(committed) && (init is null || !init.Data.AsSpan().SequenceEqual(File.ReadAllBytes(committed))))
            {
                problem = $"QEMU boot cache is stale ({cache.Initramfs} lacks the committed testassets/qemu-virt/initramfs/init): re-run testassets/qemu-virt/prepare.sh";
                return null;
            }
        }
        catch (InvalidDataException e)
        {
            problem = $"QEMU boot cache is damaged ({e.Message}): re-run testassets/qemu-virt/prepare.sh";
            return null;
        }
        problem = "";
        return cache;
    }

    /// <summary>Recorded size of a cached file (prepared.txt "file=NAME SIZE SHA256").</summary>
    public long RecordedSize(string name) =>
        long.Parse(Facts["file:" + name].Split(' ')[1], CultureInfo.InvariantCulture);

    private static string QemuMachineFlags() => string.Join(" ", Qemu.QemuMachine.Arguments);
}
