using System.Text.Json;

namespace Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

/// <summary>manifest.json read with System.Text.Json (not our reader), checking the fixed shape of ../_notes/MANIFEST.md.</summary>
public static class ManifestJson
{
    public sealed record Entry(string Path, long Size, string? LoadAddress, string Sha256);

    public static IReadOnlyList<Entry> Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.DoesNotContain((byte)'\r', bytes);
        using var json = JsonDocument.Parse(bytes);
        Assert.AreEqual(1, json.RootElement.GetProperty("version").GetInt32());
        return json.RootElement.GetProperty("files").EnumerateArray().Select(f => new Entry(
            f.GetProperty("path").GetString()!,
            f.GetProperty("size").GetInt64(),
            f.GetProperty("loadAddress").ValueKind == JsonValueKind.Null ? null : f.GetProperty("loadAddress").GetString(),
            f.GetProperty("sha256").GetString()!)).ToList();
    }
}
