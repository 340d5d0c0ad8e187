using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// Reads the facts the topology needs from the board device tree (.dts or .dtb) through the
    /// Devicetree library: root cells, memory nodes' reg entries, /reserved-memory children,
    /// /chosen/xen,dom0-bootargs.
    /// </summary>
    internal static class HostBoardReader
    {
        public static HostBoardFacts? Read(BoardFile deviceTree, DiagnosticBag diagnostics)
        {
            // The Devicetree library (branches dt-core/dt-io) has not landed yet: say so instead of guessing.
            diagnostics.Add(DiagnosticCodes.HostDeviceTreeUnreadable, deviceTree.Span,
                $"cannot read '{deviceTree.WrittenPath}' yet: the device-tree reader is not available in this build; give 'ram' (and 'cells', 'reserved') in 'host'");
            return null;
        }
    }
}
