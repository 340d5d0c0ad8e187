using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Xen.Shm.Boot.Tests.Prerequisites;

/// <summary>One member of a "newc" cpio archive (Linux Documentation/driver-api/early-userspace/buffer-format.rst).</summary>
public sealed record CpioEntry(string Name, uint Inode, uint Mode, uint Uid, uint Gid, uint Mtime, byte[] Data);

/// <summary>Reads the gzip-compressed newc cpio that prepare.sh builds (dom0's and the domUs' initramfs).</summary>
public static class Initramfs
{
    public static IReadOnlyList<CpioEntry> Read(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        var b = ms.ToArray();
        var entries = new List<CpioEntry>();
        var pos = 0;
        while (true)
        {
            if (pos + 110 > b.Length || Encoding.ASCII.GetString(b, pos, 6) != "070701")
                throw new InvalidDataException($"{path}: not a newc cpio at offset {pos}");
            uint Field(int i) => uint.Parse(Encoding.ASCII.GetString(b, pos + 6 + 8 * i, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            var nameSize = (int)Field(11);
            var fileSize = (int)Field(6);
            var name = Encoding.ASCII.GetString(b, pos + 110, nameSize - 1);
            var dataStart = Align4(pos + 110 + nameSize);
            if (name == "TRAILER!!!") break;
            entries.Add(new CpioEntry(name, Field(0), Field(1), Field(2), Field(3), Field(5), b.AsSpan(dataStart, fileSize).ToArray()));
            pos = Align4(dataStart + fileSize);
        }
        return entries;
    }

    /// <summary>The gzip member header's MTIME field (RFC 1952 section 2.3.1); gzip -n writes 0.</summary>
    public static uint GzipMtime(string path)
    {
        var h = new byte[10];
        using var s = File.OpenRead(path);
        s.ReadExactly(h);
        return (uint)(h[4] | h[5] << 8 | h[6] << 16 | h[7] << 24);
    }

    private static int Align4(int v) => (v + 3) & ~3;
}
