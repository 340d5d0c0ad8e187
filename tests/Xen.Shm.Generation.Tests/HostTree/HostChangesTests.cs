using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.HostTree;

/// <summary>Host-tree rules not covered by the seed scenarios, each checked on the text and, through real dtc, on the tree.</summary>
[TestClass]
public sealed class HostChangesTests
{
    [TestMethod]
    public void CarveInTheMiddleOfABank_SplitsItInTwoEntries()
    {
        // Spec §1.6: [0, 0x80000000) − [0x1000000, 0x1001000) = [0, 0x1000000) + [0x1001000, 0x80000000).
        using var b = new TempBoard(TempBoard.Yaml(regions: "  - { id: mid, mechanism: uio, host: 0x1000000, size: 0x1000, peers: [ { domain: guest1 } ] }"));
        var r = b.Load().Generate();
        StringAssert.Contains(r.HostDts, "/* carve-out of mid (spec §1.6) */\n&{/memory@0} {\n\treg = <0x0 0x0 0x0 0x1000000 0x0 0x1001000 0x0 0x7efff000>;\n};\n");
        using var tmp = new TempFolder();
        string tree = RealTools.Decompile(tmp.Path, "h.dtb", r.HostDtb!);
        StringAssert.Contains(tree, "reg = <0x00 0x00 0x00 0x1000000 0x00 0x1001000 0x00 0x7efff000>;");
    }

    [TestMethod]
    public void BoardWithoutReservedMemory_GetsOneWithRootCellsAndRanges()
    {
        // Spec §4.1: created at the root after existing children: #address-cells, #size-cells = root's, ranges.
        using var b = new TempBoard(TempBoard.Yaml(xen: "xilinx",
            regions: "  - { id: p0, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ { domain: guest1, guest: 0x70000000 } ] }"));
        var r = b.Load().Generate();
        StringAssert.Contains(r.HostDts,
            "\t/* created: the board has no /reserved-memory (spec §4.1) */\n\treserved-memory {\n\t\t#address-cells = <0x2>;\n\t\t#size-cells = <0x2>;\n\t\tranges;\n\n" +
            "\t\t/* p0: cacheable page(s) shared with dom0 (spec §4.1) */\n\t\txen-shmem@70000000 {\n\t\t\tcompatible = \"xen,shared-memory-v1\";\n\t\t\treg = <0x0 0x70000000 0x0 0x1000>;\n\t\t};\n\t};\n");
        using var tmp = new TempFolder();
        string tree = RealTools.Decompile(tmp.Path, "h.dtb", r.HostDtb!, sort: false);
        // dtc keeps it after the board's last root child (axi).
        Assert.IsGreaterThan(tree.IndexOf("\taxi {", StringComparison.Ordinal), tree.IndexOf("\treserved-memory {", StringComparison.Ordinal));
    }

    [TestMethod]
    public void MmioSramHiddenFromDom0AndCacheable_PassthroughFlagAndRegCacheable()
    {
        // §7.1: xen,passthrough; when dom0Access is false. §7.2: xen,reg-cacheable (Xilinx).
        using var b = new TempBoard(TempBoard.Yaml(xen: "xilinx",
            domains: "  - { name: d1, kind: dom0less, memory: 256M, kernel: images/Image, enhanced: false }",
            regions: "  - { id: s0, mechanism: mmio-sram, host: 0x7f000000, size: 16M, cacheable: true, dom0Access: false, peers: [ { domain: d1, guest: 0x80000000 } ] }"));
        var r = b.Load().Generate();
        StringAssert.Contains(r.HostDts, "\tsram@7f000000 {\n\t\tcompatible = \"mmio-sram\";\n\t\treg = <0x0 0x7f000000 0x0 0x1000000>;\n\t\txen,passthrough;\n\t};\n");
        string partial = r.Find("d1/d1.dts")!.Text!;
        StringAssert.Contains(partial, "\t\tsram@80000000 {\n\t\t\tcompatible = \"mmio-sram\";\n\t\t\treg = <0x0 0x80000000 0x1000000>;\n" +
            "\t\t\txen,reg-cacheable = <0x0 0x7f000000 0x1000000 0x0 0x80000000>;\n\t\t\txen,force-assign-without-iommu = <0x1>;\n");
        StringAssert.Contains(r.HostDts, "compatible = \"multiboot,device-tree\", \"multiboot,module\";");
    }

    [TestMethod]
    public void Dom0BootargsAlreadyNamingTheSameOfId_AreNotChangedTwice()
    {
        Assert.AreEqual("a uio_pdrv_genirq.of_id=x", Uio.UioGenerator.AppendOfId("a uio_pdrv_genirq.of_id=x", "x"));
        Assert.AreEqual("a uio_pdrv_genirq.of_id=x", Uio.UioGenerator.AppendOfId("a", "x"));
        Assert.AreEqual("uio_pdrv_genirq.of_id=x", Uio.UioGenerator.AppendOfId(null, "x"));
    }

