namespace Xen.Shm.Boot.Tests;

/// <summary>Reading dom0-init's lines from a serial log (excerpt of a real qemu-uio boot, its "\r\r\n" line ends kept).</summary>
[TestClass]
public sealed class UioDom0ReportTests
{
    private const string Log =
        "[    4.144730] pci 0000:00:00.0: Failed to add - passthrough or MSI/MSI-X might fail!\r\r\n" +
        "XSHM: dom0 cmdline: console=hvc0 earlycon=xen rdinit=/dom0-init iomem=relaxed loglevel=4 xshm_role=dom0 xshm_addr=0xbffff000 xshm_polls=300 xshm_expect=domu1 xshm_xl=/etc/xen/guest1.cfg uio_pdrv_genirq.of_id=uio-dev\r\r\n" +
        "XSHM: dom0 uio node /shared_mem@bffff000 compatible \"uio-dev\" reg 00000000bffff0000000000000001000\r\r\n" +
        "XSHM: dom0 uio_pdrv_genirq driver absent, uio devices: none\r\r\n" +
        "XSHM: dom0 xl file /etc/xen/guest1.cfg sha256 6403154f11e83c70753dd0406c9d0151fa6aa4f2481b57a9861dc11da51e0453\r\r\n" +
        "XSHM: dom0 userspace up (kernel 6.1.0-56-arm64)\r\r\n";

    [TestMethod]
    public void Parse_RealDom0Lines_GivesCmdlineNodeDriverAndXlFileHashes()
    {
        var r = UioDom0Report.Parse(Log);
        CollectionAssert.Contains(r.Arguments.ToList(), "uio_pdrv_genirq.of_id=uio-dev");
        Assert.AreEqual("uio_pdrv_genirq.of_id=uio-dev", r.Arguments[^1], "no trailing CR in the last argument");
        Assert.AreEqual(1, r.Nodes.Count);
        Assert.AreEqual(new UioNode("/shared_mem@bffff000", "uio-dev", "00000000bffff0000000000000001000"), r.Nodes[0]);
        Assert.AreEqual(UioDom0Report.Cells64(0xbffff000) + UioDom0Report.Cells64(0x1000), r.Nodes[0].RegHex);
        Assert.AreEqual("absent, uio devices: none", r.Driver);
        Assert.AreEqual("6403154f11e83c70753dd0406c9d0151fa6aa4f2481b57a9861dc11da51e0453", r.XlFiles["/etc/xen/guest1.cfg"]);
    }

    [TestMethod]
    public void Parse_LogWithoutDom0Init_ReportsNothing()
    {
        var r = UioDom0Report.Parse("XSHM: dom0 userspace up (kernel 6.1.0-56-arm64)\r\r\nXSHM: SHM-OK\r\r\n");
        Assert.IsNull(r.Cmdline);
        Assert.AreEqual(0, r.Arguments.Count);
        Assert.AreEqual(0, r.Nodes.Count);
        Assert.IsNull(r.Driver);
        Assert.AreEqual(0, r.XlFiles.Count);
    }

    [TestMethod]
    public void WithoutPeers_EmptiesTheRegionsPeersAndShortensThePolls()
    {
        var yaml = File.ReadAllText(Xen.Shm.Sdk.IntegrationTests.Infrastructure.RepositoryRoot.Combine("testassets", "qemu-uio", "board.yaml"));
        var edited = UioBoard.WithoutPeers(yaml);
        StringAssert.Contains(edited, "\n    peers: []\n");
        Assert.IsFalse(edited.Contains("- domain: guest1", StringComparison.Ordinal), edited);
        Assert.IsFalse(edited.Contains("xshm_polls=300", StringComparison.Ordinal), edited);
        // everything else stays: the domain guest1 itself, the region's host side
        StringAssert.Contains(edited, "  - name: guest1\n");
        StringAssert.Contains(edited, "    host: 0xbffff000");
    }
}
