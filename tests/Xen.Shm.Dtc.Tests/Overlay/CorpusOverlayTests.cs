using System.Text.RegularExpressions;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Overlay;

/// <summary>
/// The overlays Linux 6.1 ships (sources with /plugin/) on the boards its Makefiles combine them with
/// (`name-dtbs := base.dtb overlay.dtbo` lines), each preprocessed by ours and compiled by real dtc
/// with -@ as Kbuild does:
/// our applier must give fdtoverlay's output byte for byte, alone and chained.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class CorpusOverlayTests
{
    private static readonly Regex Combination = new(@"^\s*[\w.,+-]+-dtbs\s*:=\s*(?<files>[\w.,+-]+\.dtbo?(\s+[\w.,+-]+\.dtbo?)+)\s*$", RegexOptions.Multiline);

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void KernelOverlaysOnTheirBoardsAreFdtoverlaysBytes()
    {
        var combos = Combinations();
        if (combos.Count == 0) Prerequisite.Missing("no `-dtbs :=` overlay combinations in the corpus Makefiles: " + Infrastructure.Corpus.FetchCommand);
        var failures = new List<string>();
        int same = 0;
        foreach (var (name, files) in combos)
        {
            byte[] baseBlob = CompileReal(files[0]);
            var overlays = files.Skip(1).Select(CompileReal).ToList();
            var real = RealFdtoverlay.Run(baseBlob, overlays);
            var ours = RealFdtoverlay.Ours(baseBlob, overlays);
            Assert.IsNotNull(real.Blob, $"{name}: the kernel's own combination fails in fdtoverlay: {real.Error}");
            if (ours.Blob != null && ours.Blob.AsSpan().SequenceEqual(real.Blob)) same++;
            else failures.Add($"{name}: fdtoverlay {RealFdtoverlay.Describe(real)}, ours {RealFdtoverlay.Describe(ours)}" +
                              (ours.Blob != null ? $", first difference at 0x{RealFdtoverlay.FirstDifference(real.Blob, ours.Blob):x}" : ""));
        }
        TestContext.WriteLine($"{same}/{combos.Count} kernel overlay combinations identical to fdtoverlay");
        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    /// <summary>Every overlay of one base, applied in one fdtoverlay run: the second sees the first's phandles and symbols.</summary>
    [TestMethod]
    public void AllOverlaysOfABoardChainedAreFdtoverlaysOutcome()
    {
        var byBase = Combinations().GroupBy(c => c.Files[0]).Where(g => g.Count() > 1).ToList();
        if (byBase.Count == 0) Prerequisite.Missing("no board with two overlays in the corpus: " + Infrastructure.Corpus.FetchCommand);
        foreach (var group in byBase)
        {
            byte[] baseBlob = CompileReal(group.Key);
            var overlays = group.Select(c => CompileReal(c.Files[1])).ToList();
            var real = RealFdtoverlay.Run(baseBlob, overlays);
            var ours = RealFdtoverlay.Ours(baseBlob, overlays);
            string name = Path.GetFileName(group.Key) + " + " + overlays.Count + " overlays";
            Assert.IsTrue(RealFdtoverlay.SameFailure(real, ours), $"{name}: fdtoverlay {RealFdtoverlay.Describe(real)}, ours {RealFdtoverlay.Describe(ours)}");
            if (real.Blob != null)
                Assert.IsTrue(real.Blob.AsSpan().SequenceEqual(ours.Blob), $"{name}: first difference at 0x{RealFdtoverlay.FirstDifference(real.Blob, ours.Blob!):x}");
            TestContext.WriteLine($"{name}: {RealFdtoverlay.Describe(real)}");
        }
    }

    /// <summary>(combination name, raw sources: base first, then overlays), from arm64 Makefiles.</summary>
    private static List<(string Name, IReadOnlyList<string> Files)> Combinations()
    {
        string dts = Path.Combine(Infrastructure.Corpus.Directory, "src", "arch", "arm64", "boot", "dts");
        if (!Directory.Exists(dts)) Prerequisite.Missing("the Linux device-tree corpus is missing: " + Infrastructure.Corpus.FetchCommand);
        var list = new List<(string, IReadOnlyList<string>)>();
        foreach (string makefile in Directory.GetFiles(dts, "Makefile", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            string dir = Path.GetDirectoryName(makefile)!;
            foreach (Match m in Combination.Matches(File.ReadAllText(makefile)))
            {
                var files = Regex.Split(m.Groups["files"].Value.Trim(), @"\s+")
                    .Select(f => Path.Combine(dir, Path.ChangeExtension(f, ".dts"))).ToList();
                if (files.All(File.Exists)) list.Add((m.Value.Trim().Split(' ', '\t')[0], files));
            }
        }
        return list;
    }

    private static readonly Dictionary<string, byte[]> Compiled = new(StringComparer.Ordinal);

    /// <summary>Our preprocessor, then real dtc with Kbuild's flags and -@ (kernel overlay bases and overlays are built with symbols).</summary>
    private static byte[] CompileReal(string source)
    {
        if (Compiled.TryGetValue(source, out var blob)) return blob;
        var run = ExternalTool.Run(ExternalTool.RequireDtc(), new[] { "-q" }.Concat(KbuildDtc.Args(source)).Append("-@").Append(PreprocessedCorpus.Of(source)));
        Assert.AreEqual(0, run.ExitCode, $"{source}: {run.Stderr}");
        return Compiled[source] = run.Stdout;
    }
}
