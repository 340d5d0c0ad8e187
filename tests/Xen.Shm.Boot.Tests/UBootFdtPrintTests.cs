using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// The reader of U-Boot's `fdt print` (FdtApplyRouteBootTests compares the tree U-Boot applied with fdtoverlay's):
/// text in U-Boot's print_data forms read back to the bytes fdtget gives for dtc's compile of the same tree.
/// </summary>
[TestClass]
public sealed class UBootFdtPrintTests
{
    // Shaped as U-Boot 2023.01 prints (cmd/fdt.c): strings quoted, cells <0x%08x>, other lengths [%02x], empty "name;".
    private const string Printed =
        "Working FDT set to 47a00000\r\n" +
        "chosen {\r\n" +
        "\txen,xen-bootargs = \"console=dtuart dom0_mem=512M\";\r\n" +
        "\t#size-cells = <0x00000002>;\r\n" +
        "\tmac = [52 54 00 12 34 56];\r\n" +
        "\tdomU1 {\r\n" +
        "\t\tvpl011;\r\n" +
        "\t\tmodule@44c00000 {\r\n" +
        "\t\t\treg = <0x00000000 0x44c00000 0x00000000 0x00000190>;\r\n" +
        "\t\t\tcompatible = \"multiboot,device-tree\", \"multiboot,module\";\r\n" +
        "\t\t};\r\n" +
        "\t};\r\n" +
        "\tmodule@40400000 {\r\n" +
        "\t\tcompatible = \"multiboot,kernel\", \"multiboot,module\";\r\n" +
        "\t};\r\n" +
        "};\r\n" +
        "Working FDT set to 47a00000\r\n";

    private const string Source = """
        /dts-v1/;
        / {
            chosen {
                xen,xen-bootargs = "console=dtuart dom0_mem=512M";
                #size-cells = <2>;
                mac = [52 54 00 12 34 56];
                domU1 {
                    vpl011;
                    module@44c00000 {
                        reg = <0x0 0x44c00000 0x0 0x190>;
                        compatible = "multiboot,device-tree", "multiboot,module";
                    };
                };
                module@40400000 {
                    compatible = "multiboot,kernel", "multiboot,module";
                };
            };
        };
        """;

    [TestMethod]
    public void FdtPrintText_ReadsBackToTheBytesFdtgetGivesForDtcsCompile()
    {
        var (dtc, _) = BootPrerequisites.RequireImageTools();
        var fdtget = Xen.Shm.TestSupport.Prerequisite.RequireTool("fdtget", "apt-get install device-tree-compiler");
        using var tmp = new Xen.Shm.TestSupport.TempFolder();
        var dts = Path.Combine(tmp.Path, "t.dts");
        var dtb = Path.Combine(tmp.Path, "t.dtb");
        File.WriteAllText(dts, Source);
        ExternalTool.Check(dtc, new[] { "-I", "dts", "-O", "dtb", "-o", dtb, dts });

        var printed = FdtSubtree.FromUBootPrint(Printed, "/chosen");
        var compiled = FdtSubtree.FromDtb(fdtget, dtb, "/chosen");
        Assert.IsNotNull(printed);
        CollectionAssert.AreEqual(new[] { "/chosen", "/chosen/domU1", "/chosen/domU1/module@44c00000", "/chosen/module@40400000" }, printed.Nodes.ToArray());
        Assert.AreEqual(7, printed.Properties.Count);
        Assert.AreEqual(0, printed.Diff(compiled).Count, string.Join('\n', printed.Diff(compiled)));

        // One changed byte is seen.
        var changed = FdtSubtree.FromUBootPrint(Printed.Replace("0x00000190", "0x00000191", StringComparison.Ordinal), "/chosen")!;
        Assert.AreEqual(1, changed.Diff(compiled).Count);
        Assert.IsNull(FdtSubtree.FromUBootPrint("no tree here\n", "/chosen"));
    }
}
