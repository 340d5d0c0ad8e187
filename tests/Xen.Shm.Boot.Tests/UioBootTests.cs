using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// The UIO board: dom0 starts Debian's Xen toolstack (oxenstored, xen-init-dom0, xenconsoled) and creates an
/// xl domU whose iomem line maps the carved page at a different guest address; both directions must pass.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class UioBootTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [TestCategory("Boot")]
    public void UioBoard_XlDomUCreatedByDom0_HandshakePassesAndCarveOutKept()
    {
        var tools = BootPrerequisites.RequireUio();
        RealBoot.Boot(tools, new ReferenceUioBootFolder(tools), BootRoute.GenericLoader, TestContext, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            StringAssert.Contains(o.Run.SerialLog, "XSHM: dom0 created the xl domU from /etc/xen/guest1.cfg", o.Report());
            StringAssert.Contains(o.Run.SerialLog, "guest1.log: XSHM: domu1 region at 0x34000000", o.Report());
        });
    }
}
