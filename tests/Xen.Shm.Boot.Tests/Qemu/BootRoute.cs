using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;

namespace Xen.Shm.Boot.Tests.Qemu;

public enum BootRoute
{
    /// <summary>Debian's U-Boot as firmware runs the folder's boot.scr from a virtio disk, as a board would.</summary>
    UBootDisk,

    /// <summary>QEMU's generic loader places each file at its manifest.json address; a 40-byte stub starts Xen.</summary>
    GenericLoader,

    /// <summary>As <see cref="UBootDisk"/>, but the disk is the SDK's own image (XenShmDiskImage=true: MBR + FAT32), no mke2fs.</summary>
    UBootSdkDiskImage,
}

/// <summary>Turns a boot folder into the QEMU arguments of one route (after QemuMachine's).</summary>
public static class BootRoutes
{
    public static IReadOnlyList<string> Arguments(BootRoute route, BootPrerequisites tools, string folder, string work) => route switch
    {
        BootRoute.UBootDisk => UBootDisk(tools, folder, work),
        BootRoute.GenericLoader => GenericLoader(folder, work),
        BootRoute.UBootSdkDiskImage => UBootSdkDiskImage(tools, folder, work),
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };

    /// <summary>
    /// -bios u-boot.bin with the folder on virtio-blk: U-Boot's default distro_bootcmd finds /boot.scr on
    /// virtio 0:1, no key press or network needed (guide section 7); the saved environment in flash only sets
    /// bootdelay=0 (<see cref="UBootEnvironment"/>), which saves the 2 s countdown of every boot.
    /// </summary>
    public static IReadOnlyList<string> UBootDisk(BootPrerequisites tools, string folder, string work)
    {
        CheckManifest(folder);
        return UBootWithDisk(tools, DiskImage.Build(tools, folder, Path.Combine(work, "disk.img")), work);
    }

    /// <summary>
    /// The image the SDK wrote beside the folder (manifest.json's "diskImage", size and hash checked): U-Boot's
    /// distro boot scans its bootable FAT32 partition, finds /boot.scr, and the script's `load` reads from FAT.
    /// </summary>
    public static IReadOnlyList<string> UBootSdkDiskImage(BootPrerequisites tools, string folder, string work)
    {
        CheckManifest(folder);
        var image = BootManifest.DiskImage(folder)
            ?? throw new InvalidDataException("manifest.json names no disk image: build the board with -p:XenShmDiskImage=true");
        return UBootWithDisk(tools, image, work);
    }

    private static IReadOnlyList<string> UBootWithDisk(BootPrerequisites tools, string disk, string work) => new[]
    {
        "-bios", tools.UBoot,
        "-drive", $"if=none,file={Escape(disk)},format=raw,id=boot",
        "-device", "virtio-blk-device,drive=boot",
        "-drive", $"if=pflash,unit=1,format=raw,readonly=on,file={Escape(UBootEnvironment.Write(tools.UBoot, Path.Combine(work, "uboot-env.bin")))}",
    };

    /// <summary>
    /// Every file that has a load address goes exactly there (as U-Boot's load commands would put it); what the
    /// boot command of boot.scr starts decides the stub: booti jumps to the raw image, bootm first places the
    /// uImage payload at the header's load address (what "bootm loados" does) and jumps to its entry point.
    /// The DTB reaches Xen byte for byte: no firmware rewrites /memory on this route.
    /// </summary>
    public static IReadOnlyList<string> GenericLoader(string folder, string work)
    {
        var manifest = CheckManifest(folder);
        var script = BootScript.Parse(BootScript.ExtractText(File.ReadAllBytes(Path.Combine(folder, BootScript.FileName))));
        foreach (var load in script.Loads)
        {
            // The script may name files with a path prefix (where the folder sits on the boot medium).
            var f = manifest.Files.FirstOrDefault(m => load.File == m.Path || load.File.EndsWith("/" + m.Path, StringComparison.Ordinal))
                ?? throw new InvalidDataException($"boot.scr loads {load.File}, which manifest.json does not list");
            if (f.LoadAddress != load.Address)
                throw new InvalidDataException($"boot.scr loads {load.File} at {BootManifest.Hex(load.Address)}, manifest.json says {(f.LoadAddress is { } a ? BootManifest.Hex(a) : "null")}");
        }
        var placed = manifest.Files.Where(f => f.LoadAddress is not null)
            .Select(f => (File: Path.Combine(folder, f.Path), Address: f.LoadAddress!.Value, Size: (ulong)f.Size)).ToList();
        var image = placed.FirstOrDefault(p => p.Address == script.Boot.ImageAddress);
        if (image.File is null)
            throw new InvalidDataException($"boot.scr boots {BootManifest.Hex(script.Boot.ImageAddress)}, where no file is loaded");
        if (!placed.Any(p => p.Address == script.Boot.DtbAddress))
            throw new InvalidDataException($"boot.scr passes the DTB at {BootManifest.Hex(script.Boot.DtbAddress)}, where no file is loaded");

        ulong entry = script.Boot.ImageAddress;
        var bytes = File.ReadAllBytes(image.File);
        if (script.Boot.Command == "bootm")
        {
            var header = UImage.Parse(bytes);
            if (header.Type != UImage.TypeKernel || header.Compression != 0)
                throw new InvalidDataException($"{image.File}: bootm needs an uncompressed kernel uImage (type {header.Type}, compression {header.Compression})");
            var payload = Path.Combine(work, "bootm-payload.bin");
            File.WriteAllBytes(payload, UImage.Payload(bytes));
            placed.Add((payload, header.LoadAddress, header.DataSize));
            entry = header.EntryPoint;
        }

        var stubAddress = FreeAddress(placed.Select(p => (p.Address, p.Size)), QemuMachine.FirmwareDtbEnd, Trampoline.Size);
        var stub = Path.Combine(work, "trampoline.bin");
        File.WriteAllBytes(stub, Trampoline.Encode(script.Boot.DtbAddress, entry));
        var args = new List<string> { "-device", $"loader,file={Escape(stub)},addr={BootManifest.Hex(stubAddress)},force-raw=on,cpu-num=0" };
        foreach (var p in placed)
            args.AddRange(new[] { "-device", $"loader,file={Escape(p.File)},addr={BootManifest.Hex(p.Address)},force-raw=on" });
        return args;
    }

    /// <summary>First 4 KiB-aligned address at or above <paramref name="from"/> that overlaps no placed range.</summary>
    public static ulong FreeAddress(IEnumerable<(ulong Address, ulong Size)> used, ulong from, ulong size)
    {
        var ranges = used.OrderBy(u => u.Address).ToList();
        var a = from;
        foreach (var (b, s) in ranges)
        {
            if (a < b + s && b < a + size) a = (b + s + 0xFFF) & ~0xFFFUL;
        }
        return a;
    }

    private static BootManifest CheckManifest(string folder)
    {
        var manifest = BootManifest.Read(folder);
        var problems = manifest.Verify(folder);
        if (problems.Count > 0) throw new InvalidDataException("boot folder does not match its manifest.json: " + string.Join("; ", problems));
        return manifest;
    }

    /// <summary>QEMU option values escape a comma by doubling it.</summary>
    private static string Escape(string path) => path.Replace(",", ",,", StringComparison.Ordinal);
}
