using System.Buffers.Binary;

namespace Xen.Shm.Boot.Tests.BootFolders;

/// <summary>
/// U-Boot's legacy image header (U-Boot include/image.h, struct legacy_img_hdr): 64 bytes, big-endian:
/// magic 0x27051956, header CRC32, time, data size, load address, entry point, data CRC32,
/// os, arch, type, compression, 32-byte name. Used for boot.scr (type script) and a bootm-wrapped Xen.
/// </summary>
public sealed record UImage(uint DataSize, uint LoadAddress, uint EntryPoint, byte Os, byte Arch, byte Type, byte Compression, string Name)
{
    public const int HeaderSize = 64;
    public const uint Magic = 0x2705_1956;
    public const byte TypeKernel = 2;
    public const byte TypeScript = 6;

    public static bool HasMagic(byte[] bytes) =>
        bytes.Length >= HeaderSize && BinaryPrimitives.ReadUInt32BigEndian(bytes) == Magic;

    /// <summary>Parses and checks the header (magic, header CRC, size); throws InvalidDataException otherwise.</summary>
    public static UImage Parse(byte[] bytes)
    {
        if (!HasMagic(bytes)) throw new InvalidDataException("not a legacy U-Boot image (bad magic)");
        var header = bytes.AsSpan(0, HeaderSize).ToArray();
        var headerCrc = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        header[4] = header[5] = header[6] = header[7] = 0;
        if (Crc32(header) != headerCrc) throw new InvalidDataException("legacy U-Boot image: header CRC mismatch");
        var size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(12));
        if (HeaderSize + (long)size > bytes.Length) throw new InvalidDataException("legacy U-Boot image: truncated data");
        var data = bytes.AsSpan(HeaderSize, (int)size);
        if (Crc32(data) != BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(24)))
            throw new InvalidDataException("legacy U-Boot image: data CRC mismatch");
        var name = System.Text.Encoding.ASCII.GetString(bytes, 32, 32).TrimEnd('\0');
        return new UImage(size,
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16)),
            BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20)),
            bytes[28], bytes[29], bytes[30], bytes[31], name);
    }

    /// <summary>The image payload (for a kernel: what bootm copies to the load address).</summary>
    public static byte[] Payload(byte[] bytes) => bytes.AsSpan(HeaderSize, (int)Parse(bytes).DataSize).ToArray();

    /// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320), the one U-Boot's image header uses (lib/crc32.c).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320u : crc >> 1;
        }
        return ~crc;
    }
}
