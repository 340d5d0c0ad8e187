using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Scenarios;

/// <summary>Every generated source compiles with Debian's dtc 1.6.1 to exactly the bytes our compiler gave.</summary>
[TestClass]
public sealed class RealDtcTests
{
    [TestMethod]
    [DataRow("iomem-cacheable")]
    [DataRow("uio")]
    [DataRow("static-shm")]
    [DataRow("mmio-sram")]
    [DataRow("domain-shm")]
    public void GeneratedDtbs_AreByteIdenticalToRealDtc(string name)
    {
        var scenario = Scenario.Load(name);
        var result = scenario.Generate();
        using var tmp = new TempFolder();
        var pairs = new List<(OutputFile Source, OutputFile Blob)>
        {
            (result.Find(OutputKind.HostDts)!, result.Find(OutputKind.HostDtb)!),
            (result.Find(OutputKind.HostOverlaySource)!, result.Find(OutputKind.HostOverlay)!),
        };
        foreach (var dts in result.Files.Where(f => f.Kind == OutputKind.PartialDts))
            pairs.Add((dts, result.Files.Single(f => f.Kind == OutputKind.PartialDtb && f.Domain == dts.Domain)));

        int i = 0;
        foreach (var (source, blob) in pairs)
        {
            // The host source is compiled where the board lives so its /include/s would resolve the same way.
            byte[] real = RealTools.CompileDts(tmp.Path, (i++) + "-" + Path.GetFileName(source.Path), source.Text!);
            CollectionAssert.AreEqual(real, blob.Content, $"{name}: {blob.Path} differs from dtc's output for {source.Path}");
        }
        Assert.IsGreaterThanOrEqualTo(2, pairs.Count);
    }
}
