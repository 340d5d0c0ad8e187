using System.Globalization;
using System.Text;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;

namespace Xen.Shm.Boot.Tests.Reference;

/// <summary>Deliberate faults of the reference folder: the negative controls of the boot tests.</summary>
public enum ReferenceVariant
{
    /// <summary>The intended board: carve-out kept, every peer maps the region.</summary>
    Good,

    /// <summary>domU1's partial DT lacks the region: domU1 cannot take part in the handshake.</summary>
    DomU1WithoutRegion,

    /// <summary>/memory keeps all of RAM: the region is no longer carved out of Xen's RAM.</summary>
    NoCarveOut,

    /// <summary>
    /// The boot script of the spec's section 10.4 (raw Xen, "booti"): U-Boot's booti rewrites /memory to all
    /// of DRAM (CONFIG_ARCH_FIXUP_FDT_MEMORY), silently undoing the carve-out (guide section 7).
    /// </summary>
    BootiScript,
}

/// <summary>
/// Builds the reference boot folder the way the guide (shared/guide/qemu-boot) does, with the real dtc
/// and mkimage: host DTB = QEMU's dumped virt DT + the Xen/dom0less/mmio-sram edits, one partial DTB per
/// dom0less domU (spec 7.2), Xen wrapped as a legacy uImage, boot.source/boot.scr with the bootm
/// sub-command sequence that restores /memory after U-Boot's fixups, and manifest.json.
/// </summary>
public sealed class ReferenceBootFolder : IBootFolderSource
{
    private const string Load = "load ${devtype} ${devnum}:${distro_bootpart}";
    private readonly BootPrerequisites _tools;

    public ReferenceBootFolder(BootPrerequisites tools, ReferenceVariant variant)
    {
        _tools = tools;
        Variant = variant;
    }

    public ReferenceVariant Variant { get; }

    public string Name => "reference-" + Variant.ToString().ToLowerInvariant();

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var folder = Path.Combine(workDirectory, "bootfolder");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var cache = _tools.Cache;
        var map = new LoadMap(QemuMachine.RamBase, QemuMachine.RamBase + QemuMachine.RamSize,
            new[] { (ReferenceBoard.Region.HostAddress, ReferenceBoard.Region.Size) });
        var loads = new List<(string Path, ulong Address)>();
        // The first slot holds boot.scr (spec 10.3); here 0x40200000, which is U-Boot qemu_arm64's scriptaddr too.
        var scriptAddress = map.Place(LoadMap.Slot);
        string Put(string relative, string source)
        {
            var dest = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(source, dest);
            return dest;
        }
        ulong Placed(string relative)
        {
            var a = map.Place(LoadMap.Footprint(Path.Combine(folder, relative)));
            loads.Add((relative, a));
            return a;
        }

        // Spec 10.3 order: dom0 kernel, dom0 ramdisk, each dom0less domU (kernel, ramdisk, partial DTB), Xen, host DTB.
        Put("dom0/Image", cache.Kernel);
        Put("dom0/initramfs.cpio.gz", cache.Initramfs);
        var dom0Kernel = Placed("dom0/Image");
        var dom0Ramdisk = Placed("dom0/initramfs.cpio.gz");
        var domUs = new List<string>();
        foreach (var peer in new[] { ReferenceBoard.DomU1, ReferenceBoard.DomU2 })
        {
            var d = peer.Domain;
            Put($"{d}/Image", cache.Kernel);
            Put($"{d}/initramfs.cpio.gz", cache.Initramfs);
            var withRegion = !(Variant == ReferenceVariant.DomU1WithoutRegion && peer == ReferenceBoard.DomU1);
            File.WriteAllText(Path.Combine(folder, $"{d}/passthrough.dts"), PartialDts(peer, ReferenceBoard.Region, withRegion));
            ExternalTool.Check(_tools.Dtc, new[] { "-q", "-I", "dts", "-O", "dtb", "-o", $"{d}/passthrough.dtb", $"{d}/passthrough.dts" }, folder);
            File.Delete(Path.Combine(folder, $"{d}/passthrough.dts"));
            var k = Placed($"{d}/Image");
            var r = Placed($"{d}/initramfs.cpio.gz");
            var p = Placed($"{d}/passthrough.dtb");
            domUs.Add(DomUNode(peer, k, Size(folder, $"{d}/Image"), r, Size(folder, $"{d}/initramfs.cpio.gz"), p, Size(folder, $"{d}/passthrough.dtb")));
        }

