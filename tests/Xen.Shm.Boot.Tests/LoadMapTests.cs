using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests;

/// <summary>The placement rule of the spec's section 10.3, with values worked by hand from the rule.</summary>
[TestClass]
public sealed class LoadMapTests
{
    [TestMethod]
    public void Place_TwoMiBSlots_FromRamBasePlusOneSlot()
    {
        var map = new LoadMap(0x4000_0000, 0xC000_0000, Array.Empty<(ulong, ulong)>());

        Assert.AreEqual(0x4020_0000UL, map.Place(0x43c));        // boot.scr slot
        Assert.AreEqual(0x4040_0000UL, map.Place(0x201_0000));   // a kernel whose image_size is 0x2010000
        Assert.AreEqual(0x4260_0000UL, map.Place(0xF_1103));     // align_up(0x42410000) = 0x42600000
        Assert.AreEqual(0x4280_0000UL, map.Place(0x190));
    }

    [TestMethod]
    public void Place_SkipsReservedRanges_AndFailsPastTheEnd()
    {
        var map = new LoadMap(0x4000_0000, 0x4100_0000, new (ulong, ulong)[] { (0x4040_1000, 0x1000), (0x4060_0000, 0x20_0000) });

        Assert.AreEqual(0x4020_0000UL, map.Place(0x1000));
        // 0x40400000 touches [0x40401000, 0x40402000) -> align_up(0x40402000) = 0x40600000, which touches the
        // second range -> 0x40800000
        Assert.AreEqual(0x4080_0000UL, map.Place(0x2000));
        Assert.ThrowsExactly<InvalidOperationException>(() => map.Place(0x100_0000));
    }

    [TestMethod]
    public void Footprint_Arm64Image_UsesHeaderImageSizeWhenLarger()
    {
        var file = Path.GetTempFileName();
        try
        {
            var header = new byte[64];
            BitConverter.GetBytes(0x20_0000UL).CopyTo(header, 16);       // image_size
            "ARM\x64"u8.ToArray().CopyTo(header, 56);                   // magic (booting.rst)
            File.WriteAllBytes(file, header);
            Assert.AreEqual(0x20_0000UL, LoadMap.Footprint(file));

            header[56] = (byte)'X';
            File.WriteAllBytes(file, header);
            Assert.AreEqual(64UL, LoadMap.Footprint(file));
        }
        finally { File.Delete(file); }
    }
}
