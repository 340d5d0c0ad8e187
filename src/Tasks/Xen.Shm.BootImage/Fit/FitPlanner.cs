using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xen.Shm.BootImage.Script;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Fit
{
    /// <summary>
    /// The generator's boot layout → the FIT's images, as ImageBuilder's create_its_file (Xilinx/imagebuilder
    /// scripts/uboot-script-gen, xlnx_rel_v2023.2) lays them out: Xen as the kernel (raw, load = entry =
    /// Xen's run area, where the uImage route's <c>bootm loados</c> puts it), the host DTB as fdt, dom0's
    /// kernel and ramdisk and every dom0less kernel, ramdisk and partial DTB as loadables, each at the
    /// planner's address: the host DTB's /chosen modules already name those addresses. Every image has
    /// arch arm64 and compression none (U-Boot's fit_image_load refuses other arches for any type).
    /// </summary>
    public static class FitPlanner
    {
        /// <summary>The plan, or null after XSHM5041/5043/5045 at <paramref name="span"/>.</summary>
        public static FitPlan? Plan(BootLayout layout, BootScriptSettings settings, Func<string, string> sourceOf, SourceSpan span, DiagnosticBag diagnostics)
        {
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            if (sourceOf is null) throw new ArgumentNullException(nameof(sourceOf));
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));
            int before = diagnostics.Count;
            if (settings.Boot != BootCommand.BootmKeepMemory || settings.ApplyOverlay)
                diagnostics.Add(DiagnosticCodes.FitBootRouteUnsupported, span,
                    "XenShmFitImage: a FIT image is booted with bootm, so it needs XenShmBootCommand bootm (the default) and XenShmBootApplyOverlay false");
            if (layout.XenSource is null || layout.DtbPath is null || layout.DtbAddress is null || (layout.XenRunAddress ?? layout.XenAddress) is null)
                diagnostics.Add(DiagnosticCodes.FitNothingToBoot, span,
                    "XenShmFitImage: the board has no Xen image or no device tree, so there is nothing a FIT configuration could boot");
            if (diagnostics.Count != before) return null;

            var names = new FitImageNames();
            var images = new List<FitImageEntry>();
            ulong xenAt = (layout.XenRunAddress ?? layout.XenAddress)!.Value;
            images.Add(new FitImageEntry(names.Take("xen"), "Xen hypervisor", "kernel", "linux", xenAt, xenAt, layout.XenPath ?? "xen", layout.XenSource!));
            var loadables = new List<string>();
            string? fdt = null;
            var roles = layout.Roles.ToDictionary(r => r.Path, r => (r.Role, r.Domain), StringComparer.Ordinal);
            foreach (var (path, address) in layout.Loads)
            {
                if (path == layout.XenPath) continue;
                var (role, domain) = roles.TryGetValue(path, out var r) ? r : (BootFileRole.Auxiliary, 0);
                var kind = FitImageKind.Of(role, domain);
                var entry = new FitImageEntry(names.Take(kind.Name ?? path), kind.Description + " (" + path + ")", kind.Type, kind.Os,
                    address, null, path, sourceOf(path));
                images.Add(entry);
                if (path == layout.DtbPath) fdt = entry.Name;
                else loadables.Add(entry.Name);
            }

            foreach (var missing in images.Where(i => !File.Exists(i.SourcePath)))
                diagnostics.Add(DiagnosticCodes.FitInputMissing, span, $"XenShmFitImage: '{missing.SourcePath}' ({missing.BoardPath}) does not exist, so it cannot go in the FIT image");
            if (diagnostics.Count != before || fdt is null) return null;
            return new FitPlan(images, images[0].Name, fdt, loadables);
        }
    }
}
