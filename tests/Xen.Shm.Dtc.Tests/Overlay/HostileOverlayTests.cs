using Xen.Shm.Devicetree.Overlay;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Overlay;

/// <summary>
/// Damaged overlays and bases (one byte or one word changed, truncated): our applier never throws and
/// never loops; where fdtoverlay applies the damaged blob cleanly, we give its bytes too.
/// </summary>
[TestClass]
public sealed class HostileOverlayTests
{
    public TestContext TestContext { get; set; } = null!;

    private const string BaseSource = """
        /dts-v1/;
        / { #address-cells = <1>; #size-cells = <1>;
            soc: soc { #address-cells = <1>; #size-cells = <1>; uart0: uart@1000 { reg = <0x1000 0x100>; }; clk: clock { #clock-cells = <0>; }; }; };
        """;

    private const string OverlaySource = """
        /dts-v1/;
        /plugin/;
        &soc { mine: thing { #thing-cells = <0>; users = <&mine &clk>; }; };
        &uart0 { status = "okay"; thing = <&mine>; };
        / { fragment@9 { target-path = "/soc"; __overlay__ { extra { v = <&clk>; }; }; }; };
        """;

    [TestMethod]
    public void DamagedOverlaysNeverThrowAndMatchFdtoverlayWhenItSucceeds()
    {
        byte[] baseBlob = RealDtc.Compile(BaseSource, "-@");
        byte[] overlay = RealDtc.Compile(OverlaySource, "-@");
        var random = new Random(20);
        int bothApplied = 0, weRefused = 0, bothRefused = 0;
        for (int n = 0; n < 200; n++)
        {
            byte[] damaged = Damage(overlay, random, n);
            var ours = Run(baseBlob, damaged);
            var real = RealFdtoverlay.Run(baseBlob, new[] { damaged });
            if (real.Blob != null && ours.Blob != null)
            {
                bothApplied++;
                Assert.IsTrue(real.Blob.AsSpan().SequenceEqual(ours.Blob), $"damage #{n}: first difference at 0x{RealFdtoverlay.FirstDifference(real.Blob, ours.Blob):x}");
            }
            else if (ours.Blob == null && real.Blob == null) bothRefused++;
            else if (ours.Blob == null) weRefused++;
            else Assert.Fail($"damage #{n}: we applied what fdtoverlay refused ({real.Error})");
        }
        TestContext.WriteLine($"200 damaged overlays: {bothApplied} applied identically, {bothRefused} refused by both, {weRefused} refused only by us (our DTB reader is stricter)");
        Assert.IsTrue(bothApplied > 0 && bothRefused > 0, "the damage must exercise both outcomes");
    }

    [TestMethod]
    public void DamagedBasesNeverThrow()
    {
        byte[] baseBlob = RealDtc.Compile(BaseSource, "-@");
        byte[] overlay = RealDtc.Compile(OverlaySource, "-@");
        var random = new Random(21);
        for (int n = 0; n < 200; n++)
        {
            var r = OverlayApplier.Apply(Damage(baseBlob, random, n), new[] { overlay });
            Assert.IsTrue(r.Blob != null || r.Failure != null);
        }
    }

    /// <summary>Runs with a time limit: a loop would fail the test instead of hanging it.</summary>
    private static RealFdtoverlay.Outcome Run(byte[] baseBlob, byte[] overlay)
    {
        var task = Task.Run(() => RealFdtoverlay.Ours(baseBlob, new[] { overlay }));
        Assert.IsTrue(task.Wait(TimeSpan.FromSeconds(30)), "the applier did not finish");
        return task.Result;
    }

    private static byte[] Damage(byte[] blob, Random random, int n)
    {
        byte[] copy = (byte[])blob.Clone();
        switch (n % 4)
        {
            case 0: copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8)); break;
            case 1: copy[random.Next(copy.Length)] = (byte)random.Next(256); break;
            case 2:
                int at = random.Next(copy.Length / 4) * 4;
                uint word = (uint)random.Next(4) switch { 0 => 0xffffffff, 1 => 0x7ffffffc, 2 => 0x00000009, _ => (uint)random.Next() };
                HandBlob.Be32(word).CopyTo(copy, at);
                break;
            default: return copy.Take(random.Next(copy.Length)).ToArray();
        }
        return copy;
    }
}
