using Xen.Shm.Devicetree;
using Xen.Shm.Dtc.Tests.Infrastructure;
using DtCorpus = Xen.Shm.Dtc.Tests.Infrastructure.Corpus;
using Xen.Shm.Preprocessor;

namespace Xen.Shm.Preprocessor.Tests.Infrastructure;

/// <summary>
/// Kbuild 6.1's two steps for a board source (scripts/Makefile.lib): cpp with dtc_cpp_flags, then dtc
/// with -b 0 -i &lt;src dir&gt; -i scripts/dtc/include-prefixes. The -I list is fetch-corpus.sh's.
/// </summary>
public static class Kbuild
{
    public static string RequireCpp() => ExternalTool.Require("cpp", "apt-get install cpp (GCC 12, Debian 12)");

    public static string[] IncludeDirs(string source) => new[]
    {
        Path.GetDirectoryName(source)!,
        Path.Combine(DtCorpus.Directory, "src", "include"),
        Path.Combine(DtCorpus.Directory, "src", "scripts", "dtc", "include-prefixes"),
    };

    public static string[] CppArgs(string source) =>
        new[] { "-nostdinc" }
            .Concat(IncludeDirs(source).SelectMany(d => new[] { "-I", d }))
            .Concat(new[] { "-undef", "-D__DTS__", "-x", "assembler-with-cpp", source })
            .ToArray();

    /// <summary>dtc's options for the board (the compiler equals dtc 1.6.1; its own corpus tests hold that).</summary>
    public static DtcOptions DtcOptions(string source, bool preprocess)
    {
        var o = new DtcOptions { BootCpu = 0 };
        o.IncludeDirs.Add(Path.GetDirectoryName(source)!);
        o.IncludeDirs.Add(Path.Combine(DtCorpus.Directory, "src", "scripts", "dtc", "include-prefixes"));
        foreach (var w in new[] { "no-interrupt_provider", "no-unit_address_vs_reg", "no-avoid_unnecessary_addr_size", "no-alias_paths",
                     "no-graph_child_address", "no-simple_bus_reg", "no-unique_unit_address" })
            o.Warning(w);
        if (preprocess) o.Preprocess = PreprocessorOptions(source);
        return o;
    }

    public static PreprocessorOptions PreprocessorOptions(string source)
    {
        var p = new PreprocessorOptions();
        p.IncludeDirs.AddRange(IncludeDirs(source));
        return p;
    }

    /// <summary>Every raw board source (.dts, .dtso) of arch/arm and arch/arm64, sorted; sampled unless XSHM_DT_CORPUS=full.</summary>
    public static IReadOnlyList<string> RawSources()
    {
        string src = Path.Combine(DtCorpus.Directory, "src");
        if (!Directory.Exists(Path.Combine(src, "arch")))
        {
            string message = $"device-tree corpus not found in {DtCorpus.Directory}: run `{DtCorpus.FetchCommand}` (or set XSHM_DT_CORPUS_DIR)";
            if (ExternalTool.IsCi) Assert.Fail(message);
            Assert.Inconclusive(message);
        }
        var all = new[] { "arch/arm/boot/dts", "arch/arm64/boot/dts" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(src, d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".dts", StringComparison.Ordinal) || f.EndsWith(".dtso", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        return DtCorpus.Sample(all);
    }
}
