namespace Xen.Shm.Boot.Tests.Qemu;

/// <summary>
/// The 40-byte AArch64 entry stub of the generic-loader route (guide qemu-boot/scripts/25-trampoline.sh):
/// it does what the arm64 boot protocol asks of a boot loader (Linux Documentation/arch/arm64/booting.rst,
/// which Xen follows): x0 = DTB address, x1 = x2 = x3 = 0, then jump to the image. QEMU's own
/// -kernel/-dtb path is not used because it rewrites every /memory node (it would undo the carve-out).
/// </summary>
public static class Trampoline
{
    public const int Size = 40;

    public static byte[] Encode(ulong dtbAddress, ulong entryAddress)
    {
        var words = new[]
        {
            LdrLiteral64(rt: 0, byteOffset: 0x18), // 0x00: ldr x0, dtb literal
            MovZero(rd: 1),                        // 0x04: mov x1, xzr
            MovZero(rd: 2),                        // 0x08: mov x2, xzr
            MovZero(rd: 3),                        // 0x0c: mov x3, xzr
            LdrLiteral64(rt: 4, byteOffset: 0x10), // 0x10: ldr x4, entry literal (0x10 + 0x10 = 0x20)
            Br(rn: 4),                             // 0x14: br x4
        };
        var bytes = new byte[Size];
        for (var i = 0; i < words.Length; i++) WriteLe(bytes, i * 4, words[i], 4);
        WriteLe(bytes, 0x18, dtbAddress, 8);
        WriteLe(bytes, 0x20, entryAddress, 8);
        return bytes;
    }

    // LDR (literal), 64-bit variant: 01 011 0 00 imm19 Rt; offset is PC-relative, in words (Arm ARM C6.2.167).
    private static uint LdrLiteral64(uint rt, int byteOffset) =>
        0x5800_0000u | (((uint)(byteOffset / 4) & 0x7_FFFFu) << 5) | rt;

    // MOV Xd, XZR is ORR Xd, XZR, XZR: sf=1 01 01010 shift=00 N=0 Rm=31 imm6=0 Rn=31 Rd (Arm ARM C6.2.191).
    private static uint MovZero(uint rd) => 0xAA1F_03E0u | rd;

    // BR Xn: 1101011 0000 11111 000000 Rn 00000 (Arm ARM C6.2.37).
    private static uint Br(uint rn) => 0xD61F_0000u | (rn << 5);

    private static void WriteLe(byte[] buffer, int offset, ulong value, int size)
    {
        for (var i = 0; i < size; i++) buffer[offset + i] = (byte)(value >> (8 * i));
    }
}
