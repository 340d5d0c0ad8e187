using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Model;

/// <summary>Sizes as the task defines them, and the guest layout of spec §1.5.</summary>
[TestClass]
public sealed class ValuesTests
{
    private static ulong? Size(string text)
    {
        var r = Topo.Parse(Boards.WithRegion($"  - {{ id: sram9, mechanism: mmio-sram, host: 0x0, size: {text}, peers: [ {{ domain: domU1 }} ] }}"));
        return r.Board?.Regions.SingleOrDefault()?.Size?.Value;
    }

    [TestMethod]
    [DataRow("0x1000", 0x1000UL)]
    [DataRow("4096", 4096UL)]
    [DataRow("4K", 4096UL)]
    [DataRow("4k", 4096UL)]
    [DataRow("16M", 0x1000000UL)]
    [DataRow("16MiB", 0x1000000UL)]
    [DataRow("1G", 0x40000000UL)]
    [DataRow("2T", 0x20000000000UL)]
    [DataRow("0xffffffffffffffff", ulong.MaxValue)]
    [DataRow("18446744073709551615", ulong.MaxValue)]
    [DataRow("\"0x1000\"", 0x1000UL)]
    public void AcceptedSizes(string text, ulong expected) => Assert.AreEqual(expected, Size(text));

    [TestMethod]
    [DataRow("1.5M")]
    [DataRow("-1")]
    [DataRow("0x")]
    [DataRow("16Q")]
    [DataRow("1e6")]
    [DataRow("0x1_000")]
    [DataRow("16777216T")]
    public void RejectedSizes(string text) => Assert.IsNull(Size(text));

    [TestMethod]
    public void GuestRamBanks_FollowArchArmH()
    {
        // spec §1.5: bank0 fills RAM0 (3 GiB) first, the rest goes to RAM1 at 0x200000000.
        Assert.AreEqual("[0x40000000, 0x60000000)", GuestLayout.RamBanks(512UL << 20).Single().ToString());
        var banks = GuestLayout.RamBanks(4UL << 30);
        Assert.AreEqual("[0x40000000, 0x100000000)", banks[0].ToString());
        Assert.AreEqual("[0x200000000, 0x240000000)", banks[1].ToString());
        // The extended-region tails start at the 2 MiB-aligned end of RAM in each window (spec §9).
        var tails = GuestLayout.UnusedRamWindowTails((512UL << 20) + 0x1000);
        Assert.AreEqual("[0x60200000, 0x100000000)", tails[0].ToString());
        Assert.AreEqual("[0x200000000, 0x10000000000)", tails[1].ToString());
    }

    [TestMethod]
    public void DomUMemoryIsKeptInBytes()
    {
        var d = Topo.Parse(Boards.With()).Board!.FindDomain("domU1")!;
        Assert.AreEqual(256UL << 20, d.Memory!.Value.Value);
        Assert.IsFalse(d.IsDirectMapped);
        Assert.IsTrue(Topo.Parse(Boards.With()).Board!.Dom0!.IsDirectMapped);
    }
}
