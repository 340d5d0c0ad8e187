using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

/// <summary>
/// Issue 20: static event channels (eventChannels:), with the rules Xen applies at boot
/// (xen/common/device-tree/static-evtchn.c, dom0less-bindings.c max_evtchn_port = 1023). The standard board
/// (Xilinx 4.17) plus domU3 and domU4, dom0less domains with the default xen,enhanced ("enabled": a dom0 exists).
/// </summary>
[TestClass]
public sealed class EventChannelRuleTests
{
    private const string Extra = "\n  - { name: domU3, kind: dom0less, memory: 64M, kernel: images/Image }\n  - { name: domU4, kind: dom0less, memory: 64M, kernel: images/Image }";

    private static string With(string channels, string? xen = null) =>
        Boards.With(xen: xen, domains: Boards.DomainsSection + Extra, regions: Boards.RegionsSection + "\neventChannels:\n" + channels);

    [TestMethod]
    public void ChannelsBetweenDom0AndDom0lessDomains_LoadClean()
    {
        var r = Topo.AssertClean(With("  - ends: [ { domain: dom0 }, { domain: domU3, port: 1023 } ]\n  - ends: [ { domain: domU3, port: 11 }, { domain: domU4 } ]\n  - ends: [ { domain: dom0, port: 4095 }, { domain: domU4, port: 2 } ]"));
        Assert.HasCount(3, r.Board!.EventChannels);
        Assert.AreEqual(1023UL, r.Board.EventChannels[0].Second.Port!.Value.Value);
        Assert.IsNull(r.Board.EventChannels[0].First.Port);
    }

    [TestMethod]
    public void XSHM2060_ThreeEnds()
    {
        Topo.AssertOnly(With("  - ends: »[ { domain: dom0 }, { domain: domU3 }, { domain: domU4 } ]"), "XSHM2060");
    }

    [TestMethod]
    public void XSHM2061_UnknownDomainXlDomainAndOneDomainTwice()
    {
        Topo.AssertOnly(With("  - ends: [ { domain: »domU9 }, { domain: domU3 } ]\n  - ends: [ { domain: »guest1 }, { domain: domU3 } ]\n  - ends: [ { domain: domU4 }, { domain: »domU4 } ]"), "XSHM2061");
    }

    [TestMethod]
    public void XSHM2062_PortZeroAndAboveTheLimits()
    {
        Topo.AssertOnly(With("  - ends: [ { domain: dom0, port: »0 }, { domain: domU3, port: »1024 } ]\n  - ends: [ { domain: dom0, port: »4096 }, { domain: domU4 } ]"), "XSHM2062");
    }

    [TestMethod]
    public void XSHM2063_PortTwiceInADomainAndTheXenstorePort()
    {
        Topo.AssertOnly(With("  - ends: [ { domain: dom0, port: 12 }, { domain: domU3, port: 12 } ]\n  - ends: [ { domain: domU3, port: »12 }, { domain: domU4, port: »1 } ]"), "XSHM2063");
    }

    [TestMethod]
    public void XSHM2064_DomainWithoutEventChannelInterface()
    {
        // domU1 of the standard board has enhanced: false.
        Topo.AssertOnly(With("  - ends: [ { domain: dom0 }, { domain: »domU1 } ]"), "XSHM2064");
    }

    [TestMethod]
    public void XSHM2065_XenBefore417()
    {
        var xen = Boards.XenSection.Replace("version: \"4.17\"", "version: \"4.16\"", StringComparison.Ordinal).Replace("flavour: xilinx", "flavour: upstream", StringComparison.Ordinal);
        var r = Topo.Parse(With("  - ends: [ { domain: dom0 }, { domain: domU3 } ]", xen));
        Assert.IsTrue(r.Diagnostics.Any(d => d.Code == "XSHM2065"), Topo.Describe(r.Diagnostics));
    }
}
