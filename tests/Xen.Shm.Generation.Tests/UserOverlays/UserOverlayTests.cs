using Xen.Shm.Generation.Tests.Infrastructure;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Tests.UserOverlays;

/// <summary>
/// host.overlays: the SDK's host DTB must be what it makes from the board fdtoverlay already merged
/// (real dtc -@ for the board and the .dtso, a .dtbo built by real dtc, Debian's fdtoverlay), and
/// each way an overlay can fail is a positioned error at its YAML entry.
/// </summary>
[TestClass]
public sealed class UserOverlayTests
{
    private const string EnableUart1 = "/dts-v1/;\n/plugin/;\n&uart1 { status = \"okay\"; };\n&{/axi} { shm_dev: shm@70000000 { compatible = \"vendor,shm-dev\"; reg = <0x0 0x70000000 0x0 0x1000>; interrupt-parent = <&gic>; }; };\n";
    private const string UseAddedLabel = "/dts-v1/;\n/plugin/;\n&shm_dev { status = \"okay\"; peer = <&uart0>; };\n";

    [TestMethod]
    public void OverlaysInOrderGiveTheHostTreeOfFdtoverlaysBoard()
    {
        using var tmp = new TempFolder();
        byte[] second = RealTools.CompileDts(tmp.Path, "second.dtso", UseAddedLabel, "-@");
        using var board = new TempBoard(TempBoard.Yaml(host: "  overlays: [ uart1.dtso, second.dtbo ]"));
        File.WriteAllText(Path.Combine(board.Folder, "uart1.dtso"), EnableUart1);
        File.WriteAllBytes(Path.Combine(board.Folder, "second.dtbo"), second);
        var withOverlays = board.Load().Generate();

        // The reference: fdtoverlay on real dtc's blobs, then the SDK on that board with no overlays.
        string boardDts = File.ReadAllText(Path.Combine(board.Folder, "board.dts"));
        File.WriteAllBytes(Path.Combine(tmp.Path, "board.dtb"), RealTools.CompileDts(tmp.Path, "board.dts", boardDts, "-@"));
        File.WriteAllBytes(Path.Combine(tmp.Path, "first.dtbo"), RealTools.CompileDts(tmp.Path, "first.dtso", EnableUart1, "-@"));
        File.WriteAllBytes(Path.Combine(tmp.Path, "second.dtbo"), second);
        var (code, _, err) = RealTools.Run(RealTools.FdtOverlay, "-i", Path.Combine(tmp.Path, "board.dtb"), "-o", Path.Combine(tmp.Path, "merged.dtb"),
            Path.Combine(tmp.Path, "first.dtbo"), Path.Combine(tmp.Path, "second.dtbo"));
        Assert.AreEqual(0, code, err);
        using var reference = new TempBoard(TempBoard.Yaml().Replace("deviceTree: board.dts", "deviceTree: board.dtb"), boardDtb: File.ReadAllBytes(Path.Combine(tmp.Path, "merged.dtb")));
        var expected = reference.Load().Generate();

        CollectionAssert.AreEqual(expected.HostDtb, withOverlays.HostDtb);
        File.WriteAllBytes(Path.Combine(tmp.Path, "host.dtb"), withOverlays.HostDtb!);
        Assert.AreEqual("okay", FdtGet(tmp.Path, "/axi/serial@ff010000", "status"));
        Assert.AreEqual("vendor,shm-dev", FdtGet(tmp.Path, "/axi/shm@70000000", "compatible"));
        // Negative control: without the overlays the host tree differs.
        using var plain = new TempBoard(TempBoard.Yaml());
        CollectionAssert.AreNotEqual(plain.Load().Generate().HostDtb, withOverlays.HostDtb);
    }

    [TestMethod]
    [DataRow("&nosuch { x; };", "XSHM3701", "label 'nosuch'")]
    [DataRow("/ { fragment@0 { target-path = \"/nope\"; __overlay__ { x; }; }; };", "XSHM3700", "target-path '/nope'")]
    [DataRow("/ { fragment@0 { __overlay__ { x; }; }; };", "XSHM3702", "neither 'target' nor 'target-path'")]
    [DataRow("&{/chosen} { bootargs = \"x\"; };", "XSHM3704", "/chosen")]
    [DataRow("&{/} { memory@0 { reg = <0 0 0 1>; }; };", "XSHM3704", "memory")]
    [DataRow("&uart1 { status = \"okay\" };", "XSHM3705", "does not compile")]
    public void AnOverlayThatDoesNotApplyIsAnErrorAtItsEntry(string body, string code, string text)
    {
        using var board = new TempBoard(TempBoard.Yaml(host: "  overlays: [ bad.dtso ]"));
        File.WriteAllText(Path.Combine(board.Folder, "bad.dtso"), "/dts-v1/;\n/plugin/;\n" + body + "\n");
        var scenario = board.Load();
        var r = BoardGenerator.Generate(scenario.Input());
        var d = r.Diagnostics.First(x => x.IsError);
        Assert.AreEqual(code, d.Code, string.Join("\n", r.Diagnostics));
        StringAssert.Contains(d.Message, text);
        var entry = scenario.Board.Host.Overlays[0].Span;
        Assert.AreEqual((entry.File, entry.Line), (d.Span.File, d.Span.Line), d.ToString());
        Assert.AreEqual(0, r.Files.Count);
    }

    [TestMethod]
    [DataRow("  overlays: [ missing.dtbo ]", "XSHM1010")]
    [DataRow("  overlays: [ board.yaml ]", "XSHM2101")]
    public void OverlayEntriesAreCheckedWhenTheYamlLoads(string host, string code)
    {
        using var board = new TempBoard(TempBoard.Yaml(host: host));
        var result = TopologyLoader.Load(Path.Combine(board.Folder, "board.yaml"));
        var d = result.Diagnostics.First(x => x.IsError);
        Assert.AreEqual(code, d.Code, string.Join("\n", result.Diagnostics));
        Assert.AreEqual(4, d.Span.Line, d.ToString());
    }

    [TestMethod]
    public void OverlaysWithoutABoardTreeAreRefused()
    {
        using var board = new TempBoard(TempBoard.Yaml(host: "  overlays: [ board.dts ]").Replace("  deviceTree: board.dts\n", "  ram: [ { base: 0, size: 2G } ]\n"));
        var result = TopologyLoader.Load(Path.Combine(board.Folder, "board.yaml"));
        Assert.AreEqual("XSHM2100", result.Diagnostics.First(x => x.IsError).Code, string.Join("\n", result.Diagnostics));
    }

    private static string FdtGet(string dir, string node, string property)
    {
        var (code, stdout, err) = RealTools.Run(RealTools.Require("fdtget"), Path.Combine(dir, "host.dtb"), node, property);
        Assert.AreEqual(0, code, err);
        return stdout.Trim();
    }
}
