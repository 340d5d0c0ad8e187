using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// The spec's scenarios (testassets/&lt;scenario&gt;: board.yaml + board.dts) build into a boot folder
/// holding the images their YAML names. Expected lists written from each board.yaml by hand: Xen and
/// dom0 files at the root, every domU's kernel and ramdisk under "&lt;domain&gt;/".
/// </summary>
[TestClass]
public sealed class ScenarioTests : BoardTestBase
{
    [TestMethod]
    [DataRow("mmio-sram", "domU1")]
    [DataRow("iomem-cacheable", "guest1")]
    [DataRow("uio", "guest1")]
    [DataRow("static-shm", "vm1", "vm2", "vm3")]
    [DataRow("domain-shm", "domU1", "domU2")]
    public void Scenario_BuildsItsBootFolder(string scenario, params string[] domUs)
    {
        var board = BoardWorkspace.Create(TestContext, scenario);

        var run = board.Build();

        run.AssertSucceeded();
        var expected = new List<(string Path, string Source)>
        {
            ("Image", "images/Image"), ("rootfs.cpio.gz", "images/rootfs.cpio.gz"), ("xen", "images/xen"),
        };
        foreach (var domU in domUs)
        {
            expected.Add(($"{domU}/Image", "images/Image"));
            expected.Add(($"{domU}/rootfs.cpio.gz", "images/rootfs.cpio.gz"));
        }

        var boot = BoardWorkspace.Snapshot(board.BootDirectory);
        CollectionAssert.AreEqual(expected.Select(e => e.Path).Append("manifest.json").Order(StringComparer.Ordinal).ToArray(), boot.Keys.ToArray());
        foreach (var (path, source) in expected)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(board.Directory, source)), boot[path], path);
        }
    }
}
