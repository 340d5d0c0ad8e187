using System;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Generated;
using Xen.Shm.BootImage.Incremental;
using Xen.Shm.BootImage.Script;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 4 (XenShmWriteBootScript): the generator's boot layout + the boot settings + the host
    /// DTB + Xen → boot.source, boot.scr and (bootm route) xen.uimg in generated/, each only when
    /// its bytes differ (BootImage's BootScriptStep does the work). Header time: mkimage's
    /// SOURCE_DATE_EPOCH rule, 0 when unset, never the clock. Writes the files it read to
    /// <see cref="DependencyFile"/> (Xen, host.dtb) for the target's Inputs.
    /// </summary>
    public sealed class WriteBootScript : BootSettingsTask
    {
        [Required] public string LayoutFile { get; set; } = string.Empty;
        [Required] public string GeneratedDirectory { get; set; } = string.Empty;
        [Required] public string DependencyFile { get; set; } = string.Empty;
        [Required] public string StampFile { get; set; } = string.Empty;

        protected override void Run()
        {
            var settings = ReadSettings();
            if (settings is null) return;
            var diagnostics = new DiagnosticBag();
            uint time = LegacyImage.TimeFromSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
            bool written = BootScriptStep.Run(GeneratedFolder.ReadLayout(LayoutFile), settings, GeneratedDirectory, DependencyFile, time, diagnostics, out string? skipped);
            Report(diagnostics);
            if (!written) return;
            if (skipped is not null) Log.LogMessage(MessageImportance.Low, "{0}", skipped);
            FileRefresh.Stamp(StampFile);
        }
    }
}
