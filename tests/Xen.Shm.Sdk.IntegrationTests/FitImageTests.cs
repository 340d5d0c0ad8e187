using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// XenShmFitImage=true: the sample board's &lt;image&gt;.itb read back with U-Boot's own tools (Debian
/// u-boot-tools 2023.01): <c>mkimage -l</c> lists every image, <c>dumpimage -T flat_dt -p N</c> extracts each
/// byte-identical to the file it came from, and the sha256 mkimage prints is the extracted data's.
/// </summary>
[TestClass]
public sealed partial class FitImageTests : BoardTestBase
{
    private const string Fit = "mmio-sram.itb";

    [TestMethod]
    public void SampleBoard_FitListsAndExtractsEveryBootFileByteIdentical()
    {
        var (mkimage, dumpimage) = Tools();
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Build("-p:XenShmFitImage=true").AssertSucceeded();

        var images = List(mkimage, Path.Combine(board.BootDirectory, Fit));
        var manifest = ManifestJson.AssertDescribesFolder(board.BootDirectory).ToDictionary(e => e.Path);
        Assert.IsNotNull(manifest[Fit].LoadAddress, "the .itb has its load address in manifest.json");
        Assert.IsTrue(manifest.ContainsKey("boot-fit.scr") && manifest.ContainsKey("boot-fit.source"));

        // Every file boot.scr loads (xen.uimg replaced by the raw Xen) is one FIT image at the same address.
        var loaded = manifest.Values.Where(e => e.LoadAddress is not null && e.Path is not ("boot.scr" or "boot-fit.scr" or "xen.uimg" or Fit)).ToList();
        Assert.HasCount(loaded.Count + 1, images, string.Join(", ", images.Select(i => i.Name)));
        foreach (var image in images)
        {
            string extracted = Path.Combine(board.Directory, "fit-" + image.Index.ToString(CultureInfo.InvariantCulture));
            var dump = ExternalTool.Run(dumpimage, "-T", "flat_dt", "-p", image.Index.ToString(CultureInfo.InvariantCulture), "-o", extracted, Path.Combine(board.BootDirectory, Fit));
            Assert.AreEqual(0, dump.ExitCode, dump.Stderr);
            byte[] data = File.ReadAllBytes(extracted);
            Assert.AreEqual(image.Sha256, Convert.ToHexStringLower(SHA256.HashData(data)), $"{image.Name}: hash node = sha256 of its data");
            string source = image.Name == "xen"
                ? Path.Combine(board.Directory, "images", "xen")
                : Path.Combine(board.BootDirectory, loaded.Single(e => e.LoadAddress == image.Load).Path);
            CollectionAssert.AreEqual(File.ReadAllBytes(source), data, $"{image.Name} extracted = {source}");
        }

        // Xen runs where the uImage route's bootm puts it (xen.uimg's load/entry address).
        var xen = images.Single(i => i.Name == "xen");
        Assert.AreEqual("Kernel Image", xen.Type);
        var uimg = ExternalTool.Run(mkimage, "-l", Path.Combine(board.BootDirectory, "xen.uimg"));
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(uimg.Stdout), "Load Address: " + xen.Load[2..].PadLeft(8, '0'));
        Assert.AreEqual("Flat Device Tree", images.Single(i => i.Load == manifest["host.dtb"].LoadAddress).Type);
    }

    [TestMethod]
    public void SampleBoard_CorruptedFit_MkimageRefusesAndHashMismatchShows()
    {
        var (mkimage, dumpimage) = Tools();
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Build("-p:XenShmFitImage=true").AssertSucceeded();
        byte[] fit = File.ReadAllBytes(Path.Combine(board.BootDirectory, Fit));
        var images = List(mkimage, Path.Combine(board.BootDirectory, Fit));

        // A flipped magic byte (not a device tree), and a flipped byte in the strings block that turns the
        // mandatory "timestamp" into another name (U-Boot's fit_check_format): `mkimage -l -T flat_dt` refuses both.
        // The good FIT passes the same check (List above), so the check can tell.
        int timestamp = IndexOf(fit, "timestamp\0"u8.ToArray());
        foreach (var (name, offset) in new[] { ("bad-magic", 0), ("bad-timestamp", timestamp) })
        {
            string bad = Path.Combine(board.Directory, name + ".itb");
            File.WriteAllBytes(bad, Flip(fit, offset, 0x20));
            var list = ExternalTool.Run(mkimage, "-l", "-T", "flat_dt", bad);
            Assert.AreNotEqual(0, list.ExitCode, $"mkimage -l must refuse {name}");
            StringAssert.Contains(list.Stderr, "verify_header failed for FIT Image support", name);
        }

        // A flipped byte inside Xen's data: still listed, but the data no longer matches its hash node.
        byte[] xen = File.ReadAllBytes(Path.Combine(board.Directory, "images", "xen"));
        int at = IndexOf(fit, xen);
        Assert.IsGreaterThanOrEqualTo(0, at, "Xen's bytes are embedded in the FIT");
        Assert.IsGreaterThan(0, timestamp);
        string badData = Path.Combine(board.Directory, "bad-data.itb");
        File.WriteAllBytes(badData, Flip(fit, at + xen.Length / 2));
        var xenImage = images.Single(i => i.Name == "xen");
        string extracted = Path.Combine(board.Directory, "xen.extracted");
        var dump = ExternalTool.Run(dumpimage, "-T", "flat_dt", "-p", xenImage.Index.ToString(CultureInfo.InvariantCulture), "-o", extracted, badData);
        Assert.AreEqual(0, dump.ExitCode, dump.Stderr);
        Assert.AreNotEqual(xenImage.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(extracted))));
    }

    [TestMethod]
    public void SampleBoard_FitManifestIncrementalAndDeterministic()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Build("-p:XenShmFitImage=true").AssertSucceeded();
        string fit = Path.Combine(board.BootDirectory, Fit);
        byte[] first = File.ReadAllBytes(fit);
        var written = File.GetLastWriteTimeUtc(Path.Combine(board.IntermediateDirectory, "generated", Fit));

        var again = board.Build("-p:XenShmFitImage=true");
        again.AssertSucceeded();
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(Path.Combine(board.IntermediateDirectory, "generated", Fit)), "no rewrite when nothing changed");
        StringAssert.Contains(again.DetailedLog, "Skipping target \"XenShmWriteFitImage\"");

        // Same inputs, same bytes, also from a clean build (timestamp 0 without SOURCE_DATE_EPOCH).
        board.Clean("-p:XenShmFitImage=true").AssertSucceeded();
        board.Build("-p:XenShmFitImage=true").AssertSucceeded();
        CollectionAssert.AreEqual(first, File.ReadAllBytes(fit));

        // Turned off: the FIT files leave the boot folder and manifest.json.
        board.Build().AssertSucceeded();
        Assert.IsFalse(File.Exists(fit));
        Assert.IsFalse(ManifestJson.ReadFolder(board.BootDirectory).Any(e => e.Path.Contains("fit", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void FitWithBootiRoute_PositionedErrorAndNoItb()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        var run = board.Build("-p:XenShmFitImage=true", "-p:XenShmBootCommand=booti");
        run.AssertFailed();
        var lines = run.DiagnosticLines("XSHM5041");
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.StartsWith(lines[0], board.ProjectPath);
        Assert.IsFalse(File.Exists(Path.Combine(board.IntermediateDirectory, "generated", Fit)));
        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, Fit)));
    }

    [TestMethod]
    public void FitPropertyNotBoolean_PositionedError()
    {
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        // MSBuild itself reads yes/on/no/off as booleans in conditions, so those are accepted.
        var run = board.Build("-p:XenShmFitImage=maybe");
        run.AssertFailed();
        var lines = run.DiagnosticLines("XSHM5040");
        Assert.HasCount(1, lines, run.ToString());
        StringAssert.StartsWith(lines[0], board.ProjectPath);
    }

    private sealed record FitImage(int Index, string Name, string Type, string Load, string Sha256);

    private (string Mkimage, string Dumpimage) Tools() =>
        (ExternalTool.Require("mkimage", "apt-get install u-boot-tools"), ExternalTool.Require("dumpimage", "apt-get install u-boot-tools"));

    /// <summary><c>mkimage -l</c>'s image blocks: " Image N (name)" then "  Type:", "  Load Address:", "  Hash value:".</summary>
    private static List<FitImage> List(string mkimage, string fit)
    {
        var run = ExternalTool.Run(mkimage, "-l", "-T", "flat_dt", fit);
        string text = System.Text.Encoding.UTF8.GetString(run.Stdout);
        Assert.AreEqual(0, run.ExitCode, text + run.Stderr);
        var images = new List<FitImage>();
        foreach (Match m in ImageBlock().Matches(text))
        {
            images.Add(new FitImage(int.Parse(m.Groups["i"].Value, CultureInfo.InvariantCulture), m.Groups["name"].Value, m.Groups["type"].Value.Trim(),
                "0x" + m.Groups["load"].Value.TrimStart('0').ToLowerInvariant(), m.Groups["hash"].Value));
        }

        Assert.IsNotEmpty(images, text);
        return images;
    }

    [GeneratedRegex(@"^ Image (?<i>\d+) \((?<name>[^)]+)\)\n(?:  (?!Type:).*\n)*  Type:\s+(?<type>[^\n]+)\n(?:  (?!Load Address:).*\n)*  Load Address: 0x(?<load>[0-9a-fA-F]+)\n(?:  (?!Hash value:).*\n)*  Hash value:\s+(?<hash>[0-9a-f]{64})", RegexOptions.Multiline)]
    private static partial Regex ImageBlock();

    private static byte[] Flip(byte[] bytes, int at, byte mask = 0xFF)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= mask;
        return copy;
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
