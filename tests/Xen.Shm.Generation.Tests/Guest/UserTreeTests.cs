using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Guest;

/// <summary>A domain's own partial device tree (<c>deviceTree:</c>) with the generated nodes merged in (dtc merge rules).</summary>
[TestClass]
public sealed class UserTreeTests
{
    private const string UserDts = """
        /dts-v1/;

        / {
        	#address-cells = <0x2>;
        	#size-cells = <0x2>;

        	passthrough {
        		compatible = "simple-bus";
        		ranges;
        		#address-cells = <0x2>;
        		#size-cells = <0x2>;

        		mine@90000000 {
        			compatible = "vendor,thing";
        			reg = <0x0 0x90000000 0x0 0x1000>;
        		};
        	};
        };
        """;

    [TestMethod]
    public void Dom0lessUserTree_KeepsItsNodesAndCellsAndGainsTheSramWindow()
    {
        using var b = new TempBoard(TempBoard.Yaml(
            domains: "  - { name: d1, kind: dom0less, memory: 256M, kernel: images/Image, deviceTree: d1.dts, enhanced: false }",
            regions: "  - { id: s0, mechanism: mmio-sram, host: 0x7f000000, size: 16M, peers: [ { domain: d1 } ] }"));
        File.WriteAllText(Path.Combine(b.Folder, "d1.dts"), UserDts);
        var r = b.Load().Generate();
        string dts = r.Find("d1/d1.dts")!.Text!;
        Assert.StartsWith(UserDts, dts);
        // The user's /passthrough has 2 size cells: the generated window keeps them (not §1.4's 1).
        StringAssert.Contains(dts, "\t\t\treg = <0x0 0x7f000000 0x0 0x1000000>;\n\t\t\txen,reg = <0x0 0x7f000000 0x0 0x1000000 0x0 0x7f000000>;\n");
        using var tmp = new TempFolder();
        byte[] dtb = RealTools.CompileDts(tmp.Path, "d1.dts", dts);
        CollectionAssert.AreEqual(dtb, r.Find("d1/d1.dtb")!.Content);
        string tree = RealTools.Decompile(tmp.Path, "d1.dtb", dtb, sort: false);
        StringAssert.Contains(tree, "mine@90000000 {");
        StringAssert.Contains(tree, "sram@7f000000 {");
        StringAssert.Contains(r.HostDts, "compatible = \"multiboot,device-tree\", \"multiboot,module\";");
    }

    [TestMethod]
    public void UserTreeAlone_IsLoadedAsTheDom0lessModule()
    {
        using var b = new TempBoard(TempBoard.Yaml(domains: "  - { name: d1, kind: dom0less, memory: 256M, kernel: images/Image, deviceTree: d1.dts, enhanced: false }"));
        File.WriteAllText(Path.Combine(b.Folder, "d1.dts"), UserDts);
        var r = b.Load().Generate();
        Assert.AreEqual(UserDts, r.Find("d1/d1.dts")!.Text);
        var placed = r.LoadPlan!.Find("d1/d1.dtb")!;
        StringAssert.Contains(r.HostDts, $"reg = <0x0 0x{placed.Address:x} 0x0 0x{placed.File.FileSize:x}>;");
    }

    [TestMethod]
    public void UserTreeNotGiven_IsXshm6005()
    {
        using var b = new TempBoard(TempBoard.Yaml(domains: "  - { name: d1, kind: dom0less, memory: 256M, kernel: images/Image, deviceTree: d1.dts, enhanced: false }"));
        File.WriteAllText(Path.Combine(b.Folder, "d1.dts"), UserDts);
        var s = b.Load();
        var r = BoardGenerator.Generate(new GenerationInput(s.Board) { HostSource = s.HostSource, Files = Scenario.Measure(s.Board) });
        Assert.AreEqual("XSHM6005", r.Diagnostics.Single(d => d.IsError).Code);
    }
}
