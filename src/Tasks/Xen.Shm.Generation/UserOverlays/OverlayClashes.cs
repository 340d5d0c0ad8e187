using System;
using System.Collections.Generic;
using Xen.Shm.Devicetree.Overlay;
using Xen.Shm.Diagnostics;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.UserOverlays
{
    /// <summary>
    /// What a user overlay may not touch: the nodes the SDK writes from the topology. /chosen is
    /// rebuilt from it (Xen's command lines, modules, dom0less domains); memory nodes and
    /// /reserved-memory are read from the board before overlays and carved by the SDK, so an overlay's
    /// change there would be silently overridden or out of step.
    /// </summary>
    internal static class OverlayClashes
    {
        public static void Check(BoardFile overlay, IReadOnlyList<OverlayWrite> writes, DiagnosticBag diagnostics)
        {
            foreach (var w in writes)
            {
                string? owner = Owner(w.NodePath);
                if (owner == null) continue;
                diagnostics.Add(DiagnosticCodes.OverlayClash, overlay.Span,
                    $"overlay '{overlay.WrittenPath}' writes '{w}', but the SDK generates {owner} from the topology: " +
                    "put it in the YAML (bootargs, host.ram, host.reserved) instead");
                return;
            }
        }

        private static string? Owner(string path)
        {
            if (Under(path, "/chosen")) return "/chosen";
            if (Under(path, "/reserved-memory")) return "/reserved-memory";
            string top = path.Length > 1 ? path.Substring(1).Split('/')[0] : string.Empty;
            if (top == "memory" || top.StartsWith("memory@", StringComparison.Ordinal)) return "the memory nodes";
            return null;
        }

        private static bool Under(string path, string node) =>
            path == node || path.StartsWith(node + "/", StringComparison.Ordinal);
    }
}
