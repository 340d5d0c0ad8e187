using Xen.Shm.Generation.Layout;
using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.BootExtras;

/// <summary>
/// host.boot.bitstream (ImageBuilder BITSTREAM) is planned like any boot file, last: spec §10.3 "...then
/// the host DTB; then an FPGA bitstream", at align_up(end of the previous file, 2 MiB); it is in the boot
/// layout for the script's `fpga` line. host.boot.files (BOOT_AUX_FILE) are copied to the boot folder's
/// top and not loaded (IB's disk_image copies them into the first partition only).
/// </summary>
[TestClass]
public sealed class BootExtrasTests
{
    [TestMethod]
    public void BitstreamGoesLast_AuxFilesAreCopiedNotLoaded()
    {
        using var b = new TempBoard(TempBoard.Yaml(host: "  boot: { bitstream: images/design.bit, files: [ images/uboot.cfg, images/BOOT.BIN ] }"));
        File.WriteAllBytes(Path.Combine(b.Folder, "images", "design.bit"), new byte[5000]);
        File.WriteAllText(Path.Combine(b.Folder, "images", "uboot.cfg"), "x");
        File.WriteAllBytes(Path.Combine(b.Folder, "images", "BOOT.BIN"), new byte[3]);
        var r = b.Load().Generate();
        Assert.IsFalse(r.Diagnostics.Any(d => d.IsError), string.Join("\n", r.Diagnostics));

        var plan = r.LoadPlan!;
        var last = plan.Files.OrderBy(f => f.Address).Last();
        Assert.AreEqual("design.bit", last.File.Name);
        var dtb = plan.Find(BootFileRole.HostDtb)!;
        ulong expected = (dtb.Address + dtb.File.FileSize + 0x1fffff) & ~0x1fffffUL;
        Assert.AreEqual(expected, last.Address);
        Assert.AreEqual(5000UL, last.File.FileSize);

        Assert.AreEqual("design.bit", r.BootLayout!.Fpga!.Path);
        Assert.AreEqual(expected, r.BootLayout.Fpga.Address);
        Assert.AreEqual(5000UL, r.BootLayout.Fpga.Size);
        Assert.AreEqual("loadb", r.BootLayout.Fpga.Command);
        CollectionAssert.Contains(r.BootLayout.Loads.ToList(), ("design.bit", expected));

        foreach (string aux in new[] { "uboot.cfg", "BOOT.BIN" })
        {
            var f = r.BootLayout.Files.Single(x => x.Path == aux);
            Assert.IsNull(f.LoadAddress, aux + " is not loaded");
            Assert.AreEqual(Path.Combine(b.Folder, "images", aux), f.SourcePath);
            Assert.IsFalse(r.BootLayout.Loads.Any(l => l.Path == aux));
        }
    }

    [TestMethod]
    public void AuxFileNamedLikeAnSdkFile_IsXshm1032()
    {
        using var b = new TempBoard(TempBoard.Yaml(host: "  boot: { files: [ images/boot.scr ] }"));
        File.WriteAllText(Path.Combine(b.Folder, "images", "boot.scr"), "x");
        var d = Xen.Shm.Topology.TopologyLoader.Load(Path.Combine(b.Folder, "board.yaml")).Diagnostics.Single(x => x.IsError);
        Assert.AreEqual("XSHM1032", d.Code);
        Assert.AreEqual(4, d.Span.Line); // xen, host, deviceTree, boot
    }

    [TestMethod]
    public void ScriptNamedLikeAnAuxFile_IsXshm5061()
    {
        using var b = new TempBoard(TempBoard.Yaml(host: "  boot: { files: [ images/uboot.cfg ] }"));
        File.WriteAllText(Path.Combine(b.Folder, "images", "uboot.cfg"), "x");
        var s = b.Load();
        var plain = s.Input();
        var input = new GenerationInput(s.Board)
        {
            HostSource = plain.HostSource, HostSourceName = plain.HostSourceName, Files = plain.Files,
            Boot = new BootLayoutOptions { ScriptName = "uboot.cfg" },
        };
        var r = BoardGenerator.Generate(input);
        Assert.AreEqual("XSHM5061", r.Diagnostics.Single(d => d.IsError).Code);
        Assert.IsEmpty(r.Files);
        // Negative control: the default name builds.
        Assert.IsFalse(BoardGenerator.Generate(plain).HasErrors);
    }
}
