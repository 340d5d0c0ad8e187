using System.Text;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Reference;
using Xen.Shm.Boot.Tests.Sdk;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// Mechanism 3 (xl static_shm, Xilinx fork only) booted on the hypervisor and toolstack that consume it: the Xilinx
/// 4.17 (2023.2) hypervisor and its own xl/libxl built from source (testassets/xen-source), the board
/// testassets/qemu-static-shm built by `dotnet build` through the packed SDK, started by our boot.scr under U-Boot.
/// dom0 runs the SDK's etc/xen/create-domains.sh; vm1 owns shm_a and shm_b, vm2 borrows shm_a, vm3 borrows shm_b
/// from offset 0x10000. Data crosses both ways between the owner and each borrower.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class StaticShmBootTests
{
    public const string Asset = "qemu-static-shm";

    // Region 1 = shm_a (vm1 <-> vm2), region 2 = shm_b (vm1 <-> vm3, at offset 0x10000 of vm1's range).
    private static readonly BootExpectation Expect = new(
        new SharedRegion(0, 0),                   // no host carve-out: the owner's own RAM is shared
        Array.Empty<string>(),
        new[] { new[] { "domU1->domU2", "domU2->domU1" }, new[] { "domU1->domU2", "domU2->domU1" } });

    public TestContext TestContext { get; set; } = null!;

    private void Boot(string variant, Action<SortedDictionary<string, byte[]>>? editDom0Files, Action<BootOutcome> assert) =>
        XilinxXlBoard.Boot(TestContext, Asset, variant, Expect, assert, editDom0Files: editDom0Files);

    [TestMethod]
    [TestCategory("Boot")]
    public void XilinxXen_UBootDisk_CreateDomainsScript_OwnerAndTwoBorrowersShareData()
    {
        Boot("as-committed", null, o =>
        {
            Assert.IsTrue(o.Verdict.Passed, o.Report());
            var log = o.Run.SerialLog;
            StringAssert.Contains(log, "Xen version 4.17.0 (", "the Xilinx 4.17 (2023.2) hypervisor:\n" + o.Report());
            StringAssert.Contains(log, "## Executing script at", "our boot.scr ran");
            StringAssert.Contains(log, "XSHM: dom0 ran /etc/xen/create-domains.sh", o.Report());
            foreach (var vm in new[] { "vm1", "vm2", "vm3" })
                StringAssert.Contains(log, $"Parsing config from /etc/xen/{vm}.cfg", o.Report());
            // each borrower proved the owner's write on its own region, from its own console
            StringAssert.Contains(log, "vm2.log: XSHM: domU1->domU2 ok [region 1]", o.Report());
            StringAssert.Contains(log, "vm3.log: XSHM: domU1->domU2 ok [region 2]", o.Report());
            StringAssert.Contains(log, "vm1.log: XSHM: domU2->domU1 ok [region 1]", o.Report());
            StringAssert.Contains(log, "vm1.log: XSHM: domU2->domU1 ok [region 2]", o.Report());
            // libxl put the static_shm ranges in vm2's device tree (tools/libs/light/libxl_arm.c make_reserved_nodes)
            StringAssert.Contains(log, "vm2.log: XSHM: domu2 region at 0x48000000 (/reserved-memory/xen-shmem@48000000)", o.Report());
        });
    }

    /// <summary>Negative control: create-domains.sh with vm2 (a borrower) created before its owner vm1.</summary>
    [TestMethod]
    [TestCategory("Boot")]
    public void NegativeControl_BorrowerCreatedBeforeOwner_Fails()
    {
        Boot("borrower-first", BorrowerFirst, o =>
        {
            Assert.IsFalse(o.Verdict.Passed, o.Report());
            Assert.IsTrue(o.Verdict.Failures.Any(f => f.Contains("SHM-FAIL dom0: /etc/xen/create-domains.sh failed", StringComparison.Ordinal)), o.Report());
            // for the stated reason: xl met borrower vm2 first and died there, so no domain was ever created. It
            // crashes rather than saying "no owner found.": libxl__sshm_add's check reads the owner's path with
            // libxl__xs_read_checked, which returns 0 and NULL when the path does not exist, and the NULL "prot"
            // reaches libxl_sshm_prot_from_string (tools/libs/light/libxl_sshm.c, libxl_xshelp.c; seen 2026-12-04)
            var log = o.Run.SerialLog;
            var vm2 = log.IndexOf("Parsing config from /etc/xen/vm2.cfg", StringComparison.Ordinal);
            Assert.IsTrue(vm2 >= 0, o.Report());
            StringAssert.Contains(log.Substring(vm2), "Segmentation fault", o.Report());
            Assert.IsFalse(log.Contains("Parsing config from /etc/xen/vm1.cfg", StringComparison.Ordinal), o.Report());
            Assert.IsFalse(o.Run.SerialLog.Contains("XSHM: domU1->domU2 ok", StringComparison.Ordinal), o.Report());
        });
    }

    /// <summary>The SDK's script with the `xl create /etc/xen/vm2.cfg` line moved first.</summary>
    public static void BorrowerFirst(SortedDictionary<string, byte[]> files)
    {
        const string script = "etc/xen/create-domains.sh";
        var lines = Encoding.ASCII.GetString(files[script]).Split('\n').ToList();
        var vm2 = lines.FindIndex(l => l == "xl create /etc/xen/vm2.cfg");
        var first = lines.FindIndex(l => l.StartsWith("xl create ", StringComparison.Ordinal));
        if (vm2 < 0 || first < 0 || first == vm2) throw new InvalidDataException("create-domains.sh: no owner before vm2:\n" + string.Join('\n', lines));
        var line = lines[vm2];
        lines.RemoveAt(vm2);
        lines.Insert(first, line);
        files[script] = Encoding.ASCII.GetBytes(string.Join('\n', lines));
    }
}
