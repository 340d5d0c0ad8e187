using System.Security.Cryptography;

namespace Xen.Shm.Bench;

/// <summary>
/// The sample board (testassets/mmio-sram) grown to a 2-domU board with real-size images: a second
/// dom0less domU, and images/Image (shared by dom0, domU1 and domU2, so the boot folder holds three
/// copies) made 32 MiB: the sample's arm64 header (image_size 32 MiB) followed by seeded
/// pseudo-random bytes, so nothing compresses or dedups it. Xen and the ramdisk stay small.
/// </summary>
internal static class RealSizeBoard
{
    public const int KernelBytes = 32 << 20;

    private const string DomU2 = """
          - name: domU2
            kind: dom0less
            memory: 256M
            vcpus: 1
            kernel: images/Image
            ramdisk: images/rootfs.cpio.gz
            bootargs: "console=ttyAMA0"
            enhanced: false
        """;

    /// <summary>Rewrites the copied board in <paramref name="boardDir"/> in place.</summary>
    public static void Grow(string boardDir)
    {
        string yaml = Path.Combine(boardDir, "board.yaml");
        string text = File.ReadAllText(yaml);
        if (!text.Contains("\nregions:", StringComparison.Ordinal)) throw new InvalidOperationException("sample board has no regions: section");
        File.WriteAllText(yaml, text.Replace("\nregions:", "\n" + DomU2.Replace("\r\n", "\n") + "\n\nregions:", StringComparison.Ordinal));

        string image = Path.Combine(boardDir, "images", "Image");
        byte[] header = File.ReadAllBytes(image);
        var bytes = new byte[KernelBytes];
        new Random(21).NextBytes(bytes);
        header.CopyTo(bytes, 0);
        File.WriteAllBytes(image, bytes);
    }

    /// <summary>SHA-256 of the kernel image, to check the boot folder's copies.</summary>
    public static string KernelSha256(string boardDir) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(boardDir, "images", "Image")))).ToLowerInvariant();
}
