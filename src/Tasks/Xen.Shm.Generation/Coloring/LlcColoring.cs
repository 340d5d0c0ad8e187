using System.Collections.Generic;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Coloring
{
    /// <summary>
    /// LLC cache colouring as each flavour reads it. Upstream 4.20+ (docs/misc/cache-coloring.rst):
    /// <c>llc-coloring=on xen-llc-colors=… dom0-llc-colors=…</c> on Xen's command line and
    /// <c>llc-colors = "…"</c> on a dom0less domain. Xilinx 4.17 fork as ImageBuilder
    /// xlnx_rel_v2023.2 writes it: the fork's legacy <c>xen_colors=</c>/<c>dom0_colors=</c>
    /// (xen/arch/arm/llc_coloring.c) and a domain's <c>colors = &lt;bitmask&gt;</c> (one cell, bit i =
    /// colour i); <c>llc-coloring=on</c> too, as the fork's llc_coloring_enabled defaults to false.
    /// </summary>
    internal static class LlcColoring
    {
        /// <summary>The words to append to Xen's command line, or null when nothing is coloured.</summary>
        public static string? CommandLine(Board board)
        {
            if (!board.HasLlcColoring) return null;
            var dom0 = board.Dom0?.LlcColors;
            var words = new List<string> { "llc-coloring=on" };
            bool xilinx = board.Xen.IsXilinx;
            if (board.Xen.LlcColors is { } xen) words.Add((xilinx ? "xen_colors=" : "xen-llc-colors=") + xen.Value);
            if (dom0 != null) words.Add((xilinx ? "dom0_colors=" : "dom0-llc-colors=") + dom0.Value);
            return string.Join(" ", words);
        }

        /// <summary>The dom0less domain's colour property, when it has colours.</summary>
        public static void AddDomain(Board board, Domain d, DtsNode node)
        {
            if (d.LlcColors is not { } text || LlcColorList.Parse(text.Value) is not { } ranges) return;
            if (!board.Xen.IsXilinx)
            {
                node.Property("llc-colors", DtsFormat.Strings(text.Value));
                return;
            }
            ulong mask = 0;
            foreach (uint c in LlcColorList.Colors(ranges)) mask |= 1UL << (int)c;
            node.Property("colors", DtsFormat.Cells((mask, 1)));
        }
    }
}
