using Xen.Shm.Diagnostics;
using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Scenarios;

/// <summary>
/// The worked examples of spec §4.4, §5, §6.7, §7 and §8 (testassets/*/board.yaml with their
/// hand-written board.dts) load with no error; the expected facts come from the spec's text.
/// </summary>
[TestClass]
public sealed class SeedScenarioTests
{
    private static TopologyResult Load(string scenario) => TopologyLoader.Load(Repo.Asset(scenario, "board.yaml"));

    private static void AssertDiagnostics(TopologyResult r, params (string Code, int Line, int Column)[] expected)
    {
        var got = r.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)).ToArray();
        CollectionAssert.AreEqual(expected, got, "got:\n" + Topo.Describe(r.Diagnostics));
        Assert.IsFalse(r.HasErrors);
        Assert.IsNotNull(r.Board);
    }

    private static AddressRange R(ulong b, ulong s) => new(b, s);

    private static void AssertRanges(IEnumerable<AddressRange> expected, IEnumerable<AddressRange> actual) =>
        CollectionAssert.AreEqual(expected.Select(x => x.ToString()).ToList(), actual.Select(x => x.ToString()).ToList());

    [TestMethod]
    public void IomemCacheable_S0_LoadsWithOnlyTheExtendedRegionWarning()
    {
        var r = Load("iomem-cacheable");
        // spec §12.10: 0x70000000 is above guest1's 512 MiB but Xilinx 4.17 advertises it as an extended region.
        AssertDiagnostics(r, ("XSHM2014", 36, 16));
        var board = r.Board!;
        Assert.AreEqual(XenFlavour.Xilinx, board.Xen.Flavour.Value);
        var guest1 = board.FindDomain("guest1")!;
        AssertRanges(new[] { R(0x40000000, 0x20000000) }, guest1.GuestRam); // §4.4: [0x40000000, 0x60000000)
        // From board.dts: two RAM entries of /memory@0 and the existing /reserved-memory child.
        AssertRanges(new[] { R(0, 0x80000000), R(0x800000000, 0x80000000) }, board.Host.Ram.Select(b => b.Range));
        Assert.IsTrue(board.Host.Ram.All(b => b.Node == "/memory@0"));
        Assert.AreEqual("/reserved-memory/pmu-firmware@7ff00000", board.Host.Reserved.Single().Name);
        Assert.AreEqual(2, board.Host.ReservedMemoryAddressCells);
        Assert.AreEqual(2, board.Host.AddressCells.Value);
        Assert.AreEqual(2, board.Host.SizeCells.Value);
    }

    [TestMethod]
    public void IomemCacheable_ListsEveryInputFileWithItsRole()
    {
        var board = Load("iomem-cacheable").Board!;
        string dir = Repo.Asset("iomem-cacheable");
        var files = board.Files.Select(f => (f.Role, f.Domain, Path.GetRelativePath(dir, f.FullPath).Replace('\\', '/'))).ToList();
        CollectionAssert.AreEqual(new (FileRole, string?, string)[]
        {
            (FileRole.Xen, null, "images/xen"),
            (FileRole.HostDeviceTree, null, "board.dts"),
            (FileRole.Dom0Kernel, "dom0", "images/Image"),
            (FileRole.Dom0Ramdisk, "dom0", "images/rootfs.cpio.gz"),
            (FileRole.DomUKernel, "guest1", "images/Image"),
            (FileRole.DomURamdisk, "guest1", "images/rootfs.cpio.gz"),
        }, files);
        Assert.IsTrue(board.Files.All(f => Path.IsPathFullyQualified(f.FullPath) && File.Exists(f.FullPath)));
        Assert.AreEqual((7, 10), (board.Files[0].Span.Line, board.Files[0].Span.Column), "xen.image value: line 7, after \"  image: \"");
    }

    [TestMethod]
    public void Uio_S1_CarvesTheLastPageOutOfHostRam()
    {
        var r = Load("uio");
        // Upstream 4.17 xl domUs get extended regions; the 1:1 window sits in one (spec §9), reported at the host value it defaults to.
        AssertDiagnostics(r, ("XSHM2014", 34, 11));
        // spec §1.6 seed S1: <0x0 0x0 0x0 0x80000000> − [0x7ffff000, 0x80000000) → <0x0 0x0 0x0 0x7ffff000>.
        AssertRanges(new[] { R(0, 0x7ffff000) }, r.Board!.HostRamAfterCarve.Select(b => b.Range));
        Assert.AreEqual("uio-dev", r.Board.Regions.OfType<UioRegion>().Single().CompatibleValue);
        var extra = r.Board.FindDomain("guest1")!.ExtraIomem.Single().Value;
        var entry = IomemEntry.TryParse(extra, xilinx: false)!;
        Assert.AreEqual(0xff010000UL, entry.GuestRange.Base, "S1's UART1");
        Assert.AreEqual(0x1000UL, entry.GuestRange.Size);
    }

    [TestMethod]
    public void StaticShm_S2AndCorrectedS4_CreateOwnersFirst()
    {
        var r = Load("static-shm");
        // vm2 and vm3 have 128 MiB: their windows at 0x48000000+ are in Xilinx 4.17's extended regions.
        AssertDiagnostics(r, ("XSHM2014", 29, 47), ("XSHM2014", 36, 47), ("XSHM2014", 43, 47), ("XSHM2313", 43, 67));
        // vm3 borrows ID2 from offset 0x10000: xl writes its node at 0x48010000, maps the pages at 0x48000000.
        StringAssert.Contains(r.Diagnostics.Single(d => d.Code == "XSHM2313").Message, "xen-shmem@48010000");
        var board = r.Board!;
        // spec §6.4 example S4: vm1, vm2, vm3.
        CollectionAssert.AreEqual(new[] { "vm1", "vm2", "vm3" }, board.XlCreationOrder.Select(d => d.Name.Value).ToArray());
        // spec §6.7 S2: vm2 has 128 MiB, so its RAM ends at 0x48000000.
        Assert.AreEqual(0x48000000UL, board.FindDomain("vm2")!.GuestRam.Single().End);
        var id2 = board.Regions.OfType<StaticShmRegion>().Single(x => x.Id.Value == "ID2");
        Assert.AreEqual("vm1", id2.Owner!.Domain.Value);
        Assert.AreEqual(0xf0000UL, id2.BorrowerSize(id2.Borrowers.Single()));
    }

    [TestMethod]
    public void MmioSram_S3_IsCleanAndCarves16MiB()
    {
        var r = Load("mmio-sram");
        AssertDiagnostics(r);
        // spec §1.6 seed S3: … − [0x7f000000, 0x80000000) → <0x0 0x0 0x0 0x7f000000 0x8 0x0 0x0 0x80000000>.
        AssertRanges(new[] { R(0, 0x7f000000), R(0x800000000, 0x80000000) }, r.Board!.HostRamAfterCarve.Select(b => b.Range));
        var sram = r.Board.Regions.OfType<MmioSramRegion>().Single();
        Assert.AreEqual(0x1000000UL, sram.Size!.Value.Value, "16M");
        Assert.IsTrue(sram.HasDom0Access);
        Assert.IsFalse(sram.IsCacheable);
        Assert.IsFalse(r.Board.IsEnhanced(r.Board.FindDomain("domU1")!));
    }

    [TestMethod]
    public void MmioSram_WithEnhancedDomU_WarnsAboutTheExtendedRegionOn417()
    {
        // The same board without "enhanced: false": Xen 4.17 advertises [0x50000000, 0x100000000) to domU1 (spec §9).
        string path = Repo.Asset("mmio-sram", "board.yaml");
        string text = File.ReadAllText(path).Replace("    enhanced: false\n", "");
        var r = TopologyLoader.Parse(text, path);
        Assert.AreEqual("XSHM2014", r.Diagnostics.Single().Code, Topo.Describe(r.Diagnostics));
    }

    [TestMethod]
    public void DomainShm_Section8Example_IsClean()
    {
        var r = Load("domain-shm");
        AssertDiagnostics(r);
        var regions = r.Board!.Regions.OfType<DomainShmRegion>().ToList();
        Assert.AreEqual("dom0", regions[0].Owner!.Domain.Value);
        Assert.IsNull(regions[1].Host, "shm-heap lets Xen 4.19 pick the host memory");
        Assert.IsNull(regions[1].Owner, "no role anywhere: DOMID_IO owns it");
    }

    [TestMethod]
    public void EveryDiagnosticOfTheSeedsPointsIntoTheYaml()
    {
        foreach (var scenario in new[] { "iomem-cacheable", "uio", "static-shm", "mmio-sram", "domain-shm" })
        {
            var r = Load(scenario);
            foreach (var d in r.Diagnostics)
                Assert.AreEqual(Path.GetFullPath(Repo.Asset(scenario, "board.yaml")), Path.GetFullPath(d.Span.File), d.ToString());
        }
    }

    [TestMethod]
    public void HostFactsFromTheDtb_EqualThoseFromTheDts()
    {
        if (!Tools.TryFind("dtc", "apt-get install device-tree-compiler", out string dtc)) return;
        using var dir = new TempFolder();
        string dtb = Path.Combine(dir.Path, "board.dtb");
        Tools.Run(dtc, "-I", "dts", "-O", "dtb", "-o", dtb, Repo.Asset("iomem-cacheable", "board.dts"));
        string yaml = File.ReadAllText(Repo.Asset("iomem-cacheable", "board.yaml"))
            .Replace("deviceTree: board.dts", "deviceTree: board.dtb")
            .Replace("images/", Repo.Asset("iomem-cacheable", "images").Replace('\\', '/') + "/");
        string yamlPath = Path.Combine(dir.Path, "board.yaml");
        var fromDtb = TopologyLoader.Parse(yaml, yamlPath);
        var fromDts = Load("iomem-cacheable");
        Assert.IsFalse(fromDtb.HasErrors, Topo.Describe(fromDtb.Diagnostics));
        AssertRanges(fromDts.Board!.Host.Ram.Select(b => b.Range), fromDtb.Board!.Host.Ram.Select(b => b.Range));
        AssertRanges(fromDts.Board.Host.Reserved.Select(b => b.Range), fromDtb.Board.Host.Reserved.Select(b => b.Range));
        Assert.AreEqual(FileRole.HostDeviceTree, fromDtb.Board.Files[1].Role);
    }
}
