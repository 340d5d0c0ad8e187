using System.Collections.Generic;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Cpupool
{
    /// <summary>
    /// Boot-time cpupools (Xen's docs/misc/arm/device-tree/cpupools.txt; xen/common/sched/boot-cpupool.c): one
    /// <c>xen,cpupool</c> node per pool directly under <c>/chosen</c>, in declaration order (Xen numbers the pools
    /// in the order it meets them, then makes the one holding the boot CPU Pool-0), with <c>cpupool-cpus</c> = the
    /// phandles of the host's CPU nodes and <c>cpupool-sched</c> when a scheduler is given; each member domain's
    /// node gets <c>domain-cpupool = &lt;&amp;pool&gt;</c>. A CPU's phandle is written as the board's own number when
    /// it has one (so the fdt apply overlay, which cannot reference a base-tree path, carries it too), else as a
    /// path reference that dtc resolves by giving the CPU node a phandle.
    /// </summary>
    internal static class CpupoolGenerator
    {
        public static void Apply(Board board, DtTree? boardTree, bool applyOverlay, ChosenAdditions chosen, DiagnosticBag diagnostics)
        {
            foreach (var pool in board.Cpupools)
            {
                var node = new DtsNode("cpupool-" + pool.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), "cpupool " + pool.Name.Value)
                    { Label = Label(pool) };
                node.Property("compatible", DtsFormat.Strings("xen,cpupool"));
                var cells = new List<string>();
                foreach (var cpu in pool.Cpus)
                    if (CpuReference(boardTree, cpu, applyOverlay, diagnostics) is string r) cells.Add(r);
                node.Property("cpupool-cpus", "<" + string.Join(" ", cells) + ">");
                if (pool.Scheduler is { } s) node.Property("cpupool-sched", DtsFormat.Strings(s.Value));
                chosen.Top.Add(node);
            }
            foreach (var d in board.Domains)
                if (d.Kind.Value == DomainKind.Dom0less && d.Cpupool is { } name && board.FindCpupool(name.Value) is { } pool)
                    chosen.AddProperty(d.Name.Value, "domain-cpupool", "<&" + Label(pool) + ">");
        }

        public static string Label(Topology.Cpupool pool) => "xshm_cpupool" + pool.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// The CPU as a phandle cell, or null after XSHM2076: Xen takes the node's <c>reg</c> as the hardware id of a CPU
        /// it brought up (get_logical_cpu_from_cpu_node), and panics when it has none.
        /// </summary>
        private static string? CpuReference(DtTree? tree, Spanned<string> cpu, bool applyOverlay, DiagnosticBag diagnostics)
        {
            string path = Topology.Cpupool.CpuPath(cpu.Value);
            var node = tree?.FindNode(path);
            var type = node?.GetProperty("device_type");
            bool isCpu = type != null && type.Value.IsOneString && type.Value.AsCString() == "cpu";
            if (node == null || !isCpu || node.GetProperty("reg") == null)
            {
                string why = tree == null ? "the board has no device tree"
                    : node == null ? "the board device tree has no such node"
                    : !isCpu ? "the node's device_type is not \"cpu\"" : "the node has no reg (Xen reads the CPU's hardware id from it)";
                diagnostics.Add(DiagnosticCodes.CpupoolCpuNotFound, cpu.Span, $"cpupool CPU '{path}': {why}");
                return null;
            }
            var phandle = node.GetProperty("phandle") ?? node.GetProperty("linux,phandle");
            if (phandle != null && phandle.Value.Length == 4) return DtsFormat.Hex(phandle.Value.GetCell(0));
            // An overlay can name a base-tree node only through __symbols__ or a phandle it already has: libfdt
            // cannot resolve a path fixup (fdtoverlay: FDT_ERR_NOTFOUND).
            if (applyOverlay)
                diagnostics.Add(DiagnosticCodes.CpupoolCpuWithoutPhandle, cpu.Span,
                    $"cpupool CPU '{path}' has no phandle in the board device tree, so the fdt apply overlay cannot refer to it; give the node a phandle (or a label that is referenced) or build without XenShmBootApplyOverlay");
            return "&{" + path + "}";
        }
    }
}
