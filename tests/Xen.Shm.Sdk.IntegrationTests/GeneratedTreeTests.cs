using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// The sample board (testassets/mmio-sram, the README's board) builds a host DTB and a dom0less
/// partial DTB whose bytes are exactly what real dtc 1.6.1 makes of the DTS beside them in the
/// in obj/Debug/xenshm/generated/ (`dtc -I dts -O dtb`); the boot folder ships that DTB.
/// </summary>
[TestClass]
public sealed class GeneratedTreeTests : BoardTestBase
{
    [TestMethod]
    [DataRow("host.dts", "host.dtb")]
    [DataRow("domU1/domU1.dts", "domU1/domU1.dtb")]
    public void SampleBoard_DtbEqualsRealDtcOfItsDts(string dts, string dtb)
    {
        string dtc = ExternalTool.Require("dtc", "apt-get install device-tree-compiler (dtc 1.6.1)");
        var board = BoardWorkspace.Create(TestContext, "mmio-sram");

        board.Build().AssertSucceeded();

        string generated = Path.Combine(board.IntermediateDirectory, "generated");
        string source = Path.Combine(generated, dts);
        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, dts)), "sources are not boot-medium files (LAYOUT L1)");
        var (exit, stdout, stderr) = ExternalTool.Run(dtc, "-q", "-I", "dts", "-O", "dtb", source);
        Assert.AreEqual(0, exit, stderr);
        CollectionAssert.AreEqual(stdout, File.ReadAllBytes(Path.Combine(generated, dtb)), dtb);
        CollectionAssert.AreEqual(stdout, File.ReadAllBytes(Path.Combine(board.BootDirectory, dtb)), dtb);
    }
}
