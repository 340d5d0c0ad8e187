using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Chosen;

/// <summary>
/// Spec §10.3 through the whole generator: the addresses the planner picks are the ones baked into
/// /chosen, reserved ranges are skipped, and running out of memory is XSHM2601 with no output.
/// Stand-in images: Image has image_size 32 MiB (64-byte file), rootfs 50 bytes, xen image_size 2 MiB.
/// </summary>
[TestClass]
public sealed class LoadAddressTests
{
    private const string Uio = """
          - { id: u0, mechanism: uio, host: 0x1000000, size: 0x1000, peers: [ { domain: guest1 } ] }
        """;

    [TestMethod]
    public void RegionRangeInTheWay_KernelMovesPastIt()
    {
        // Kernel would take [0xe00000, 0x2e00000), which touches u0 at 0x1000000: it moves to
        // align_up(0x1001000, 2 MiB) = 0x1200000, the ramdisk follows at 0x3200000.
        using var b = new TempBoard(TempBoard.Yaml(regions: Uio));
        var r = b.Load().Generate();
        Assert.AreEqual(0x1200000UL, r.LoadPlan!.Find("dom0/Image")!.Address);
        Assert.AreEqual(0x3200000UL, r.LoadPlan.Find("dom0/rootfs.cpio.gz")!.Address);
        StringAssert.Contains(r.HostDts, "module@1200000 {");
        StringAssert.Contains(r.HostDts, "reg = <0x0 0x1200000 0x0 0x40>;");
        StringAssert.Contains(r.HostDts, "reg = <0x0 0x3200000 0x0 0x32>;");
    }

    [TestMethod]
    public void BoardReservedRange_IsSkipped()
    {
        // host.reserved [0xe00000, 0xf00000): the kernel moves to 0x1000000.
        using var b = new TempBoard(TempBoard.Yaml(host: "  reserved: [ { name: fw, base: 0xe00000, size: 0x100000 } ]"));
        var r = b.Load().Generate();
        Assert.AreEqual(0xC00000UL, r.LoadPlan!.BootScriptAddress);
        Assert.AreEqual(0x1000000UL, r.LoadPlan.Find("dom0/Image")!.Address);
        StringAssert.Contains(r.HostDts, "module@1000000 {");
    }

    [TestMethod]
    public void KernelBeyondMemoryEnd_IsXshm2601AndNothingIsReturned()
    {
        using var b = new TempBoard(TempBoard.Yaml(host: "  boot: { start: 0x0, end: 0x2000000 }"));
        var r = BoardGenerator.Generate(b.Load().Input());
        Assert.IsTrue(r.HasErrors);
        Assert.AreEqual("XSHM2601", r.Diagnostics.Single(d => d.IsError).Code);
        StringAssert.Contains(r.Diagnostics.Single(d => d.IsError).Message, "dom0/Image");
        Assert.IsEmpty(r.Files);
    }

    [TestMethod]
    public void OnlyTheHostDtbDoesNotFit_IsXshm2601NamingIt()
    {
        // kernel [0xe00000, +32M), ramdisk at 0x2e00000, Xen at 0x3000000 (2 MiB); the DTB would start at 0x3200000.
        using var b = new TempBoard(TempBoard.Yaml(host: "  boot: { start: 0x0, end: 0x3200000 }"));
        var r = BoardGenerator.Generate(b.Load().Input());
        var error = r.Diagnostics.Single(d => d.IsError);
        Assert.AreEqual("XSHM2601", error.Code);
        StringAssert.Contains(error.Message, "host.dtb");
    }

    [TestMethod]
    [DataRow("iomem-cacheable")]
    [DataRow("uio")]
    [DataRow("static-shm")]
    [DataRow("mmio-sram")]
    [DataRow("domain-shm")]
    public void ChosenModules_AreThePlannedAddressesAndExactFileSizes(string name)
    {
        var scenario = Scenario.Load(name);
        var r = scenario.Generate();
        var plan = r.LoadPlan!;
        // The DTB is self-contained: its planned slot is its real size (the fixed point of §10.3).
        Assert.AreEqual((ulong)r.HostDtb!.Length, plan.Find("host.dtb")!.File.FileSize);
        var tree = DtbReader.Read(r.HostDtb, "host.dtb", new DiagnosticBag())!;
        var modules = new List<(ulong Address, ulong Size)>();
        Collect(tree.FindNode("/chosen")!, modules);
        var expected = plan.Files.Where(f => f.File.Name != "host.dtb" && f.File.Role != global::Xen.Shm.Generation.Layout.BootFileRole.Xen)
            .Select(f => (f.Address, f.File.FileSize)).OrderBy(x => x.Address).ToList();
        CollectionAssert.AreEqual(expected, modules.OrderBy(x => x.Address).ToList());
        // Nothing overlaps: not the files, not the boot.scr slot, not a region's host range.
        var ranges = plan.Files.Select(f => (Start: f.Address, End: f.Address + f.File.MemorySize)).Append((Start: plan.BootScriptAddress, End: plan.BootScriptAddress + 0x200000UL)).ToList();
        ranges.AddRange(scenario.Board.Regions.Where(x => x.HostRange.HasValue).Select(x => (Start: x.HostRange!.Value.Base, End: x.HostRange.Value.End)));
        for (int i = 0; i < ranges.Count; i++)
            for (int j = i + 1; j < ranges.Count; j++)
                Assert.IsTrue(ranges[i].End <= ranges[j].Start || ranges[j].End <= ranges[i].Start, $"{ranges[i]} overlaps {ranges[j]}");
    }

    private static void Collect(DtNode node, List<(ulong, ulong)> modules)
    {
        foreach (var c in node.Children)
        {
            if (c.BaseName == "module")
            {
                uint[] reg = c.GetProperty("reg")!.Value.AsCells();
                Assert.HasCount(4, reg, c.Path);
                ulong address = (ulong)reg[0] << 32 | reg[1];
                Assert.AreEqual(address.ToString("x"), c.UnitAddress, c.Path);
                modules.Add((address, (ulong)reg[2] << 32 | reg[3]));
            }
            Collect(c, modules);
        }
    }
}
