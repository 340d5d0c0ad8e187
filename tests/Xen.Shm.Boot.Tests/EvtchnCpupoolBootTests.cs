using System.Text.RegularExpressions;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// Static event channels and a boot-time cpupool (issue 20) booted on the hypervisor that reads them: upstream Xen
/// 4.21.2 built from source with CONFIG_STATIC_EVTCHN and CONFIG_BOOT_TIME_CPUPOOLS, the board
/// testassets/qemu-evtchn-cpupool built by `dotnet build` through the packed SDK, started by our boot.scr under
/// U-Boot. Each guest asks Xen (EVTCHNOP_status) what its static ports are bound to and notifies the far end
/// (EVTCHNOP_send); dom0 then presses Xen's debug keys e, q and r (XEN_SYSCTL_debug_keys) and Xen's own dumps show
/// the far ends' pending bits, where each vCPU runs and the pools. Receiving in the guest is not possible on
/// Debian 12's kernel (6.1 has no IOCTL_EVTCHN_BIND_STATIC, Linux 6.2), so the receiving side is Xen's record.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class EvtchnCpupoolBootTests
{
    public TestContext TestContext { get; set; } = null!;

    private void Boot(string xenImage, EvtchnCpupoolVariant variant, Action<BootOutcome> assert)
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new EvtchnCpupoolBoard(tools, xenImage, variant, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, assert);
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void Xen421_UBootDisk_NotificationsCrossStaticChannelsAndDomU1RunsInItsPool()
    {
        Boot(SourceBuiltXen.Require(SourceBuiltXen.Upstream421).Image, EvtchnCpupoolVariant.AsCommitted, o =>
        {
            var log = o.Run.SerialLog;
            TestContext.WriteLine(log);
        });
    }
}
