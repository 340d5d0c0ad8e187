using System.Globalization;
using System.Text.RegularExpressions;
using Xen.Shm.BootImage.Script;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.BootImage.Tests.Script;

/// <summary>
/// boot.scr sets fdt_high to all ones, so real U-Boot's bootm grows the host DTB where it lies ("Using Device Tree in
/// place at X, end Y": totalsize + CONFIG_SYS_FDT_PAD) and its fixups write up to that end. The planner must keep that
/// free: a DTB 256 bytes short of a 2 MiB slot, a file planned after it, and a saved `bootargs` (fdt_chosen adds
/// /chosen/bootargs, moving the strings block past the file's end) — the file must come through bootm intact.
/// </summary>
[TestClass]
public sealed class UBootInPlaceDeviceTreeTests
{
    private const ulong RamBase = 0x4000_0000, RamSize = 0x1f00_0000;
    private const ulong XenRun = 0x4800_0000;
    private const ulong DtbSize = 0x1f_ff00;
    private const int FollowerSize = 0x1_0000;

    [TestMethod]
    [TestCategory("Qemu")]
    [Timeout(180_000, CooperativeCancellation = true)]
    public void PlannedFileAfterTheDtb_LiesBeyondWhatBootmUses_AndComesThroughIntact()
    {
        var boot = BootAndRead(size => InPlaceDeviceTree.Extent(size));
        var (dtb, follower) = (boot.Plan.Find(BootFileRole.HostDtb)!.Address, boot.Plan.Find(BootFileRole.Bitstream)!.Address);

        Assert.AreEqual(dtb, boot.InPlaceStart, boot.Log);
        Assert.IsLessThan(follower, boot.InPlaceEnd, $"U-Boot uses the DTB up to 0x{boot.InPlaceEnd:x}, the next file is at 0x{follower:x}\n{boot.Log}");
        Assert.AreEqual(boot.CrcBefore, boot.CrcAfter, "bootm overwrote the file after the DTB\n" + boot.Log);
    }

    [TestMethod]
    [TestCategory("Qemu")]
    [Timeout(180_000, CooperativeCancellation = true)]
    public void NegativeControl_DtbPlannedAtItsFileSize_BootmOverwritesTheNextFile()
    {
        var boot = BootAndRead(size => size);
        var follower = boot.Plan.Find(BootFileRole.Bitstream)!.Address;

        Assert.IsGreaterThanOrEqualTo(follower, boot.InPlaceEnd, boot.Log);
        Assert.AreNotEqual(boot.CrcBefore, boot.CrcAfter, "the file after the DTB came through bootm intact\n" + boot.Log);
    }

    /// <summary>xen.uimg, the host DTB planned to take <paramref name="dtbFootprint"/> bytes, then a 64 KiB file (the bitstream's place in §10.3 order).</summary>
    private static LoadPlan Plan(ulong dtbSize, ulong dtbFootprint)
    {
        var layout = new LoadLayout(new[] { new AddressRange(RamBase, RamSize) }) { Reserved = new[] { new AddressRange(XenRun, 0x20_0000) } };
        var files = new[]
        {
            new BootFile("xen.uimg", BootFileRole.Xen, 0x44),
            new BootFile("host.dtb", BootFileRole.HostDtb, dtbSize, dtbFootprint),
            new BootFile("follower.bin", BootFileRole.Bitstream, FollowerSize),
        };
        var bag = new DiagnosticBag();
        var plan = LoadAddressPlanner.Plan(layout, files, bag);
        Assert.IsNotNull(plan, string.Join("\n", bag));
        return plan;
    }

    private sealed record Boot(LoadPlan Plan, string Log, ulong InPlaceStart, ulong InPlaceEnd, string CrcBefore, string CrcAfter);

