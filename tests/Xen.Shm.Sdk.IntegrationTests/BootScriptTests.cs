using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// The sample board's boot.scr, checked with U-Boot's own mkimage/dumpimage: a script image whose
/// payload is boot.source, loading each file at the address manifest.json gives it, with Xen as a
/// kernel uImage (bootm route, qemu-boot README §7).
/// </summary>
[TestClass]
public sealed class BootScriptTests : BoardTestBase
{
    [TestMethod]
    public void SampleBoard_BootScrIsAScriptImageOfBootSource()
    {
        string mkimage = ExternalTool.Require("mkimage", "apt-get install u-boot-tools");
        string dumpimage = ExternalTool.Require("dumpimage", "apt-get install u-boot-tools");
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");

        board.Build().AssertSucceeded();

        string scr = Path.Combine(board.BootDirectory, "boot.scr");
        var list = ExternalTool.Run(mkimage, "-l", scr);
        Assert.AreEqual(0, list.ExitCode, list.Stderr);
        string listed = System.Text.Encoding.UTF8.GetString(list.Stdout);
        StringAssert.Contains(listed, "Script", listed);

        string extracted = Path.Combine(board.Directory, "boot.extracted");
        var dump = ExternalTool.Run(dumpimage, "-T", "script", "-p", "0", "-o", extracted, scr);
        Assert.AreEqual(0, dump.ExitCode, dump.Stderr);
        string source = File.ReadAllText(Path.Combine(board.BootDirectory, "boot.source"));
        // dumpimage 2023.01 hands back a script image's whole data: the multi-file table (BE u32
        // length, BE u32 0) and then the script.
        byte[] script = System.Text.Encoding.UTF8.GetBytes(source);
        byte[] table = [(byte)(script.Length >> 24), (byte)(script.Length >> 16), (byte)(script.Length >> 8), (byte)script.Length, 0, 0, 0, 0];
        CollectionAssert.AreEqual(table.Concat(script).ToArray(), File.ReadAllBytes(extracted));

        // Every load line names a boot-folder file at the address manifest.json records for it.
        var manifest = ManifestJson.AssertDescribesFolder(board.BootDirectory).ToDictionary(e => e.Path);
        // LAYOUT L2: the default load command is the one distro boot / bootstd prepares.
        var loads = source.Split('\n').Where(l => l.StartsWith("load ${devtype} ${devnum}:${distro_bootpart} ", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(loads);
        foreach (var line in loads)
        {
            string[] words = line.Split(' ');
            string file = words[^1], address = words[^2];
            Assert.IsTrue(manifest.ContainsKey(file), line);
            Assert.AreEqual(address, manifest[file].LoadAddress, line);
        }

        CollectionAssert.Contains(loads.Select(l => l.Split(' ')[^1]).ToList(), "xen.uimg");
        CollectionAssert.Contains(loads.Select(l => l.Split(' ')[^1]).ToList(), "host.dtb");
        Assert.IsFalse(manifest.ContainsKey("xen"), "no raw xen beside xen.uimg (LAYOUT L1)");
        StringAssert.Contains(source, "bootm go\n");
        Assert.IsNotNull(manifest["boot.scr"].LoadAddress, "boot.scr has its slot");

        // xen.uimg: a kernel image wrapping the Xen file byte for byte.
        string uimg = Path.Combine(board.BootDirectory, "xen.uimg");
        var uimgList = ExternalTool.Run(mkimage, "-l", uimg);
        Assert.AreEqual(0, uimgList.ExitCode, uimgList.Stderr);
        StringAssert.Contains(System.Text.Encoding.UTF8.GetString(uimgList.Stdout), "Kernel Image");
        string xenOut = Path.Combine(board.Directory, "xen.extracted");
        var xenDump = ExternalTool.Run(dumpimage, "-T", "kernel", "-p", "0", "-o", xenOut, uimg);
        Assert.AreEqual(0, xenDump.ExitCode, xenDump.Stderr);
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(board.Directory, "images", "xen")), File.ReadAllBytes(xenOut));
    }

    /// <summary>
    /// XenShmBootScriptName (ImageBuilder UBOOT_SCRIPT): a real build writes the script and its source
    /// under that name, in the manifest at the script's slot, byte for byte mkimage's image of the
    /// source; the default names are gone; going back to the default brings boot.scr back.
    /// </summary>
    [TestMethod]
    public void ScriptName_Property_NamesTheScriptAndItsSource()
    {
        string mkimage = ExternalTool.Require("mkimage", "apt-get install u-boot-tools");
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");
        board.Build("-p:XenShmBootScriptName=xen-boot.scr").AssertSucceeded();
        string scr = Path.Combine(board.BootDirectory, "xen-boot.scr"), source = Path.Combine(board.BootDirectory, "xen-boot.source");
        Assert.IsTrue(File.Exists(scr) && File.Exists(source));
        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, "boot.scr")));
        var manifest = ManifestJson.AssertDescribesFolder(board.BootDirectory).ToDictionary(e => e.Path);
        string address = manifest["xen-boot.scr"].LoadAddress!;
        string expected = Path.Combine(board.Directory, "expected.scr");
        var made = ExternalTool.Run(mkimage, "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none", "-a", address, "-e", address, "-d", source, expected);
        Assert.AreEqual(0, made.ExitCode, made.Stderr);
        // mkimage stamps the time; ours is SOURCE_DATE_EPOCH or 0: compare past the header's time field (bytes 8-11) and its CRC (4-7).
        byte[] a = File.ReadAllBytes(expected), b = File.ReadAllBytes(scr);
        Assert.HasCount(a.Length, b);
        CollectionAssert.AreEqual(a.Skip(12).ToArray(), b.Skip(12).ToArray());

        board.Build().AssertSucceeded();
        Assert.IsTrue(File.Exists(Path.Combine(board.BootDirectory, "boot.scr")));
        Assert.IsFalse(File.Exists(scr));
    }
}
