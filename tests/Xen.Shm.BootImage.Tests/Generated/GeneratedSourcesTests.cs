using System.Text;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Generated;
using Xen.Shm.Generation;

namespace Xen.Shm.BootImage.Tests.Generated;

/// <summary>
/// What XenShmGenerateDts leaves in generated/: the text outputs only (DTBs and copies are later steps'),
/// each rewritten only when its bytes differ, and a tree touched when a file it /include/s is newer, so
/// the per-file compile step still sees it out of date.
/// </summary>
[TestClass]
public sealed class GeneratedSourcesTests
{
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static OutputFile Text(string path, OutputKind kind, string text) => new(path, kind, Encoding.UTF8.GetBytes(text), null, null, null);

    private static IReadOnlyList<OutputFile> Outputs(string hostDts = "/dts-v1/;\n/include/ \"board.dtsi\"\n/ { };\n") => new[]
    {
        Text("host.dts", OutputKind.HostDts, hostDts),
        new OutputFile("host.dtb", OutputKind.HostDtb, new byte[] { 0xd0, 0x0d, 0xfe, 0xed }, null, 0x40000000, null),
        Text("domU1/domU1.dts", OutputKind.PartialDts, "/dts-v1/;\n/ { };\n"),
        Text("etc/xen/vm.cfg", OutputKind.XlConfig, "name = \"vm\"\n"),
        new OutputFile("dom0/Image", OutputKind.Copy, null, "/nowhere/Image", 0x40200000, null),
    };

    private static GeneratedSources Write(TempFolder dir, IReadOnlyList<OutputFile> files, string? boardSource = null,
        IReadOnlyCollection<string>? read = null, IEnumerable<string>? included = null) =>
        GeneratedSources.Write(dir.File("generated"), files, boardSource, read ?? Array.Empty<string>(), included ?? Array.Empty<string>(),
            new[] { dir.Path, "", dir.Path, dir.File("include") });

    [TestMethod]
    public void TextOutputs_AreWritten_DtbsAndCopiesAreNot_AndTheTreeSourcesListed()
    {
        using var dir = new TempFolder();
        var sources = Write(dir, Outputs());

        Assert.IsTrue(File.Exists(dir.File("generated/host.dts")));
        Assert.AreEqual("/dts-v1/;\n/ { };\n", File.ReadAllText(dir.File("generated/domU1/domU1.dts")));
        Assert.AreEqual("name = \"vm\"\n", File.ReadAllText(dir.File("generated/etc/xen/vm.cfg")));
        Assert.IsFalse(File.Exists(dir.File("generated/host.dtb")), "DTBs are XenShmCompileDtb's");
        Assert.IsFalse(File.Exists(dir.File("generated/dom0/Image")), "copies are packaging's");
        CollectionAssert.AreEqual(new[] { "domU1/domU1.dts", "host.dts" }, sources.Trees.ToArray());
        CollectionAssert.AreEqual(new[] { dir.Path, dir.File("include") }, sources.IncludeDirectories.ToArray(), "empty and repeated folders dropped");
    }

    [TestMethod]
    public void UnchangedBytes_AreNotRewritten_ChangedOnesAre()
    {
        using var dir = new TempFolder();
        Write(dir, Outputs());
        File.SetLastWriteTimeUtc(dir.File("generated/host.dts"), LongAgo);
        File.SetLastWriteTimeUtc(dir.File("generated/etc/xen/vm.cfg"), LongAgo);

        Write(dir, Outputs(hostDts: "/dts-v1/;\n/ { model = \"changed\"; };\n"));

        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(dir.File("generated/etc/xen/vm.cfg")));
        Assert.AreNotEqual(LongAgo, File.GetLastWriteTimeUtc(dir.File("generated/host.dts")));
        StringAssert.Contains(File.ReadAllText(dir.File("generated/host.dts")), "changed");
    }

    [TestMethod]
    public void ATreeOlderThanAFileItIncludes_IsTouched_OtherFilesAreNot()
    {
        using var dir = new TempFolder();
        Write(dir, Outputs());
        foreach (var f in new[] { "host.dts", "domU1/domU1.dts", "etc/xen/vm.cfg" }) File.SetLastWriteTimeUtc(dir.File("generated/" + f), LongAgo);
        File.WriteAllText(dir.File("board.dtsi"), "/ { };\n");   // written now: newer than the trees

        Write(dir, Outputs(), included: new[] { dir.File("board.dtsi") });

        Assert.AreNotEqual(LongAgo, File.GetLastWriteTimeUtc(dir.File("generated/host.dts")), "a host tree keeps the board's /include/ lines");
        Assert.AreNotEqual(LongAgo, File.GetLastWriteTimeUtc(dir.File("generated/domU1/domU1.dts")));
        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(dir.File("generated/etc/xen/vm.cfg")), "an xl file includes nothing");
    }

    [TestMethod]
    public void AFileReadDirectly_DoesNotCountAsAnInclude()
    {
        using var dir = new TempFolder();
        Write(dir, Outputs());
        File.SetLastWriteTimeUtc(dir.File("generated/host.dts"), LongAgo);
        File.WriteAllText(dir.File("board.dts"), "/dts-v1/;\n/ { };\n");

        // The board source is read (and its change rewrites host.dts when the bytes change): not a reason to touch.
        var sources = Write(dir, Outputs(), read: new[] { dir.File("board.dts") }, included: new[] { dir.File("board.dts"), dir.File("gone.dtsi") });

        Assert.AreEqual(LongAgo, File.GetLastWriteTimeUtc(dir.File("generated/host.dts")));
        CollectionAssert.AreEqual(new[] { dir.File("board.dts"), dir.File("gone.dtsi") }, sources.Dependencies.ToArray(), "every file read, once");
    }

    [TestMethod]
    public void FdtApplyRoute_BoardSourceIsWrittenAsBoardDts_AndCompiled()
    {
        using var dir = new TempFolder();
        var sources = Write(dir, Outputs(), boardSource: "/dts-v1/;\n/ { model = \"board\"; };\n");

        Assert.AreEqual("/dts-v1/;\n/ { model = \"board\"; };\n", File.ReadAllText(dir.File("generated/board.dts")));
        CollectionAssert.AreEqual(new[] { "board.dts", "domU1/domU1.dts", "host.dts" }, sources.Trees.ToArray());
    }

    [TestMethod]
    public void AHostilePath_IsRefusedBeforeAnyWrite()
    {
        using var dir = new TempFolder();
        var files = Outputs().Append(Text("../escape.cfg", OutputKind.XlConfig, "x")).ToList();

        Assert.ThrowsExactly<OutputPathRefusedException>(() => Write(dir, files));
        Assert.IsFalse(Directory.Exists(dir.File("generated")) && Directory.EnumerateFileSystemEntries(dir.File("generated"), "*", SearchOption.AllDirectories).Any());
        Assert.IsFalse(File.Exists(dir.File("escape.cfg")));
    }

    [TestMethod]
    public void Lists_HoldOneEntryALine()
    {
        using var dir = new TempFolder();
        var sources = Write(dir, Outputs(), read: new[] { dir.File("board.dts") });
        sources.WriteLists(dir.File("trees"), dir.File("includes"), dir.File("deps"));

        Assert.AreEqual("domU1/domU1.dts\nhost.dts\n", File.ReadAllText(dir.File("trees")));
        Assert.AreEqual(dir.Path + "\n" + dir.File("include") + "\n", File.ReadAllText(dir.File("includes")));
        Assert.AreEqual(dir.File("board.dts") + "\n", File.ReadAllText(dir.File("deps")));
    }
}
