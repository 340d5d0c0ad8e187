using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// The spec's scenarios (testassets/&lt;scenario&gt;: board.yaml + board.dts) build into a boot folder
/// holding the generated trees and xl files (equal to the scenario's checked-in expected/ files) and
/// the images their YAML names. Generated DTS/DTSO sources are in obj/Debug/xenshm/generated/, not in
/// the boot folder (LAYOUT L1); Xen ships as xen.uimg only (bootm route). Copy paths written from each board.yaml by hand, following
/// src/Tasks/Xen.Shm.Generation/README.md: Xen at the top, dom0 and dom0less files under
/// "&lt;domain&gt;/", xl domUs' files under "etc/xen/&lt;domain&gt;/" (dom0's xl folder).
/// </summary>
[TestClass]
public sealed class ScenarioTests : BoardTestBase
{
    [TestMethod]
    [DataRow("mmio-sram", "domU1")]
    [DataRow("iomem-cacheable", "etc/xen/guest1")]
    [DataRow("uio", "etc/xen/guest1")]
    [DataRow("static-shm", "etc/xen/vm1", "etc/xen/vm2", "etc/xen/vm3")]
    [DataRow("domain-shm", "domU1", "domU2")]
    public void Scenario_BuildsItsBootFolder(string scenario, params string[] domUFolders)
    {
        var board = BoardWorkspace.Create(TestContext, scenario);

        var run = board.Build();

        run.AssertSucceeded();
        var copies = new List<(string Path, string Source)>
        {
            ("dom0/Image", "images/Image"), ("dom0/rootfs.cpio.gz", "images/rootfs.cpio.gz"),
        };
        foreach (var folder in domUFolders)
        {
            copies.Add(($"{folder}/Image", "images/Image"));
            copies.Add(($"{folder}/rootfs.cpio.gz", "images/rootfs.cpio.gz"));
        }

        var boot = BoardWorkspace.Snapshot(board.BootDirectory);
        foreach (var (path, source) in copies)
        {
            Assert.IsTrue(boot.ContainsKey(path), $"{path} missing; folder has: {string.Join(", ", boot.Keys)}");
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(board.Directory, source)), boot[path], path);
        }

        Assert.IsFalse(boot.ContainsKey("xen"), "xen.uimg is the boot image: no raw xen beside it");
        Assert.IsTrue(boot.ContainsKey("xen.uimg"));

        // Every checked-in expected file is there with the same bytes: DTS/DTSO sources in
        // obj/Debug/xenshm/generated/ (never in the boot folder), xl files in the boot folder.
        string expectedDir = RepositoryRoot.Combine("testassets", scenario, "expected");
        var generated = BoardWorkspace.Snapshot(Path.Combine(board.IntermediateDirectory, "generated"));
        foreach (var (path, bytes) in BoardWorkspace.Snapshot(expectedDir))
        {
            bool source = path.EndsWith(".dts", StringComparison.Ordinal) || path.EndsWith(".dtso", StringComparison.Ordinal);
            if (!source && !(path.EndsWith(".cfg", StringComparison.Ordinal) || path.EndsWith(".txt", StringComparison.Ordinal) || path.EndsWith(".sh", StringComparison.Ordinal)))
                continue; // other expected files (boot.source, README.md…) are the expected-folder tests' business
            var where = source ? generated : boot;
            Assert.IsTrue(where.ContainsKey(path), $"{path} missing; folder has: {string.Join(", ", where.Keys)}");
            Assert.AreEqual(System.Text.Encoding.UTF8.GetString(bytes), System.Text.Encoding.UTF8.GetString(where[path]), path);
            if (source) Assert.IsFalse(boot.ContainsKey(path), $"{path}: generated sources stay out of the boot folder");
        }

        Assert.IsTrue(boot.ContainsKey("host.dtb"), "the board has a device tree, so the patched host DTB is built");
        var manifest = ManifestJson.AssertDescribesFolder(board.BootDirectory);
        Assert.IsNotNull(manifest.Single(e => e.Path == "host.dtb").LoadAddress, "the boot script loads host.dtb");
    }
}