    private static Boot BootAndRead(Func<ulong, ulong> dtbFootprint)
    {
        using var dir = new TempFolder();
        string bootfs = dir.File("bootfs");
        Directory.CreateDirectory(bootfs);
        ulong dtbSize = WriteDtb(dir, Path.Combine(bootfs, "host.dtb"));
        var plan = Plan(dtbSize, dtbFootprint(dtbSize));
        File.WriteAllBytes(Path.Combine(bootfs, "follower.bin"), Enumerable.Range(0, FollowerSize).Select(i => (byte)(i * 7 + 1)).ToArray());
        var bag = new DiagnosticBag();
        // "b ." = 0x14000000, little-endian: nothing boots, bootm's log tells the story.
        File.WriteAllBytes(Path.Combine(bootfs, "xen.uimg"), LegacyImage.Kernel(new byte[] { 0, 0, 0, 0x14 }, XenRun, XenRun, 0, bag, "xen")!);

        ulong follower = plan.Find(BootFileRole.Bitstream)!.Address;
        string crc = $"crc32 {follower:x} {FollowerSize:x}";
        string script = BootScriptComposer.Compose(new BootScriptRequest(plan.Files.Select(f => new ScriptLoad(f.File.Name, f.Address)).ToList())
        {
            LoadCommand = "load virtio 0:1",
            XenAddress = plan.Find(BootFileRole.Xen)!.Address,
            DtbAddress = plan.Find(BootFileRole.HostDtb)!.Address,
            // A board's saved environment with bootargs: fdt_chosen writes /chosen/bootargs, so the tree grows.
            ExtraCommands = new[] { "setenv bootargs " + new string('x', 512), crc },
        }, bag)!;
        Assert.IsEmpty(bag);
        Assert.IsTrue(script.EndsWith("bootm go\n", StringComparison.Ordinal));
        script = script[..^"bootm go\n".Length] + crc + "\necho XSHM-AFTER-PREP\n";
        Assert.IsTrue(BootScriptFiles.Write(bootfs, script, plan.BootScriptAddress, 0, bag));
        File.Delete(Path.Combine(bootfs, "boot.source"));

        string log = UBootOnQemu.Run(dir, bootfs, until: "XSHM-AFTER-PREP");
        StringAssert.Contains(log, "XSHM-AFTER-PREP", log);
        var place = Regex.Match(log, "Using Device Tree in place at ([0-9a-f]+), end ([0-9a-f]+)");
        Assert.IsTrue(place.Success, log);
        var crcs = Regex.Matches(log, @"crc32 for [0-9a-f]+ \.\.\. [0-9a-f]+ ==> ([0-9a-f]{8})");
        Assert.HasCount(2, crcs, log);
        return new Boot(plan, log, Hex(place.Groups[1].Value), Hex(place.Groups[2].Value), crcs[0].Groups[1].Value, crcs[1].Groups[1].Value);
    }

    /// <summary>A tree by dtc, at most 3 bytes short of <see cref="DtbSize"/> (property data is 4-byte aligned), its strings block last as dtc lays it out; its size.</summary>
    private static ulong WriteDtb(TempFolder dir, string output)
    {
        string dtc = UBootOnQemu.Tool("dtc", "device-tree-compiler");
        string Compile(long blob)
        {
            File.WriteAllBytes(dir.File("blob.bin"), new byte[blob]);
            File.WriteAllText(dir.File("host.dts"),
                "/dts-v1/;\n/ {\n #address-cells = <2>; #size-cells = <2>;\n model = \"xshm-test\"; compatible = \"linux,dummy-virt\";\n" +
                " chosen { };\n memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x1f000000>; };\n" +
                " filler { blob = /incbin/(\"blob.bin\"); };\n};\n");
            UBootOnQemu.Run(dtc, "-q", "-I", "dts", "-O", "dtb", "-i", dir.Path, "-o", output, dir.File("host.dts"));
            return output;
        }

        long small = new FileInfo(Compile(0)).Length;
        long size = new FileInfo(Compile(((long)DtbSize - small) & ~3L)).Length;
        Assert.IsInRange((long)DtbSize - 3, (long)DtbSize, size);
        return (ulong)size;
    }

    private static ulong Hex(string s) => ulong.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
