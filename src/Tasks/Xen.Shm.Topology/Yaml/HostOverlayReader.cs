using System;
using System.Collections.Generic;
using System.IO;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// <c>host.overlays</c>: user device-tree overlays (ImageBuilder NUM_DT_OVERLAY/DT_OVERLAY), each a
    /// <c>.dtso</c>/<c>.dts</c> source (compiled with -@) or a <c>.dtbo</c>/<c>.dtb</c> blob, applied in order.
    /// </summary>
    internal static class HostOverlayReader
    {
        private static readonly string[] Extensions = { ".dtso", ".dts", ".dtbo", ".dtb" };

        public static IReadOnlyList<BoardFile> Read(MappingReader host, BoardFile? deviceTree, ReadContext ctx)
        {
            var overlays = new List<BoardFile>();
            if (!host.Has("overlays")) return overlays;
            var written = host.Strings("overlays");
            if (deviceTree is null && written.Count > 0)
                ctx.Report(DiagnosticCodes.OverlaysWithoutDeviceTree, written[0].Span,
                    "'host.overlays' needs 'host.deviceTree': overlays are applied to the board's device tree");
            foreach (var path in written)
            {
                if (Array.IndexOf(Extensions, Path.GetExtension(path.Value).ToLowerInvariant()) < 0)
                {
                    ctx.Report(DiagnosticCodes.OverlayFileKind, path.Span,
                        $"overlay '{path.Value}' must be a .dtso (or .dts) source or a .dtbo (or .dtb) blob");
                    continue;
                }
                if (ctx.ResolveFile(path, FileRole.HostOverlay, null) is not { } file) continue;
                // A .dtso goes through the preprocessor with the board's -I and -D, as Kbuild builds overlays.
                if (deviceTree is not null) file.Preprocessing = deviceTree.Preprocessing;
                overlays.Add(file);
            }
            return overlays;
        }
    }
}
