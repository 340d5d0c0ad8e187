using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Judging;
using Xen.Shm.Boot.Tests.Qemu;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// The verdict on serial logs of real boots of the reference board (TestData/serial-logs, captured from
/// this harness: Xen 4.17, Linux 6.1, QEMU 7.2), so the judgement is exercised without booting.
/// </summary>
[TestClass]
public sealed class BootVerdictTests
{
    private static readonly BootExpectation Expect = new(ReferenceBoard.Region, ReferenceBoard.Directions);

    private static string Log(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "serial-logs", name));

    [TestMethod]
    public void GoodBoot_Passes_WithXensExtendedRegionsBelowTheRegion()
    {
        var v = BootVerdict.Judge(Log("good-loader.log"), Expect, BootEnd.Exited);

        Assert.IsTrue(v.Passed, string.Join("\n", v.Failures));
        CollectionAssert.AreEqual(new[]
        {
            new ExtendedRegion(0x4000_0000, 0x4760_0000),
            new ExtendedRegion(0x4780_0000, 0x6000_0000),
            new ExtendedRegion(0x8000_0000, 0xBF00_0000),
        }, v.Dom0ExtendedRegions.ToArray());
    }

    [TestMethod]
    public void NoCarveOut_HandshakeAloneWouldPass_ButXenLogShowsTheRegionTakenAsRam()
    {
        var log = Log("no-carve-out-loader.log");

        var v = BootVerdict.Judge(log, Expect, BootEnd.Exited);

        StringAssert.Contains(log, "XSHM: SHM-OK");
        Assert.IsFalse(v.Passed);
        Assert.HasCount(1, v.Failures);
        StringAssert.StartsWith(v.Failures[0], "carve-out lost: Xen gave dom0 the extended region 0x80000000->0xc0000000");
    }

    [TestMethod]
    public void BootiThroughUBoot_CarveOutLost()
    {
        var v = BootVerdict.Judge(Log("booti-uboot.log"), Expect, BootEnd.Exited);

        Assert.IsFalse(v.Passed);
        Assert.IsTrue(v.Failures.Any(f => f.StartsWith("carve-out lost", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void DomU1WithoutRegion_FailsWithTheDomainsReason()
    {
        var v = BootVerdict.Judge(Log("domu1-without-region-loader.log"), Expect, BootEnd.Stopped);

        Assert.IsFalse(v.Passed);
        CollectionAssert.Contains(v.Failures.ToArray(), "handshake failed: XSHM: SHM-FAIL domu1: no sram@bf000000 node in the device tree");
        CollectionAssert.Contains(v.Failures.ToArray(), "direction dom0->domU1 not proven (no 'XSHM: dom0->domU1 ok')");
    }

    [TestMethod]
    public void MissingDirectionMarker_Fails()
    {
        var log = Log("good-loader.log").Replace("XSHM: domU1->domU2 ok", "XSHM: something else", StringComparison.Ordinal);

        var v = BootVerdict.Judge(log, Expect, BootEnd.Exited);

        CollectionAssert.AreEqual(new[] { "direction domU1->domU2 not proven (no 'XSHM: domU1->domU2 ok')" }, v.Failures.ToArray());
    }

    [TestMethod]
    public void NoExtendedRegionLines_CannotConfirmCarveOut()
    {
        var log = string.Join("\n", Log("good-loader.log").Split('\n').Where(l => !l.Contains("extended region", StringComparison.Ordinal)));

        var v = BootVerdict.Judge(log, Expect, BootEnd.Exited);

        CollectionAssert.AreEqual(new[] { "Xen printed no extended region for dom0: cannot confirm the carve-out" }, v.Failures.ToArray());
    }

    [TestMethod]
    public void SeveralRegions_EachDirectionMustBeProvenOnEachRegion()
    {
        // The good log's markers as the init writes them with two regions, the second region's domU1->domU2 missing.
        var one = Log("good-loader.log");
        var two = one.Replace("XSHM: domU1->dom0 ok", "XSHM: domU1->dom0 ok [region 1]\nXSHM: domU1->dom0 ok [region 2]", StringComparison.Ordinal)
            .Replace("XSHM: dom0->domU1 ok", "XSHM: dom0->domU1 ok [region 1]\nXSHM: dom0->domU1 ok [region 2]", StringComparison.Ordinal)
            .Replace("XSHM: domU1->domU2 ok", "XSHM: domU1->domU2 ok [region 1]", StringComparison.Ordinal);
        var expect = Expect with { PerRegion = new[] { ReferenceBoard.Directions, ReferenceBoard.Directions } };

        CollectionAssert.AreEqual(new[] { "direction domU1->domU2 not proven (no 'XSHM: domU1->domU2 ok [region 2]')" },
            BootVerdict.Judge(two, expect, BootEnd.Exited).Failures.ToArray());
        Assert.IsTrue(BootVerdict.Judge(two.Replace("XSHM: domU1->domU2 ok [region 1]", "XSHM: domU1->domU2 ok [region 1]\nXSHM: domU1->domU2 ok [region 2]", StringComparison.Ordinal),
            expect, BootEnd.Exited).Passed);
        Assert.IsFalse(BootVerdict.Judge(one, expect, BootEnd.Exited).Passed, "untagged markers prove no region");
    }

    [TestMethod]
    public void EmptyLogAfterTimeout_SaysSo()
    {
        var v = BootVerdict.Judge("", Expect, BootEnd.TimedOut);

        Assert.IsFalse(v.Passed);
        Assert.AreEqual("no SHM-OK before the time limit", v.Failures[0]);
    }
}
