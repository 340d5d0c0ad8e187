using Xen.Shm.Boot.Tests.BootFolders;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Reference;

namespace Xen.Shm.Boot.Tests.Sdk;

/// <summary>
/// testassets/qemu-virt built with -p:XenShmBootApplyOverlay=true (the fdt apply route): the boot folder ships the
/// board compiled as it is (board.dtb) and the SDK's changes as host-overlay.dtbo, and boot.scr runs `fdt addr`,
/// `fdt resize`, `fdt apply` before the boot command. One extra command (XenShmBootExtraCommand, through
/// CustomAfterXenShmProps) prints the applied tree's /chosen into U-Boot's log: what U-Boot made, for the test to
/// compare with dtc's fdtoverlay.
/// </summary>
public sealed class QemuVirtOverlayBoard : IBootFolderSource
{
    public const string BoardDtb = "board.dtb";
    public const string Overlay = "host-overlay.dtbo";

    /// <summary>The extra command the board's boot.scr runs after `fdt apply`, before the boot command.</summary>
    public const string PrintChosen = "fdt print /chosen";

    private readonly Action<string>? _log;

    public QemuVirtOverlayBoard(BootPrerequisites tools, string name, Action<string>? log = null)
    {
        _tools = tools;
        Name = "sdk-qemu-virt-overlay-" + name;
        _log = log;
    }

    private readonly BootPrerequisites _tools;

    public string Name { get; }

    /// <summary>The boot folder of the last build.</summary>
    public string? BootDirectory { get; private set; }

    public PreparedBootFolder Prepare(string workDirectory)
    {
        var props = Path.Combine(workDirectory, "print-chosen.props");
        File.WriteAllText(props,
            "<Project>\n  <ItemGroup>\n    <XenShmBootExtraCommand Include=\"" + PrintChosen + "\" />\n  </ItemGroup>\n</Project>\n");
        var build = SdkBoard.Build(QemuVirtBoard.Asset, workDirectory, QemuVirtBoard.Images(_tools.Cache), null,
            "-p:XenShmBootApplyOverlay=true", "-p:CustomAfterXenShmProps=" + props);
        _log?.Invoke($"{Name}: dotnet build through the packed SDK took {build.BuildTime.TotalSeconds:F1} s");
        BootDirectory = build.BootDirectory;
        return new PreparedBootFolder(build.BootDirectory, new BootExpectation(ReferenceBoard.Region, ReferenceBoard.Directions));
    }
}
