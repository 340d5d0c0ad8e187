namespace Xen.Shm.Dtc;

/// <summary>Writes a whole file or nothing: a temp file beside the target, then a rename.</summary>
public static class AtomicFile
{
    public static void Write(string path, byte[] bytes)
    {
        string full = Path.GetFullPath(path);
        // /dev/null, /dev/stdout and friends cannot be replaced by a rename: write straight through.
        if (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal))
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Write);
            stream.Write(bytes, 0, bytes.Length);
            return;
        }
        string dir = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Environment.ProcessId + ".tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
