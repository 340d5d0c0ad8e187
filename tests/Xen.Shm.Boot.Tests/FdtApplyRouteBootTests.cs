using System.Globalization;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// The fdt apply route (XenShmBootApplyOverlay=true) booted for real: the folder holds the unmodified board.dtb and
/// host-overlay.dtbo, boot.scr applies the overlay in U-Boot (`fdt addr`, `fdt resize`, `fdt apply`) and prints the
/// applied /chosen. Debian's u-boot-qemu is built without CONFIG_OF_LIBFDT_OVERLAY, so the positive boot runs on
/// Debian's own source and configuration plus that one option (testassets/u-boot-source/prepare.sh); the negative
/// control is the same folder on Debian's stock u-boot.bin, where `fdt apply` does not exist.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class FdtApplyRouteBootTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [TestCategory("Boot")]
    public void OverlayCapableUBoot_AppliesTheSdksOverlay_TreeAsFdtoverlayMakesIt_HandshakePasses()
    {
        var stock = BootPrerequisites.Require();
        var uboot = SourceBuiltUBoot.Require(SourceBuiltUBoot.QemuArm64Overlay);
        var fdtoverlay = Xen.Shm.TestSupport.Prerequisite.RequireTool("fdtoverlay", "apt-get install device-tree-compiler");
        var tools = stock.WithUBoot(uboot.Image);
        var board = new QemuVirtOverlayBoard(tools, "libfdt-overlay", TestContext.WriteLine);
        RealBoot.Boot(tools, board, BootRoute.UBootDisk, TestContext, o =>
        {
            var boot = board.BootDirectory!;
            var log = o.Run.SerialLog;
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            Assert.AreNotEqual(BootEnd.TimedOut, o.Run.End, o.Report());
            var script = StringAssert_ScriptRan(log, o);
            Assert.IsFalse(log.Contains("failed on fdt_overlay_apply", StringComparison.Ordinal), o.Report());
            Assert.IsFalse(log.Contains("flattened device tree utility commands", StringComparison.Ordinal), "fdt printed its usage: " + o.Report());

            // The reference: dtc's fdtoverlay (libfdt's fdt_overlay_apply, as U-Boot's) on the two files of the folder.
            var applied = Path.Combine(Path.GetDirectoryName(boot)!, "fdtoverlay-applied.dtb");
            ExternalTool.Check(fdtoverlay, new[] { "-i", Path.Combine(boot, QemuVirtOverlayBoard.BoardDtb), "-o", applied, Path.Combine(boot, QemuVirtOverlayBoard.Overlay) });
            var expected = FdtSubtree.FromDtb(tools.Fdtget, applied, "/chosen");
            var printed = FdtSubtree.FromUBootPrint(log, "/chosen", script);
            Assert.IsNotNull(printed, "no `fdt print /chosen` output after the script started: " + o.Report());
            var diff = printed.Diff(expected);
            Assert.AreEqual(0, diff.Count, "U-Boot's applied /chosen vs fdtoverlay's:\n" + string.Join('\n', diff));
            Assert.IsTrue(printed.Properties.Any(p => p.Node == "/chosen" && p.Name == "xen,xen-bootargs"), "the overlay's /chosen/xen,xen-bootargs is missing");

            // Xen started dom0 from the module the overlay named: fdtoverlay's /chosen kernel module, U-Boot's tree.
            var dom0Kernel = expected.Nodes.Single(n => n.Count(c => c == '/') == 2 && n.StartsWith("/chosen/module@", StringComparison.Ordinal)
                && expected.Properties.Any(p => p.Node == n && p.Name == "compatible" && System.Text.Encoding.ASCII.GetString(p.Value).StartsWith("multiboot,kernel\0", StringComparison.Ordinal)));
            var at = ulong.Parse(dom0Kernel[(dom0Kernel.IndexOf('@') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            StringAssert.Contains(log, $"Loading d0 kernel from boot module @ {at:x16}", o.Report());
            // ... and took its command line from the overlay's xen,xen-bootargs: console_timestamps=boot stamps its lines.
            StringAssert.Contains(log, "(XEN) [", "Xen's lines carry no timestamp: xen,xen-bootargs did not reach Xen. " + o.Report());
            TestContext.WriteLine($"U-Boot {uboot.Source}: applied /chosen = fdtoverlay's ({printed.Nodes.Count} nodes, {printed.Properties.Count} properties); {ResizeLine(boot)}; {Line(log, "Using Device Tree in place at")}");
        });
    }

    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_SameFolderOnDebiansStockUBoot_NoFdtApply_NoHandshake()
    {
        var tools = BootPrerequisites.Require();
        var board = new QemuVirtOverlayBoard(tools, "debian-stock", TestContext.WriteLine);
        RealBoot.Boot(tools, board, BootRoute.UBootDisk, TestContext, o =>
        {
            var log = o.Run.SerialLog;
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            var script = StringAssert_ScriptRan(log, o);
            // cmd/fdt.c without CONFIG_OF_LIBFDT_OVERLAY: "apply" is no subcommand, so `fdt` prints its usage.
            StringAssert.Contains(log[script..], "fdt - flattened device tree utility commands", o.Report());
            Assert.IsFalse(log.Contains("fdt apply <addr>", StringComparison.Ordinal), "the stock build lists `fdt apply`: " + o.Report());
            // U-Boot then boots the board's tree as it is: its /chosen has none of the SDK's properties and nodes.
            var printed = FdtSubtree.FromUBootPrint(log, "/chosen", script);
            Assert.IsNotNull(printed, o.Report());
            Assert.IsFalse(printed.Properties.Any(p => p.Name.StartsWith("xen,", StringComparison.Ordinal)), o.Report());
            Assert.AreEqual(1, printed.Nodes.Count, "the board's /chosen has no module nodes: " + string.Join(", ", printed.Nodes));
            Assert.IsFalse(log.Contains("Loading d0 kernel from boot module", StringComparison.Ordinal), o.Report());
            Assert.IsFalse(log.Contains("(XEN) [", StringComparison.Ordinal), "Xen ran without the overlay's xen,xen-bootargs (no console_timestamps): " + o.Report());
            StringAssert.Contains(log, "Could not set up DOM0 guest OS", o.Report());
            Assert.IsFalse(log.Contains("XSHM: SHM-OK", StringComparison.Ordinal), o.Report());
        });
    }

    /// <summary>Where our boot.scr started in the log (it must have: distro boot found it on the disk).</summary>
    private static int StringAssert_ScriptRan(string log, BootOutcome o)
    {
        var at = log.IndexOf("## Executing script at", StringComparison.Ordinal);
        Assert.IsTrue(at >= 0, "boot.scr never ran: " + o.Report());
        return at;
    }

    private static string ResizeLine(string boot) =>
        BootScript.ExtractText(File.ReadAllBytes(Path.Combine(boot, BootScript.FileName))).Split('\n')
            .FirstOrDefault(l => l.StartsWith("fdt resize", StringComparison.Ordinal)) ?? "(no fdt resize)";

    private static string Line(string log, string marker) =>
        log.Split('\n').FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal))?.Trim() ?? $"(no '{marker}')";
}
