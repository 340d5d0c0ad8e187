using System.Globalization;
using System.Text;
using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;

namespace Xen.Shm.Boot.Tests.Reference;

/// <summary>
/// The steps every reference boot folder shares: files placed by the spec's section 10.3 rule, Xen wrapped
/// as a legacy uImage (or raw for booti), the host DTB compiled by dtc from QEMU's dumped DT plus edits,
/// boot.source/boot.scr (mkimage) and manifest.json.
/// </summary>
internal sealed class ReferenceFolderWriter
{
    private const string Load = "load ${devtype} ${devnum}:${distro_bootpart}";
    private readonly BootPrerequisites _tools;
    private readonly string _work;
    private readonly LoadMap _map;
    private readonly List<(string Path, ulong Address)> _loads = new();
    private readonly List<string> _unloaded = new();

    public ReferenceFolderWriter(BootPrerequisites tools, string workDirectory, SharedRegion region)
    {
        _tools = tools;
        _work = workDirectory;
        Folder = Path.Combine(workDirectory, "bootfolder");
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        Directory.CreateDirectory(Folder);
        _map = new LoadMap(QemuMachine.RamBase, QemuMachine.RamBase + QemuMachine.RamSize, new[] { (region.HostAddress, region.Size) });
        // The first slot holds boot.scr (spec 10.3); here 0x40200000, which is U-Boot qemu_arm64's scriptaddr too.
        ScriptAddress = _map.Place(LoadMap.Slot);
    }

    public string Folder { get; }

    public ulong ScriptAddress { get; }

    public string PathOf(string relative) => Path.Combine(Folder, relative);

    public void Copy(string relative, string source)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.Copy(source, PathOf(relative));
    }

    public void Write(string relative, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllBytes(PathOf(relative), bytes);
    }

    /// <summary>A file in the folder that the boot script does not load (manifest loadAddress null).</summary>
    public void Unloaded(string relative) => _unloaded.Add(relative);

    /// <summary>Places a file of the folder at the next free slot; the boot script will load it there.</summary>
    public ulong Place(string relative)
    {
        var a = _map.Place(LoadMap.Footprint(PathOf(relative)));
        _loads.Add((relative, a));
        return a;
    }

    public ulong Size(string relative) => (ulong)new FileInfo(PathOf(relative)).Length;

    public void CompileDts(string relativeDtb, string dts)
    {
        var source = Path.Combine(_work, Path.GetFileName(relativeDtb) + "." + Guid.NewGuid().ToString("N") + ".dts");
        File.WriteAllText(source, dts);
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relativeDtb))!);
        ExternalTool.Check(_tools.Dtc, new[] { "-q", "-I", "dts", "-O", "dtb", "-o", PathOf(relativeDtb), source });
    }

    /// <summary>
    /// Xen as xen.uimg for bootm (the uImage at its slot, its payload's load address the next slot: what
    /// "bootm loados" copies to), or raw for booti. Returns the address the boot command names.
    /// </summary>
    public ulong AddXen(bool booti)
    {
        var xen = _tools.Cache.Xen;
        if (booti)
        {
            Copy("xen", xen);
            return Place("xen");
        }
        var uimage = _map.Place((ulong)new FileInfo(xen).Length + UImage.HeaderSize);
        var payload = _map.Place(LoadMap.Footprint(xen));
        ExternalTool.Check(_tools.Mkimage, new[] { "-A", "arm64", "-O", "linux", "-T", "kernel", "-C", "none",
            "-a", Hex(payload), "-e", Hex(payload), "-n", "xen", "-d", xen, "xen.uimg" }, Folder);
        _loads.Add(("xen.uimg", uimage));
        return uimage;
    }

    /// <summary>Host DTB: QEMU's own DT for this machine, decompiled, plus the edits appended as dtc source.</summary>
    public ulong AddHostDtb(string edits)
    {
        var virtDts = ExternalTool.Check(_tools.Dtc, new[] { "-q", "-I", "dtb", "-O", "dts", _tools.Cache.VirtDtb });
        CompileDts("host.dtb", virtDts + edits);
        return Place("host.dtb");
    }

    /// <summary>boot.source and boot.scr: load every file at its address, then start Xen with the host DTB.</summary>
    public void Finish(ulong xenAddress, bool booti, ulong dtbAddress, (ulong Base, ulong Size) memory)
    {
        var s = new StringBuilder();
        s.Append("# Xen.Shm.Sdk reference boot folder: loads each file at its manifest.json address, then boots Xen.\n");
        s.Append("setenv fdt_high 0xffffffffffffffff\n"); // use the DTB in place (U-Boot would copy it to the top of RAM)
        foreach (var (path, address) in _loads) s.Append(Load).Append(' ').Append(Hex(address)).Append(' ').Append(path).Append('\n');
        s.Append("fdt addr ").Append(Hex(dtbAddress)).Append('\n');
        if (booti)
        {
            s.Append("booti ").Append(Hex(xenAddress)).Append(" - ").Append(Hex(dtbAddress)).Append('\n');
        }
        else
        {
            // bootm prep runs U-Boot's DT fixups, which rewrite /memory to all of DRAM; put ours back before go.
            s.Append("bootm start ").Append(Hex(xenAddress)).Append(" - ").Append(Hex(dtbAddress)).Append('\n');
            s.Append("bootm loados\nbootm prep\n");
            s.Append("fdt set /memory@").Append(memory.Base.ToString("x", CultureInfo.InvariantCulture))
             .Append(" reg <").Append(Cells(memory.Base)).Append(' ').Append(Cells(memory.Size)).Append(">\n");
            s.Append("bootm go\n");
        }
        File.WriteAllText(PathOf("boot.source"), s.ToString());
        ExternalTool.Check(_tools.Mkimage, new[] { "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none",
            "-a", Hex(ScriptAddress), "-e", Hex(ScriptAddress), "-n", "boot script", "-d", "boot.source", "boot.scr" }, Folder);
        var entries = _loads.Select(l => (l.Path, (ulong?)l.Address))
            .Append(("boot.scr", ScriptAddress))
            .Append(("boot.source", null))
            .Concat(_unloaded.Select(u => (u, (ulong?)null)));
        BootManifest.Write(Folder, entries);
    }

    public static string Module(int depth, ulong address, ulong size, string kind, string? bootargs)
    {
        var tab = new string('\t', depth);
        var s = $"{tab}module@{address:x} {{\n{tab}\tcompatible = \"{kind}\", \"multiboot,module\";\n{tab}\treg = <{Cells(address)} {Cells(size)}>;\n";
        if (bootargs is not null) s += $"{tab}\tbootargs = \"{bootargs}\";\n";
        return s + $"{tab}}};\n";
    }

    /// <summary>A 64-bit value as two cells, spec 1.2/1.3 style: "0x0 0xbf000000".</summary>
    public static string Cells(ulong v) => $"{Hex(v >> 32)} {Hex(v & 0xFFFF_FFFF)}";

    public static string Hex(ulong v) => BootManifest.Hex(v);
}
