using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Rules;

[TestClass]
public sealed class BaselineTests
{
    [TestMethod]
    public void StandardBoard_WithOneRegionPerMechanism_HasNoDiagnostic()
    {
        var result = Topo.AssertClean(Boards.With());
        var board = result.Board!;
        Assert.HasCount(5, board.Domains);
        Assert.HasCount(5, board.Regions);
        Assert.IsInstanceOfType<IomemCacheableRegion>(board.Regions[0]);
        Assert.IsInstanceOfType<UioRegion>(board.Regions[1]);
        Assert.IsInstanceOfType<StaticShmRegion>(board.Regions[2]);
        Assert.IsInstanceOfType<MmioSramRegion>(board.Regions[3]);
        Assert.IsInstanceOfType<DomainShmRegion>(board.Regions[4]);
    }
}
