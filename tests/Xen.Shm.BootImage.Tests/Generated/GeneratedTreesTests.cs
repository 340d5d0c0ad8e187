using Xen.Shm.BootImage.Generated;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Generated;

/// <summary>XenShmCompileDtb's work: each generated source compiled to dtc's bytes; a bad one is XSHM6002 and the others still compile.</summary>
[TestClass]
public sealed class GeneratedTreesTests
{
    private const string Good = "/dts-v1/;\n/include/ \"model.dtsi\"\n/ { #address-cells = <1>; #size-cells = <1>; };\n";

    [TestMethod]
    public void Sources_CompileToDtcsBytes_ABadOneIsXSHM6002_AtItsFile()
    {
        string dtc = Prerequisite.RequireTool("dtc", "apt-get install device-tree-compiler");
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("generated"));
        Directory.CreateDirectory(dir.File("board"));
        File.WriteAllText(dir.File("board/model.dtsi"), "/ { model = \"m\"; };\n");
        File.WriteAllText(dir.File("generated/host.dts"), Good);
        File.WriteAllText(dir.File("generated/bad.dts"), "/dts-v1/;\n/ { x = <1>\n");
        var bag = new DiagnosticBag();

        var written = GeneratedTrees.Compile(
            new[] { (dir.File("generated/bad.dts"), dir.File("generated/bad.dtb")), (dir.File("generated/host.dts"), dir.File("generated/host.dtb")) },
            dir.File("generated"), new[] { dir.File("board") }, bag);

        var d = bag.Single();
        Assert.AreEqual("XSHM6002", d.Code);
        Assert.AreEqual(dir.File("generated/bad.dts"), d.Span.File);
        Assert.IsFalse(File.Exists(dir.File("generated/bad.dtb")));
        CollectionAssert.AreEqual(new[] { (dir.File("generated/host.dts"), dir.File("generated/host.dtb")) }, written.ToArray());
        var reference = ToolProcess.Run(dtc, ["-I", "dts", "-O", "dtb", "-i", dir.File("board"), "-o", dir.File("reference.dtb"), dir.File("generated/host.dts")]);
        Assert.AreEqual(0, reference.ExitCode, reference.Stderr);
        CollectionAssert.AreEqual(File.ReadAllBytes(dir.File("reference.dtb")), File.ReadAllBytes(dir.File("generated/host.dtb")));
    }

    [TestMethod]
    public void AnUnchangedDtb_IsOnlyTouched()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("generated"));
        File.WriteAllText(dir.File("generated/host.dts"), "/dts-v1/;\n/ { };\n");
        var trees = new[] { (dir.File("generated/host.dts"), dir.File("generated/host.dtb")) };
        GeneratedTrees.Compile(trees, dir.File("generated"), Array.Empty<string>(), new DiagnosticBag());
        var longAgo = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(dir.File("generated/host.dtb"), longAgo);

        var written = GeneratedTrees.Compile(trees, dir.File("generated"), Array.Empty<string>(), new DiagnosticBag());

        Assert.IsEmpty(written);
        Assert.IsTrue(File.GetLastWriteTimeUtc(dir.File("generated/host.dtb")) > longAgo, "the step's Output must end newer than its Inputs");
    }

    [TestMethod]
    public void ADtbOutsideGenerated_IsRefusedBeforeAnyCompile()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(dir.File("generated"));
        File.WriteAllText(dir.File("generated/host.dts"), "/dts-v1/;\n/ { };\n");
        var trees = new[] { (dir.File("generated/host.dts"), dir.File("generated/host.dtb")), (dir.File("generated/host.dts"), dir.File("outside.dtb")) };

        Assert.ThrowsExactly<Xen.Shm.BootImage.Files.OutputPathRefusedException>(() =>
            GeneratedTrees.Compile(trees, dir.File("generated"), Array.Empty<string>(), new DiagnosticBag()));
        Assert.IsFalse(File.Exists(dir.File("generated/host.dtb")));
    }
}
