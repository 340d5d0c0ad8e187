using Xen.Shm.BootImage.Files;

namespace Xen.Shm.BootImage.Tests.Files;

/// <summary>The output folders' wall: hostile relative paths and planted links are refused before any write.</summary>
[TestClass]
public sealed class OutputFolderTests
{
    [TestMethod]
    [DataRow("/tmp/evil", DisplayName = "absolute")]
    [DataRow("/../../../../tmp/evil/.ssh.cfg", DisplayName = "absolute with '..' (issue 17's xlDir)")]
    [DataRow("../outside", DisplayName = "'..' first")]
    [DataRow("etc/xen/../../../outside", DisplayName = "'..' inside")]
    [DataRow("etc/./xen", DisplayName = "'.' segment")]
    [DataRow(".", DisplayName = "'.' alone")]
    [DataRow("etc//xen.cfg", DisplayName = "empty segment")]
    [DataRow("etc/xen/", DisplayName = "trailing slash")]
    [DataRow("", DisplayName = "empty")]
    [DataRow("etc/xen\nreboot/a.cfg", DisplayName = "newline (issue 17's xlDir)")]
    [DataRow("a\u0000b", DisplayName = "NUL")]
    [DataRow("a\u007fb", DisplayName = "DEL")]
    [DataRow("a\u0085b", DisplayName = "C1 NEL")]
    [DataRow("etc\\xen.cfg", DisplayName = "backslash")]
    [DataRow("C:evil", DisplayName = "drive-relative")]
    public void HostilePath_IsXSHM5030_AndNothingIsWritten(string path)
    {
        using var temp = new TempFolder();
        var folder = new OutputFolder(System.IO.Path.Combine(temp.Path, "boot"));

        var e = Assert.ThrowsExactly<OutputPathRefusedException>(() => folder.PathOf(path));

        Assert.AreEqual("XSHM5030", e.Descriptor.Code);
        Assert.IsFalse(e.Message.Any(char.IsControl), "the message stays on one line: " + e.Message);
        Assert.IsNull(folder.ExistingPathOf(path));
        Assert.IsEmpty(Directory.GetFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories));
    }

    [TestMethod]
    [DataRow("host.dtb")]
    [DataRow("etc/xen/.ssh/authorized_keys", DisplayName = "hidden names are names")]
    [DataRow("dom0/..Image", DisplayName = "dots inside a name")]
    [DataRow("etc/xen/domU1 copy.cfg")]
    public void PlainRelativePath_StaysInTheFolder(string path)
    {
        using var temp = new TempFolder();
        var folder = new OutputFolder(System.IO.Path.Combine(temp.Path, "boot"));

        string full = folder.PathOf(path);

        Assert.AreEqual(System.IO.Path.Combine(temp.Path, "boot", path.Replace('/', System.IO.Path.DirectorySeparatorChar)), full);
    }

    [TestMethod]
    [DataRow("etc/xen/a.cfg", "etc", DisplayName = "link as a folder on the way")]
    [DataRow("host.dtb", "host.dtb", DisplayName = "link as the file itself")]
    public void PathThroughAPlantedLink_IsXSHM5031(string path, string linkAt)
    {
        using var temp = new TempFolder();
        string outside = System.IO.Path.Combine(temp.Path, "outside");
        Directory.CreateDirectory(outside);
        string boot = System.IO.Path.Combine(temp.Path, "boot");
        Directory.CreateDirectory(boot);
        if (linkAt == "etc") Directory.CreateSymbolicLink(System.IO.Path.Combine(boot, linkAt), outside);
        else File.CreateSymbolicLink(System.IO.Path.Combine(boot, linkAt), System.IO.Path.Combine(outside, "host.dtb"));
        var folder = new OutputFolder(boot);

        var e = Assert.ThrowsExactly<OutputPathRefusedException>(() => folder.PathOf(path));

        Assert.AreEqual("XSHM5031", e.Descriptor.Code);
        Assert.IsNull(folder.ExistingPathOf(path));
        Assert.IsEmpty(Directory.GetFileSystemEntries(outside));
    }

    [TestMethod]
    public void FullPathOutsideTheFolder_IsXSHM5030_EvenWhenItLooksInside()
    {
        using var temp = new TempFolder();
        string generated = System.IO.Path.Combine(temp.Path, "generated");
        var folder = new OutputFolder(generated);

        Assert.AreEqual("XSHM5030", Assert.ThrowsExactly<OutputPathRefusedException>(
            () => folder.Contain(System.IO.Path.Combine(generated, "a", "..", "..", "evil.dtb"))).Descriptor.Code);
        Assert.AreEqual("XSHM5030", Assert.ThrowsExactly<OutputPathRefusedException>(
            () => folder.Contain(generated + "-sibling/evil.dtb")).Descriptor.Code, "a sibling sharing the prefix is outside");
        Assert.AreEqual(System.IO.Path.Combine(generated, "domU1", "domU1.dtb"), folder.Contain(System.IO.Path.Combine(generated, "domU1", "domU1.dtb")));
    }
}
