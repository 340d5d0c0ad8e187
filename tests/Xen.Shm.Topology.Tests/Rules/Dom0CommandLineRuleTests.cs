using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

/// <summary>
/// Issue 19 item 2: dom0's memory and vcpus against dom0_mem / dom0_max_vcpus in xen.bootargs
/// (XSHM2024 at the dom0 value, naming the bootargs). The standard board's bootargs say dom0_mem=1024M.
/// </summary>
[TestClass]
public sealed class Dom0CommandLineRuleTests
{
    private static string WithDom0(string dom0, string bootargs = "console=dtuart dtuart=serial0 dom0_mem=1024M") =>
        Boards.With(
            xen: Boards.XenSection.Replace("\"console=dtuart dtuart=serial0 dom0_mem=1024M\"", "\"" + bootargs + "\""),
            domains: Boards.DomainsSection.Replace(
                "  - { name: dom0, kind: dom0, memory: 1024M, kernel: images/Image, ramdisk: images/rootfs.cpio.gz, bootargs: \"console=hvc0\" }",
                "  - " + dom0));

    [TestMethod]
    public void XSHM2024_Dom0MemoryDiffersFromDom0Mem()
    {
        var r = Topo.AssertOnly(WithDom0("{ name: dom0, kind: dom0, memory: »512M, kernel: images/Image, ramdisk: images/rootfs.cpio.gz }",
            "console=dtuart dom0_mem=768M"), "XSHM2024");
        var d = r.Diagnostics.Single();
        StringAssert.Contains(d.Message, "dom0_mem=768M");
        // The bootargs' position goes with it (MSBuild shows it as "(see board.yaml(l,c))").
        Assert.HasCount(1, d.Related);
        Assert.AreEqual(r.Board!.Xen.Bootargs!.Value.Span, d.Related[0]);
    }

    [TestMethod]
    public void XSHM2024_Dom0VcpusDifferFromDom0MaxVcpus()
    {
        Topo.AssertOnly(WithDom0("{ name: dom0, kind: dom0, memory: 1024M, vcpus: »2, kernel: images/Image, ramdisk: images/rootfs.cpio.gz }",
            "console=dtuart dom0_mem=1024M dom0_max_vcpus=1"), "XSHM2024");
    }

    [TestMethod]
    public void SameValuesInBothPlaces_AreFine()
    {
        // 1048576 without a unit is KiB in Xen (parse_size_and_unit), so 1 GiB as well.
        Topo.AssertClean(WithDom0("{ name: dom0, kind: dom0, memory: 1024M, vcpus: 2, kernel: images/Image, ramdisk: images/rootfs.cpio.gz }",
            "console=dtuart dom0_mem=1048576 dom0_max_vcpus=2"));
    }

    [TestMethod]
    public void LastWordCounts_AsInXen()
    {
        Topo.AssertOnly(WithDom0("{ name: dom0, kind: dom0, memory: »1024M, kernel: images/Image, ramdisk: images/rootfs.cpio.gz }",
            "dom0_mem=1024M console=dtuart dom0_mem=2G"), "XSHM2024");
    }

    [TestMethod]
    [DataRow("1G")]
    [DataRow("0x100000")]
    [DataRow("1048576k")]
    [DataRow("1073741824B")]
    [DataRow("1t")]
    public void Dom0MemSpellings_ReadAsXenReadsThem(string value)
    {
        // Xen's parse_size_and_unit: C number, then T/G/M/K/B, KiB without a unit; 1t is not 1 GiB.
        string dom0 = "{ name: dom0, kind: dom0, memory: »1024M, kernel: images/Image, ramdisk: images/rootfs.cpio.gz }";
        if (value == "1t") Topo.AssertOnly(WithDom0(dom0, "dom0_mem=" + value), "XSHM2024");
        else Topo.AssertClean(WithDom0(dom0.Replace("»", ""), "dom0_mem=" + value));
    }
}
