using System.Text.RegularExpressions;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// A direct-mapped dom0less domain with static memory (directMap + staticMem: Xen's direct-map and xen,static-mem)
/// booted on the hypervisor that consumes it: upstream Xen 4.17.7 built from source with CONFIG_STATIC_MEMORY and
/// CONFIG_STATIC_SHM, the board testassets/qemu-direct-map built by `dotnet build` through the packed SDK, started
/// by our boot.scr under U-Boot. domU1 owns host RAM 0x60000000-0x6fffffff and shares shm-a (host 0xb0000000)
/// with dom0; both see everything at its host address.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class DirectMapBootTests
{
    public TestContext TestContext { get; set; } = null!;

    // Xen 4.17 xen/arch/arm/domain_build.c assign_static_memory_11 (the direct-map path):
    // XENLOG_INFO "%pd: STATIC BANK[%u] %#"PRIpaddr"-%#"PRIpaddr"\n" (shown with loglvl=all; arm64 PRIpaddr "016lx").
    private const ulong StaticBankStart = 0x6000_0000, StaticBankEnd = 0x7000_0000;
    private const string StaticBank = "d1: STATIC BANK[0] 0x00000060000000-0x00000070000000";

    // assign_shared_memory: only the owner's creation allocates; domU1 owns shm-a.
    private const string DomU1OwnsShmA = "d1: allocate static shared memory BANK 0x000000b0000000-0x000000b1000000.";

    // domain_build.c construct_domain → dtb_load: "Loading %pd DTB to 0x%"PRIpaddr"-0x%"PRIpaddr"\n". Xen puts a
    // domU's DTB in its guest RAM: inside the static bank only when guest addresses are host addresses (without
    // direct-map the bank is mapped at GUEST_RAM0_BASE 0x40000000).
    private static readonly Regex DtbInStaticBank = new(@"Loading d1 DTB to 0x000000006[0-9a-f]{7}-0x000000006[0-9a-f]{7}");

    private void Boot(string xenName, string xenImage, Action<BootOutcome> assert)
    {
        var tools = BootPrerequisites.Require();
        RealBoot.Boot(tools, new DirectMapBoard(tools, xenName, xenImage, TestContext.WriteLine), BootRoute.UBootDisk, TestContext, assert);
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void Xen417_UBootDisk_DirectMappedDomUWithStaticMemorySharesARegionWithDom0()
    {
        var xen = SourceBuiltXen.Require(SourceBuiltXen.Upstream417);
        Boot(xen.Name, xen.Image, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "## Executing script at", "our boot.scr ran");
            StringAssert.Contains(log, "Xen version 4.17.7 (", o.Report());
            StringAssert.Contains(log, StaticBank, "Xen gave domU1 its static bank:\n" + o.Report());
            StringAssert.Contains(log, DomU1OwnsShmA, "Xen gave shm-a to its owner domU1:\n" + o.Report());
            StringAssert.Matches(log, DtbInStaticBank, "domU1's guest addresses are its host addresses:\n" + o.Report());
            // What domU1's Linux found (pr_info, loglevel=7): its RAM at the bank's host address (mm/page_alloc.c
            // "Early memory node ranges"), the vPL011 on the host UART (xen/arch/arm/vpl011.c reuses the dtuart's
            // address for a direct-mapped domain), and Xen's shm node at the host address.
            StringAssert.Contains(log, "DOM1: [    0.000000]   node   0: [mem 0x0000000060000000-0x000000006fffffff]", o.Report());
            StringAssert.Matches(log, new Regex(@"DOM1: \[ *[0-9.]+\] [0-9a-f]+\.[a-z-]+: ttyAMA0 at MMIO 0x9000000 "), o.Report());
            StringAssert.Contains(log, "DOM1: XSHM: domu1 region at 0xb0000000 (/reserved-memory/xen-shmem@b0000000)", o.Report());
            StringAssert.Contains(log, "XSHM: dom0 region at 0xb0000000 (/reserved-memory/xen-shmem@b0000000)", o.Report());
            // Xen kept the static bank out of dom0's extended regions (it is domU1's, reserved at boot).
            Assert.IsFalse(o.Verdict.Dom0ExtendedRegions.Any(e => e.Start < StaticBankEnd && StaticBankStart < e.End), o.Report());
        });
    }

    /// <summary>The same folder on Debian 12's Xen 4.17, built without CONFIG_STATIC_MEMORY (and static shm).</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_DebianXenWithoutStaticMemory_Fails()
    {
        var tools = BootPrerequisites.Require();
        Boot("debian", tools.Cache.Xen, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            // Without CONFIG_STATIC_MEMORY, CDF_staticmem is 0 (xen/include/xen/domain.h), so create_domUs sees a
            // direct-map domain without static allocation and panics with the message of the issue; the bank was
            // never reserved either (dom0 was given memory in it).
            StringAssert.Contains(o.Run.SerialLog, "direct-map is not valid for domain domU1 without static allocation.", o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.StartsWith("crash:", StringComparison.Ordinal)), o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("STATIC BANK", StringComparison.Ordinal), o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("DOM1: XSHM:", StringComparison.Ordinal), o.Report());
        });
    }

    /// <summary>The rule Xen enforces with a panic, from the SDK itself (a build, no boot): directMap without
    /// staticMem is refused with XSHM2020 at board.yaml's position.</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void DirectMapWithoutStaticMem_SdkRefusesWithPositionedError()
    {
        var tools = BootPrerequisites.Require();
        var output = SdkBoardRefusal.Output(DirectMapBoard.Asset, DirectMapBoard.Images(tools.Cache, tools.Cache.Xen), WithoutStaticMem);
        StringAssert.Matches(output, new Regex(@"board\.yaml\(\d+,\d+(,\d+,\d+)?\): error XSHM2020"));
    }

    /// <summary>Drops domU1's staticMem key and its bank lines, keeping directMap: true.</summary>
    public static string WithoutStaticMem(string yaml)
    {
        var lines = yaml.Split('\n').ToList();
        var key = lines.FindIndex(l => l.TrimStart().StartsWith("staticMem:", StringComparison.Ordinal));
        if (key < 0) throw new InvalidDataException("board.yaml: no staticMem key to remove");
        lines.RemoveAt(key);
        while (key < lines.Count && lines[key].TrimStart().StartsWith("- { base:", StringComparison.Ordinal)) lines.RemoveAt(key);
        return string.Join('\n', lines);
    }
}
