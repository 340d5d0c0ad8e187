using System.Security.Cryptography;
using System.Text.Json;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>A valid board builds into bin/Debug/boot/: the images it names, and manifest.json.</summary>
[TestClass]
public sealed class BootFolderTests : BoardTestBase
{
    // testassets/sdk-basic/board.yaml names images/xen, and images/Image + images/rootfs.cpio.gz for
    // dom0 and again for domU1: Xen and dom0 files go to the root, domU1's under "domU1/".
    private static readonly (string Path, string Source)[] s_expected =
    [
        ("Image", "images/Image"),
        ("domU1/Image", "images/Image"),
        ("domU1/rootfs.cpio.gz", "images/rootfs.cpio.gz"),
        ("rootfs.cpio.gz", "images/rootfs.cpio.gz"),
        ("xen", "images/xen"),
    ];

    [TestMethod]
    [DataRow(null, DisplayName = "csproj")]
    [DataRow(".proj", DisplayName = "proj")]
    public void BasicBoard_BuildsItsBootFolder(string? extension)
    {
        var board = BoardWorkspace.Create(TestContext, "sdk-basic", projectExtension: extension);

        var run = board.Build();

        run.AssertSucceeded();
        StringAssert.Contains(run.Cli.Output, " 0 Warning(s)", run.ToString());
        var boot = BoardWorkspace.Snapshot(board.BootDirectory);
        CollectionAssert.AreEqual(s_expected.Select(e => e.Path).Append("manifest.json").Order(StringComparer.Ordinal).ToArray(), boot.Keys.ToArray());
        foreach (var (path, source) in s_expected)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(board.Directory, source)), boot[path], path);
        }

        // The summary line, like the compiler's "x -> y.dll".
        Assert.IsTrue(run.Cli.Lines.Any(l => l.Trim() == $"sdk-basic -> {board.BootDirectory}{Path.DirectorySeparatorChar}"), run.ToString());
        // A board project produces no assembly (DacFx #448: a leftover DLL breaks incrementality).
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(board.Directory, "bin"), "*.dll", SearchOption.AllDirectories));
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(board.Directory, "obj"), "*.dll", SearchOption.AllDirectories));
        AssertManifest(board);
    }

    // manifest.json as ../_notes/MANIFEST.md fixes it, checked against sizes and hashes computed here.
    private static void AssertManifest(BoardWorkspace board)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(board.BootDirectory, "manifest.json"));
        Assert.IsFalse(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "UTF-8 without BOM");
        Assert.DoesNotContain((byte)'\r', bytes);
        using var json = JsonDocument.Parse(bytes);
        Assert.AreEqual(1, json.RootElement.GetProperty("version").GetInt32());
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        CollectionAssert.AreEqual(s_expected.Select(e => e.Path).ToArray(), files.Select(f => f.GetProperty("path").GetString()).ToArray());
        foreach (var (f, (_, source)) in files.Zip(s_expected))
        {
            byte[] content = File.ReadAllBytes(Path.Combine(board.Directory, source));
            Assert.AreEqual(content.Length, f.GetProperty("size").GetInt64());
            Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(content)), f.GetProperty("sha256").GetString());
            // No boot script yet: nothing is loaded at a known address (MANIFEST.md: null).
            Assert.AreEqual(JsonValueKind.Null, f.GetProperty("loadAddress").ValueKind);
        }
    }

    [TestMethod]
    public void SameBoardInTwoFolders_GivesIdenticalBootFolders()
    {
        var first = BoardWorkspace.Create(TestContext, "sdk-basic", "a");
        var second = BoardWorkspace.Create(TestContext, "sdk-basic", "b");

        first.Build().AssertSucceeded();
        second.Build().AssertSucceeded();

        var a = BoardWorkspace.Snapshot(first.BootDirectory);
        var b = BoardWorkspace.Snapshot(second.BootDirectory);
        CollectionAssert.AreEqual(a.Keys.ToArray(), b.Keys.ToArray());
        foreach (var key in a.Keys) CollectionAssert.AreEqual(a[key], b[key], key);
        Assert.IsNotEmpty(a);
    }
}
