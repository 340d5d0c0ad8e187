using System.Diagnostics;

namespace Xen.Shm.Bench;

/// <summary>
/// The Linux 6.1 corpus of tests/Xen.Shm.Dtc.Tests/corpus/fetch-corpus.sh (raw sources in src/, cpp's
/// output in pp/) and the way Kbuild 6.1 runs cpp and dtc on it (scripts/Makefile.lib cmd_dtc), shared
/// by the dtc benchmarks.
/// </summary>
internal static class KernelCorpus
{
    /// <summary>Kbuild's default -Wno-… set (W=0).</summary>
    public static readonly string[] Warnings =
    {
        "no-interrupt_provider", "no-unit_address_vs_reg", "no-avoid_unnecessary_addr_size", "no-alias_paths",
        "no-graph_child_address", "no-simple_bus_reg", "no-unique_unit_address",
    };

    public static string Directory()
    {
        string? env = Environment.GetEnvironmentVariable("XSHM_DT_CORPUS_DIR");
        if (!string.IsNullOrEmpty(env)) return env;
        string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "xen-shm-sdk", "dt-corpus");
    }

    /// <summary>Every preprocessed source, sorted, as full paths; null (and a message) when not fetched.</summary>
    public static List<string>? Sources(string dir)
    {
        string list = Path.Combine(dir, "sources.txt");
        if (!File.Exists(list))
        {
            Console.Error.WriteLine($"corpus not found in {dir}: run `bash tests/Xen.Shm.Dtc.Tests/corpus/fetch-corpus.sh` (or set XSHM_DT_CORPUS_DIR)");
            return null;
        }
        return File.ReadAllLines(list).Where(l => l.Length > 0).OrderBy(l => l, StringComparer.Ordinal)
            .Select(l => Path.Combine(dir, "pp", l)).ToList();
    }

    /// <summary>Every RAW board source (.dts, .dtso of arch/arm and arch/arm64), sorted; null (and a message) when not fetched.</summary>
    public static List<string>? RawSources(string dir)
    {
        string src = Path.Combine(dir, "src");
        if (!System.IO.Directory.Exists(Path.Combine(src, "arch")))
        {
            Console.Error.WriteLine($"corpus not found in {dir}: run `bash tests/Xen.Shm.Dtc.Tests/corpus/fetch-corpus.sh` (or set XSHM_DT_CORPUS_DIR)");
            return null;
        }
        return new[] { "arch/arm/boot/dts", "arch/arm64/boot/dts" }
            .SelectMany(d => System.IO.Directory.EnumerateFiles(Path.Combine(src, d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".dts", StringComparison.Ordinal) || f.EndsWith(".dtso", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Kbuild 6.1's cpp -I list for a raw source (scripts/Makefile.lib dtc_cpp_flags, as fetch-corpus.sh runs it).</summary>
    public static string[] CppIncludeDirs(string dir, string source) => new[]
    {
        Path.GetDirectoryName(source)!,
        Path.Combine(dir, "src", "include"),
        Path.Combine(dir, "src", "scripts", "dtc", "include-prefixes"),
    };

    /// <summary>The folder of the raw source a preprocessed file came from (Kbuild's -i).</summary>
    public static string SourceDir(string dir, string file) =>
        Path.Combine(dir, "src", Path.GetRelativePath(Path.Combine(dir, "pp"), Path.GetDirectoryName(file)!));

    /// <summary>
    /// `&lt;tool&gt; -q -I dts -O dtb -o OUT -b 0 -i … -Wno-… FILE`, Kbuild 6.1's flags; the first -i is
    /// the folder of <paramref name="rawSource"/> when given, else of the pp/ file's raw source.
    /// </summary>
    public static ProcessStartInfo KbuildCommand(string tool, string dir, string file, string output, string? rawSource = null)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        string sourceDir = rawSource != null ? Path.GetDirectoryName(rawSource)! : SourceDir(dir, file);
        foreach (var a in new[] { "-q", "-I", "dts", "-O", "dtb", "-o", output, "-b", "0", "-i", sourceDir, "-i", Path.Combine(dir, "src", "scripts", "dtc", "include-prefixes") })
            psi.ArgumentList.Add(a);
        foreach (var w in Warnings) psi.ArgumentList.Add("-W" + w);
        psi.ArgumentList.Add(file);
        return psi;
    }

    /// <summary>Runs a command to its end; returns its exit code.</summary>
    public static int Run(ProcessStartInfo psi)
    {
        using var p = Process.Start(psi)!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode;
    }
}
