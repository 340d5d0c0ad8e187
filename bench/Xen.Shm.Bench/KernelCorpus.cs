using System.Diagnostics;

namespace Xen.Shm.Bench;

/// <summary>
/// The preprocessed Linux 6.1 corpus of tests/Xen.Shm.Dtc.Tests/corpus/fetch-corpus.sh and the way
/// Kbuild 6.1 runs dtc on it (scripts/Makefile.lib cmd_dtc), shared by the dtc benchmarks.
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

    /// <summary>The folder of the raw source a preprocessed file came from (Kbuild's -i).</summary>
    public static string SourceDir(string dir, string file) =>
        Path.Combine(dir, "src", Path.GetRelativePath(Path.Combine(dir, "pp"), Path.GetDirectoryName(file)!));

    /// <summary>`&lt;tool&gt; -q -I dts -O dtb -o OUT -b 0 -i … -Wno-… FILE`, Kbuild 6.1's flags.</summary>
    public static ProcessStartInfo KbuildCommand(string tool, string dir, string file, string output)
    {
        var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-q", "-I", "dts", "-O", "dtb", "-o", output, "-b", "0", "-i", SourceDir(dir, file), "-i", Path.Combine(dir, "src", "scripts", "dtc", "include-prefixes") })
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
