namespace Xen.Shm.Boot.Tests.Prerequisites;

/// <summary>
/// A hypervisor testassets/xen-source/prepare.sh built from the tarballs in shared/vendor/xen/ (Debian's Xen lacks
/// CONFIG_STATIC_SHM and CONFIG_STATIC_MEMORY and is not the Xilinx fork). The script writes &lt;name&gt;.txt last,
/// naming the image under builds/&lt;name&gt;-&lt;key&gt;/ (key: tarball sha256 + configuration + compiler); the tests never build.
/// </summary>
public sealed record SourceBuiltXen(string Name, string Image, string Options)
{
    public const string DirectoryVariable = "XSHM_XEN_BUILD_CACHE";
    public const string Upstream417 = "upstream-4.17.7";
    public const string Upstream421 = "upstream-4.21.2";
    public const string Xilinx417 = "xilinx-4.17";
    public const string Xilinx417Llc = "xilinx-4.17-llc";

    /// <summary>Same rule as prepare.sh: $XSHM_XEN_BUILD_CACHE, else $XDG_CACHE_HOME or ~/.cache, then xen-shm-sdk/xen-build.</summary>
    public static string DefaultDirectory()
    {
        var explicitDir = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrEmpty(explicitDir)) return explicitDir;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "xen-shm-sdk", "xen-build");
    }

    /// <summary>The build, or why it cannot be used.</summary>
    public static SourceBuiltXen? TryOpen(string directory, string name, out string problem)
    {
        var stamp = Path.Combine(directory, name + ".txt");
        problem = $"Xen {name} not built ({stamp} missing): run testassets/xen-source/prepare.sh";
        if (!File.Exists(stamp)) return null;
        var facts = File.ReadAllLines(stamp).Where(l => l.Contains('=', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..], StringComparer.Ordinal);
        if (!facts.TryGetValue("xen", out var xen) || !facts.TryGetValue("options", out var options)) return null;
        var image = Path.Combine(directory, xen.Split(' ')[0]);
        if (!File.Exists(image)) { problem = $"Xen {name} build incomplete ({image} missing): run testassets/xen-source/prepare.sh"; return null; }
        problem = "";
        return new SourceBuiltXen(name, image, options);
    }

    /// <summary>The build, or the test ends here: Assert.Fail under CI=true, Assert.Inconclusive otherwise.</summary>
    public static SourceBuiltXen Require(string name)
    {
        var xen = TryOpen(DefaultDirectory(), name, out var problem);
        if (xen is not null) return xen;
        Xen.Shm.TestSupport.Prerequisite.Missing(problem);
        throw new InvalidOperationException("unreachable");
    }
}
