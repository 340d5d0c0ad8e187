using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Xen.Shm.TestSupport;

/// <summary>
/// manifest.json read with System.Text.Json (never the SDK's own reader), checking the fixed shape of
/// ../_notes/MANIFEST.md: UTF-8 without BOM, "\n" line ends, version 1. The one manifest reader of the tests.
/// </summary>
internal static class ManifestJson
{
    public const string FileName = "manifest.json";

    public sealed record Entry(string Path, long Size, string? LoadAddress, string Sha256);

    public static IReadOnlyList<Entry> Read(string manifestPath)
    {
        byte[] bytes = File.ReadAllBytes(manifestPath);
        Assert.IsFalse(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "UTF-8 without BOM");
        Assert.DoesNotContain((byte)'\r', bytes);
        using var json = JsonDocument.Parse(bytes);
        Assert.AreEqual(1, json.RootElement.GetProperty("version").GetInt32());
        return json.RootElement.GetProperty("files").EnumerateArray().Select(f => new Entry(
            f.GetProperty("path").GetString()!,
            f.GetProperty("size").GetInt64(),
            f.GetProperty("loadAddress").ValueKind == JsonValueKind.Null ? null : f.GetProperty("loadAddress").GetString(),
            f.GetProperty("sha256").GetString()!)).ToList();
    }

    /// <summary>The manifest.json of a boot folder.</summary>
    public static IReadOnlyList<Entry> ReadFolder(string bootDirectory) => Read(System.IO.Path.Combine(bootDirectory, FileName));

    /// <summary>The manifest names every other file of the folder, sorted, with its real size and SHA-256.</summary>
    public static IReadOnlyList<Entry> AssertDescribesFolder(string bootDirectory)
    {
        var entries = ReadFolder(bootDirectory);
        var files = Directory.EnumerateFiles(bootDirectory, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(bootDirectory, f).Replace('\\', '/'))
            .Where(p => p != FileName).OrderBy(p => p, StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(files, entries.Select(e => e.Path).ToArray());
        foreach (var e in entries)
        {
            byte[] bytes = File.ReadAllBytes(System.IO.Path.Combine(bootDirectory, e.Path));
            Assert.AreEqual(bytes.LongLength, e.Size, e.Path);
            Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), e.Sha256, e.Path);
            if (e.LoadAddress is not null) StringAssert.Matches(e.LoadAddress, new System.Text.RegularExpressions.Regex("^0x[0-9a-f]+$"), e.Path);
        }

        return entries;
    }
}
