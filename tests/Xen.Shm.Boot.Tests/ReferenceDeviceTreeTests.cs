using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests;

[TestClass]
public sealed class ReferenceDeviceTreeTests
{
    // Spec section 7.2's canonical fragment, verbatim; the spec says dtc makes 400 bytes of it.
    private const string SpecFragment = """
        /dts-v1/;

        / {
            #address-cells = <0x2>;
            #size-cells = <0x1>;

            passthrough {
                compatible = "simple-bus";
                ranges;
                #address-cells = <0x2>;
                #size-cells = <0x1>;

                sram@7f000000 {
                    compatible = "mmio-sram";
                    reg = <0x0 0x7f000000 0x1000000>;
                    xen,reg = <0x0 0x7f000000 0x1000000 0x0 0x7f000000>;
                    xen,force-assign-without-iommu = <0x1>;
                };
            };
        };
        """;

    [TestMethod]
    public void PartialDt_CompilesToTheSameBytesAsTheSpecFragment()
    {
        var (dtc, _) = BootPrerequisites.RequireImageTools();
        var dir = Path.Combine(Path.GetTempPath(), "xshm-partial-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "spec.dts"), SpecFragment + "\n");
            var ours = ReferenceBootFolder.PartialDts(new Peer("domU1", "domu1", 0x7F00_0000), new SharedRegion(0x7F00_0000, 0x100_0000), withRegion: true);
            File.WriteAllText(Path.Combine(dir, "ours.dts"), ours);
            ExternalTool.Check(dtc, new[] { "-I", "dts", "-O", "dtb", "-o", "spec.dtb", "spec.dts" }, dir);
            ExternalTool.Check(dtc, new[] { "-I", "dts", "-O", "dtb", "-o", "ours.dtb", "ours.dts" }, dir);

            var spec = File.ReadAllBytes(Path.Combine(dir, "spec.dtb"));
            Assert.HasCount(400, spec);
            CollectionAssert.AreEqual(spec, File.ReadAllBytes(Path.Combine(dir, "ours.dtb")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
