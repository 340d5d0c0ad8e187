using System.Security.Cryptography;
using System.Text.Json;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>A valid board builds into bin/Debug/boot/: the generated files, the images it names, and manifest.json.</summary>
[TestClass]
public sealed class BootFolderTests : BoardTestBase
{
    // testassets/sdk-basic/board.yaml names images/xen, and images/Image + images/rootfs.cpio.gz for
    // dom0 and again for domU1. Layout from src/Tasks/Xen.Shm.Generation/README.md: Xen at the top,
    // a domain's files under its name.
    private static readonly (string Path, string Source)[] s_expected =
    [
        ("dom0/Image", "images/Image"),
        ("dom0/rootfs.cpio.gz", "images/rootfs.cpio.gz"),
        ("domU1/Image", "images/Image"),
        ("domU1/rootfs.cpio.gz", "images/rootfs.cpio.gz"),
        ("xen", "images/xen"),
    ];

    // No board device tree in sdk-basic: the host changes come as an overlay only, plus domU1's
    // dom0less partial tree (Generation README). LAYOUT L1: only the partial DTB goes on the boot
    // medium; the sources and the overlay stay in obj/Debug/xenshm/generated/. No device tree, so
    // no boot script: Xen ships raw.
    private static readonly string[] s_boot = ["domU1/domU1.dtb"];
    private static readonly string[] s_generated =
        ["domU1/domU1.dtb", "domU1/domU1.dts", "host-overlay.dtbo", "host-overlay.dtso"];

    [TestMethod]
    [DataRow(null, DisplayName = "csproj")]
    [DataRow(".proj", DisplayName = "proj")]
    public void BasicBoard_BuildsItsBootFolder(string? extension)
    {
        var board = BoardWorkspace.Create(TestContext, "sdk-basic", projectExtension: extension);

        var run = board.Build();

        run.AssertSucceeded();
        // sdk-basic gives RAM banks only: its one warning says there is no host.dtb nor boot.scr (XSHM8020, issue 19).
        StringAssert.Contains(run.Cli.Output, " 1 Warning(s)", run.ToString());
        Assert.HasCount(1, run.DiagnosticLines("XSHM8020"), run.ToString());
        var boot = BoardWorkspace.Snapshot(board.BootDirectory);
        CollectionAssert.AreEqual(s_expected.Select(e => e.Path).Concat(s_boot).Append("manifest.json").Order(StringComparer.Ordinal).ToArray(), boot.Keys.ToArray());
        var generated = BoardWorkspace.Snapshot(Path.Combine(board.IntermediateDirectory, "generated"));
        CollectionAssert.AreEqual(s_generated, generated.Keys.ToArray());
        CollectionAssert.AreEqual(generated["domU1/domU1.dtb"], boot["domU1/domU1.dtb"]);
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
        var entries = ManifestJson.AssertDescribesFolder(board.BootDirectory);
        foreach (var (path, source) in s_expected)
        {
            var e = entries.Single(x => x.Path == path);
            Assert.AreEqual(new FileInfo(Path.Combine(board.Directory, source)).Length, e.Size, path);
            // Xen, kernels and ramdisks are loaded by the boot script: each has an address.
            Assert.IsNotNull(e.LoadAddress, path);
        }

        // Sources and the overlay are not boot-medium files (LAYOUT L1).
        foreach (var path in new[] { "domU1/domU1.dts", "host-overlay.dtbo", "host-overlay.dtso" })
        {
            Assert.IsFalse(entries.Any(x => x.Path == path), path);
        }
    }

    [TestMethod]
    [DataRow("sdk-basic")]
    [DataRow("mmio-sram", DisplayName = "mmio-sram (host.dtb, boot.scr, xen.uimg)")]
    public void SameBoardInTwoFoldersTimeZonesAndLocales_GivesIdenticalBootFolders(string asset)
    {
        var first = BoardWorkspace.Create(TestContext, asset, "a");
        var second = BoardWorkspace.Create(TestContext, asset, "b");

        first.BuildWith(new Dictionary<string, string> { ["TZ"] = "UTC", ["LANG"] = "en_US.UTF-8", ["LC_ALL"] = "en_US.UTF-8" }).AssertSucceeded();
        // Another folder, time zone (+05:45, no DST) and locale (Turkish: dotless i, comma decimals):
        // nothing of the machine may leak into the bytes.
        second.BuildWith(new Dictionary<string, string> { ["TZ"] = "Asia/Kathmandu", ["LANG"] = "tr_TR.UTF-8", ["LC_ALL"] = "tr_TR.UTF-8" }).AssertSucceeded();

        var a = BoardWorkspace.Snapshot(first.BootDirectory);
        var b = BoardWorkspace.Snapshot(second.BootDirectory);
        CollectionAssert.AreEqual(a.Keys.ToArray(), b.Keys.ToArray());
        foreach (var key in a.Keys) CollectionAssert.AreEqual(a[key], b[key], key);
        Assert.IsNotEmpty(a);
    }
}
