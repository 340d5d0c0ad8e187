using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Guest;

/// <summary>
/// A host device given to a dom0less domU (U docs/misc/arm/passthrough.txt, dom0less part): the
/// host node gets xen,passthrough, the domU's partial DT a 1:1 copy with xen,reg and xen,path.
/// Expected text written by hand from the uio board's /axi/serial@ff010000 (reg in 2/2 cells,
/// interrupts <0x0 0x16 0x4>).
/// </summary>
[TestClass]
public sealed class DevicePassthroughTests
{
    [TestMethod]
    public void Uart1GivenToDom0lessDomain()
    {
        using var b = new TempBoard(TempBoard.Yaml(domains: "  - { name: d1, kind: dom0less, memory: 256M, kernel: images/Image, passthrough: [ /axi/serial@ff010000 ] }"));
        var r = b.Load().Generate();
        StringAssert.Contains(r.HostDts, "/* passed through to d1 (xen,path), hidden from dom0 */\n&{/axi/serial@ff010000} {\n\txen,passthrough;\n};\n");
        Assert.AreEqual("""
            /dts-v1/;

            /* Xen.Shm.Sdk: partial device tree of dom0less domain d1 (multiboot,device-tree module, spec §7.2) */

            / {
            	#address-cells = <0x2>;
            	#size-cells = <0x1>;

            	passthrough {
            		compatible = "simple-bus";
            		ranges;
            		#address-cells = <0x2>;
            		#size-cells = <0x1>;

            		/* host /axi/serial@ff010000 (passthrough) */
            		serial@ff010000 {
            			compatible = "cdns,uart-r1p12", "xlnx,xuartps";
            			reg = <0x0 0xff010000 0x1000>;
            			interrupt-parent = <0xfde8>;
            			interrupts = <0x0 0x16 0x4>;
            			xen,reg = <0x0 0xff010000 0x1000 0x0 0xff010000>;
            			xen,path = "/axi/serial@ff010000";
            			xen,force-assign-without-iommu = <0x1>;
            		};
            	};
            };

            """, r.Find("d1/d1.dts")!.Text);
        StringAssert.Contains(r.HostDts, "compatible = \"multiboot,device-tree\", \"multiboot,module\";");
        using var tmp = new TempFolder();
        CollectionAssert.AreEqual(RealTools.CompileDts(tmp.Path, "d1.dts", r.Find("d1/d1.dts")!.Text!), r.Find("d1/d1.dtb")!.Content);
        CollectionAssert.AreEqual(RealTools.CompileDts(tmp.Path, "host.dts", r.HostDts!), r.HostDtb);
    }

    [TestMethod]
    public void UnknownPath_IsXshm6004AtTheYamlPosition()
    {
        using var b = new TempBoard(TempBoard.Yaml(domains: "  - { name: d1, kind: dom0less, memory: 256M, kernel: images/Image, passthrough: [ /axi/nothing@0 ] }"));
        var r = BoardGenerator.Generate(b.Load().Input());
        var d = r.Diagnostics.Single(x => x.IsError);
        Assert.AreEqual("XSHM6004", d.Code);
        Assert.AreEqual(8, d.Span.Line); // xen, host, deviceTree, (empty host extras), domains, dom0, guest1, d1
        Assert.IsEmpty(r.Files);
    }
}
