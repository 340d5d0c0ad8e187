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
/// (EVTCHNOP_send); dom0 waits until Xen's console ring shows both domUs done, then presses Xen's debug keys e, q
/// and r (XEN_SYSCTL_debug_keys): Xen's own dumps show the far ends' pending bits, where each vCPU runs and the
/// pools. The guests cannot receive through Linux: Debian 12's kernel (6.1) has no IOCTL_EVTCHN_BIND_STATIC
/// (Linux 6.2), and a port Xen already bound cannot be bound again, so the receiving side is Xen's record.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class EvtchnCpupoolBootTests
{
    public TestContext TestContext { get; set; } = null!;

    private void Boot(string xenImage, EvtchnCpupoolVariant variant, Action<BootOutcome> assert)
    {
        var tools = BootPrerequisites.Require();
        void Once(Action<BootOutcome> check) =>
            RealBoot.Boot(tools, new EvtchnCpupoolBoard(tools, xenImage, variant, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, check);
        try
        {
            Once(o => { if (XenCreditTickRace(o)) throw new XenCreditTickRaceException(); assert(o); });
        }
        catch (XenCreditTickRaceException)
        {
            // Xen's bug, not the SDK's output: one more boot, judged as usual (a second panic fails the test).
            TestContext.WriteLine("Xen panicked in csched_tick while setting up the credit pool (Xen 4.21.2 race, README): booting once more");
            Once(assert);
        }
    }

    /// <summary>
    /// Xen 4.21.2 sometimes takes a data abort in the credit scheduler's tick on the CPU it just moved to the
    /// boot-time credit pool (NULL + 0x28 in credit.c csched_tick, from the timer softirq, 30 ms after "Logical CPU
    /// 1 in Pool-1", before dom0 is built): seen once in the last four suite runs here (2026-12-05), with the same
    /// folder that passes otherwise.
    /// Only that panic, before any domain ran, earns a second boot.
    /// </summary>
    private static bool XenCreditTickRace(BootOutcome o) =>
        o.Run.SerialLog.Contains("Panic on CPU", StringComparison.Ordinal) &&
        o.Run.SerialLog.Contains("csched_tick", StringComparison.Ordinal) &&
        !o.Run.SerialLog.Contains("XSHM:", StringComparison.Ordinal);

    private sealed class XenCreditTickRaceException : Exception
    {
        public XenCreditTickRaceException() : base("Xen panicked in csched_tick (credit pool set-up race)") { }
    }

    private static EvtchnPort? Port(IReadOnlyList<EvtchnPort> ports, int domain, int port) =>
        ports.FirstOrDefault(p => p.Domain == domain && p.Port == port);

    /// <summary>A port as (pending, state, remote domain, remote port); the mask bit is the guest kernel's business.</summary>
    private static (bool, int, int?, int?)? Seen(IReadOnlyList<EvtchnPort> ports, int domain, int port) =>
        Port(ports, domain, port) is { } p ? (p.Pending, p.State, p.RemoteDomain, p.RemotePort) : null;

    /// <summary>dom0 saw Xen record the <paramref name="far"/> expected notifications and had Xen dump its state, without a crash.</summary>
    private static void AssertRanToTheDumps(BootOutcome o, int far)
    {
        var log = o.Run.SerialLog;
        StringAssert.Contains(log, $"XSHM: Xen shows all {far} far ports pending", o.Report());
        StringAssert.Contains(log, "XSHM: EVTCHN-DONE", o.Report());
        Assert.IsFalse(o.Verdict.Failures.Any(f => f.StartsWith("crash:", StringComparison.Ordinal)), o.Report());
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void Xen421_UBootDisk_NotificationsCrossStaticChannelsAndDomU1RunsInItsPool()
    {
        Boot(SourceBuiltXen.Require(SourceBuiltXen.Upstream421).Image, EvtchnCpupoolVariant.AsCommitted, o =>
        {
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.21.2 (", o.Report());
            AssertRanToTheDumps(o, 2);
            // What dom0's port is bound to, asked of Xen from inside the guest (EVTCHNOP_status), and its notification.
            // (The domUs run the same steps, but their console lines stop early when they are xen,enhanced: see
            // testassets/qemu-evtchn-cpupool/README.md; their notifications show in Xen's dump below.)
            StringAssert.Contains(log, "dom0: XSHM: evtchn port 10: interdomain to d1 port 10", o.Report());
            StringAssert.Contains(log, "dom0: XSHM: evtchn send port 10: ok", o.Report());
            // Xen's last 'e' dump: dom0's and domU1's notifications landed on the far ends (pending); dom0's port, which
            // nobody notified, is bound but not pending, so the bits are the notifications and not noise.
            var ports = XenDumps.EventChannels(log);
            Assert.AreEqual(((bool, int, int?, int?)?)(true, EvtchnPort.Interdomain, 0, 10), Seen(ports, 1, 10), o.Report());
            Assert.AreEqual(((bool, int, int?, int?)?)(true, EvtchnPort.Interdomain, 1, 20), Seen(ports, 2, 10), o.Report());
            // domU1's port 20 is bound to domU2's port 10; domU2's own notification is not asserted: domU2 (sharing CPU0
            // with dom0) blocks after its first console lines in every boot so far, before its send (README).
            Assert.AreEqual((EvtchnPort.Interdomain, (int?)2, (int?)10), Port(ports, 1, 20) is { } p20 ? (p20.State, p20.RemoteDomain, p20.RemotePort) : default, o.Report());
            Assert.AreEqual(((bool, int, int?, int?)?)(false, EvtchnPort.Interdomain, 1, 10), Seen(ports, 0, 10), o.Report());
            // The pool: Xen made cpu@1's pool Pool-1 with credit, the boot CPU's Pool-0 with the default (credit2),
            // and domU1 (d1) runs on CPU1 while dom0 and domU2 run on CPU0 ('q').
            StringAssert.Contains(log, "Logical CPU 1 in Pool-1 (Scheduler id:", o.Report());
            var pools = XenDumps.Cpupools(log);
            Assert.AreEqual(("1", "SMP Credit Scheduler (credit)"), pools.GetValueOrDefault(1), o.Report());
            Assert.AreEqual(("0", "SMP Credit Scheduler rev2 (credit2)"), pools.GetValueOrDefault(0), o.Report());
            CollectionAssert.AreEqual(new[] { 1 }, XenDumps.VcpuCpus(log, 1).ToArray(), o.Report());
            CollectionAssert.AreEqual(new[] { 0 }, XenDumps.VcpuCpus(log, 2).ToArray(), o.Report());
        });
    }

    /// <summary>Negative control: channel 1 goes to dom0 instead of domU2 (the wrong remote): domU2 has no bound port
    /// (Xen's dump has no port 10 for it, so nothing can reach it), and domU1's port 20 is bound to dom0's newly
    /// allocated port 11 instead.</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_ChannelToTheWrongRemote_DomU2GetsNothing()
    {
        Boot(SourceBuiltXen.Require(SourceBuiltXen.Upstream421).Image, EvtchnCpupoolVariant.WrongRemote, o =>
        {
            var log = o.Run.SerialLog;
            AssertRanToTheDumps(o, 1);
            var ports = XenDumps.EventChannels(log);
            Assert.IsNull(Port(ports, 2, 10), o.Report());
            Assert.AreEqual((EvtchnPort.Interdomain, (int?)0, (int?)11), Port(ports, 1, 20) is { } p20 ? (p20.State, p20.RemoteDomain, p20.RemotePort) : default, o.Report());
            Assert.AreEqual((EvtchnPort.Interdomain, (int?)1, (int?)20), Port(ports, 0, 11) is { } p11 ? (p11.State, p11.RemoteDomain, p11.RemotePort) : default, o.Report());
        });
    }

    /// <summary>Negative control: the committed folder on Debian 12's Xen 4.17 (built without
    /// CONFIG_BOOT_TIME_CPUPOOLS): Xen ignores the pool (one Pool-0, domU1 not confined to CPU1) while its static
    /// event channels (4.17 has them without a Kconfig option) still carry the notifications.</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_PoolOnDebianXenWithoutBootTimeCpupools_Ignored()
    {
        var tools = BootPrerequisites.Require();
        Boot(tools.Cache.Xen, EvtchnCpupoolVariant.DebianXen, o =>
        {
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.17", o.Report());
            AssertRanToTheDumps(o, 2);
            Assert.IsFalse(log.Contains("in Pool-1", StringComparison.Ordinal), o.Report());
            var pools = XenDumps.Cpupools(log);
            Assert.IsFalse(pools.ContainsKey(1), o.Report());
            Assert.AreEqual("0-1", pools.GetValueOrDefault(0).Cpus, o.Report());
            var ports = XenDumps.EventChannels(log);
            Assert.IsTrue(Port(ports, 2, 10)?.Pending == true, o.Report());
        });
    }

    /// <summary>The version rule from the SDK itself (a build, no boot): told "4.16", it refuses the channels and the
    /// pool with XSHM2065 / XSHM2075 at their places in board.yaml.</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void TargetXen416_SdkRefusesWithPositionedErrors()
    {
        var tools = BootPrerequisites.Require();
        var images = new Dictionary<string, string>(QemuVirtBoard.Images(tools.Cache))
        {
            ["images/initramfs-evtchn.cpio.gz"] = EvtchnCpupoolBoard.Initramfs(tools.Cache),
        };
        var output = SdkBoardRefusal.Output(EvtchnCpupoolBoard.Asset, images,
            y => y.Replace("version: \"4.21\"", "version: \"4.16\"", StringComparison.Ordinal));
        StringAssert.Matches(output, new Regex(@"board\.yaml\(\d+,\d+(,\d+,\d+)?\): error XSHM2065: static event channels"));
        StringAssert.Matches(output, new Regex(@"board\.yaml\(\d+,\d+(,\d+,\d+)?\): error XSHM2075: boot-time cpupools"));
    }
}
