using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// Mechanism 5 (Xen's dom0less static shared memory, xen,domain-shared-memory-v1) booted on the hypervisor that
/// consumes it: upstream Xen 4.17.7 built from source with CONFIG_STATIC_SHM (testassets/xen-source/prepare.sh),
/// the board testassets/qemu-dom0less-shm built by `dotnet build` through the packed SDK, started by our boot.scr
/// under U-Boot. Two regions with host addresses, one owned by dom0 and one by domU1; all three domains pass data
/// both ways through each, find Xen's own /reserved-memory/xen-shmem@&lt;address&gt; node, and Xen's log shows it
/// allocated each bank to its owner.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class Dom0lessShmBootTests
{
    public TestContext TestContext { get; set; } = null!;

    // Xen 4.17 xen/arch/arm/domain_build.c assign_shared_memory: "%pd: allocate static shared memory BANK %#"PRIpaddr"-%#"PRIpaddr".\n"
    // (arm64 PRIpaddr is "016lx": the '#' makes the 0x part of the 16 digits). Only the owner's creation allocates.
    private const string Dom0OwnsShmA = "d0: allocate static shared memory BANK 0x000000b0000000-0x000000b1000000.";
    private const string DomU1OwnsShmB = "d1: allocate static shared memory BANK 0x000000b1000000-0x000000b1200000.";

    /// <summary>Builds the variant through the SDK and boots it through U-Boot on the named source build of Xen.</summary>
    private void Boot(string xenBuild, Dom0lessShmVariant variant, Action<BootOutcome> assert)
    {
        var tools = BootPrerequisites.Require();
        var xen = SourceBuiltXen.Require(xenBuild);
        RealBoot.Boot(tools, new Dom0lessShmBoard(tools, xen, variant, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, assert);
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void Xen417_UBootDisk_OwnersAndBorrowersShareTwoRegions()
    {
        Boot(SourceBuiltXen.Upstream417, Dom0lessShmVariant.AsCommitted, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "## Executing script at", "our boot.scr ran");
            StringAssert.Contains(log, Dom0OwnsShmA, "Xen gave shm-a to its owner dom0:\n" + o.Report());
            StringAssert.Contains(log, DomU1OwnsShmB, "Xen gave shm-b to its owner domU1:\n" + o.Report());
            // Each domain found the region where Xen put it in its device tree (not a node of ours).
            foreach (var seen in new[]
                     {
                         "XSHM: dom0 region at 0xb0000000 (/reserved-memory/xen-shmem@b0000000)",
                         "XSHM: dom0 region at 0xb1000000 (/reserved-memory/xen-shmem@b1000000)",
                         "DOM1: XSHM: domu1 region at 0x60000000 (/reserved-memory/xen-shmem@60000000)",
                         "DOM1: XSHM: domu1 region at 0x61000000 (/reserved-memory/xen-shmem@61000000)",
                         "DOM2: XSHM: domu2 region at 0x70000000 (/reserved-memory/xen-shmem@70000000)",
                         "DOM2: XSHM: domu2 region at 0x72000000 (/reserved-memory/xen-shmem@72000000)",
                     })
                StringAssert.Contains(log, seen, o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_DebianXenWithoutStaticShm_Fails()
    {
        Boot(SourceBuiltXen.Upstream417, Dom0lessShmVariant.DebianXen, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            // Without CONFIG_STATIC_SHM, Xen 4.17's early FDT scan (xen/arch/arm/bootfdt.c process_shm_node) fails on the
            // first shm node under /chosen, before the console is up (its message is not on the serial line), and
            // stops there: the banks are never reserved (dom0's extended regions cover them) and the domUs' kernel
            // modules, later in /chosen, are never found.
            Assert.IsFalse(o.Run.SerialLog.Contains("allocate static shared memory", StringComparison.Ordinal), o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.StartsWith("carve-out lost", StringComparison.Ordinal)), o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.StartsWith("crash:", StringComparison.Ordinal)), o.Report());
            StringAssert.Contains(o.Run.SerialLog, "Could not set up domain domU1", o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_RegionMissingFromAPeer_Fails()
    {
        Boot(SourceBuiltXen.Upstream417, Dom0lessShmVariant.RegionMissingFromDomU2, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.Contains("SHM-FAIL domu2: no region node @72000000 in the device tree", StringComparison.Ordinal)), o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("XSHM: domU1->domU2 ok [region 2]", StringComparison.Ordinal), o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void Xen421_UBootDisk_RegionWithoutHostAddressAndOneWithShareData()
    {
        Boot(SourceBuiltXen.Upstream421, Dom0lessShmVariant.HeapRegion, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.21.2 (", o.Report());
            // Xen 4.21 lists the host-address banks it parsed (xen/common/device-tree/static-shmem.c early_print_info_shmem:
            // " SHMEM[%u]: %"PRIpaddr" - %"PRIpaddr"\n"; the heap bank is not there, Xen picks it later) and logs nothing
            // when it maps a bank (only failures). The rest of the proof is Xen's own work: the node it writes into each
            // domain's device tree at that domain's address, and the data that crossed.
            StringAssert.Contains(log, " SHMEM[0]: 00000000b0000000 - 00000000b0ffffff", o.Report());
            foreach (var seen in new[]
                     {
                         "DOM1: XSHM: domu1 region at 0x62000000 (/reserved-memory/xen-shmem@62000000)",
                         "DOM2: XSHM: domu2 region at 0x74000000 (/reserved-memory/xen-shmem@74000000)",
                         "DOM1: XSHM: domu1 region at 0x60000000 (/reserved-memory/xen-shmem@60000000)",
                         "DOM2: XSHM: domu2 region at 0x70000000 (/reserved-memory/xen-shmem@70000000)",
                         "XSHM: dom0 region at 0xb0000000 (/reserved-memory/xen-shmem@b0000000)",
                     })
                StringAssert.Contains(log, seen, o.Report());
            Assert.IsFalse(log.Contains("static shared memory", StringComparison.Ordinal), "an error line of static-shmem.c:\n" + o.Report());
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_RegionWithoutHostAddressOnXen417_Fails()
    {
        Boot(SourceBuiltXen.Upstream417, Dom0lessShmVariant.HeapRegionOnXen417, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            StringAssert.Contains(o.Run.SerialLog, "Xen version 4.17.7 (", o.Report());
            // 4.17 reads every xen,shared-mem as <host guest size> (xen/arch/arm/domain_build.c process_shm): dom0's
            // bank with a host address is still allocated, the host-less one sinks domU1.
            StringAssert.Contains(o.Run.SerialLog, "d0: allocate static shared memory BANK 0x000000b0000000-0x000000b1000000.", o.Report());
            StringAssert.Contains(o.Run.SerialLog, "Could not set up domain domU1", o.Report());
        });
    }

    /// <summary>The version rule behind the 4.21 board, from the SDK itself (a build, no boot): told "4.17", it refuses
    /// the host-less region with XSHM2010 at the region's mechanism in board.yaml.</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void RegionWithoutHostAddress_TargetXen417_SdkRefusesWithPositionedError()
    {
        var tools = BootPrerequisites.Require();
        var output = SdkBoardRefusal.Output(Dom0lessShmBoard.HeapAsset, QemuVirtBoard.Images(tools.Cache),
            y => y.Replace("version: \"4.21\"", "version: \"4.17\"", StringComparison.Ordinal));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"board\.yaml\(\d+,\d+(,\d+,\d+)?\): error XSHM2010: dom0less-shm without a host address"));
    }
}
