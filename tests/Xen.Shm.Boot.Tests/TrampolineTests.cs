using System.Buffers.Binary;
using Xen.Shm.Boot.Tests.Qemu;

namespace Xen.Shm.Boot.Tests;

[TestClass]
public sealed class TrampolineTests
{
    // The words hand-encoded in shared/guide/qemu-boot/scripts/25-trampoline.sh, which booted Xen on this machine.
    [TestMethod]
    public void Encode_MatchesTheGuideStubWordForWord()
    {
        var stub = Trampoline.Encode(0x4800_0000, 0x4020_0000);

        Assert.HasCount(40, stub);
        var words = Enumerable.Range(0, 6).Select(i => BinaryPrimitives.ReadUInt32LittleEndian(stub.AsSpan(4 * i))).ToArray();
        CollectionAssert.AreEqual(new uint[] { 0x580000c0, 0xaa1f03e1, 0xaa1f03e2, 0xaa1f03e3, 0x58000084, 0xd61f0080 }, words);
        Assert.AreEqual(0x4800_0000UL, BinaryPrimitives.ReadUInt64LittleEndian(stub.AsSpan(0x18)));
        Assert.AreEqual(0x4020_0000UL, BinaryPrimitives.ReadUInt64LittleEndian(stub.AsSpan(0x20)));
    }

    // Literals are full 64-bit (the guide's le64): an address above 4 GiB must survive.
    [TestMethod]
    public void Encode_KeepsAddressesAbove4GiB()
    {
        var stub = Trampoline.Encode(0x8_8000_0000, 0x8_0020_0000);

        Assert.AreEqual(0x8_8000_0000UL, BinaryPrimitives.ReadUInt64LittleEndian(stub.AsSpan(0x18)));
        Assert.AreEqual(0x8_0020_0000UL, BinaryPrimitives.ReadUInt64LittleEndian(stub.AsSpan(0x20)));
    }

    [TestMethod]
    public void FreeAddress_SkipsEveryPlacedRange()
    {
        var used = new (ulong, ulong)[] { (0x4020_0000, 0x43c), (0x4010_0000, 0x1000), (0x4010_1000, 0x10) };

        Assert.AreEqual(0x4010_2000UL, BootRoutes.FreeAddress(used, 0x4010_0000, 40));
        Assert.AreEqual(0x4000_0000UL, BootRoutes.FreeAddress(used, 0x4000_0000, 40));
    }
}
