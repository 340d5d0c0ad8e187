using System.Collections.Generic;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.HostTree;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Cpupool
{
    /// <summary>
    /// Boot-time cpupools (Xen's docs/misc/arm/device-tree/cpupools.txt; xen/common/sched/boot-cpupool.c): one
    /// <c>xen,cpupool</c> node per pool directly under <c>/chosen</c>, in declaration order (Xen numbers the pools
    /// in the order it meets them, then makes the one holding the boot CPU Pool-0), with <c>cpupool-cpus</c> = the
    /// phandles of the host's CPU nodes and <c>cpupool-sched</c> when a scheduler is given; each member domain's
    /// node gets <c>domain-cpupool = &lt;&amp;pool&gt;</c>.
    /// CPU phandles are written as numbers, never as path references: the host-overlay route (fdt apply) cannot
    /// refer to a base-tree node by path (dtc writes a <c>__fixups__</c> property named after the path, which dtc
    /// itself then refuses and libfdt cannot resolve). A CPU node with a phandle in the compiled board keeps it; one
    /// without gets <c>&amp;{/cpus/cpu@N} { phandle = &lt;M&gt;; }</c>, M above every phandle of the board, so dtc's
    /// own allocation for the board's references does not change.
    /// </summary>
    internal static class CpupoolGenerator
    {
        /// <param name="compiledBoard">The board as compiled by dtc (phandles assigned), or null when there is no board tree.</param>
        public static void Apply(Board board, DtTree? compiledBoard, HostChanges host, ChosenAdditions chosen, DiagnosticBag diagnostics)
        {
            if (board.Cpupools.Count == 0) return;
            uint next = MaxPhandle(compiledBoard?.Root) + 1;
            foreach (var pool in board.Cpupools)
            {
                var node = new DtsNode("cpupool-" + pool.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), "cpupool " + pool.Name.Value)
                    { Label = Label(pool) };
                node.Property("compatible", DtsFormat.Strings("xen,cpupool"));
                var cells = new List<string>();
                foreach (var cpu in pool.Cpus)
                    if (CpuPhandle(compiledBoard, cpu, pool, host, ref next, diagnostics) is uint ph) cells.Add(DtsFormat.Hex(ph));
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
        /// The CPU's phandle, or null after XSHM2076: Xen takes the node's <c>reg</c> as the hardware id of a CPU it
        /// brought up (get_logical_cpu_from_cpu_node), and panics when it has none.
        /// </summary>
        private static uint? CpuPhandle(DtTree? tree, Spanned<string> cpu, Topology.Cpupool pool, HostChanges host, ref uint next, DiagnosticBag diagnostics)
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
            var own = node.GetProperty("phandle") ?? node.GetProperty("linux,phandle");
            if (own != null && own.Value.Length == 4) return own.Value.GetCell(0);
            uint given = next++;
            var edit = new DtsNode("&{" + path + "}", "phandle for cpupool " + pool.Name.Value + " (cpupool-cpus)");
            edit.Property("phandle", DtsFormat.Cells((given, 1)));
            host.NodeEdits.Add(edit);
            return given;
        }

        private static uint MaxPhandle(DtNode? node)
        {
            if (node == null) return 0;
            uint max = 0;
            foreach (var name in new[] { "phandle", "linux,phandle" })
                if (node.GetProperty(name) is { } p && p.Value.Length == 4 && p.Value.GetCell(0) > max) max = p.Value.GetCell(0);
            foreach (var c in node.AllChildren)
            {
                uint m = MaxPhandle(c);
                if (m > max) max = m;
            }
            return max;
        }
    }
}
