using System.Text.RegularExpressions;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// LLC cache colouring and a static heap (issue 20) booted on the hypervisor that reads them: upstream Xen 4.21.2
/// built from source with CONFIG_LLC_COLORING and CONFIG_STATIC_MEMORY, the board testassets/qemu-llc-colouring
/// built by `dotnet build` through the packed SDK, started by our boot.scr under U-Boot. QEMU cannot show what
/// colouring is for (TCG models no cache), so the proof is Xen's own record: it probed the L2 (32 colours), took the
/// colours the SDK wrote, allocated each domain's RAM from its colours alone (the free pages per colour of Xen's 'H'
/// dump), and drew its heap from the static heap banks alone; dom0 and domU1 still pass data both ways through a
/// dom0less-shm region.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class LlcColouringBootTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>The colour heap's bank, 0x80000000 + 768 MiB: at most this many free pages per colour (of 32).</summary>
    private const long ColourBankPagesPerColour = (768L << 20) / 4096 / 32;

    /// <summary>The buddy allocator's bank, 0x78000000 + 64 MiB, in pages: all of buddy zone 19 ([1 GiB, 2 GiB)).</summary>
    private const long BuddyBankPages = (64L << 20) / 4096;

    private void Boot(string xenImage, LlcColouringVariant variant, Action<BootOutcome> assert) => Boot(xenImage, variant, (o, _) => assert(o));

    private void Boot(string xenImage, LlcColouringVariant variant, Action<BootOutcome, LlcColouringBoard> assert)
    {
        var tools = BootPrerequisites.Require();
        var board = new LlcColouringBoard(tools, xenImage, variant, TestContext.WriteLine);
        RealBoot.Boot(tools, board, BootRoute.UBootDisk, TestContext, o => assert(o, board));
    }

    /// <summary>XSHM2014 for dom0's window onto shm-a (the SDK's warning of what the Xilinx fork does to a coloured dom0).</summary>
    private static readonly Regex Dom0WindowInExtendedRegion = new(@"board\.yaml\(\d+,\d+(,\d+,\d+)?\): warning XSHM2014: region 'shm-a' window \[0xb0000000, ");

    [TestMethod]
    [TestCategory("Boot")]
    public void Xen421_UBootDisk_ColouredDomainsOnAStaticHeapShareARegion()
    {
        Boot(SourceBuiltXen.Require(SourceBuiltXen.Upstream421).Image, LlcColouringVariant.AsCommitted, (o, board) =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            // Upstream lays a coloured dom0 out as the host and keeps its extended regions off the bank: no warning.
            Assert.DoesNotMatchRegex(Dom0WindowInExtendedRegion, board.BuildOutput);
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.21.2 (", o.Report());
            // What the SDK wrote, as Xen read it.
            StringAssert.Contains(log, "llc-coloring=on xen-llc-colors=0 dom0-llc-colors=1-15", o.Report());
            // Colouring on: Xen probed QEMU's cortex-a57 L2 itself (CLIDR/CCSIDR: 64 B x 2048 sets = a 128 KiB way =
            // 32 colours of 4 KiB; xen/arch/arm/llc-coloring.c get_llc_way_size) and moved itself to its colour
            // (arch_llc_coloring_init: "Placing Xen at"); 'm' (dump_llc_coloring_info) and 'q' (domain_dump_llc_colors).
            StringAssert.Contains(log, "LLC found: L2 (line size: 64 bytes, sets num: 2048)", o.Report());
            StringAssert.Contains(log, "Placing Xen at 0x", o.Report());
            StringAssert.Contains(log, "Number of LLC colors supported: 32", o.Report());
            StringAssert.Contains(log, "Xen LLC colors (1): { 0 }", o.Report());
            var colours = XenDumps.DomainLlcColours(log);
            Assert.AreEqual("1-15", colours.GetValueOrDefault(0), o.Report());
            Assert.AreEqual("16-31", colours.GetValueOrDefault(1), o.Report());
            // The pages came from those colours: after dom0 (256M over 15 colours) and domU1 (128M over 16) were
            // built, every colour of dom0's has fewer free pages than every colour of domU1's, which have fewer than
            // colour 0 (Xen's, no domain's).
            var heap = XenDumps.ColourHeap(log);
            Assert.AreEqual(32, heap.Count, "Color heap lines of 'H':\n" + o.Report());
            long Max(int a, int b) => Enumerable.Range(a, b - a + 1).Max(c => heap.GetValueOrDefault(c));
            long Min(int a, int b) => Enumerable.Range(a, b - a + 1).Min(c => heap.GetValueOrDefault(c));
            Assert.IsTrue(Max(1, 15) < Min(16, 31) && Max(16, 31) < heap[0],
                $"free pages per colour: {string.Join(", ", heap.OrderBy(h => h.Key).Select(h => $"{h.Key}:{h.Value}"))}\n" + o.Report());
            // Static heap: Xen read both banks (reserved, " RESVD[n]") and its heap is those banks alone: no colour
            // holds more free pages than the colour bank's share, and the buddy allocator's zone 19 (host RAM
            // [1 GiB, 2 GiB)) holds the 64 MiB bank and nothing more (without the static heap it would hold the
            // first free range of RAM from 0x40000000, xen/common/page_alloc.c end_boot_allocator).
            StringAssert.Contains(log, "Checking for static heap in /chosen", o.Report());
            StringAssert.Contains(log, " RESVD[0]: 0000000078000000 - 000000007bffffff", o.Report());
            StringAssert.Contains(log, " RESVD[1]: 0000000080000000 - 00000000afffffff", o.Report());
            Assert.IsTrue(heap.Values.All(p => p <= ColourBankPagesPerColour), o.Report());
            Assert.AreEqual(BuddyBankPages, XenDumps.BuddyZones(log).GetValueOrDefault(19), o.Report());
            // Colouring makes dom0 not direct-mapped: Xen lays its RAM over the host's largest free range.
            StringAssert.Contains(log, "d0 BANK[0] 0x00000040000000-0x00000050000000 (256MB)", o.Report());
        });
    }

    /// <summary>Negative control: the committed folder on upstream Xen 4.17.7 built from source (static memory and
    /// static shm, no colouring: LLC colouring is upstream from 4.20). The region still works, but Xen does not know
    /// the parameters the SDK wrote (llc-coloring=on, llc-colors): it probes no cache, gives the domains no colours and has
    /// no colour heap; dom0 is direct-mapped again.</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_SameFolderOnXen417_NoColouring()
    {
        Boot(SourceBuiltXen.Require(SourceBuiltXen.Upstream417).Image, LlcColouringVariant.OnXen417, o =>
        {
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.17.7 (", o.Report());
            // (4.17 parses its command line before its console is up and does not replay that on the serial line, so
            // its 'parameter "llc-coloring" unknown!' is not there.) The dumps ran, without a colour in them.
            StringAssert.Contains(log, "General information for domain 1:", o.Report());
            Assert.IsFalse(log.Contains("LLC found", StringComparison.Ordinal), o.Report());
            Assert.IsFalse(log.Contains("LLC color", StringComparison.Ordinal), o.Report());
            Assert.AreEqual(0, XenDumps.DomainLlcColours(log).Count, o.Report());
            Assert.AreEqual(0, XenDumps.ColourHeap(log).Count, o.Report());
            Assert.IsTrue(o.Verdict.Passed, "the region itself does not depend on colouring:\n" + o.Report());
        });
    }

    /// <summary>Negative control: domU1's colours 32-47. The SDK accepts them (below 128, what a default build of Xen
    /// holds; how many colours the cache has only Xen knows at boot), Xen 4.21.2 finds 32 colours in QEMU's L2 and
    /// refuses the domain (xen/common/llc-coloring.c check_colors, xen/common/device-tree/dom0less-build.c).</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_DomU1ColoursBeyondTheCache_XenRefuses()
    {
        Boot(SourceBuiltXen.Require(SourceBuiltXen.Upstream421).Image, LlcColouringVariant.ColoursBeyondTheCache, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "LLC found: L2 (line size: 64 bytes, sets num: 2048)", o.Report());
            StringAssert.Contains(log, "LLC color 32 >= 32 (max allowed)", o.Report());
            StringAssert.Contains(log, "d1: bad LLC color config", o.Report());
            StringAssert.Contains(log, "Error initializing LLC coloring for domain domU1 (rc = -22)", o.Report());
            Assert.IsFalse(log.Contains("XSHM: SHM-OK", StringComparison.Ordinal), o.Report());
        });
    }

    /// <summary>The forbidden pair from the SDK itself (a build, no boot): domU1 given static memory on the colouring
    /// board fails with XSHM2089 at its staticMem in board.yaml (Xen 4.21 would panic "LLC coloring and static memory
    /// are incompatible").</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void ColouringWithStaticMem_SdkRefusesWithPositionedError()
    {
        var tools = BootPrerequisites.Require();
        var output = SdkBoardRefusal.Output(LlcColouringBoard.Asset,
            LlcColouringBoard.Images(tools.Cache, SourceBuiltXen.Require(SourceBuiltXen.Upstream421).Image),
            y => y.Replace("    llcColors: \"16-31\"\n", "    llcColors: \"16-31\"\n    staticMem:\n      - { base: 0x60000000, size: 128M }\n", StringComparison.Ordinal));
        StringAssert.Matches(output, new Regex(@"board\.yaml\(\d+,\d+(,\d+,\d+)?\): error XSHM2089: 'domU1' has staticMem while LLC colouring is on"));
    }

    private static string Colours(int first, int last) => string.Join(" ", Enumerable.Range(first, last - first + 1));

    /// <summary>The board with flavour xilinx on the Xilinx 4.17 fork built with CONFIG_LLC_COLORING
    /// (xen-source/prepare.sh xilinx-4.17-llc): the fork takes the SDK's legacy xen_colors=/dom0_colors= and domU1's
    /// colors bitmask, allocates from those colours and the region passes both ways; but it gives the coloured
    /// (not direct-mapped) dom0 the extended region 0x50000000-0x100000000, over dom0's own static shm bank at
    /// 0xb0000000 (upstream 4.21.2 skips it): the verdict's carve-out rule fails on exactly that, and the SDK's build
    /// warned of it (XSHM2014).</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void XilinxFork_UBootDisk_ColoursAppliedButDom0ExtendedRegionCoversItsShm()
    {
        Boot(SourceBuiltXen.Require(SourceBuiltXen.Xilinx417Llc).Image, LlcColouringVariant.XilinxFork, (o, board) =>
        {
            // The SDK said so at build time, at shm-a's host address in board.yaml.
            Assert.MatchesRegex(Dom0WindowInExtendedRegion, board.BuildOutput);
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.17.0 (", o.Report());
            StringAssert.Contains(log, "XSHM: SHM-OK", o.Report());
            StringAssert.Contains(log, "XSHM: domU1->dom0 ok", o.Report());
            StringAssert.Contains(log, "XSHM: dom0->domU1 ok", o.Report());
            // the fork's own format (xen/arch/arm/llc_coloring.c domain_dump_llc_colors)
            StringAssert.Contains(log, $"Domain d0 has 15 LLC colors: [ {Colours(1, 15)} ]", o.Report());
            StringAssert.Contains(log, $"Domain d1 has 16 LLC colors: [ {Colours(16, 31)} ]", o.Report());
            var heap = XenDumps.ColourHeap(log);
            Assert.AreEqual(32, heap.Count, o.Report());
            Assert.IsTrue(Enumerable.Range(1, 15).Max(c => heap[c]) < Enumerable.Range(16, 16).Min(c => heap[c]) &&
                          Enumerable.Range(16, 16).Max(c => heap[c]) < heap[0], o.Report());
            StringAssert.Contains(log, "d0: extended region 0: 0x50000000->0x100000000", o.Report());
            CollectionAssert.AreEqual(new[] { "carve-out" }, o.Verdict.Failures.Select(f => f.Split(' ')[0]).ToArray(), o.Report());
        });
    }

    /// <summary>Negative control: the same folder on the fork built without CONFIG_LLC_COLORING (xilinx-4.17): no
    /// domain has colours, no colour heap.</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_XilinxForkWithoutColouring_NoColours()
    {
        Boot(SourceBuiltXen.Require(SourceBuiltXen.Xilinx417).Image, LlcColouringVariant.XilinxFork, o =>
        {
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.17.0 (", o.Report());
            StringAssert.Contains(log, "General information for domain 1:", o.Report());
            Assert.IsFalse(log.Contains("LLC colors", StringComparison.Ordinal), o.Report());
            Assert.AreEqual(0, XenDumps.ColourHeap(log).Count, o.Report());
        });
    }
}
