using System;
using System.IO;
using System.Linq;
using Xen.Shm.BootImage.Generated;
using Xen.Shm.BootImage.Incremental;
using Xen.Shm.BootImage.Packaging;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;
using Xen.Shm.BootImage.Script;

namespace Xen.Shm.BootImage.Fit
{
    /// <summary>
    /// Step 4b (XenShmWriteFitImage, only with XenShmFitImage=true): the boot layout + the boot settings →
    /// <c>&lt;image&gt;.itb</c>, boot-fit.source and boot-fit.scr in generated/ (<see cref="FitBootFiles"/>
    /// makes them), each written only when its bytes differ; the list of them with their load addresses
    /// (<c>path\taddress</c> lines, read by packaging as extra boot files) and the files read. Nothing is
    /// written after a diagnostic.
    /// </summary>
    public static class FitImageStep
    {
        /// <summary>False after a diagnostic (nothing written).</summary>
        public static bool Run(BootLayout layout, BootScriptSettings settings, string generatedDirectory, string imageName, uint time,
            SourceSpan project, string filesListFile, string dependencyFile, DiagnosticBag diagnostics)
        {
            // A copied input's own path, a generated file's path in generated/.
            string SourceOf(string path) =>
                layout.Files.FirstOrDefault(f => f.Path == path)?.SourcePath ?? GeneratedFolder.PathOf(generatedDirectory, path);

            var files = FitBootFiles.Plan(layout, settings, SourceOf, imageName, time, project, diagnostics);
            if (files is null) return false;
            GeneratedFolder.Write(generatedDirectory, files);

            ExtraBootFiles.Write(filesListFile, files.Select(f => (f.Path, f.LoadAddress)));
            var read = layout.Loads.Where(l => l.Path != layout.XenPath).Select(l => SourceOf(l.Path)).Concat(new[] { layout.XenSource! })
                .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal);
            FileRefresh.Lines(dependencyFile, read, touchUnchanged: false);
            return true;
        }
    }
}