        ulong xenAddress, xenPayload = 0;
        if (Variant == ReferenceVariant.BootiScript)
        {
            Put("xen", cache.Xen);
            xenAddress = Placed("xen");
        }
        else
        {
            // The uImage is loaded at its slot; bootm loados copies the payload to the next slot.
            var uimgSize = (ulong)new FileInfo(cache.Xen).Length + UImage.HeaderSize;
            xenAddress = map.Place(uimgSize);
            xenPayload = map.Place(LoadMap.Footprint(cache.Xen));
            ExternalTool.Check(_tools.Mkimage, new[] { "-A", "arm64", "-O", "linux", "-T", "kernel", "-C", "none",
                "-a", Hex(xenPayload), "-e", Hex(xenPayload), "-n", "xen", "-d", cache.Xen, "xen.uimg" }, folder);
            loads.Add(("xen.uimg", xenAddress));
        }

        // Host DTB: QEMU's own DT for this machine, decompiled, plus the edits appended as dtc source.
        var virtDts = ExternalTool.Check(_tools.Dtc, new[] { "-q", "-I", "dtb", "-O", "dts", cache.VirtDtb });
        var memory = Variant == ReferenceVariant.NoCarveOut
            ? (QemuMachine.RamBase, QemuMachine.RamSize)
            : (QemuMachine.RamBase, ReferenceBoard.Region.HostAddress - QemuMachine.RamBase);
        var hostDts = virtDts + HostEdits(memory, dom0Kernel, Size(folder, "dom0/Image"), dom0Ramdisk, Size(folder, "dom0/initramfs.cpio.gz"), domUs);
        var hostDtsPath = Path.Combine(workDirectory, "host.dts");
        File.WriteAllText(hostDtsPath, hostDts);
        ExternalTool.Check(_tools.Dtc, new[] { "-q", "-I", "dts", "-O", "dtb", "-o", Path.Combine(folder, "host.dtb"), hostDtsPath });
        var dtbAddress = Placed("host.dtb");

        // Boot script: load every file at its address, then start Xen with the host DTB.
        var s = new StringBuilder();
        s.Append("# Xen.Shm.Sdk reference boot folder: loads each file at its manifest.json address, then boots Xen.\n");
        s.Append("setenv fdt_high 0xffffffffffffffff\n"); // use the DTB in place (U-Boot would copy it to the top of RAM)
        foreach (var (path, address) in loads) s.Append(Load).Append(' ').Append(Hex(address)).Append(' ').Append(path).Append('\n');
        s.Append("fdt addr ").Append(Hex(dtbAddress)).Append('\n');
        if (Variant == ReferenceVariant.BootiScript)
        {
            s.Append("booti ").Append(Hex(xenAddress)).Append(" - ").Append(Hex(dtbAddress)).Append('\n');
        }
        else
        {
            // bootm prep runs U-Boot's DT fixups, which rewrite /memory to all of DRAM; put ours back before go.
            s.Append("bootm start ").Append(Hex(xenAddress)).Append(" - ").Append(Hex(dtbAddress)).Append('\n');
            s.Append("bootm loados\nbootm prep\n");
            s.Append("fdt set /memory@").Append(memory.Item1.ToString("x", CultureInfo.InvariantCulture))
             .Append(" reg <").Append(Cells(memory.Item1)).Append(' ').Append(Cells(memory.Item2)).Append(">\n");
            s.Append("bootm go\n");
        }
        File.WriteAllText(Path.Combine(folder, "boot.source"), s.ToString());
        ExternalTool.Check(_tools.Mkimage, new[] { "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none",
            "-a", Hex(scriptAddress), "-e", Hex(scriptAddress), "-n", "boot script", "-d", "boot.source", "boot.scr" }, folder);

        var entries = loads.Select(l => (l.Path, (ulong?)l.Address))
            .Append(("boot.scr", scriptAddress))
            .Append(("boot.source", null));
        BootManifest.Write(folder, entries);
        return new PreparedBootFolder(folder, new BootExpectation(ReferenceBoard.Region, ReferenceBoard.Directions));
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

    private static string Module(int depth, ulong address, ulong size, string kind, string? bootargs)
    {
        var tab = new string('\t', depth);
        var s = $"{tab}module@{address:x} {{\n{tab}\tcompatible = \"{kind}\", \"multiboot,module\";\n{tab}\treg = <{Cells(address)} {Cells(size)}>;\n";
        if (bootargs is not null) s += $"{tab}\tbootargs = \"{bootargs}\";\n";
        return s + $"{tab}}};\n";
    }

    private static ulong Size(string folder, string relative) => (ulong)new FileInfo(Path.Combine(folder, relative)).Length;

    /// <summary>A 64-bit value as two cells, spec 1.2/1.3 style: "0x0 0xbf000000".</summary>
    public static string Cells(ulong v) => $"{Hex(v >> 32)} {Hex(v & 0xFFFF_FFFF)}";

    public static string Hex(ulong v) => BootManifest.Hex(v);
}
