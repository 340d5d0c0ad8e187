using Xen.Shm.Diagnostics;
using Xen.Shm.Topology;

namespace Xen.Shm.BootImage.Generated
{
    /// <summary>What must hold of a valid board before the generator runs on it (XenShmGenerateDts).</summary>
    public static class GenerationPreconditions
    {
        public static void Check(Board board, DiagnosticBag diagnostics)
        {
            OutputPaths.CheckCopies(board, diagnostics);
            if (board.Host.DeviceTree is null)
                // Xen boots with the host DTB (its /chosen names every module); without the board's tree there is nothing to patch or load.
                diagnostics.Add(DiagnosticCodes.NoBoardDeviceTree, board.HostSpan,
                    "'host' gives RAM banks but no 'deviceTree': the boot folder gets no host.dtb (Xen needs the board's device tree with /chosen naming every module) " +
                    "and no boot.scr (it loads and boots that DTB); only the images, xl files and manifest.json are written. Add 'deviceTree: <board>.dts' (or .dtb) to 'host'");
        }
    }
}
