using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.HostTree;

/// <summary>
/// A real board DTB from Debian's arm64 kernel package (Xilinx ZCU102 rev1.0, from the dt-io corpus
/// cache: tests/Xen.Shm.Dtc.Tests/corpus/fetch-corpus.sh) patched with regions of every host-changing
/// mechanism: decompiled with dtc, the patched tree keeps every original node (in order) and every
/// original property unchanged except the carved memory reg; everything new is ours.
/// </summary>
[TestClass]
public sealed class KernelBoardTests
{
    private const string Yaml = """
        xen: { flavour: xilinx, version: "4.17", image: images/xen, bootargs: "console=dtuart dtuart=serial0 dom0_mem=1024M" }
        host:
          deviceTree: board.dtb
        domains:
          - { name: dom0, kind: dom0, memory: 1024M, kernel: images/Image, ramdisk: images/rootfs.cpio.gz, bootargs: "console=hvc0" }
          - { name: guest1, kind: xl, memory: 512M, kernel: images/Image }
          - { name: d1, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false }
        regions:
          - { id: page0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ { domain: guest1, guest: 0x70000000 } ] }
          - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1 } ] }
          - { id: sram0, mechanism: mmio-sram, host: 0x7e000000, size: 16M, peers: [ { domain: d1 } ] }
          - { id: shm0, mechanism: dom0less-shm, host: 0x60000000, size: 16M, peers: [ { domain: dom0, role: owner, guest: 0x60000000 }, { domain: d1, role: borrower, guest: 0x60000000 } ] }
        """;

    [TestMethod]
    public void Zcu102KernelDtb_KeepsAllOriginalContent()
    {
        string dtb = Path.Combine(CorpusDirectory(), "dtb", "xilinx", "zynqmp-zcu102-rev1.0.dtb");
        if (!File.Exists(dtb)) Missing(dtb);
        byte[] original = File.ReadAllBytes(dtb);
        using var board = new TempBoard(Yaml, boardDtb: original);
        var result = board.Load().Generate();

        using var tmp = new TempFolder();
        var before = DtsOutline.Parse(RealTools.Decompile(tmp.Path, "a.dtb", original, sort: false));
        var after = DtsOutline.Parse(RealTools.Decompile(tmp.Path, "b.dtb", result.HostDtb!, sort: false));
        int properties = 0;
        foreach (var (path, props) in before.Properties)
        {
            Assert.IsTrue(after.Properties.ContainsKey(path), "node lost: " + path);
            // Original children keep their relative order.
            var kept = after.Children[path].Where(before.Children[path].Contains).ToList();
            CollectionAssert.AreEqual(before.Children[path], kept, "child order of " + path);
            var afterProps = after.Properties[path];
            foreach (var (name, line) in props)
            {
                string? now = afterProps.FirstOrDefault(p => p.Name == name).Line;
                Assert.IsNotNull(now, $"property lost: {path}/{name}");
                if (path == "/memory@0" && name == "reg")
                {
                    // Carved: [0, 0x7e000000) [0x7f000000, 0x7ffff000) then the upper bank as it was (spec §1.6).
                    Assert.AreEqual("reg = <0x00 0x00 0x00 0x7e000000 0x00 0x7f000000 0x00 0xfff000 0x08 0x00 0x00 0x80000000>;", now);
                    continue;
                }
                Assert.AreEqual(line, now, $"{path}/{name} changed");
                properties++;
            }
            // Original properties first, in their order; ours (if any) after them.
            CollectionAssert.AreEqual(props.Select(p => p.Name).ToList(), afterProps.Take(props.Count).Select(p => p.Name).ToList(), "property order of " + path);
        }
        Assert.IsGreaterThan(1000, properties, "a kernel board has thousands of properties");

        // What is new is exactly the generated nodes.
        var added = after.Properties.Keys.Where(p => !before.Properties.ContainsKey(p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var expectedAdded = new[]
        {
            "/chosen/d1", "/chosen/d1/module@", "/chosen/d1/shared-mem-shm0", "/chosen/module@", "/chosen/shared-mem-shm0",
            "/reserved-memory", "/reserved-memory/xen-shmem@70000000", "/shared_mem@7ffff000", "/sram@7e000000",
        };
        foreach (string p in added)
            Assert.IsTrue(expectedAdded.Any(e => e.EndsWith('@') ? p.StartsWith(e, StringComparison.Ordinal) : p == e), "unexpected new node " + p);
        // dom0 kernel + ramdisk, d1 kernel + partial DT (d1 has no ramdisk).
        Assert.HasCount(4, added.Where(p => p.Contains("/module@", StringComparison.Ordinal)).ToList(), string.Join(", ", added));
    }

    private static string CorpusDirectory()
    {
        string? env = Environment.GetEnvironmentVariable("XSHM_DT_CORPUS_DIR");
        if (!string.IsNullOrEmpty(env)) return env;
        string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "xen-shm-sdk", "dt-corpus");
    }

    private static void Missing(string file)
    {
        string message = $"kernel board DTB {file} not found: run `bash tests/Xen.Shm.Dtc.Tests/corpus/fetch-corpus.sh` (or set XSHM_DT_CORPUS_DIR)";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(message);
        Assert.Inconclusive(message);
    }
}
