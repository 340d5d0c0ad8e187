using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Yaml;

/// <summary>
/// A kernel-style board source (#include &lt;dt-bindings/…&gt;, macros) read through the built-in
/// preprocessor with the YAML's includeDirs and defines; its errors at the original file and line.
/// </summary>
[TestClass]
public sealed class PreprocessedDeviceTreeTests
{
    private const string Board =
        "/dts-v1/;\n#include <dt-bindings/demo.h>\n#include \"soc.dtsi\"\n/ {\n    #address-cells = <2>;\n    #size-cells = <2>;\n" +
        "    memory@0 {\n        device_type = \"memory\";\n        reg = <0x0 0x0 0x0 RAM_SIZE>;\n    };\n};\n";

    private static TopologyResult Load(TempFolder dir, string dts, string hostExtra)
    {
        Directory.CreateDirectory(Path.Combine(dir.Path, "inc", "dt-bindings"));
        File.WriteAllText(Path.Combine(dir.Path, "inc", "dt-bindings", "demo.h"), "#ifndef DEMO_H\n#define DEMO_H\n#define RAM_SIZE (RAM_MB * 0x100000)\n#endif\n");
        File.WriteAllText(Path.Combine(dir.Path, "soc.dtsi"), "/ { soc { compatible = \"simple-bus\"; }; };\n");
        File.WriteAllText(Path.Combine(dir.Path, "board.dts"), dts);
        string images = Repo.Asset("uio", "images").Replace('\\', '/');
        string yaml = Boards.With(host: "host:\n  deviceTree: board.dts\n" + hostExtra, regions: "regions: []").Replace("images/", images + "/");
        return TopologyLoader.Parse(yaml, Path.Combine(dir.Path, "board.yaml"));
    }

    [TestMethod]
    public void IncludesAndDefinesGiveTheRamBank()
    {
        using var dir = new TempFolder();
        var r = Load(dir, Board, "  includeDirs: [inc]\n  defines: [RAM_MB=2048]\n");
        Assert.IsFalse(r.HasErrors, Topo.Describe(r.Diagnostics));
        var bank = r.Board!.Host.Ram.Single();
        Assert.AreEqual(0x80000000UL, bank.Range.Size);
        Assert.AreEqual(Path.Combine(dir.Path, "inc"), r.Board.Host.DeviceTree!.Preprocessing.IncludeDirs.Single());
    }

    [TestMethod]
    public void WithoutTheIncludeDir_XSHM3602AtTheIncludeLine()
    {
        using var dir = new TempFolder();
        var r = Load(dir, Board, "  defines: [RAM_MB=2048]\n");
        var d = r.Diagnostics.First(x => x.IsError);
        Assert.AreEqual("XSHM3602", d.Code, Topo.Describe(r.Diagnostics));
        Assert.AreEqual((Path.Combine(dir.Path, "board.dts"), 2), (d.Span.File, d.Span.Line));
        Assert.IsFalse(r.Diagnostics.Any(x => x.Code == "XSHM1023"), "one error, not a cascade: " + Topo.Describe(r.Diagnostics));
    }

    [TestMethod]
    public void AnErrorInAnIncludedHeader_IsAtThatHeadersLine()
    {
        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, "bad.h"), "\n\n#if 1 +\n#endif\n");
        var r = Load(dir, Board.Replace("#include \"soc.dtsi\"", "#include \"bad.h\""), "  includeDirs: [inc]\n  defines: [RAM_MB=1]\n");
        var d = r.Diagnostics.First(x => x.IsError);
        Assert.AreEqual("XSHM3607", d.Code, Topo.Describe(r.Diagnostics));
        Assert.AreEqual((Path.Combine(dir.Path, "bad.h"), 3), (d.Span.File, d.Span.Line));
    }

    [TestMethod]
    public void BadKeys_XSHM1040_XSHM1041()
    {
        using var dir = new TempFolder();
        var r = Load(dir, Board, "  includeDirs: [inc, no-such-folder]\n  defines: [RAM_MB=1, 9X]\n");
        CollectionAssert.IsSubsetOf(new[] { "XSHM1040", "XSHM1041" }, r.Diagnostics.Select(d => d.Code).ToList(), Topo.Describe(r.Diagnostics));
    }

    [TestMethod]
    public void APlainSourceIsReadAsDtcReadsIt()
    {
        Assert.IsFalse(DeviceTreeSource.UsesPreprocessor("/ {\n\t#address-cells = <1>;\n #size-cells = <1>;\n};\n"u8.ToArray()));
        Assert.IsTrue(DeviceTreeSource.UsesPreprocessor("/ { };\n  #  include <a.h>\n"u8.ToArray()));
        Assert.IsTrue(DeviceTreeSource.UsesPreprocessor("#define X 1\n"u8.ToArray()));
    }
}
