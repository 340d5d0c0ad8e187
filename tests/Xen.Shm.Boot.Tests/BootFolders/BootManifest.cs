using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Xen.Shm.Boot.Tests.BootFolders;

/// <summary>One entry of a boot folder's manifest.json (format: _notes/MANIFEST.md, fixed).</summary>
public sealed record ManifestFile(string Path, long Size, ulong? LoadAddress, string Sha256);

/// <summary>
/// Reads (and, for the reference folder, writes) manifest.json: every file of the boot folder with its
/// size, sha256 and the address the boot script loads it at (null for files it does not load).
/// </summary>
public sealed class BootManifest
{
    public const string FileName = "manifest.json";

    public BootManifest(IReadOnlyList<ManifestFile> files) => Files = files;

    public IReadOnlyList<ManifestFile> Files { get; }

    public static BootManifest Read(string folder) =>
        new(ManifestJson.ReadFolder(folder)
            .Select(f => new ManifestFile(f.Path, f.Size, f.LoadAddress is null ? null : ParseHex(f.LoadAddress), f.Sha256)).ToList());

    /// <summary>
    /// The disk image the SDK made from the folder (XenShmDiskImage=true): manifest.json's "diskImage" (path relative
    /// to the folder), checked against its size and sha256; null when the manifest names none.
    /// </summary>
    public static string? DiskImage(string folder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, FileName)));
        if (!doc.RootElement.TryGetProperty("diskImage", out var disk)) return null;
        var image = Path.GetFullPath(Path.Combine(folder, disk.GetProperty("path").GetString()!));
        using (var stream = File.OpenRead(image))
        {
            if (stream.Length != disk.GetProperty("size").GetInt64() ||
                Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant() != disk.GetProperty("sha256").GetString())
                throw new InvalidDataException($"{image}: size or sha256 differs from manifest.json's diskImage");
        }
        return image;
    }

    /// <summary>Problems between the manifest and the folder's files (empty when they agree).</summary>
    public IReadOnlyList<string> Verify(string folder)
    {
        var problems = new List<string>();
        foreach (var f in Files)
        {
            var full = Path.Combine(folder, f.Path);
            if (!File.Exists(full)) { problems.Add($"{f.Path}: listed in manifest.json but missing"); continue; }
            var bytes = File.ReadAllBytes(full);
            if (bytes.LongLength != f.Size) problems.Add($"{f.Path}: size {bytes.LongLength}, manifest says {f.Size}");
            if (Sha256Hex(bytes) != f.Sha256) problems.Add($"{f.Path}: sha256 differs from manifest.json");
        }
        return problems;
    }

    /// <summary>Writes manifest.json in the fixed format: 2-space indent, files sorted by path (ordinal), "\n".</summary>
    public static void Write(string folder, IEnumerable<(string Path, ulong? LoadAddress)> entries)
    {
        var sb = new StringBuilder();
        sb.Append("{\n  \"version\": 1,\n  \"files\": [\n");
        var sorted = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            var (path, addr) = sorted[i];
            var bytes = File.ReadAllBytes(Path.Combine(folder, path));
            sb.Append("    { \"path\": ").Append(JsonSerializer.Serialize(path))
              .Append(", \"size\": ").Append(bytes.LongLength.ToString(CultureInfo.InvariantCulture))
              .Append(", \"loadAddress\": ").Append(addr is { } a ? "\"" + Hex(a) + "\"" : "null")
              .Append(", \"sha256\": \"").Append(Sha256Hex(bytes)).Append("\" }")
              .Append(i + 1 < sorted.Count ? ",\n" : "\n");
        }
        sb.Append("  ]\n}\n");
        File.WriteAllText(Path.Combine(folder, FileName), sb.ToString(), new UTF8Encoding(false));
    }

    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static ulong ParseHex(string text)
    {
        var t = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text.Substring(2) : text;
        return ulong.Parse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
