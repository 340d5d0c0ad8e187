using System.Security.Cryptography;
using System.Text.Json;

namespace Xen.Shm.Sdk.IntegrationTests.Infrastructure;

/// <summary>manifest.json read with System.Text.Json, checked against ../_notes/MANIFEST.md and the folder's real files.</summary>
public static class ManifestJson
{
    public sealed record Entry(string Path, long Size, string? LoadAddress, string Sha256);

    public static IReadOnlyList<Entry> Read(string bootDirectory)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(bootDirectory, "manifest.json"));
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

    /// <summary>The manifest names every other file of the folder, sorted, with its real size and SHA-256.</summary>
    public static IReadOnlyList<Entry> AssertDescribesFolder(string bootDirectory)
    {
        var entries = Read(bootDirectory);
        var files = BoardWorkspace.Snapshot(bootDirectory);
        files.Remove("manifest.json");
        CollectionAssert.AreEqual(files.Keys.ToArray(), entries.Select(e => e.Path).ToArray());
        foreach (var e in entries)
        {
            Assert.AreEqual(files[e.Path].Length, e.Size, e.Path);
            Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(files[e.Path])), e.Sha256, e.Path);
            if (e.LoadAddress is not null) StringAssert.Matches(e.LoadAddress, new System.Text.RegularExpressions.Regex("^0x[0-9a-f]+$"), e.Path);
        }

        return entries;
    }
}
