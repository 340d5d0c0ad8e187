using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Scenarios;

/// <summary>The memory limits the spec states for its seeds' 1:1 windows (XSHM2007); S0's is in CommonRuleTests.</summary>
[TestClass]
public sealed class WorkedExampleLimitsTests
{
    private static string[] Codes(string domainLine, string region) =>
        Topo.Parse(Boards.With(xen: "xen:\n  flavour: upstream\n  version: \"4.21\"\n  image: images/xen",
                domains: "domains:\n  - { name: dom0, kind: dom0, memory: 1024M, kernel: images/Image }\n" + domainLine,
                regions: "regions:\n" + region))
            .Diagnostics.Select(d => d.Code).ToArray();

    [TestMethod]
    [DataRow("1008M", false)]
    [DataRow("1009M", true)]
    public void S3_SramAt0x7f000000_FitsADomUWithUpTo1008MiB(string memory, bool collides)
    {
        // spec §7.3: RAM ends at 0x7f000000 with 1008 MiB; XSHM2007 above that.
        var codes = Codes($"  - {{ name: domU1, kind: dom0less, memory: {memory}, kernel: images/Image }}",
            "  - { id: sram0, mechanism: mmio-sram, host: 0x7f000000, size: 16M, peers: [ { domain: domU1 } ] }");
        CollectionAssert.AreEqual(collides ? new[] { "XSHM2007" } : Array.Empty<string>(), codes);
    }

    [TestMethod]
    [DataRow("1023M", false)]
    [DataRow("1024M", true)]
    public void S1_UioPageAt0x7ffff000_CollidesFrom1024MiB(string memory, bool collides)
    {
        // spec §5.2: S1's 1:1 window collides with guest RAM once the domU has 1024 MiB or more.
        var codes = Codes($"  - {{ name: guest1, kind: xl, memory: {memory}, kernel: images/Image }}",
            "  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 4K, peers: [ { domain: guest1 } ] }");
        CollectionAssert.AreEqual(collides ? new[] { "XSHM2007" } : Array.Empty<string>(), codes);
    }
}
