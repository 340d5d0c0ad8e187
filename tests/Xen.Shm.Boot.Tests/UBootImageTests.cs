using System.Text;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;

namespace Xen.Shm.Boot.Tests;

/// <summary>Our readers of U-Boot's legacy images against images the real mkimage wrote.</summary>
[TestClass]
public sealed class UBootImageTests
{
    public TestContext TestContext { get; set; } = null!;

    private string NewDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "xshm-uimage-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    [TestMethod]
    public void BootScript_FromMkimage_TextAndCommandsRecovered()
    {
        var (_, mkimage) = BootPrerequisites.RequireImageTools();
        var dir = NewDir();
        try
        {
            const string source = "setenv fdt_high 0xffffffffffffffff\n" +
                "load ${devtype} ${devnum}:${distro_bootpart} 0x40400000 dom0/Image\n" +
                "ext4load virtio 0:1 48000000 host.dtb\n" +
                "fdt addr 0x48000000\n" +
                "bootm start 0x47000000 - 0x48000000\nbootm loados\nbootm prep\nbootm go\n";
            File.WriteAllText(Path.Combine(dir, "boot.source"), source);
            ExternalTool.Check(mkimage, new[] { "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none", "-d", "boot.source", "boot.scr" }, dir);

            var bytes = File.ReadAllBytes(Path.Combine(dir, "boot.scr"));
            var header = UImage.Parse(bytes);
            var text = BootScript.ExtractText(bytes);
            var script = BootScript.Parse(text);

            Assert.AreEqual(UImage.TypeScript, header.Type);
            Assert.AreEqual(source, text);
            CollectionAssert.AreEqual(new[] { new ScriptLoad(0x4040_0000, "dom0/Image"), new ScriptLoad(0x4800_0000, "host.dtb") }, script.Loads.ToArray());
            Assert.AreEqual(new ScriptBoot("bootm", 0x4700_0000, 0x4800_0000), script.Boot);
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void KernelUImage_FromMkimage_LoadEntryAndPayload()
    {
        var (_, mkimage) = BootPrerequisites.RequireImageTools();
        var dir = NewDir();
        try
        {
            var payload = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("xen payload ", 1000)));
            File.WriteAllBytes(Path.Combine(dir, "xen"), payload);
            ExternalTool.Check(mkimage, new[] { "-A", "arm64", "-O", "linux", "-T", "kernel", "-C", "none",
                "-a", "0x40600000", "-e", "0x40600000", "-n", "xen", "-d", "xen", "xen.uimg" }, dir);
            var bytes = File.ReadAllBytes(Path.Combine(dir, "xen.uimg"));

            var header = UImage.Parse(bytes);

            Assert.AreEqual(UImage.TypeKernel, header.Type);
            Assert.AreEqual(0x4060_0000u, header.LoadAddress);
            Assert.AreEqual(0x4060_0000u, header.EntryPoint);
            Assert.AreEqual("xen", header.Name);
            CollectionAssert.AreEqual(payload, UImage.Payload(bytes));

            bytes[100] ^= 0xFF; // one flipped payload byte: the data CRC must catch it
            Assert.ThrowsExactly<InvalidDataException>(() => UImage.Parse(bytes));
        }
        finally { Directory.Delete(dir, true); }
    }

    [TestMethod]
    public void BootScript_BootiAndBareBootm_Recognised()
    {
        Assert.AreEqual(new ScriptBoot("booti", 0x4040_0000, 0x4800_0000), BootScript.Parse("booti 0x40400000 - 0x48000000\n").Boot);
        Assert.AreEqual(new ScriptBoot("bootm", 0x4700_0000, 0x4800_0000), BootScript.Parse("bootm 47000000 - 48000000\n").Boot);
        CollectionAssert.AreEqual(new[] { new ScriptLoad(0x4040_0000, "/boot/xen.uimg") },
            BootScript.Parse("tftpb 0x40400000 /boot/xen.uimg\nbooti 0x40400000 - 0x48000000\n").Loads.ToArray());
        Assert.ThrowsExactly<InvalidDataException>(() => BootScript.Parse("echo no boot here\n"));
        Assert.ThrowsExactly<InvalidDataException>(() => BootScript.Parse("booti ${kernel_addr_r} - ${fdt_addr_r}\n"));
    }
}
