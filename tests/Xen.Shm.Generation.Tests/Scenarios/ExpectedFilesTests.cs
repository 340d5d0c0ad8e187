using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Scenarios;

/// <summary>
/// For each seed scenario, every generated text file equals the hand-written one in
/// testassets/&lt;scenario&gt;/expected/ (written from the spec's worked examples: §4.1–4.3, §5.1–5.2,
/// §6.2, §7.1–7.2, §8.1, §10.2, with the seed errors of §12 corrected; load addresses computed
/// by hand with §10.3), and there is no generated text file without an expected one.
/// </summary>
[TestClass]
public sealed class ExpectedFilesTests
{
    private static readonly OutputKind[] TextKinds =
    {
        OutputKind.HostDts, OutputKind.HostOverlaySource, OutputKind.PartialDts, OutputKind.XlConfig,
        OutputKind.CreationOrder, OutputKind.StartScript,
    };

    // expected/ also holds the boot script (BootImage's output, checked end to end by the SDK's
    // ExpectedBootFolderTests) and the derivation notes; neither comes from the generator.
    private static readonly string[] NotGenerated = { "boot.source", "README.md" };

    [TestMethod]
    [DataRow("iomem-cacheable")]
    [DataRow("uio")]
    [DataRow("static-shm")]
    [DataRow("mmio-sram")]
    [DataRow("domain-shm")]
    [DataRow("static-mem")]
    [DataRow("evtchn-cpupool")]
    public void GeneratedTextEqualsHandWrittenExpectedFiles(string name)
    {
        var scenario = Scenario.Load(name);
        var result = scenario.Generate();
        var generated = result.Files.Where(f => TextKinds.Contains(f.Kind)).ToDictionary(f => f.Path, f => f.Text!);
        var expected = Directory.GetFiles(scenario.ExpectedFolder, "*", SearchOption.AllDirectories)
            .Where(p => !NotGenerated.Contains(Path.GetRelativePath(scenario.ExpectedFolder, p).Replace('\\', '/')))
            .ToDictionary(p => Path.GetRelativePath(scenario.ExpectedFolder, p).Replace('\\', '/'), File.ReadAllText);

        CollectionAssert.AreEquivalent(expected.Keys.ToList(), generated.Keys.ToList(), "generated text files vs expected/");
        foreach (var (path, text) in expected)
            Assert.AreEqual(text, generated[path], $"{name}/expected/{path}");
    }

    [TestMethod]
    public void MmioSramPartialTree_CompilesTo400Bytes()
    {
        // Spec §7.2: the canonical fragment (S3's content with ranges) compiles to 400 (0x190) bytes.
        var result = Scenario.Load("mmio-sram").Generate();
        Assert.HasCount(400, result.Find("domU1/domU1.dtb")!.Content!);
    }

    [TestMethod]
    public void UioDom0CommandLine_IsSeedS1Result()
    {
        // Spec §5.1 step 3 quotes S1's final dom0 command line.
        string dts = Scenario.Load("uio").Generate().HostDts!;
        StringAssert.Contains(dts,
            "xen,dom0-bootargs = \"console=hvc0 earlycon=xen earlyprintk=xen maxcpus=1 clk_ignore_unused uio_pdrv_genirq.of_id=uio-dev\";");
    }

    [TestMethod]
    public void HostDts_StartsWithTheBoardSourceUnchanged()
    {
        foreach (string name in Scenario.Seeds)
        {
            var scenario = Scenario.Load(name);
            string dts = scenario.Generate().HostDts!;
            Assert.StartsWith(scenario.HostSource!.Replace("\r\n", "\n"), dts, name);
        }
    }

    [TestMethod]
    public void Generation_IsDeterministic()
    {
        foreach (string name in Scenario.Seeds)
        {
            var a = Scenario.Load(name).Generate();
            var b = Scenario.Load(name).Generate();
            Assert.HasCount(a.Files.Count, b.Files);
            for (int i = 0; i < a.Files.Count; i++)
            {
                Assert.AreEqual(a.Files[i].Path, b.Files[i].Path);
                CollectionAssert.AreEqual(a.Files[i].Content, b.Files[i].Content, a.Files[i].Path);
                Assert.AreEqual(a.Files[i].LoadAddress, b.Files[i].LoadAddress);
            }
        }
    }

    [TestMethod]
    public void Outputs_HoldNoMachinePathNorCarriageReturn()
    {
        foreach (string name in Scenario.Seeds)
        {
            var scenario = Scenario.Load(name);
            foreach (var f in scenario.Generate().Files.Where(f => f.Content != null && TextKinds.Contains(f.Kind)))
            {
                Assert.DoesNotContain(Repo.Root, f.Text!, $"{name}/{f.Path}");
                Assert.DoesNotContain("\r", f.Text!, $"{name}/{f.Path}");
            }
        }
    }
}
