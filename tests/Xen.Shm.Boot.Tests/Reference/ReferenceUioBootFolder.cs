using System.Text;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;

namespace Xen.Shm.Boot.Tests.Reference;

/// <summary>
/// The UIO board (mechanism 2, spec section 5): one page carved off the top of RAM, described to dom0 by a
/// "uio-dev" node (with uio_pdrv_genirq.of_id on dom0's command line), and given to an xl domU that dom0
/// creates with `xl create` from the boot folder's etc/xen/guest1.cfg through `iomem = ["0xbffff,1@0x34000"]`
/// (guest address 0x34000000, not the host's). Debian's arm64 kernel lacks uio_pdrv_genirq, so both sides
/// reach the page through /dev/mem; the test program is the same as on the mmio-sram board.
/// </summary>
public sealed class ReferenceUioBootFolder : IBootFolderSource
{
    public static readonly SharedRegion Region = new(0xBFFF_F000, 0x1000);
    public const ulong GuestAddress = 0x3400_0000;
    public const string UioCompatible = "uio-dev";

    /// <summary>What the SDK would write for this region (spec 5.2): "0x&lt;MFN&gt;,&lt;NR hex&gt;@0x&lt;GFN&gt;".</summary>
    public static readonly string XlConfig =
        "name = \"guest1\"\n" +
        "kernel = \"/domu/Image\"\n" +
        "ramdisk = \"/domu/initramfs.cpio.gz\"\n" +
        "memory = 128\n" +
        "vcpus = 1\n" +
        $"extra = \"console=hvc0 rdinit=/init iomem=relaxed loglevel=4 xshm_role=domu1 xshm_addr=0x{GuestAddress:x} xshm_node=none xshm_polls={ReferenceBoard.Polls}\"\n" +
        $"iomem = [ \"0x{Region.HostAddress >> 12:x},{Region.Size >> 12:x}@0x{GuestAddress >> 12:x}\" ]\n";

    public static readonly IReadOnlyList<string> Directions = new[] { "domU1->dom0", "dom0->domU1" };

    private readonly BootPrerequisites _tools;

    public ReferenceUioBootFolder(BootPrerequisites tools) => _tools = tools;

    public string Name => "reference-uio-xl";

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var w = new ReferenceFolderWriter(_tools, workDirectory, Region);
        const string config = "etc/xen/guest1.cfg";
        w.Write(config, Encoding.ASCII.GetBytes(XlConfig));
        w.Unloaded(config);
        // dom0's root file system is its initramfs here: the toolstack image plus the folder's xl files appended.
        w.Copy("dom0/Image", _tools.Cache.Kernel);
        var ramdisk = File.ReadAllBytes(_tools.Cache.UioDom0Initramfs)
            .Concat(Initramfs.WriteGzip(new[] { (config, File.ReadAllBytes(w.PathOf(config))) })).ToArray();
        w.Write("dom0/initramfs.cpio.gz", ramdisk);
        var k = w.Place("dom0/Image");
        var r = w.Place("dom0/initramfs.cpio.gz");
        var xen = w.AddXen(booti: false);
        var memory = (QemuMachine.RamBase, Region.HostAddress - QemuMachine.RamBase);
        var dom0Args = $"console=hvc0 earlycon=xen rdinit=/init iomem=relaxed loglevel=4 xshm_role=dom0 xshm_addr=0x{Region.HostAddress:x} " +
            $"xshm_polls={ReferenceBoard.Polls} xshm_expect=domu1 xshm_xl=/{config} uio_pdrv_genirq.of_id={UioCompatible}";
        var edits = new StringBuilder("\n/* ---- Xen.Shm.Sdk reference UIO board edits ---- */\n");
        edits.Append("&{/pl061@9030000} { status = \"disabled\"; };\n");
        edits.Append($"&{{/memory@{memory.Item1:x}}} {{ reg = <{ReferenceFolderWriter.Cells(memory.Item1)} {ReferenceFolderWriter.Cells(memory.Item2)}>; }};\n");
        edits.Append("/ {\n");
        edits.Append($"\tshared_mem@{Region.HostAddress:x} {{\n\t\tcompatible = \"{UioCompatible}\";\n\t\treg = <{ReferenceFolderWriter.Cells(Region.HostAddress)} {ReferenceFolderWriter.Cells(Region.Size)}>;\n\t}};\n");
        edits.Append("\tchosen {\n\t\t#address-cells = <0x2>;\n\t\t#size-cells = <0x2>;\n");
        edits.Append($"\t\txen,xen-bootargs = \"{ReferenceBoard.XenBootargs}\";\n");
        edits.Append($"\t\txen,dom0-bootargs = \"{dom0Args}\";\n");
        edits.Append(ReferenceFolderWriter.Module(2, k, w.Size("dom0/Image"), "multiboot,kernel", null));
        edits.Append(ReferenceFolderWriter.Module(2, r, w.Size("dom0/initramfs.cpio.gz"), "multiboot,ramdisk", null));
        edits.Append("\t};\n};\n");
        var dtb = w.AddHostDtb(edits.ToString());
        w.Finish(xen, booti: false, dtb, memory);
        return new PreparedBootFolder(w.Folder, new BootExpectation(Region, Directions));
    }
}
