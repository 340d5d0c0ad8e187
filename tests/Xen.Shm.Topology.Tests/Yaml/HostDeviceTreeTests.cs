using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Yaml;

/// <summary>XSHM1023: the board device tree cannot be read; the position points into the DT file.</summary>
[TestClass]
public sealed class HostDeviceTreeTests
{
    private static (TopologyResult Result, string Dts) LoadWithDts(TempFolder dir, string dts)
    {
        string dtsPath = Path.Combine(dir.Path, "board.dts");
        File.WriteAllText(dtsPath, dts);
        string images = Repo.Asset("uio", "images").Replace('\\', '/');
        string yaml = Boards.With(host: "host:\n  deviceTree: board.dts", regions: "regions: []").Replace("images/", images + "/");
        return (TopologyLoader.Parse(yaml, Path.Combine(dir.Path, "board.yaml")), dtsPath);
    }

    [TestMethod]
    public void XSHM1023_RegThatDoesNotSplitIntoCells_PointsAtTheRegProperty()
    {
        using var dir = new TempFolder();
        var (r, dts) = LoadWithDts(dir, "/dts-v1/;\n\n/ {\n    #address-cells = <2>;\n    #size-cells = <2>;\n    memory@0 {\n        device_type = \"memory\";\n        reg = <0x0 0x0 0x80000000>;\n    };\n};\n");
        // Line 8 holds the reg property; it starts after 8 spaces. The memory node gives no bank, hence XSHM1020 at 'host'.
        var codes = r.Diagnostics.Select(d => d.Code).ToList();
        CollectionAssert.AreEqual(new[] { "XSHM1020", "XSHM1023" }, codes, Topo.Describe(r.Diagnostics));
        var d1023 = r.Diagnostics.Single(d => d.Code == "XSHM1023");
        Assert.AreEqual(dts, d1023.Span.File);
        Assert.AreEqual((8, 9), (d1023.Span.Line, d1023.Span.Column));
    }

    [TestMethod]
    public void XSHM1023_SyntaxErrorInTheDts()
    {
        using var dir = new TempFolder();
        var (r, dts) = LoadWithDts(dir, "/dts-v1/;\n\n/ {\n    memory@0 {\n        reg = <0x0 0x0 0x0 0x80000000>\n    };\n};\n");
        var d = r.Diagnostics.Single(); // XSHM1023 alone: no cascade about missing RAM
        Assert.AreEqual("XSHM1023", d.Code, Topo.Describe(r.Diagnostics));
        Assert.AreEqual(dts, d.Span.File);
        StringAssert.Contains(d.Message, "syntax error");
        // dtc reports the token after the missing ';': the '}' on line 6, column 5.
        Assert.AreEqual((6, 5), (d.Span.Line, d.Span.Column));
    }

    [TestMethod]
    public void XSHM2203_OfIdInTheBoardDtsChosen_WhenTheYamlGivesNoDom0Bootargs()
    {
        using var dir = new TempFolder();
        string dtsPath = Path.Combine(dir.Path, "board.dts");
        File.WriteAllText(dtsPath, "/dts-v1/;\n\n/ {\n    #address-cells = <2>;\n    #size-cells = <2>;\n    chosen {\n        xen,dom0-bootargs = \"console=hvc0 uio_pdrv_genirq.of_id=generic-uio\";\n    };\n    memory@0 {\n        device_type = \"memory\";\n        reg = <0x0 0x0 0x0 0x80000000>;\n    };\n};\n");
        string images = Repo.Asset("uio", "images").Replace('\\', '/');
        string domains = Boards.DomainsSection.Replace(", bootargs: \"console=hvc0\"", "");
        string yaml = Boards.With(host: "host:\n  deviceTree: board.dts", domains: domains,
            regions: "regions:\n  - { id: uio0, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, guest: 0x0a001000 } ] }").Replace("images/", images + "/");
        var r = TopologyLoader.Parse(yaml, Path.Combine(dir.Path, "board.yaml"));
        var d = r.Diagnostics.Single();
        Assert.AreEqual("XSHM2203", d.Code, Topo.Describe(r.Diagnostics));
        Assert.AreEqual(dtsPath, d.Span.File);
        Assert.AreEqual((7, 9), (d.Span.Line, d.Span.Column), "the xen,dom0-bootargs property, line 7 after 8 spaces");
    }
}
