using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Fit;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Sdk.Tasks.BootFolder;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 4b (XenShmWriteFitImage, only with XenShmFitImage=true): the boot layout + the boot settings →
    /// <c>&lt;image&gt;.itb</c>, boot-fit.source and boot-fit.scr in generated/ (BootImage's FitBootFiles does
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
            var layout = BootLayout.Parse(File.ReadAllText(LayoutFile))
                ?? throw new InvalidOperationException($"'{LayoutFile}' is not a boot layout of this SDK version");

            var diagnostics = new DiagnosticBag();
            uint time = LegacyImage.TimeFromSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
            var files = FitBootFiles.Plan(layout, settings, SourceOf(layout), ImageName, time, new SourceSpan(ProjectFile, 0, 0), diagnostics);
            Report(diagnostics);
            if (files is null) return;

            var folder = new OutputFolder(GeneratedDirectory);
            foreach (var file in files) folder.PathOf(file.Path);   // the wall, before the first write
            foreach (var file in files) FileRefresh.Write(folder.PathOf(file.Path), file.Content, touchUnchanged: false);

            string Hex(ulong? a) => a is ulong v ? "0x" + v.ToString("x", CultureInfo.InvariantCulture) : "-";
            FileRefresh.Text(FilesListFile, string.Concat(files.Select(f => f.Path + "\t" + Hex(f.LoadAddress) + "\n")), touchUnchanged: false);
            var read = layout.Loads.Where(l => l.Path != layout.XenPath).Select(l => SourceOf(layout)(l.Path)).Concat(new[] { layout.XenSource! })
                .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal);
            FileRefresh.Text(DependencyFile, string.Concat(read.Select(p => p + "\n")), touchUnchanged: false);
            FileRefresh.Stamp(StampFile);
        }

        // A copied input's own path, a generated file's path in generated/.
        private Func<string, string> SourceOf(BootLayout layout) => path =>
            layout.Files.FirstOrDefault(f => f.Path == path)?.SourcePath
            ?? Path.Combine(GeneratedDirectory, path.Replace('/', Path.DirectorySeparatorChar));
    }
}