    [TestMethod]
    public void XenCommandLineWithoutDom0Mem_GetsItFromDom0Memory()
    {
        string yaml = TempBoard.Yaml().Replace("bootargs: \"console=dtuart dom0_mem=1024M\"", "bootargs: \"console=dtuart\"");
        using var b = new TempBoard(yaml);
        StringAssert.Contains(b.Load().Generate().HostDts, "xen,xen-bootargs = \"console=dtuart dom0_mem=1024M\";");
    }

    [TestMethod]
    public void Dom0Vcpus_ReachXensCommandLineAsDom0MaxVcpus()
    {
        // Issue 19 item 2: dom0 vcpus was accepted and dropped; Xen reads dom0_max_vcpus (xen/arch/arm/domain_build.c).
        string yaml = TempBoard.Yaml().Replace("memory: 1024M, kernel: images/Image, ramdisk", "memory: 1024M, vcpus: 2, kernel: images/Image, ramdisk");
        using var b = new TempBoard(yaml);
        StringAssert.Contains(b.Load().Generate().HostDts, "xen,xen-bootargs = \"console=dtuart dom0_mem=1024M dom0_max_vcpus=2\";");
    }

    [TestMethod]
    public void BoardXenCommandLine_IsKeptWhenTheTopologyHasNone()
    {
        string yaml = TempBoard.Yaml().Replace(", bootargs: \"console=dtuart dom0_mem=1024M\" }", " }");
        string dts = File.ReadAllText(Path.Combine(Repo.Root, "testassets", "uio", "board.dts"))
            .Replace("bootargs = \"earlycon\";", "bootargs = \"earlycon\";\n\t\txen,xen-bootargs = \"console=dtuart sync_console\";");
        using var b = new TempBoard(yaml, dts);
        StringAssert.Contains(b.Load().Generate().HostDts, "xen,xen-bootargs = \"console=dtuart sync_console dom0_mem=1024M\";");
    }

    [TestMethod]
    public void DtbBoard_IsDecompiledAndPatchedLikeItsSource()
    {
        // A .dtb board: read by the Devicetree library's reader, written back as DTS, then patched.
        var scenario = Scenario.Load("uio");
        using var tmp = new TempFolder();
        byte[] blob = RealTools.CompileDts(tmp.Path, "board.dts", scenario.HostSource!);
        var fromSource = scenario.Generate();
        var fromBlob = BoardGenerator.Generate(new GenerationInput(scenario.Board)
        {
            HostBlob = blob,
            HostSourceName = "board.dtb",
            Files = Scenario.Measure(scenario.Board),
        });
        Assert.IsFalse(fromBlob.HasErrors, string.Join("\n", fromBlob.Diagnostics));
        Assert.AreEqual(RealTools.Decompile(tmp.Path, "a.dtb", fromSource.HostDtb!), RealTools.Decompile(tmp.Path, "b.dtb", fromBlob.HostDtb!));
    }

    [TestMethod]
    public void BadBoardSource_IsXshm6001NotAnException()
    {
        var scenario = Scenario.Load("uio");
        var r = BoardGenerator.Generate(new GenerationInput(scenario.Board) { HostSource = "/dts-v1/;\n/ { x = <1>; ", HostSourceName = "board.dts", Files = Scenario.Measure(scenario.Board) });
        // XSHM6001 at the YAML, and dtc's syntax error at its place in the source (issue 17): end of input, line 2.
        CollectionAssert.AreEqual(new[] { "XSHM6001", "XSHM3001" }, r.Diagnostics.Select(d => d.Code).ToArray());
        Assert.AreEqual(("board.dts", 2), (r.Diagnostics[1].Span.File, r.Diagnostics[1].Span.Line));
        Assert.IsEmpty(r.Files);
        var bad = BoardGenerator.Generate(new GenerationInput(scenario.Board) { HostBlob = new byte[] { 1, 2, 3 }, HostSourceName = "board.dtb", Files = Scenario.Measure(scenario.Board) });
        Assert.IsTrue(bad.HasErrors);
        Assert.IsEmpty(bad.Files);
    }

    [TestMethod]
    public void UnmeasuredBootFile_IsXshm6003()
    {
        var scenario = Scenario.Load("uio");
        var r = BoardGenerator.Generate(new GenerationInput(scenario.Board) { HostSource = scenario.HostSource, Files = new Dictionary<string, InputFileFacts>() });
        Assert.IsTrue(r.Diagnostics.All(d => d.Code == "XSHM6003"));
        Assert.IsNotEmpty(r.Diagnostics);
    }
}
