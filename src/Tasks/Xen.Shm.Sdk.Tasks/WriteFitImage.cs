using System;
using Xen.Shm.BootImage.Fit;
using Xen.Shm.BootImage.Generated;
using Xen.Shm.BootImage.Incremental;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 4b (XenShmWriteFitImage, only with XenShmFitImage=true): the boot layout + the boot settings →
    /// <c>&lt;image&gt;.itb</c>, boot-fit.source and boot-fit.scr in generated/ (BootImage's FitImageStep does
    /// the work), each written only when its bytes differ, and the list of them with their load addresses
    /// (<see cref="FilesListFile"/>, read by the packaging step). Nothing is written after a diagnostic.
    /// </summary>
    public sealed class WriteFitImage : BootSettingsTask
    {
        [Microsoft.Build.Framework.Required] public string LayoutFile { get; set; } = string.Empty;
        [Microsoft.Build.Framework.Required] public string GeneratedDirectory { get; set; } = string.Empty;
        [Microsoft.Build.Framework.Required] public string ImageName { get; set; } = string.Empty;
        [Microsoft.Build.Framework.Required] public string FilesListFile { get; set; } = string.Empty;
        [Microsoft.Build.Framework.Required] public string DependencyFile { get; set; } = string.Empty;
        [Microsoft.Build.Framework.Required] public string StampFile { get; set; } = string.Empty;

        protected override void Run()
        {
            var settings = ReadSettings();
            if (settings is null) return;
            var diagnostics = new DiagnosticBag();
            uint time = LegacyImage.TimeFromSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
            bool written = FitImageStep.Run(GeneratedFolder.ReadLayout(LayoutFile), settings, GeneratedDirectory, ImageName, time,
                new SourceSpan(ProjectFile, 0, 0), FilesListFile, DependencyFile, diagnostics);
            Report(diagnostics);
            if (written) FileRefresh.Stamp(StampFile);
        }
    }
}
