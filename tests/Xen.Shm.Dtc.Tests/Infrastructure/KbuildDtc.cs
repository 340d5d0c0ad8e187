using Xen.Shm.Devicetree;

namespace Xen.Shm.Dtc.Tests.Infrastructure;

/// <summary>
/// The dtc command line Kbuild 6.1 uses for board files (scripts/Makefile.lib cmd_dtc and DTC_FLAGS):
/// `-I dts -O dtb -b 0 -i &lt;src dir&gt; -i scripts/dtc/include-prefixes` plus the default -Wno- set,
/// for a RAW source (its folder is dtc's -i; the input is its preprocessed file, <see cref="PreprocessedCorpus"/>).
/// Warnings never change bytes; they keep stderr short.
/// </summary>
public static class KbuildDtc
{
    public static readonly string[] Warnings =
    {
        "no-interrupt_provider", "no-unit_address_vs_reg", "no-avoid_unnecessary_addr_size", "no-alias_paths",
        "no-graph_child_address", "no-simple_bus_reg", "no-unique_unit_address",
    };

    public static string[] Args(string source) =>
        new[] { "-I", "dts", "-O", "dtb", "-b", "0", "-i", Path.GetDirectoryName(source)!, "-i", Path.Combine(Corpus.SourceTree, "scripts", "dtc", "include-prefixes") }
            .Concat(Warnings.Select(w => "-W" + w))
            .ToArray();

    public static DtcOptions Options(string source)
    {
        var o = new DtcOptions { BootCpu = 0 };
        o.IncludeDirs.Add(Path.GetDirectoryName(source)!);
        o.IncludeDirs.Add(Path.Combine(Corpus.SourceTree, "scripts", "dtc", "include-prefixes"));
        foreach (var w in Warnings) o.Warning(w);
        return o;
    }
}
