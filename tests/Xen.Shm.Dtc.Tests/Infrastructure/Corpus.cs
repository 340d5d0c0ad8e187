namespace Xen.Shm.Dtc.Tests.Infrastructure;

/// <summary>
/// The Linux 6.1 device-tree corpus made by corpus/fetch-corpus.sh, kept outside the repository
/// (XSHM_DT_CORPUS_DIR, default ~/.cache/xen-shm-sdk/dt-corpus). Missing: CI fails, elsewhere inconclusive.
/// </summary>
public static class Corpus
{
    public const string FetchCommand = "bash tests/Xen.Shm.Dtc.Tests/corpus/fetch-corpus.sh";

    /// <summary>Minimum sample size; XSHM_DT_CORPUS=full takes every file.</summary>
    public const int SampleSize = 300;

    public static string Directory
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("XSHM_DT_CORPUS_DIR");
            if (!string.IsNullOrEmpty(env)) return env;
            string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "xen-shm-sdk", "dt-corpus");
        }
    }

    public static bool Full => string.Equals(Environment.GetEnvironmentVariable("XSHM_DT_CORPUS"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>The kernel tree's folder (arch/, include/, scripts/dtc/include-prefixes).</summary>
    public static string SourceTree => Path.Combine(Directory, "src");

    /// <summary>
    /// RAW board sources (.dts, .dtso of arch/arm and arch/arm64; absolute paths), sorted; sampled
    /// unless full. Tests preprocess them with our preprocessor (<see cref="PreprocessedCorpus"/>).
    /// </summary>
    public static IReadOnlyList<string> Sources() => Sample(AllSources());

    /// <summary>Every raw board source, sorted (2,282 in Linux 6.1).</summary>
    public static IReadOnlyList<string> AllSources()
    {
        if (!System.IO.Directory.Exists(Path.Combine(SourceTree, "arch"))) NotFetched();
        return new[] { "arch/arm/boot/dts", "arch/arm64/boot/dts" }
            .SelectMany(d => System.IO.Directory.EnumerateFiles(Path.Combine(SourceTree, d), "*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".dts", StringComparison.Ordinal) || f.EndsWith(".dtso", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Shipped arm64 DTBs (absolute paths), sorted; sampled unless full.</summary>
    public static IReadOnlyList<string> Dtbs() => Sample(Require("dtbs.txt", "dtb"));

    /// <summary>Every shipped DTB, sorted.</summary>
    public static IReadOnlyList<string> AllDtbs() => Require("dtbs.txt", "dtb");

    /// <summary>A fixed stride over the sorted list, so every run tests the same files.</summary>
    public static IReadOnlyList<string> Sample(IReadOnlyList<string> all)
    {
        if (Full || all.Count <= SampleSize) return all;
        int stride = all.Count / SampleSize;
        var picked = new List<string>();
        for (int i = 0; i < all.Count && picked.Count < SampleSize + 1; i += stride) picked.Add(all[i]);
        return picked;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void NotFetched()
    {
        string message = $"device-tree corpus not found in {Directory}: run `{FetchCommand}` (or set XSHM_DT_CORPUS_DIR)";
        if (ExternalTool.IsCi) Assert.Fail(message);
        Assert.Inconclusive(message);
        throw new InvalidOperationException(message);
    }

    private static IReadOnlyList<string> Require(string list, string folder)
    {
        string file = Path.Combine(Directory, list);
        if (!File.Exists(file)) NotFetched();
        return File.ReadAllLines(file)
            .Where(l => l.Length > 0)
            .OrderBy(l => l, StringComparer.Ordinal)
            .Select(l => Path.Combine(Directory, folder, l))
            .ToList();
    }
}
