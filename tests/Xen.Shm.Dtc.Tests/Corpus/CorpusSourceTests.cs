using System.Collections.Concurrent;
using Xen.Shm.Devicetree;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Corpus;

/// <summary>
/// Linux 6.1 arm/arm64 board sources from their RAW .dts, Kbuild's cpp step done by our preprocessor
/// (no native cpp: <see cref="PreprocessedCorpus"/>): real dtc and our library, same flags, on that
/// text must agree on exit code and bytes. A fixed stride sample of >= 300 of the 2,282 sorted files;
/// XSHM_DT_CORPUS=full runs every file.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class CorpusSourceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void BoardSourcesCompileToDtcsBytes()
    {
        string dtc = ExternalTool.RequireDtc();
        var files = Infrastructure.Corpus.Sources();
        var mismatches = new ConcurrentBag<string>();
        int identical = 0, stderrSame = 0;

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var real = RealDtc(dtc, file);
            var ours = Devicetree.Dtc.Compile(PreprocessedCorpus.Of(file), KbuildDtc.Options(file));
            byte[] ourBytes = ours.ExitCode == 0 ? ours.Output ?? Array.Empty<byte>() : Array.Empty<byte>();
            byte[] realBytes = real.ExitCode == 0 ? real.Stdout : Array.Empty<byte>();
            if (real.ExitCode == ours.ExitCode && realBytes.AsSpan().SequenceEqual(ourBytes))
                Interlocked.Increment(ref identical);
            else
                mismatches.Add($"{Rel(file)}: dtc exit {real.ExitCode} {realBytes.Length} B, ours exit {ours.ExitCode} {ourBytes.Length} B" +
                    (ours.ExitCode != 0 ? " — " + FirstLine(ours.StandardError) : "") + (real.ExitCode != 0 ? " — dtc: " + FirstLine(real.Stderr) : ""));
            if (real.Stderr == ours.StandardError) Interlocked.Increment(ref stderrSame);
        });

        Report($"raw corpus sources, preprocessed by ours: {identical}/{files.Count} identical (exit code and bytes) to dtc -I dts -O dtb; " +
               $"stderr identical for {stderrSame}/{files.Count}{(Infrastructure.Corpus.Full ? " [full]" : " [sample]")}");
        foreach (var m in mismatches.OrderBy(m => m, StringComparer.Ordinal).Take(40)) Report("  differs: " + m);
        Assert.AreEqual(files.Count, identical, $"{mismatches.Count} source(s) differ from dtc; first: {mismatches.OrderBy(m => m, StringComparer.Ordinal).FirstOrDefault()}");
    }

    /// <summary>The same sample through the native xdtc, one process per file as Kbuild runs it (issue 21).</summary>
    [TestMethod]
    public void BoardSourcesThroughNativeXdtcMatchDtc()
    {
        string dtc = ExternalTool.RequireDtc();
        string xdtc = Native.NativeXdtc.Require();
        var files = Infrastructure.Corpus.Sources();
        var mismatches = new ConcurrentBag<string>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var real = RealDtc(dtc, file);
            var ours = ExternalTool.Run(xdtc, KbuildDtc.Args(file).Append(PreprocessedCorpus.Of(file)));
            if (real.ExitCode != ours.ExitCode || real.Stderr != ours.Stderr || !real.Stdout.AsSpan().SequenceEqual(ours.Stdout))
                mismatches.Add($"{Rel(file)}: dtc exit {real.ExitCode} {real.Stdout.Length} B, native xdtc exit {ours.ExitCode} {ours.Stdout.Length} B {FirstLine(ours.Stderr)}");
        });
        Report($"corpus sources through native xdtc: {files.Count - mismatches.Count}/{files.Count} identical to dtc (exit code, stderr, bytes)");
        Assert.AreEqual(0, mismatches.Count, $"first: {mismatches.OrderBy(m => m, StringComparer.Ordinal).FirstOrDefault()}");
    }

    // Real dtc's run of each sample file, shared by both tests (the reference is the same; CI time).
    private static readonly ConcurrentDictionary<string, Lazy<ToolRun>> DtcRuns = new(StringComparer.Ordinal);

    private static ToolRun RealDtc(string dtc, string file) =>
        DtcRuns.GetOrAdd(file, f => new Lazy<ToolRun>(() => ExternalTool.Run(dtc, KbuildDtc.Args(f).Append(PreprocessedCorpus.Of(f))))).Value;

    private void Report(string line)
    {
        Console.WriteLine(line);
        TestContext.WriteLine(line);
    }

    internal static string Rel(string path) => Path.GetRelativePath(Infrastructure.Corpus.Directory, path);

    internal static string FirstLine(string text)
    {
        int nl = text.IndexOf('\n');
        return nl < 0 ? text : text.Substring(0, nl);
    }
}
