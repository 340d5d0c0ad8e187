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
        Prerequisites.Initramfs.WriteNewc(s, files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value)),
            name => name.EndsWith(".sh", StringComparison.Ordinal) ? 0x81EDu : 0x81A4u);   // scripts 0755, else 0644
        return s.ToArray();
    }
}
