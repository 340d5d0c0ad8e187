using Xen.Shm.Devicetree;
using Xen.Shm.Dtc.Tests.Infrastructure;
using DtCorpus = Xen.Shm.Dtc.Tests.Infrastructure.Corpus;
using Xen.Shm.Preprocessor;

namespace Xen.Shm.Preprocessor.Tests.Infrastructure;

/// <summary>
/// Kbuild 6.1's two steps for a board source (scripts/Makefile.lib): cpp with dtc_cpp_flags, then dtc
/// with -b 0 -i &lt;src dir&gt; -i scripts/dtc/include-prefixes. The -I list is the compiler tests' (PreprocessedCorpus).
/// </summary>
public static class Kbuild
{
    public static string RequireCpp() => ExternalTool.Require("cpp", "apt-get install cpp (GCC 12, Debian 12)");

    public static string[] IncludeDirs(string source) => PreprocessedCorpus.IncludeDirs(source);

    public static string[] CppArgs(string source) =>
        new[] { "-nostdinc" }
            .Concat(IncludeDirs(source).SelectMany(d => new[] { "-I", d }))
            .Concat(new[] { "-undef", "-D__DTS__", "-x", "assembler-with-cpp", source })
            .ToArray();

    /// <summary>Real dtc's Kbuild command line for the board, without the input (the compiler tests' own).</summary>
    public static string[] DtcArgs(string source) => new[] { "-q" }.Concat(KbuildDtc.Args(source)).ToArray();

    /// <summary>dtc's options for the board (the compiler equals dtc 1.6.1; its own corpus tests hold that).</summary>
    public static DtcOptions DtcOptions(string source, bool preprocess)
    {
        var o = KbuildDtc.Options(source);
        if (preprocess) o.Preprocess = PreprocessorOptions(source);
        return o;
    }

    public static PreprocessorOptions PreprocessorOptions(string source)
    {
        var p = new PreprocessorOptions();
        p.IncludeDirs.AddRange(IncludeDirs(source));
        return p;
    }

    /// <summary>Every raw board source (.dts, .dtso) of arch/arm and arch/arm64, sorted; sampled unless XSHM_DT_CORPUS=full (the compiler's corpus tests use the same sample).</summary>
    public static IReadOnlyList<string> RawSources() => DtCorpus.Sources();
}
