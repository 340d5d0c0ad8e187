using System.Collections.Concurrent;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Corpus;

/// <summary>The .dtb files Debian ships in linux-image-*-arm64-unsigned, against real dtc.</summary>
[TestClass]
[DoNotParallelize]
public sealed class CorpusDtbTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>
    /// Every shipped DTB (not a sample). Reader then FDT writer must give the input blob back whenever
    /// the blob is in dtc's own layout (dtc -I dtb -O dtb reproduces it). Some shipped blobs were
    /// merged by fdtoverlay (libfdt: other strings order, no suffix sharing); for those, and for the
    /// sample (every blob with XSHM_DT_CORPUS=full), our whole -I dtb -O dtb must equal dtc's.
    /// </summary>
    [TestMethod]
    public void EveryShippedDtbRoundTripsThroughReaderAndWriter()
    {
        string dtc = ExternalTool.RequireDtc();
        var files = Infrastructure.Corpus.AllDtbs();
        var pipelineSample = new HashSet<string>(Infrastructure.Corpus.Sample(files), StringComparer.Ordinal);
        var failures = new ConcurrentBag<string>();
        int roundTrips = 0, dtcLayout = 0, sameAsDtc = 0, pipelineChecked = 0;
        Parallel.ForEach(files, file =>
        {
            byte[] blob = File.ReadAllBytes(file);
            var bag = new DiagnosticBag();
            var tree = DtbReader.Read(blob, file, bag);
            if (tree == null)
            {
                failures.Add($"{CorpusSourceTests.Rel(file)}: not read: {string.Join("; ", bag)}");
                return;
            }
            byte[] back = FdtWriter.Write(tree);
            var real = ExternalTool.Run(dtc, new[] { "-q", "-I", "dtb", "-O", "dtb", file });
            bool inDtcLayout = real.ExitCode == 0 && real.Stdout.AsSpan().SequenceEqual(blob);
            if (inDtcLayout) Interlocked.Increment(ref dtcLayout);
            if (back.AsSpan().SequenceEqual(blob)) Interlocked.Increment(ref roundTrips);
            else if (inDtcLayout)
                failures.Add($"{CorpusSourceTests.Rel(file)}: {blob.Length} B in, {back.Length} B out, first difference at 0x{FirstDifference(blob, back):x}");

            if (inDtcLayout && !pipelineSample.Contains(file)) return;
            Interlocked.Increment(ref pipelineChecked);
            var ours = Devicetree.Dtc.Compile(file, new DtcOptions { InputFormat = DtcInputFormat.Dtb, Quiet = 1 });
            if (ours.ExitCode == real.ExitCode && (ours.Output ?? Array.Empty<byte>()).AsSpan().SequenceEqual(real.ExitCode == 0 ? real.Stdout : Array.Empty<byte>()))
                Interlocked.Increment(ref sameAsDtc);
            else
                failures.Add($"{CorpusSourceTests.Rel(file)}: -I dtb -O dtb: dtc exit {real.ExitCode} {real.Stdout.Length} B, ours exit {ours.ExitCode} {ours.Output?.Length ?? 0} B");
        });
        Report($"shipped DTBs: {roundTrips}/{files.Count} identical after DtbReader → FdtWriter " +
               $"({dtcLayout} are in dtc's own layout, the rest were merged by fdtoverlay); " +
               $"-I dtb -O dtb identical to dtc for {sameAsDtc}/{pipelineChecked} checked");
        foreach (var m in failures.OrderBy(m => m, StringComparer.Ordinal).Take(40)) Report("  differs: " + m);
        Assert.AreEqual(0, failures.Count, failures.OrderBy(m => m, StringComparer.Ordinal).FirstOrDefault());
        Assert.IsTrue(roundTrips >= dtcLayout);
        Assert.AreEqual(pipelineChecked, sameAsDtc);
    }

    /// <summary>
    /// Our DTS writer against `dtc -I dtb -O dts`: equal text, except where dtc's text does not
    /// re-read to the blob (spec §15) — there our text must re-read to the blob and dtc's must not.
    /// </summary>
    [TestMethod]
    public void DtsWriterMatchesDtcDecompiler()
    {
        string dtc = ExternalTool.RequireDtc();
        var files = Infrastructure.Corpus.Dtbs();
        var failures = new ConcurrentBag<string>();
        int identical = 0, deviations = 0;
        Parallel.ForEach(files, file =>
        {
            byte[] blob = File.ReadAllBytes(file);
            var real = ExternalTool.Run(dtc, new[] { "-q", "-I", "dtb", "-O", "dts", file });
            var tree = DtbReader.Read(blob, file, new DiagnosticBag());
            string ours = tree == null ? "" : DtsWriter.Write(tree);
            if (real.ExitCode == 0 && real.StdoutText == ours)
            {
                Interlocked.Increment(ref identical);
                return;
            }
            // Allowed only where dtc's own text is wrong: ours re-reads to the blob, dtc's does not.
            byte[] fromOurs = CompileText(dtc, ours);
            byte[] fromDtcs = CompileText(dtc, real.StdoutText);
            if (fromOurs.AsSpan().SequenceEqual(blob) && !fromDtcs.AsSpan().SequenceEqual(blob))
                Interlocked.Increment(ref deviations);
            else
                failures.Add($"{CorpusSourceTests.Rel(file)}: text differs from dtc's (ours re-reads {(fromOurs.AsSpan().SequenceEqual(blob) ? "to" : "NOT to")} the blob)");
        });
        Report($"shipped DTBs: DtsWriter text identical to dtc -I dtb -O dts for {identical}/{files.Count}; " +
               $"{deviations} differ only where dtc's text re-reads to other bytes (spec §15){(Infrastructure.Corpus.Full ? " [full]" : " [sample]")}");
        foreach (var f in failures.OrderBy(f => f, StringComparer.Ordinal).Take(40)) Report("  " + f);
        Assert.AreEqual(files.Count, identical + deviations);
    }

    /// <summary>dtc decompiles each blob; then dtc and our library compile that text: same exit code and bytes.</summary>
    [TestMethod]
    public void DecompiledDtbsRecompileLikeDtc()
    {
        string dtc = ExternalTool.RequireDtc();
        var files = Infrastructure.Corpus.Dtbs();
        var failures = new ConcurrentBag<string>();
        int identical = 0;
        Parallel.ForEach(files, file =>
        {
            var text = ExternalTool.Run(dtc, new[] { "-q", "-I", "dtb", "-O", "dts", file });
            using var dir = new TempFolder();
            string dts = Path.Combine(dir.Path, Path.GetFileNameWithoutExtension(file) + ".dts");
            File.WriteAllBytes(dts, text.Stdout);
            var real = ExternalTool.Run(dtc, new[] { "-q", "-I", "dts", "-O", "dtb", dts });
            var ours = Devicetree.Dtc.Compile(dts, new DtcOptions { Quiet = 1 });
            byte[] ourBytes = ours.ExitCode == 0 ? ours.Output ?? Array.Empty<byte>() : Array.Empty<byte>();
            byte[] realBytes = real.ExitCode == 0 ? real.Stdout : Array.Empty<byte>();
            if (real.ExitCode == ours.ExitCode && realBytes.AsSpan().SequenceEqual(ourBytes)) Interlocked.Increment(ref identical);
            else failures.Add($"{CorpusSourceTests.Rel(file)}: dtc exit {real.ExitCode} {realBytes.Length} B, ours exit {ours.ExitCode} {ourBytes.Length} B {CorpusSourceTests.FirstLine(ours.StandardError)}");
        });
        Report($"shipped DTBs: decompiled by dtc, recompiled: {identical}/{files.Count} identical (exit code and bytes){(Infrastructure.Corpus.Full ? " [full]" : " [sample]")}");
        foreach (var f in failures.OrderBy(f => f, StringComparer.Ordinal).Take(40)) Report("  differs: " + f);
        Assert.AreEqual(files.Count, identical);
    }

    private static byte[] CompileText(string dtc, string text)
    {
        using var dir = new TempFolder();
        string path = dir.Write("x.dts", text);
        var run = ExternalTool.Run(dtc, new[] { "-q", "-I", "dts", "-O", "dtb", path });
        return run.ExitCode == 0 ? run.Stdout : Array.Empty<byte>();
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++) if (a[i] != b[i]) return i;
        return n;
    }

    private void Report(string line)
    {
        Console.WriteLine(line);
        TestContext.WriteLine(line);
    }
}
