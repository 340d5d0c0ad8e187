using System.Text;
using Xen.Shm.BootImage.Script;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Tests.BootExtras;

/// <summary>
/// ImageBuilder BITSTREAM (xlnx_rel_v2023.2 uboot-script-gen bitstream_load_and_config): the bitstream is
/// loaded last, right after the host DTB, then `fpga load 0 &lt;addr&gt; &lt;size&gt;` (FPGA device 0).
/// U-Boot's cmd/fpga.c reads address and size with base 16, so both are written 0x-prefixed (IB writes
/// the size in decimal). `.bit` files take `loadb` (U-Boot parses the Xilinx header). The script's
/// image is compared with mkimage's.
/// </summary>
[TestClass]
public sealed class FpgaScriptTests
{
    [TestMethod]
    [DataRow("design.bit", "loadb")]
    [DataRow("design.bin", "load")]
    public void Bitstream_IsProgrammedAfterTheLoads(string file, string command)
    {
        var loads = new[] { new ScriptLoad("xen", 0x1000000), new ScriptLoad("host.dtb", 0x1200000), new ScriptLoad(file, 0x1400000) };
        var request = new BootScriptRequest(loads)
        {
            LoadCommand = "load mmc 0:1",
            Boot = BootCommand.Booti,
            XenAddress = 0x1000000,
            DtbAddress = 0x1200000,
            Fpga = new FpgaLoad(file, 0x1400000, 123456, Xen.Shm.Generation.BootExtras.BootExtrasNames.FpgaCommand(file)),
        };
        var bag = new DiagnosticBag();
        string? text = BootScriptComposer.Compose(request, bag);
        Assert.AreEqual(
            "load mmc 0:1 0x1000000 xen\n" +
            "load mmc 0:1 0x1200000 host.dtb\n" +
            "load mmc 0:1 0x1400000 " + file + "\n" +
            "fpga " + command + " 0 0x1400000 0x1e240\n" + // 123456 = 0x1e240
            "setenv fdt_high 0xffffffffffffffff\n" +
            "booti 0x1000000 - 0x1200000\n", text);

        using var dir = new TempFolder();
        File.WriteAllText(dir.File("boot.source"), text);
        byte[] expected = UBootTools.MkImage(dir, "0", "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none", "-a", "0xc00000", "-e", "0xc00000", "-d", dir.File("boot.source"));
        CollectionAssert.AreEqual(expected, LegacyImage.Script(Encoding.UTF8.GetBytes(text!), 0xc00000, 0, bag));
        Assert.IsEmpty(bag);
    }

    [TestMethod]
    public void Layout_CarriesTheBitstreamBetweenSteps()
    {
        var layout = new BootLayout { ScriptAddress = 0xc00000, Fpga = new FpgaLoad("fpga.bit", 0x3000000, 0x2000, "loadb") };
        var back = BootLayout.Parse(layout.Write())!;
        Assert.AreEqual("fpga.bit", back.Fpga!.Path);
        Assert.AreEqual(0x3000000UL, back.Fpga.Address);
        Assert.AreEqual(0x2000UL, back.Fpga.Size);
        Assert.AreEqual("loadb", back.Fpga.Command);
        Assert.IsNull(BootLayout.Parse(new BootLayout().Write())!.Fpga);
    }
}
