using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Xen.Shm.Generation.Tests.Xl;

/// <summary>
/// Runs Native/xlcfg-dump.c: compiled once per source version with gcc against Debian's
/// libxlutil (package libxen-dev) into a cache folder ($XEN_SHM_NATIVE_CACHE, else
/// $XDG_CACHE_HOME or ~/.cache, /xen-shm-sdk/native/). Missing gcc or libxlutil: fail when
/// CI=true, else Inconclusive.
/// </summary>
internal static class XlCfgDump
{
    private static readonly Lazy<string> s_binary = new(Build);

    public static string Binary => s_binary.Value;

    /// <summary>Parses <paramref name="cfgText"/> with libxlutil and returns the printed lines.</summary>
    public static XlCfgReadBack Read(string cfgText, params string[] specs)
    {
        string dir = Path.Combine(Path.GetTempPath(), "xenshm-xl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string file = Path.Combine(dir, "domain.cfg");
            File.WriteAllText(file, cfgText, new UTF8Encoding(false));
            var (code, stdout, stderr) = Run(Binary, new[] { file }.Concat(specs).ToArray());
            Assert.AreEqual(0, code, stderr);
            return new XlCfgReadBack(stdout, stderr);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>xl's iomem scan of one entry: (mfn, nr, gfn or null, word or null), or null when xl rejects it.</summary>
    public static (ulong Mfn, ulong Nr, ulong? Gfn, string? Word)? ScanIomem(string entry, bool xilinx) =>
        ScanIomem(new[] { entry }, xilinx)[0];

    /// <summary>The scan of many entries in one helper run.</summary>
    public static IReadOnlyList<(ulong Mfn, ulong Nr, ulong? Gfn, string? Word)?> ScanIomem(IReadOnlyList<string> entries, bool xilinx)
    {
        var (code, stdout, stderr) = Run(Binary, new[] { xilinx ? "--iomem-xilinx" : "--iomem" }.Concat(entries).ToArray());
        Assert.AreEqual(0, code, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(entries.Count, lines);
        return lines.Select(line =>
        {
            string[] f = line.Trim().Split(' ');
            if (f[1] == "BAD") return ((ulong, ulong, ulong?, string?)?)null;
            ulong? gfn = f[4] == "-" ? null : Convert.ToUInt64(f[4], 16);
            return (Convert.ToUInt64(f[2], 16), Convert.ToUInt64(f[3], 16), gfn, f.Length > 5 ? f[5] : null);
        }).ToList();
    }

    private static string Build()
    {
        string source = FindSource();
        string gcc = Which("gcc") ?? Missing("gcc not installed: apt-get install gcc");
        if (!File.Exists("/usr/include/libxlutil.h"))
            Missing("libxlutil not installed: apt-get install libxen-dev");

        byte[] bytes = File.ReadAllBytes(source);
        string hash = Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        string cacheRoot = Environment.GetEnvironmentVariable("XEN_SHM_NATIVE_CACHE") is { Length: > 0 } c
            ? c
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x
                ? x
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "xen-shm-sdk", "native");
        string dir = Path.Combine(cacheRoot, "xlcfg-dump-" + hash);
        string binary = Path.Combine(dir, "xlcfg-dump");
        if (File.Exists(binary)) return binary;

        Directory.CreateDirectory(dir);
        string temp = binary + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var (code, _, stderr) = Run(gcc, "-O1", "-Wall", "-o", temp, source, "-lxlutil");
        if (code != 0)
        {
            File.Delete(temp);
            Missing("building xlcfg-dump against libxlutil failed (apt-get install libxen-dev gcc): " + stderr);
        }

        File.Move(temp, binary, overwrite: true);
        return binary;
    }

    // The .c file sits next to the test sources; walk up from the test binaries to find it.
    private static string FindSource()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "Native", "xlcfg-dump.c");
            if (File.Exists(candidate)) return candidate;
            candidate = Path.Combine(d.FullName, "tests", "Xen.Shm.Generation.Tests", "Native", "xlcfg-dump.c");
            if (File.Exists(candidate)) return candidate;
        }

        throw new FileNotFoundException("Native/xlcfg-dump.c not found above " + AppContext.BaseDirectory);
    }

    private static string Missing(string message)
    {
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(message);
        Assert.Inconclusive(message);
        return null!;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(p => Path.Combine(p, name)).FirstOrDefault(File.Exists);

    private static (int Code, string Stdout, string Stderr) Run(string file, params string[] args)
    {
        var run = ToolProcess.Run(file, args);
        return (run.ExitCode, run.StdoutText, run.Stderr);
    }
}

/// <summary>What libxlutil read back, keyed by the helper's line format.</summary>
internal sealed class XlCfgReadBack
{
    private readonly string[] _lines;

    public XlCfgReadBack(string stdout, string stderr)
    {
        _lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Stderr = stderr;
    }

    public string Stderr { get; }
    public bool Parsed => _lines.Length > 0 && _lines[0] == "PARSE OK";

    public string? String(string key)
    {
        string[] f = Line("S", key);
        return f[2] == "!" ? null : Decode(f[2]);
    }

    public long? Number(string key)
    {
        string[] f = Line("N", key);
        return f[2] == "!" ? null : long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<string>? List(string key)
    {
        string[] f = Line("L", key);
        if (f[2] == "!") return null;
        return _lines.Where(l => l.StartsWith("I " + key + " ", StringComparison.Ordinal))
            .Select(l => Decode(l.Split(' ')[3])).ToList();
    }

    private string[] Line(string kind, string key)
    {
        Assert.IsTrue(Parsed, "libxlutil did not parse the file: " + string.Join("\n", _lines) + "\n" + Stderr);
        string? line = _lines.FirstOrDefault(l => l.StartsWith(kind + " " + key + " ", StringComparison.Ordinal));
        Assert.IsNotNull(line, $"no {kind} line for {key}");
        return line.Split(' ');
    }

    private static string Decode(string hex) => hex == "-" ? string.Empty : Encoding.UTF8.GetString(Convert.FromHexString(hex));
}
