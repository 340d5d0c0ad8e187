using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Manifest;
using Xen.Shm.BootImage.Script;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Sdk.Tasks.BootFolder;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 5 (XenShmPackageBootImage): every boot-medium file of the generator's layout (copies
    /// of Xen, kernels, ramdisks; DTBs, xl files and the boot script from generated/) into the boot
    /// folder, plus manifest.json (../_notes/MANIFEST.md) with each file's load address. Unchanged
    /// files are not rewritten (only touched: they are this step's Outputs); files of the previous
    /// build that are no longer planned (e.g. xen.uimg after switching to booti) are deleted.
    /// Writes the list of boot-folder files (for FileWrites and up-to-date checks) and the list of
    /// files it copied from (the target's Inputs on the next build).
    /// </summary>
    public sealed class PackageBootImage : XenShmTask
    {
        [Required] public string LayoutFile { get; set; } = string.Empty;
        [Required] public string GeneratedDirectory { get; set; } = string.Empty;

        /// <summary>Full path of the boot folder (XenShmBootImageDir).</summary>
        [Required] public string BootImageDirectory { get; set; } = string.Empty;

        /// <summary>Where to write the produced files' relative paths (bootimage.files).</summary>
        [Required] public string WrittenListFile { get; set; } = string.Empty;

        /// <summary>Where to write the full paths of the files copied from (package.inputs).</summary>
        [Required] public string InputListFile { get; set; } = string.Empty;

        /// <summary>Every file written into the boot folder, manifest.json included.</summary>
        [Output] public ITaskItem[] Written { get; private set; } = Array.Empty<ITaskItem>();

        protected override void Run()
        {
            var layout = BootLayout.Parse(File.ReadAllText(LayoutFile))
                ?? throw new InvalidOperationException($"'{LayoutFile}' is not a boot layout of this SDK version");

            var files = layout.Files.Select(f => (f.Path, Source: f.SourcePath ?? InGenerated(f.Path), f.LoadAddress)).ToList();
            if (layout.DtbPath is not null)
            {
                files.Add((BootScriptFiles.SourceName, InGenerated(BootScriptFiles.SourceName), null));
                files.Add((BootScriptFiles.ImageName, InGenerated(BootScriptFiles.ImageName), layout.ScriptAddress));
            }

            files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            var entries = new List<ManifestEntry>();
            foreach (var (path, source, address) in files)
            {
                string destination = InBootFolder(path);
                if (FileRefresh.Copy(source, destination, touchUnchanged: true))
                    Log.LogMessage(MessageImportance.Low, "{0} -> {1}", source, destination);
                entries.Add(ManifestEntry.FromFile(BootImageDirectory, path, address));
            }

            var diagnostics = new DiagnosticBag();
            var manifest = BootManifest.Create(entries, diagnostics);
            Report(diagnostics);
            if (manifest is null) return;
            ManifestWriter.Write(BootImageDirectory, manifest);

            var written = files.Select(f => f.Path).Concat(new[] { BootManifest.FileName }).OrderBy(p => p, StringComparer.Ordinal).ToList();
            RemoveLeftovers(written);
            AtomicFile.WriteAllText(WrittenListFile, string.Concat(written.Select(p => p + "\n")));
            AtomicFile.WriteAllText(InputListFile, string.Concat(files.Select(f => Path.GetFullPath(f.Source) + "\n").Distinct(StringComparer.Ordinal)));
            Written = written.Select(p => (ITaskItem)new TaskItem(InBootFolder(p))).ToArray();
        }

        // LAYOUT L1 "never both": a file the last build wrote and this one does not plan goes.
        private void RemoveLeftovers(IReadOnlyCollection<string> written)
        {
            if (!File.Exists(WrittenListFile)) return;
            var now = new HashSet<string>(written, StringComparer.Ordinal);
            foreach (string old in File.ReadAllLines(WrittenListFile))
            {
                if (old.Length == 0 || now.Contains(old)) continue;
                string path = InBootFolder(old);
                if (File.Exists(path))
                {
                    File.Delete(path);
                    Log.LogMessage(MessageImportance.Low, "removed {0} (no longer planned)", path);
                }
            }
        }

        private string InGenerated(string path) => Path.Combine(GeneratedDirectory, path.Replace('/', Path.DirectorySeparatorChar));
        private string InBootFolder(string path) => Path.Combine(BootImageDirectory, path.Replace('/', Path.DirectorySeparatorChar));
    }
}
