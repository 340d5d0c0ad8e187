using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Guest;

/// <summary>Partial-tree and board-less cases the seed scenarios do not reach.</summary>
[TestClass]
public sealed class PartialTreeTests
{
    private const string YamlOnlyBoard = """
        xen: { flavour: upstream, version: "4.17", image: images/xen, bootargs: "console=dtuart dom0_mem=1024M" }
        host:
          ram:
            - { node: /memory@0, base: 0x0, size: 0x80000000 }
            - { node: /memory@800000000, base: 0x800000000, size: 0x200000000 }
        domains:
          - { name: dom0, kind: dom0, memory: 1024M, kernel: images/Image, ramdisk: images/rootfs.cpio.gz, bootargs: "console=hvc0" }
          - { name: big, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false }
        regions:
          - { id: huge, mechanism: mmio-sram, host: 0x880000000, size: 0x100000000, peers: [ { domain: big, guest: 0x1000000000 } ] }
        """;

    [TestMethod]
    public void SizeOf4GiB_GivesTwoSizeCellsInTheDom0lessPartialTree()
    {
        // Spec §1.4: the dom0less partial DT uses 1 size cell only when every size < 2^32.
        using var b = new TempBoard(YamlOnlyBoard);
        var r = b.Load().Generate();
        string dts = r.Find("big/big.dts")!.Text!;
        StringAssert.Contains(dts, "\t#size-cells = <0x2>;\n\n\tpassthrough {");
        StringAssert.Contains(dts, "\t\t\treg = <0x10 0x0 0x1 0x0>;\n\t\t\txen,reg = <0x8 0x80000000 0x1 0x0 0x10 0x0>;\n");
        using var tmp = new TempFolder();
        CollectionAssert.AreEqual(RealTools.CompileDts(tmp.Path, "big.dts", dts), r.Find("big/big.dtb")!.Content);
    }

    [TestMethod]
    public void BoardWithoutDeviceTree_GivesOverlayButNoHostTree()
    {
        // No board DT: nothing to patch, so no host DTS/DTB (and no DTB slot in the plan); the overlay
        // still carries every change, here the second memory node split in two by the carve (§1.6).
        using var b = new TempBoard(YamlOnlyBoard);
        var r = b.Load().Generate();
        Assert.IsNull(r.HostDts);
        Assert.IsNull(r.LoadPlan!.Find("host.dtb"));
        StringAssert.Contains(r.HostOverlaySource, "&{/memory@800000000} {\n\treg = <0x8 0x0 0x0 0x80000000 0x9 0x80000000 0x0 0x80000000>;\n};\n");
        Assert.IsNotNull(r.HostOverlay);
    }
}
