using System.Globalization;
using System.Text;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;

namespace Xen.Shm.Boot.Tests.Reference;

/// <summary>
/// Builds the reference boot folder the way the guide (shared/guide/qemu-boot) does, with the real dtc
/// and mkimage: host DTB = QEMU's dumped virt DT + the Xen/dom0less/mmio-sram edits, one partial DTB per
/// dom0less domU (spec 7.2), Xen wrapped as a legacy uImage, boot.source/boot.scr with the bootm
/// sub-command sequence that restores /memory after U-Boot's fixups, and manifest.json. Written independently of
/// the SDK from the guide's recipe: the known-good comparison for the SDK's qemu-virt folder (its partial DTBs must
/// be the same bytes, QemuVirtFolderTests) and a fallback board when the SDK route is in doubt (it still boots:
/// RealBoot.Boot with this source).
/// </summary>
public sealed class ReferenceBootFolder : IBootFolderSource
{
    private readonly BootPrerequisites _tools;

    public ReferenceBootFolder(BootPrerequisites tools) => _tools = tools;

    public string Name => "reference";

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var cache = _tools.Cache;
        var w = new ReferenceFolderWriter(_tools, workDirectory, ReferenceBoard.Region);

        // Spec 10.3 order: dom0 kernel, dom0 ramdisk, each dom0less domU (kernel, ramdisk, partial DTB), Xen, host DTB.
        w.Copy("dom0/Image", cache.Kernel);
        w.Copy("dom0/initramfs.cpio.gz", cache.Initramfs);
        var dom0Kernel = w.Place("dom0/Image");
        var dom0Ramdisk = w.Place("dom0/initramfs.cpio.gz");
        var domUs = new List<string>();
        foreach (var peer in new[] { ReferenceBoard.DomU1, ReferenceBoard.DomU2 })
        {
            var d = peer.Domain;
            w.Copy($"{d}/Image", cache.Kernel);
            w.Copy($"{d}/initramfs.cpio.gz", cache.Initramfs);
            w.CompileDts($"{d}/passthrough.dtb", PartialDts(peer, ReferenceBoard.Region, withRegion: true));
            var k = w.Place($"{d}/Image");
            var r = w.Place($"{d}/initramfs.cpio.gz");
            var p = w.Place($"{d}/passthrough.dtb");
            domUs.Add(DomUNode(peer, k, w.Size($"{d}/Image"), r, w.Size($"{d}/initramfs.cpio.gz"), p, w.Size($"{d}/passthrough.dtb")));
        }

        var xen = w.AddXen(booti: false);
        var memory = (QemuMachine.RamBase, ReferenceBoard.Region.HostAddress - QemuMachine.RamBase);
        var dtb = w.AddHostDtb(HostEdits(memory, dom0Kernel, w.Size("dom0/Image"), dom0Ramdisk, w.Size("dom0/initramfs.cpio.gz"), domUs));
        w.Finish(xen, booti: false, dtb, memory);
        return new PreparedBootFolder(w.Folder, new BootExpectation(ReferenceBoard.Region, ReferenceBoard.Directions));
    }

    /// <summary>Spec 7.2: /passthrough (simple-bus, 2/1 cells) with the region at this domU's guest address.</summary>
    public static string PartialDts(Peer peer, SharedRegion r, bool withRegion)
    {
        var s = new StringBuilder("/dts-v1/;\n\n/ {\n\t#address-cells = <0x2>;\n\t#size-cells = <0x1>;\n");
        if (withRegion)
        {
            s.Append("\n\tpassthrough {\n\t\tcompatible = \"simple-bus\";\n\t\tranges;\n\t\t#address-cells = <0x2>;\n\t\t#size-cells = <0x1>;\n\n");
            s.Append($"\t\tsram@{peer.Address:x} {{\n");
            s.Append("\t\t\tcompatible = \"mmio-sram\";\n");
            s.Append($"\t\t\treg = <{Cells(peer.Address)} {Hex(r.Size)}>;\n");
            s.Append($"\t\t\txen,reg = <{Cells(r.HostAddress)} {Hex(r.Size)} {Cells(peer.Address)}>;\n");
            s.Append("\t\t\txen,force-assign-without-iommu = <0x1>;\n\t\t};\n\t};\n");
        }
        s.Append("};\n");
        return s.ToString();
    }

    private static string HostEdits((ulong Base, ulong Size) memory, ulong k, ulong kSize, ulong r, ulong rSize, IEnumerable<string> domUs)
    {
        var region = ReferenceBoard.Region;
        var s = new StringBuilder("\n/* ---- Xen.Shm.Sdk reference board edits ---- */\n");
        s.Append("&{/pl061@9030000} { status = \"disabled\"; };\t/* as Xen's CI does: avoids a dom0 Linux crash */\n");
        s.Append($"&{{/memory@{memory.Base:x}}} {{ reg = <{Cells(memory.Base)} {Cells(memory.Size)}>; }};\n");
        s.Append("/ {\n");
        s.Append($"\tsram@{region.HostAddress:x} {{\n\t\tcompatible = \"mmio-sram\";\n\t\treg = <{Cells(region.HostAddress)} {Cells(region.Size)}>;\n\t}};\n");
        s.Append("\tchosen {\n\t\t#address-cells = <0x2>;\n\t\t#size-cells = <0x2>;\n");
        s.Append($"\t\txen,xen-bootargs = \"{ReferenceBoard.XenBootargs}\";\n");
        s.Append($"\t\txen,dom0-bootargs = \"{ReferenceBoard.Dom0Bootargs}\";\n");
        s.Append(Module(2, k, kSize, "multiboot,kernel", null));
        s.Append(Module(2, r, rSize, "multiboot,ramdisk", null));
        foreach (var d in domUs) s.Append(d);
        s.Append("\t};\n};\n");
        return s.ToString();
    }

    private static string DomUNode(Peer peer, ulong k, ulong kSize, ulong r, ulong rSize, ulong p, ulong pSize)
    {
        var s = new StringBuilder();
        s.Append($"\t\t{peer.Domain} {{\n\t\t\tcompatible = \"xen,domain\";\n\t\t\t#address-cells = <0x2>;\n\t\t\t#size-cells = <0x2>;\n");
        s.Append($"\t\t\tmemory = <{Cells(ReferenceBoard.DomUMemoryKiB)}>;\n\t\t\tcpus = <0x1>;\n\t\t\tvpl011;\n");
        s.Append(Module(3, k, kSize, "multiboot,kernel", ReferenceBoard.DomUBootargs(peer)));
        s.Append(Module(3, r, rSize, "multiboot,ramdisk", null));
        s.Append(Module(3, p, pSize, "multiboot,device-tree", null));
        s.Append("\t\t};\n");
        return s.ToString();
    }

    private static string Module(int depth, ulong address, ulong size, string kind, string? bootargs) =>
        ReferenceFolderWriter.Module(depth, address, size, kind, bootargs);

    private static string Cells(ulong v) => ReferenceFolderWriter.Cells(v);

    private static string Hex(ulong v) => BootManifest.Hex(v);
}
