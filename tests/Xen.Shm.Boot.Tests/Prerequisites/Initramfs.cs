using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Xen.Shm.Boot.Tests.Prerequisites;

/// <summary>One member of a "newc" cpio archive (Linux Documentation/driver-api/early-userspace/buffer-format.rst).</summary>
public sealed record CpioEntry(string Name, uint Inode, uint Mode, uint Uid, uint Gid, uint Mtime, byte[] Data);

/// <summary>Reads the gzip-compressed newc cpio that prepare.sh builds (dom0's and the domUs' initramfs).</summary>
public static class Initramfs
{
    /// <param name="concatenated">go on past each TRAILER!!! to the next archive (Linux unpacks them all, in order,
    /// skipping the zero padding between them: Documentation/driver-api/early-userspace/buffer-format.rst)</param>
    public static IReadOnlyList<CpioEntry> Read(string path, bool concatenated = false)
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
            if (name == "TRAILER!!!")
            {
                pos = Align4(dataStart + fileSize);
                while (concatenated && pos < b.Length && b[pos] == 0) pos++;
                if (!concatenated || pos >= b.Length) break;
                continue;
            }
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

    /// <summary>
    /// A gzip-compressed newc archive of the given files (directories created as needed), mtime 0, owner 0:0.
    /// Linux unpacks concatenated archives in order, later files replacing earlier ones: appending this to an
    /// initramfs adds files to it (buffer-format.rst).
    /// </summary>
    public static byte[] WriteGzip(IEnumerable<(string Name, byte[] Data)> files)
    {
        using var raw = new MemoryStream();
        WriteNewc(raw, files, _ => 0x81A4);                                        // regular files, 0644
        using var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true)) raw.WriteTo(gz);
        return packed.ToArray();
    }

    /// <summary>
    /// An uncompressed newc archive of <paramref name="files"/> (in the given order, their folders first, 0755)
    /// appended to <paramref name="s"/> from the next 4-byte boundary (zero padding: a raw cpio must start
    /// aligned, buffer-format.rst); mtime 0, owner 0:0, so the same files give the same bytes.
    /// </summary>
    public static void WriteNewc(Stream s, IEnumerable<(string Name, byte[] Data)> files, Func<string, uint> fileMode)
    {
        Pad(s);
        var dirs = new SortedSet<string>(StringComparer.Ordinal);
        var list = files.ToList();
        foreach (var (name, _) in list)
        {
            for (var i = name.IndexOf('/'); i > 0; i = name.IndexOf('/', i + 1)) dirs.Add(name.Substring(0, i));
        }
        foreach (var d in dirs) Entry(s, d, 0x41ED, Array.Empty<byte>());
        foreach (var (name, data) in list) Entry(s, name, fileMode(name), data);
        Entry(s, "TRAILER!!!", 0, Array.Empty<byte>());
    }

    private static void Entry(Stream s, string name, uint mode, byte[] data)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        var fields = new uint[] { 0, mode, 0, 0, (mode & 0xF000) == 0x4000 ? 2u : 1u, 0, (uint)data.Length, 0, 0, 0, 0, (uint)nameBytes.Length, 0 };
        var header = "070701" + string.Concat(fields.Select(f => f.ToString("X8", CultureInfo.InvariantCulture)));
        s.Write(Encoding.ASCII.GetBytes(header));
        s.Write(nameBytes);
        Pad(s);
        s.Write(data);
        Pad(s);
    }

    private static void Pad(Stream s)
    {
        while (s.Length % 4 != 0) s.WriteByte(0);
    }

    private static int Align4(int v) => (v + 3) & ~3;
}
