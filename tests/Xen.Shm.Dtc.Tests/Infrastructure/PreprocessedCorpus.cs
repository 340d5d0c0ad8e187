using System.Collections.Concurrent;
using Xen.Shm.Preprocessor;

namespace Xen.Shm.Dtc.Tests.Infrastructure;

/// <summary>
/// Kbuild's cpp step done by our preprocessor (issue 15), so the compiler's corpus tests need no
/// native cpp: a raw board source preprocessed with Kbuild 6.1's flags (scripts/Makefile.lib
/// dtc_cpp_flags: -nostdinc -I&lt;source dir&gt; -I include -I scripts/dtc/include-prefixes -undef
/// -D__DTS__) into a file, as Kbuild's .dtc-tmp, that real dtc, xdtc and the library all read.
/// Each source once per test run, in a temp folder removed at the end. That this text is cpp's (as
/// DTBs) is tests/Xen.Shm.Preprocessor.Tests' job, where cpp stays the reference.
/// </summary>
public static class PreprocessedCorpus
{
    private static readonly Lazy<string> Root = new(() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "xdtc-corpus-pp-" + Guid.NewGuid().ToString("N"))).FullName);

    private static readonly ConcurrentDictionary<string, Lazy<string>> Files = new(StringComparer.Ordinal);

    /// <summary>The -I list Kbuild passes for <paramref name="source"/> (the -I list of fetch-corpus.sh's cpp step too).</summary>
    public static string[] IncludeDirs(string source) => new[]
    {
        Path.GetDirectoryName(source)!,
        Path.Combine(Corpus.SourceTree, "include"),
        Path.Combine(Corpus.SourceTree, "scripts", "dtc", "include-prefixes"),
    };

    /// <summary>The preprocessed file of a raw source (same relative path under the temp folder); fails the test if the preprocessor reports an error.</summary>
    public static string Of(string source) => Files.GetOrAdd(source, s => new Lazy<string>(() => Write(s))).Value;

    /// <summary>Removes the temp folder (the test assembly's cleanup).</summary>
    public static void Delete()
    {
        if (!Root.IsValueCreated) return;
        try { Directory.Delete(Root.Value, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Write(string source)
    {
        var options = new PreprocessorOptions();
        options.IncludeDirs.AddRange(IncludeDirs(source));
        var result = DtsPreprocessor.Run(source, options);
        if (result.HasErrors)
            Assert.Fail($"{Path.GetRelativePath(Corpus.Directory, source)}: our preprocessor fails: {result.Diagnostics.First(d => d.IsError)}");
        string file = Path.Combine(Root.Value, Path.GetRelativePath(Corpus.SourceTree, source));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, result.Output);
        return file;
    }
}
