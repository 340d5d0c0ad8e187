using System.Globalization;
using System.Text;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// dom0's root file system on the qemu-uio board: the prepared toolstack initramfs, then an uncompressed newc
/// archive of the boot folder's etc/xen/** installed at /etc/xen (the xlDir the xl files name), as a board's
/// firmware flow would install the SDK's dom0-side files. Linux unpacks the archives of an initramfs in
/// order; between them only zero bytes up to a 4-byte boundary may stand, and a raw cpio must start 4-byte
/// aligned (Documentation/driver-api/early-userspace/buffer-format.rst). Uncompressed, so the xl domU's
/// 32 MiB kernel costs no gzip on either side.
/// </summary>
public static class UioRootFileSystem
{
    /// <summary>The boot folder's dom0-side folder (Generation README: etc/xen is dom0's xlDir).</summary>
    public const string XlDirectory = "etc/xen";

    /// <summary>Every file under the boot folder's etc/xen, as "/"-separated paths relative to the boot folder, sorted.</summary>
    public static SortedDictionary<string, byte[]> XlFiles(string bootFolder)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var root = Path.Combine(bootFolder, XlDirectory);
        if (!Directory.Exists(root)) return files;
        foreach (var f in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(bootFolder, f).Replace('\\', '/')] = File.ReadAllBytes(f);
        return files;
    }

    /// <summary>The prepared initramfs, zero padding to 4 bytes, then a newc archive of <paramref name="files"/>.</summary>
    public static byte[] Compose(byte[] preparedInitramfs, IReadOnlyDictionary<string, byte[]> files)
    {
        using var s = new MemoryStream();
        s.Write(preparedInitramfs);
        Pad(s);
        var dirs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in files.Keys)
        {
            for (var i = name.IndexOf('/'); i > 0; i = name.IndexOf('/', i + 1)) dirs.Add(name.Substring(0, i));
        }
        foreach (var d in dirs) Entry(s, d, 0x41ED, Array.Empty<byte>());                        // directory, 0755
        foreach (var (name, data) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            Entry(s, name, name.EndsWith(".sh", StringComparison.Ordinal) ? 0x81EDu : 0x81A4u, data); // scripts 0755, else 0644
        Entry(s, "TRAILER!!!", 0, Array.Empty<byte>());
        return s.ToArray();
    }

    // newc header: magic "070701" and 13 eight-digit hex fields (ino, mode, uid, gid, nlink, mtime, filesize,
    // devmajor, devminor, rdevmajor, rdevminor, namesize, check); mtime 0 and owner 0:0 keep it deterministic.
    private static void Entry(Stream s, string name, uint mode, byte[] data)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        var fields = new uint[] { 0, mode, 0, 0, (mode & 0xF000) == 0x4000 ? 2u : 1u, 0, (uint)data.Length, 0, 0, 0, 0, (uint)nameBytes.Length, 0 };
        s.Write(Encoding.ASCII.GetBytes("070701" + string.Concat(fields.Select(f => f.ToString("X8", CultureInfo.InvariantCulture)))));
        s.Write(nameBytes);
        Pad(s);
        s.Write(data);
        Pad(s);
    }

    private static void Pad(Stream s)
    {
        while (s.Length % 4 != 0) s.WriteByte(0);
    }
}
