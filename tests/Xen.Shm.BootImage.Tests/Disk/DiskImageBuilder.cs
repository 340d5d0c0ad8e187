using Xen.Shm.BootImage.Disk;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Disk;

/// <summary>Writes a folder into a disk image file through the library's public API, as the task does.</summary>
internal static class DiskImageBuilder
{
    public const uint VolumeId = 0x1234ABCD;

    public static FatLayout Write(string folder, string image, long extraBytes = 0, long epoch = 0)
    {
        var diagnostics = new DiagnosticBag();
        var root = DiskImageContent.Build(DiskImageContent.FromFolder(folder), diagnostics)
            ?? throw new AssertFailedException(string.Join("\n", diagnostics.Select(d => d.ToString())));
        var layout = FatLayout.Plan(root, extraBytes);
        using var stream = new FileStream(image, FileMode.CreateNew, FileAccess.ReadWrite);
        DiskImageWriter.Write(stream, layout, VolumeId, FatTime.FromUnixSeconds(epoch));
        return layout;
    }

    /// <summary>A file of <paramref name="size"/> pseudo-random bytes (fixed seed per path).</summary>
    public static void RandomFile(string folder, string relative, int size)
    {
        string path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = new byte[size];
        new Random(relative.Length * 7919 + size).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Every file under <paramref name="folder"/>, "/"-separated relative path to bytes.</summary>
    public static SortedDictionary<string, byte[]> Read(string folder) =>
        new(DiskImageContent.FromFolder(folder).ToDictionary(f => f.Path, f => File.ReadAllBytes(f.SourcePath)), StringComparer.Ordinal);
}
