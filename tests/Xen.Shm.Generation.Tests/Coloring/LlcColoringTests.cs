using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Coloring;

/// <summary>
/// LLC colouring in the host DTB, read back from real dtc's DTB with real fdtget. Upstream 4.21
/// (docs/misc/cache-coloring.rst example: `llc-coloring=on dom0-llc-colors=2-6` on the command line,
/// `llc-colors = "4-8,10,11,12"` on the domain); Xilinx 4.17 as ImageBuilder xlnx_rel_v2023.2
/// writes it (`xen_colors=`, `dom0_colors=`, `colors = &lt;bitmask&gt;`): colours 7-9,12 are bits
/// 7, 8, 9, 12 = 0x380 | 0x1000 = 0x1380.
/// </summary>
[TestClass]
public sealed class LlcColoringTests
{
    private static string Yaml(string flavour, string version) => TempBoard.Yaml(xen: flavour,
            domains: "  - { name: d1, kind: dom0less, memory: 256M, kernel: images/Image, llcColors: \"7-9,12\" }")
        .Replace("version: \"4.17\"", "version: \"" + version + "\"")
        .Replace("bootargs: \"console=dtuart dom0_mem=1024M\" }", "bootargs: \"console=dtuart dom0_mem=1024M\", llcColors: \"0-1\" }")
        .Replace("bootargs: \"console=hvc0\" }", "bootargs: \"console=hvc0\", llcColors: \"2-6\" }");

    [TestMethod]
    [DataRow("upstream", "4.21", "console=dtuart dom0_mem=1024M llc-coloring=on xen-llc-colors=0-1 dom0-llc-colors=2-6", "llc-colors", "-ts", "7-9,12")]
    [DataRow("xilinx", "4.17", "console=dtuart dom0_mem=1024M llc-coloring=on xen_colors=0-1 dom0_colors=2-6", "colors", "-tx", "1380")]
    public void ColoursInChosen(string flavour, string version, string xenArgs, string property, string type, string value)
    {
        string fdtget = RealTools.Require("fdtget");
        using var b = new TempBoard(Yaml(flavour, version));
        var r = b.Load().Generate();
        using var tmp = new TempFolder();
        string file = Path.Combine(tmp.Path, "host.dtb");
        File.WriteAllBytes(file, RealTools.CompileDts(tmp.Path, "host.dts", r.HostDts!));
        CollectionAssert.AreEqual(r.HostDtb, File.ReadAllBytes(file), "our host DTB is real dtc's");
        Assert.AreEqual(xenArgs, Get(fdtget, file, "-ts", "/chosen", "xen,xen-bootargs"));
        Assert.AreEqual(value, Get(fdtget, file, type, "/chosen/d1", property));
        string other = property == "colors" ? "llc-colors" : "colors";
        Assert.AreNotEqual(0, RealTools.Run(fdtget, file, "/chosen/d1", other).Code, "only the flavour's property");
    }

    private static string Get(string fdtget, string file, string type, string node, string prop)
    {
        var (code, stdout, stderr) = RealTools.Run(fdtget, type, file, node, prop);
        Assert.AreEqual(0, code, stderr);
        return stdout.Trim();
    }
}
