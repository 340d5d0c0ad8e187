using System.Collections.Concurrent;
using Xen.Shm.Devicetree;
using Xen.Shm.Dtc.Tests.Infrastructure;
using DtCorpus = Xen.Shm.Dtc.Tests.Infrastructure.Corpus;
using Xen.Shm.Preprocessor.Tests.Infrastructure;

namespace Xen.Shm.Preprocessor.Tests.Corpus;

/// <summary>
/// Linux 6.1 arm/arm64 board sources from their RAW .dts: our preprocessor + compiler in one call must
/// give the bytes (and exit code) of the Kbuild flow, Debian's cpp then real dtc 1.6.1 on its output
/// (cpp is the reference here only; the compiler's corpus tests preprocess with ours). A fixed stride
/// sample of >= 300 files over all vendors; XSHM_DT_CORPUS=full runs all 2,282.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class CorpusPreprocessTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void RawBoardSourcesCompileToCppsBytes()
    {
        string cpp = Kbuild.RequireCpp();
        string dtc = ExternalTool.RequireDtc();
        var files = Kbuild.RawSources();
        var mismatches = new ConcurrentBag<string>();
        int identical = 0;
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var real = ExternalTool.Run(cpp, Kbuild.CppArgs(file));
            var reference = real.ExitCode == 0 ? ExternalTool.Run(dtc, Kbuild.DtcArgs(file).Append("-"), stdin: real.Stdout) : null;
            var ours = Devicetree.Dtc.Compile(file, Kbuild.DtcOptions(file, preprocess: true));
            int refExit = reference?.ExitCode ?? 1;
            byte[] refBytes = reference?.ExitCode == 0 ? reference.Stdout : Array.Empty<byte>();
            byte[] ourBytes = ours.ExitCode == 0 ? ours.Output ?? Array.Empty<byte>() : Array.Empty<byte>();
            if (refExit == ours.ExitCode && refBytes.AsSpan().SequenceEqual(ourBytes)) Interlocked.Increment(ref identical);
            else mismatches.Add($"{Path.GetRelativePath(DtCorpus.Directory, file)}: cpp + dtc exit {refExit} {refBytes.Length} B, ours exit {ours.ExitCode} {ourBytes.Length} B — " +
                                FirstLine(ours.StandardError) + (real.ExitCode != 0 ? " — cpp: " + FirstLine(real.Stderr) : ""));
        });
        Report($"raw corpus: {identical}/{files.Count} identical DTBs (exit code and bytes) to cpp + dtc{(DtCorpus.Full ? " [full]" : " [sample]")}");
        foreach (var m in mismatches.OrderBy(m => m, StringComparer.Ordinal).Take(40)) Report("  differs: " + m);
        Assert.AreEqual(files.Count, identical, $"{mismatches.Count} differ; first: {mismatches.OrderBy(m => m, StringComparer.Ordinal).FirstOrDefault()}");
    }

    private void Report(string line)
    {
        Console.WriteLine(line);
        TestContext.WriteLine(line);
    }

    private static string FirstLine(string text)
    {
        int nl = text.IndexOf('\n');
        return nl < 0 ? text : text.Substring(0, nl);
    }
}
