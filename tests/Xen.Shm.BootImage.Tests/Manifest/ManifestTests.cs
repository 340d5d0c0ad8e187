using System.Diagnostics;
using Xen.Shm.BootImage.Manifest;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Manifest;

[TestClass]
public sealed class ManifestTests
{
    // FIPS 180-2 appendix B.1 test vector.
    private const string ShaOfAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    // SHA-256 of the empty message (FIPS 180-4 examples).
    private const string ShaOfEmpty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [TestMethod]
    public void Sha256_MatchesFipsVectors()
    {
        Assert.AreEqual(ShaOfAbc, ManifestEntry.ComputeSha256("abc"u8.ToArray()));
        Assert.AreEqual(ShaOfEmpty, ManifestEntry.ComputeSha256(Array.Empty<byte>()));
    }

    [TestMethod]
    public void FromFile_MatchesSha256sumTool()
    {
        string? tool = FindOnPath("sha256sum");
        if (tool is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("sha256sum not installed: apt-get install coreutils");
            Assert.Inconclusive("sha256sum not installed: apt-get install coreutils");
        }

        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("etc/xen"));
        var bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31 + 7)).ToArray();
        File.WriteAllBytes(dir.File("etc/xen/g.cfg"), bytes);

        var entry = ManifestEntry.FromFile(dir.Path, "etc\\xen\\g.cfg", null);
        Assert.AreEqual("etc/xen/g.cfg", entry.Path);
        Assert.AreEqual(70_000L, entry.Size);

        string output = ToolProcess.Check(tool!, new[] { dir.File("etc/xen/g.cfg") });
        Assert.AreEqual(output.Split(' ')[0], entry.Sha256);
    }

    [TestMethod]
    public void Format_IsExactlyTheManifestMdLayout()
    {
        var bag = new DiagnosticBag();
        var manifest = BootManifest.Create(new[]
        {
            new ManifestEntry("etc/xen/guest1.cfg", 210, null, ShaOfEmpty),
            new ManifestEntry("boot.scr", 1234, 0xc00000, ShaOfAbc),
        }, bag)!;
        Assert.IsEmpty(bag);

        // Layout copied from ../_notes/MANIFEST.md (the fixed format), with concrete hashes.
        string expected =
            "{\n" +
            "  \"version\": 1,\n" +
            "  \"files\": [\n" +
            "    { \"path\": \"boot.scr\", \"size\": 1234, \"loadAddress\": \"0xc00000\", \"sha256\": \"" + ShaOfAbc + "\" },\n" +
            "    { \"path\": \"etc/xen/guest1.cfg\", \"size\": 210, \"loadAddress\": null, \"sha256\": \"" + ShaOfEmpty + "\" }\n" +
            "  ]\n" +
            "}\n";
        Assert.AreEqual(expected, ManifestWriter.Format(manifest));
    }

    [TestMethod]
    public void Sorting_IsOrdinalNotCulture()
    {
        var manifest = BootManifest.Create(new[]
        {
            new ManifestEntry("b", 0, null, ShaOfEmpty),
            new ManifestEntry("a", 0, null, ShaOfEmpty),
            new ManifestEntry("Z", 0, null, ShaOfEmpty),
            new ManifestEntry("a-b", 0, null, ShaOfEmpty),
            new ManifestEntry("a/b", 0, null, ShaOfEmpty),
        }, new DiagnosticBag())!;
        // Ordinal: 'Z'(0x5a) < 'a'; '-'(0x2d) < '/'(0x2f).
        CollectionAssert.AreEqual(new[] { "Z", "a", "a-b", "a/b", "b" }, manifest.Files.Select(f => f.Path).ToArray());
    }

    [TestMethod]
    public void EmptyManifest_RoundTrips()
    {
        var manifest = BootManifest.Create(Array.Empty<ManifestEntry>(), new DiagnosticBag())!;
        string text = ManifestWriter.Format(manifest);
        Assert.AreEqual("{\n  \"version\": 1,\n  \"files\": []\n}\n", text);
        var bag = new DiagnosticBag();
        Assert.IsEmpty(ManifestReader.Parse(text, "m.json", bag)!.Files);
        Assert.IsEmpty(bag);
    }

    [TestMethod]
    public void WriteThenRead_RoundTripsWithEscapesAndLargeAddresses()
    {
        using var dir = new TempFolder();
        var entries = new[]
        {
            new ManifestEntry("we\"ird name é.bin", long.MaxValue, ulong.MaxValue, ShaOfAbc),
            new ManifestEntry("xen", 0, 0, ShaOfEmpty),
        };
        var bag = new DiagnosticBag();
        ManifestWriter.Write(dir.Path, BootManifest.Create(entries, bag)!);
        Assert.IsEmpty(bag);
        Assert.IsFalse(File.ReadAllBytes(dir.File("manifest.json")).Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }));

        var read = ManifestReader.ReadFile(dir.File("manifest.json"), bag);
        Assert.IsEmpty(bag, string.Join("\n", bag));
        CollectionAssert.AreEqual(entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToArray(), read!.Files.ToArray());
        Assert.AreEqual("0xffffffffffffffff", ManifestEntry.FormatAddress(ulong.MaxValue));
    }

    [TestMethod]
    public void Create_RejectsDuplicateAndBadPaths()
    {
        var bag = new DiagnosticBag();
        var m = BootManifest.Create(new[]
        {
            new ManifestEntry("a", 0, null, ShaOfEmpty),
            new ManifestEntry("a", 0, null, ShaOfEmpty),
            new ManifestEntry("../x", 0, null, ShaOfEmpty),
            new ManifestEntry("/abs", 0, null, ShaOfEmpty),
            new ManifestEntry("b", 0, null, "ABC"),
        }, bag);
        Assert.IsNull(m);
        CollectionAssert.AreEquivalent(new[] { "XSHM5001", "XSHM5001", "XSHM5002", "XSHM5003" }, bag.Select(d => d.Code).ToArray());
    }

    [TestMethod]
    [DataRow("", "XSHM5003", 1, 1)]
    [DataRow("{\n  \"version\": 1,\n  \"files\": [\n    { \"path\": \"a\" ]\n}", "XSHM5003", 4, 19)]
    [DataRow("{ \"version\": 2, \"files\": [] }", "XSHM5004", 1, 14)]
    [DataRow("{ \"version\": 1 }", "XSHM5003", 1, 1)]
    [DataRow("{ \"version\": 1, \"files\": [], \"extra\": 0 }", "XSHM5003", 1, 39)]
    [DataRow("{ \"version\": 1, \"files\": [ { \"path\": \"a\", \"size\": -1, \"loadAddress\": null, \"sha256\": \"" + ShaOfAbc + "\" } ] }", "XSHM5003", 1, 51)]
    [DataRow("{ \"version\": 1, \"files\": [ { \"path\": \"a\", \"size\": 1, \"loadAddress\": \"0xC00000\", \"sha256\": \"" + ShaOfAbc + "\" } ] }", "XSHM5003", 1, 69)]
    [DataRow("{ \"version\": 1, \"files\": [ { \"path\": \"a\", \"size\": 1, \"loadAddress\": 12, \"sha256\": \"" + ShaOfAbc + "\" } ] }", "XSHM5003", 1, 69)]
    [DataRow("{ \"version\": 1, \"files\": [ { \"path\": \"../a\", \"size\": 1, \"loadAddress\": null, \"sha256\": \"" + ShaOfAbc + "\" } ] }", "XSHM5001", 1, 38)]
    [DataRow("{ \"version\": 1, \"version\": 1, \"files\": [] }", "XSHM5003", 1, 17)]
    [DataRow("{ \"version\": 1, \"files\": [] } x", "XSHM5003", 1, 31)]
    [DataRow("{ \"version\": 1, \"files\": [ \"a\" ] }", "XSHM5003", 1, 28)]
    public void Parse_BadInput_GivesCodeAndPosition(string text, string code, int line, int column)
    {
        var bag = new DiagnosticBag();
        Assert.IsNull(ManifestReader.Parse(text, "manifest.json", bag));
        Assert.HasCount(1, bag, string.Join("\n", bag));
        Assert.AreEqual(code, bag[0].Code);
        Assert.AreEqual("manifest.json", bag[0].Span.File);
        Assert.AreEqual((line, column), (bag[0].Span.Line, bag[0].Span.Column), bag[0].ToString());
    }

    [TestMethod]
    public void ReadFile_Missing_IsXshm5005()
    {
        using var dir = new TempFolder();
        var bag = new DiagnosticBag();
        Assert.IsNull(ManifestReader.ReadFile(dir.File("manifest.json"), bag));
        Assert.AreEqual("XSHM5005", bag.Single().Code);
    }

    [TestMethod]
    public void Parse_AcceptsOtherWhitespaceAndMemberOrder()
    {
        string text = "{\"files\":[{\"sha256\":\"" + ShaOfAbc + "\",\"loadAddress\":\"0x40000000\",\"size\":3,\"path\":\"x\"}],\"version\":1}";
        var bag = new DiagnosticBag();
        var m = ManifestReader.Parse(text, "m", bag)!;
        Assert.AreEqual(new ManifestEntry("x", 3, 0x40000000, ShaOfAbc), m.Files.Single());
    }

    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
