using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

/// <summary>
/// Issue 20: boot-time cpupools (cpupools:, a dom0less domain's cpupool) with the rules of Xen's
/// xen/common/sched/boot-cpupool.c. The standard board (Xilinx 4.17) plus domU3 in pool "fast".
/// </summary>
[TestClass]
public sealed class CpupoolRuleTests
{
    private static string With(string pools, string domU3Pool = "fast", string? xen = null) =>
        Boards.With(xen: xen, domains: Boards.DomainsSection + "\n  - { name: domU3, kind: dom0less, memory: 64M, kernel: images/Image, cpupool: " + domU3Pool + " }",
            regions: Boards.RegionsSection + "\ncpupools:\n" + pools);

    [TestMethod]
    public void PoolWithNamedAndPathCpus_LoadsClean()
    {
        var r = Topo.AssertClean(With("  - { name: fast, cpus: [ cpu@1, /cpus/cpu@2 ], scheduler: credit }\n  - { name: slow, cpus: [ cpu@3 ] }"));
        Assert.HasCount(2, r.Board!.Cpupools);
        Assert.AreEqual("fast", r.Board.FindDomain("domU3")!.Cpupool!.Value.Value);
        Assert.AreEqual("/cpus/cpu@1", Cpupool.CpuPath(r.Board.Cpupools[0].Cpus[0].Value));
    }

    [TestMethod]
    public void XSHM2070_NoCpus()
    {
        Topo.AssertOnly(With("  - { name: fast, cpus: »[] }"), "XSHM2070");
    }

    [TestMethod]
    public void XSHM2071_TwoPoolsWithOneName()
    {
        Topo.AssertOnly(With("  - { name: fast, cpus: [ cpu@1 ] }\n  - { name: »fast, cpus: [ cpu@2 ] }"), "XSHM2071");
    }

    [TestMethod]
    public void XSHM2072_DomainNamesAnUndeclaredPool()
    {
        Topo.AssertOnly(With("  - { name: fast, cpus: [ cpu@1 ] }", domU3Pool: "»slow"), "XSHM2072");
    }

    [TestMethod]
    public void XSHM2073_CpuInTwoPoolsOrTwiceInOne()
    {
        Topo.AssertOnly(With("  - { name: fast, cpus: [ cpu@1, »/cpus/cpu@1 ] }\n  - { name: slow, cpus: [ »cpu@1 ] }"), "XSHM2073");
    }

    [TestMethod]
    public void XSHM2074_UnknownScheduler()
    {
        Topo.AssertOnly(With("  - { name: fast, cpus: [ cpu@1 ], scheduler: »sedf }"), "XSHM2074");
    }

    [TestMethod]
    public void XSHM2075_XenBefore417()
    {
        var xen = Boards.XenSection.Replace("version: \"4.17\"", "version: \"4.16\"", StringComparison.Ordinal);
        // 4.16 also refuses the standard board's dom0less-shm region (XSHM2010); only the pool's code matters here.
        var r = Topo.Parse(With("  - { name: fast, cpus: [ cpu@1 ] }", xen: xen));
        Assert.AreEqual(1, r.Diagnostics.Count(d => d.Code == "XSHM2075"), Topo.Describe(r.Diagnostics));
    }

    [TestMethod]
    public void XSHM1003_CpupoolOnDom0AndXlDomains()
    {
        var yaml = Boards.With(domains: Boards.DomainsSection
            .Replace("bootargs: \"console=hvc0\" }", "bootargs: \"console=hvc0\", »cpupool: fast }", StringComparison.Ordinal)
            .Replace("{ name: guest1, kind: xl, memory: 512M, kernel: images/Image }", "{ name: guest1, kind: xl, memory: 512M, kernel: images/Image, »cpupool: fast }", StringComparison.Ordinal),
            regions: Boards.RegionsSection + "\ncpupools:\n  - { name: fast, cpus: [ cpu@1 ] }");
        Topo.AssertOnly(yaml, "XSHM1003");
    }
}
