using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xen.Shm.BootImage.Generated;
using Xen.Shm.BootImage.Incremental;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Script
{
    /// <summary>
    /// Step 4 (XenShmWriteBootScript): the generator's boot layout + the boot settings + the host DTB
    /// (from generated/) + Xen → boot.source, boot.scr and (bootm route) xen.uimg in generated/, each
    /// only when its bytes differ (<see cref="BootScriptPlanner"/> makes them); the files it read
    /// (Xen, host.dtb) go to the dependency file, for the target's Inputs.
    /// </summary>
    public static class BootScriptStep
    {
        /// <summary>
        /// False after a diagnostic (nothing written). <paramref name="skipped"/> says why a board gets
        /// no script (no device tree); <paramref name="time"/> is the uImage header time.
        /// </summary>
        public static bool Run(BootLayout layout, BootScriptSettings settings, string generatedDirectory, string dependencyFile, uint time,
            DiagnosticBag diagnostics, out string? skipped)
        {
            var read = new List<string>();
            string hostDtbPath = GeneratedFolder.PathOf(generatedDirectory, "host.dtb");
            byte[]? hostDtb = null;
            if (layout.DtbPath is not null && File.Exists(hostDtbPath))
            {
                hostDtb = File.ReadAllBytes(hostDtbPath);
                read.Add(hostDtbPath);
            }

            byte[]? xen = null;
            if (layout.XenRunAddress is not null && layout.XenSource is string xenPath)
            {
                xen = File.ReadAllBytes(xenPath);
                read.Add(xenPath);
            }

            var files = BootScriptPlanner.Plan(layout, settings, hostDtb, xen, time, diagnostics, out skipped);
            if (files is null) return false;
            GeneratedFolder.Write(generatedDirectory, files);
            FileRefresh.Lines(dependencyFile, read.Select(Path.GetFullPath), touchUnchanged: false);
            return true;
        }
    }
}
