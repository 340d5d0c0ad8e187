using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>
/// testassets/qemu-virt built with -p:XenShmFitImage=true, put on a medium that holds only the FIT route's two
/// files: qemu-virt.itb and boot-fit.scr renamed boot.scr (so U-Boot's distro boot runs it), plus a manifest.json
/// for the route's own check. Nothing else is on the disk: every image Xen boots comes out of the FIT.
/// </summary>
public sealed class QemuVirtFitBoard : IBootFolderSource
{
    private readonly BootPrerequisites _tools;
    private readonly bool _corruptXen;
    private readonly Action<string>? _log;

    /// <param name="corruptXen">negative control: one byte in the middle of Xen's data inside the .itb flipped</param>
    public QemuVirtFitBoard(BootPrerequisites tools, bool corruptXen, Action<string>? log = null)
    {
        _tools = tools;
        _corruptXen = corruptXen;
        _log = log;
    }

    public string Name => "sdk-qemu-virt-fit" + (_corruptXen ? "-corrupt-xen" : "");

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var build = SdkBoard.Build(QemuVirtBoard.Asset, workDirectory, QemuVirtBoard.Images(_tools.Cache), null, "-p:XenShmFitImage=true");
        _log?.Invoke($"{Name}: dotnet build through the packed SDK took {build.BuildTime.TotalSeconds:F1} s");
        var medium = Path.Combine(workDirectory, "fit-medium");
        Directory.CreateDirectory(medium);
        const string fit = QemuVirtBoard.Asset + ".itb";
        var bytes = File.ReadAllBytes(Path.Combine(build.BootDirectory, fit));
        if (_corruptXen)
        {
            var xen = File.ReadAllBytes(_tools.Cache.Xen);
            var at = bytes.AsSpan().IndexOf(xen);
            if (at < 0) throw new InvalidDataException("Xen's bytes are not embedded in the FIT");
            bytes[at + xen.Length / 2] ^= 0x01;
        }

        File.WriteAllBytes(Path.Combine(medium, fit), bytes);
        File.Copy(Path.Combine(build.BootDirectory, "boot-fit.scr"), Path.Combine(medium, BootScript.FileName));
        var manifest = BootManifest.Read(build.BootDirectory);
        BootManifest.Write(medium, new[] { (fit, manifest.Files.Single(f => f.Path == fit).LoadAddress), (BootScript.FileName, (ulong?)null) });
        return new PreparedBootFolder(medium, new BootExpectation(ReferenceBoard.Region, ReferenceBoard.Directions));
    }
}
