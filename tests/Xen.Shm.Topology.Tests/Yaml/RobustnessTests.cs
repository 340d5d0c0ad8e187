using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Yaml;

/// <summary>Bad input never crashes: truncations and mutations of valid boards only ever give diagnostics.</summary>
[TestClass]
public sealed class RobustnessTests
{
    private static readonly string[] Scenarios = { "iomem-cacheable", "uio", "static-shm", "mmio-sram", "domain-shm" };
    private const string Noise = ":-[]{}&*!|>\"'#\t\n x0%@`,?~\\";

    private static void AssertNoThrowAndConsistent(string text, string path, string what)
    {
        TopologyResult r;
        try
        {
            r = TopologyLoader.Parse(text, path);
        }
        catch (Exception ex)
        {
            Assert.Fail($"{what}: {ex}\n--- input ---\n{text}");
            return;
        }
        if (!r.HasErrors) Assert.IsNotNull(r.Board, what + ": no error but no board");
        if (r.Board is null) Assert.IsTrue(r.HasErrors, what + ": no board but no error");
        foreach (var d in r.Diagnostics)
            Assert.IsTrue(d.Span.Line >= 1 && d.Span.Column >= 1, $"{what}: diagnostic without position: {d}");
    }

    [TestMethod]
    public void EveryTruncation_GivesDiagnosticsNotExceptions()
    {
        foreach (var s in Scenarios)
        {
            string path = Repo.Asset(s, "board.yaml");
            string text = File.ReadAllText(path);
            for (int cut = 0; cut < text.Length; cut += 3)
                AssertNoThrowAndConsistent(text.Substring(0, cut), path, $"{s} cut at {cut}");
        }
    }

    [TestMethod]
    public void RandomMutations_GiveDiagnosticsNotExceptions()
    {
        var random = new Random(20261125); // fixed seed: the same inputs on every run
        foreach (var s in Scenarios)
        {
            string path = Repo.Asset(s, "board.yaml");
            string text = File.ReadAllText(path);
            for (int round = 0; round < 600; round++)
            {
                var chars = text.ToCharArray().ToList();
                int edits = 1 + random.Next(4);
                for (int e = 0; e < edits && chars.Count > 0; e++)
                {
                    int at = random.Next(chars.Count);
                    switch (random.Next(4))
                    {
                        case 0: chars[at] = Noise[random.Next(Noise.Length)]; break;
                        case 1: chars.RemoveAt(at); break;
                        case 2: chars.Insert(at, Noise[random.Next(Noise.Length)]); break;
                        default:
                            int len = Math.Min(chars.Count - at, 1 + random.Next(40));
                            chars.InsertRange(random.Next(chars.Count), chars.GetRange(at, len));
                            break;
                    }
                }
                AssertNoThrowAndConsistent(new string(chars.ToArray()), path, $"{s} mutation round {round}");
            }
        }
    }

    [TestMethod]
    [DataRow("xen: *a\n")]
    [DataRow("&a [*a]\n")]
    [DataRow("? [complex, key]\n: value\n")]
    [DataRow("xen: !!binary aGVsbG8=\n")]
    [DataRow("%YAML 1.2\n---\nxen: {}\n")]
    [DataRow("- just\n- a\n- list\n")]
    [DataRow("\"just a string\"\n")]
    [DataRow("xen:\n\tflavour: xilinx\n")]
    [DataRow("regions: [ { id: a, mechanism: uio, host: 0xffffffffffffffff, size: 0xffffffffffffffff, peers: [ { domain: x, guest: 0xffffffffffffffff } ] } ]\n")]
    public void OddDocuments_GiveDiagnosticsNotExceptions(string text)
    {
        AssertNoThrowAndConsistent(text, Topo.InlinePath, "odd document");
        Assert.IsTrue(TopologyLoader.Parse(text, Topo.InlinePath).HasErrors);
    }

    [TestMethod]
    public void ExtremeValues_InAValidBoard_GiveDiagnosticsNotExceptions()
    {
        foreach (string v in new[] { "0x0", "0xffffffffffffffff", "0xfffffffffffff000", "18446744073709551615", "16T", "0x8000000000000000" })
        {
            string region = $"  - {{ id: r1, mechanism: static-shm, size: {v}, peers: [ {{ domain: guest1, role: owner, guest: {v} }}, {{ domain: guest2, guest: {v}, offset: {v}, size: {v} }} ] }}\n" +
                            $"  - {{ id: r2, mechanism: dom0less-shm, host: {v}, size: {v}, peers: [ {{ domain: dom0, guest: {v} }}, {{ domain: domU1, guest: {v} }} ] }}\n" +
                            $"  - {{ id: r3, mechanism: mmio-sram, host: {v}, size: {v}, peers: [ {{ domain: domU1, guest: {v} }} ] }}";
            string domains = Boards.DomainsSection.Replace("memory: 512M", $"memory: {v}");
            AssertNoThrowAndConsistent(Boards.With(domains: domains, regions: "regions:\n" + region), Topo.InlinePath, "extreme " + v);
        }
    }

    [TestMethod]
    public void YamlDotNetScannerCrash_BecomesASyntaxError()
    {
        // Found by RandomMutations: YamlDotNet 18.1.0 throws InvalidOperationException (not YamlException)
        // for an unclosed flow sequence whose plain scalar continues on the next lines.
        string text = "domains:\n  - name: dom0\n    kernel: [mages/Image\n    ramdisk: images/rootfs.cpio.gz\n    bootargs: \"x\"\n";
        var r = TopologyLoader.Parse(text, Topo.InlinePath);
        Assert.AreEqual("XSHM1001", r.Diagnostics.Single().Code, Topo.Describe(r.Diagnostics));
        StringAssert.Contains(r.Diagnostics[0].Message, "could not continue", "the InvalidOperationException path, not a YamlException");
    }

    [TestMethod]
    public void MissingTopologyFile_IsADiagnostic()
    {
        var r = TopologyLoader.Load(Path.Combine(Repo.TestAssets, "no-such-board.yaml"));
        Assert.AreEqual("XSHM1010", r.Diagnostics.Single().Code);
        Assert.IsNull(r.Board);
    }
}
