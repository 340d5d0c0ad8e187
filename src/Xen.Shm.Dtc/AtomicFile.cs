namespace Xen.Shm.Dtc;

/// <summary>Writes a whole file or nothing: a temp file beside the target, then a rename.</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> followed by <paramref name="trailingZeros"/> zero bytes.</summary>
    public static void Write(string path, byte[] bytes, long trailingZeros = 0)
    {
        string full = Path.GetFullPath(path);
        // /dev/null, /dev/stdout and friends cannot be replaced by a rename: write straight through.
        if (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal))
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write);
            stream.Write(bytes, 0, bytes.Length);
            Zeros.Write(stream, trailingZeros);
            return;
        }
        string dir = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Environment.ProcessId + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                stream.Write(bytes, 0, bytes.Length);
                // Extending a regular file reads back as zeros (and stays sparse): no 2 GiB buffer.
                if (trailingZeros > 0) stream.SetLength(bytes.Length + trailingZeros);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
