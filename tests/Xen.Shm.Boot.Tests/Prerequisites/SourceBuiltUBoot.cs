namespace Xen.Shm.Boot.Tests.Prerequisites;

/// <summary>
/// The U-Boot testassets/u-boot-source/prepare.sh built from Debian 12's own u-boot source package (Debian's patches,
/// Debian's qemu_arm64 configuration) plus CONFIG_OF_LIBFDT_OVERLAY=y, which Debian's u-boot-qemu lacks, so that
/// `fdt apply` exists. The script writes qemu_arm64-overlay.txt last, naming u-boot.bin under
/// builds/qemu_arm64-overlay-&lt;key&gt;/ (key: both tarballs' sha256, the options, the compiler); the tests never build.
/// </summary>
public sealed record SourceBuiltUBoot(string Name, string Image, string Options, string Source)
{
    public const string DirectoryVariable = "XSHM_UBOOT_BUILD_CACHE";
    public const string QemuArm64Overlay = "qemu_arm64-overlay";

    /// <summary>Same rule as prepare.sh: $XSHM_UBOOT_BUILD_CACHE, else $XDG_CACHE_HOME or ~/.cache, then xen-shm-sdk/u-boot-build.</summary>
    public static string DefaultDirectory()
    {
        var explicitDir = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(explicitDir)) return explicitDir;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "xen-shm-sdk", "u-boot-build");
    }

    /// <summary>The build, or why it cannot be used.</summary>
    public static SourceBuiltUBoot? TryOpen(string directory, string name, out string problem)
    {
        var stamp = Path.Combine(directory, name + ".txt");
        problem = $"U-Boot {name} not built ({stamp} missing): run testassets/u-boot-source/prepare.sh";
        if (!File.Exists(stamp)) return null;
        var facts = File.ReadAllLines(stamp).Where(l => l.Contains('=', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..], StringComparer.Ordinal);
        if (!facts.TryGetValue("u-boot", out var uboot) || !facts.TryGetValue("options", out var options)) return null;
        var image = Path.Combine(directory, uboot.Split(' ')[0]);
        if (!File.Exists(image)) { problem = $"U-Boot {name} build incomplete ({image} missing): run testassets/u-boot-source/prepare.sh"; return null; }
        problem = "";
        return new SourceBuiltUBoot(name, image, options, facts.GetValueOrDefault("source", ""));
    }

    /// <summary>The build, or the test ends here: Assert.Fail under CI=true, Assert.Inconclusive otherwise.</summary>
    public static SourceBuiltUBoot Require(string name)
    {
        var uboot = TryOpen(DefaultDirectory(), name, out var problem);
        if (uboot is not null) return uboot;
        Xen.Shm.TestSupport.Prerequisite.Missing(problem);
        throw new InvalidOperationException("unreachable");
    }
}
