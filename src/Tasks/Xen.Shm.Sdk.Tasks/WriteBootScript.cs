using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Script;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Sdk.Tasks.BootFolder;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 4 (XenShmWriteBootScript): the generator's boot layout + the boot settings + the host
    /// DTB + Xen → boot.source, boot.scr and (bootm route) xen.uimg in generated/, each only when
    /// its bytes differ (BootImage's BootScriptPlanner does the work). Header time: mkimage's
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
            var layout = BootLayout.Parse(File.ReadAllText(LayoutFile))
                ?? throw new InvalidOperationException($"'{LayoutFile}' is not a boot layout of this SDK version");

            var read = new List<string>();
            string hostDtbPath = InGenerated("host.dtb");
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

            var diagnostics = new DiagnosticBag();
            uint time = LegacyImage.TimeFromSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
            var files = BootScriptPlanner.Plan(layout, settings, hostDtb, xen, time, diagnostics, out string? skipped);
            Report(diagnostics);
            if (files is null) return;
            if (skipped is not null) Log.LogMessage(MessageImportance.Low, "{0}", skipped);
            var folder = new OutputFolder(GeneratedDirectory);
            foreach (var file in files) folder.PathOf(file.Path);   // the wall, before the first write
            foreach (var file in files) FileRefresh.Write(folder.PathOf(file.Path), file.Content, touchUnchanged: false);

            FileRefresh.Text(DependencyFile, string.Concat(read.Select(p => Path.GetFullPath(p) + "\n")), touchUnchanged: false);
            FileRefresh.Stamp(StampFile);
        }

        private string InGenerated(string path) => Path.Combine(GeneratedDirectory, path.Replace('/', Path.DirectorySeparatorChar));
    }
}
