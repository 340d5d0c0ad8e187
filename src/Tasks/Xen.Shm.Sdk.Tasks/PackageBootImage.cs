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
    /// of Xen, kernels, ramdisks; DTBs, xl files and the boot script from generated/) into a staging
    /// folder beside the boot folder, plus manifest.json (../_notes/MANIFEST.md) with each file's
    /// load address, then the staging folder is swapped in whole (StagedFolder). Unchanged files
    /// are hard links to the previous folder's (no copy; touched after the swap: they are this
    /// step's Outputs); files of the previous build that are no longer planned (e.g. xen.uimg after
    /// switching to booti) are simply not staged; files the SDK never wrote are carried over.
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

        /// <summary>
        /// Optional: a list of more generated files for the boot folder, one <c>path\taddress</c> line each
        /// (address <c>-</c> when not loaded), e.g. the FIT step's fit.files; empty or missing for none.
        /// </summary>
        public string? ExtraFilesListFile { get; set; }

        /// <summary>
        /// Optional: where the SHA-256 of the copied files is remembered between builds (keyed by
        /// path, size, times and inode: ContentHashes), so an unchanged image is not hashed again.
        /// </summary>
        public string? HashCacheFile { get; set; }

        /// <summary>Every file written into the boot folder, manifest.json included.</summary>
        [Output] public ITaskItem[] Written { get; private set; } = Array.Empty<ITaskItem>();

        protected override void Run()
        {
            var layout = BootLayout.Parse(File.ReadAllText(LayoutFile))
                ?? throw new InvalidOperationException($"'{LayoutFile}' is not a boot layout of this SDK version");

            var files = layout.Files.Select(f => (f.Path, Source: f.SourcePath ?? InGenerated(f.Path), f.LoadAddress)).ToList();
            if (layout.DtbPath is not null)
            {
                string source = BootScriptNames.SourceFor(layout.ScriptName);
                files.Add((source, InGenerated(source), null));
                files.Add((layout.ScriptName, InGenerated(layout.ScriptName), layout.ScriptAddress));
            }

            files.AddRange(ExtraBootFiles.Read(ExtraFilesListFile).Select(e => (e.Path, InGenerated(e.Path), e.LoadAddress)));
            files = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            var boot = new OutputFolder(BootImageDirectory);
            var previous = PreviousFiles(boot);

            // The whole new folder is staged beside the old one, then swapped in (StagedFolder):
            // any failure before Commit leaves the previous folder and its manifest as they were.
            using var staged = StagedFolder.Begin(boot.Root);
            foreach (var file in files) staged.Staging.PathOf(file.Path);   // the wall, before any write

            var hashes = ContentHashes.Load(HashCacheFile);
            var entries = new List<ManifestEntry>();
            var reused = new List<string>();
            foreach (var (path, source, address) in files)
            {
                if (BootFolderStaging.Stage(boot, staged.Staging, path, source, hashes, out string sha256)) reused.Add(path);
                else Log.LogMessage(MessageImportance.Low, "{0} -> {1} (boot folder)", source, path);
                entries.Add(new ManifestEntry(path, new FileInfo(staged.Staging.PathOf(path)).Length, address, sha256));
            }

            var diagnostics = new DiagnosticBag();
            var manifest = BootManifest.Create(entries, diagnostics);
            Report(diagnostics);
            if (manifest is null) return;
            ManifestWriter.Write(staged.Staging.Root, manifest);

            var written = files.Select(f => f.Path).Concat(new[] { BootManifest.FileName }).OrderBy(p => p, StringComparer.Ordinal).ToList();
            previous.UnionWith(written);
            foreach (string kept in BootFolderStaging.CarryOthers(boot, staged.Staging, previous))
                Log.LogMessage(MessageImportance.Low, "kept {0} (not written by this SDK)", kept);

            staged.Commit();

            // Reused files are this step's Outputs too: they must end newer than its Inputs.
            foreach (string path in reused) File.SetLastWriteTimeUtc(boot.PathOf(path), DateTime.UtcNow);
            hashes.Save(HashCacheFile);
            AtomicFile.WriteAllText(WrittenListFile, string.Concat(written.Select(p => p + "\n")));
            AtomicFile.WriteAllText(InputListFile, string.Concat(files.Select(f => Path.GetFullPath(f.Source) + "\n").Distinct(StringComparer.Ordinal)));
            Written = written.Select(p => (ITaskItem)new TaskItem(boot.PathOf(p))).ToArray();
        }

        // What the SDK wrote into the folder before: the previous manifest's files (swapped in with
        // them, so always in step) and the last written list; anything else there is the user's.
        private HashSet<string> PreviousFiles(OutputFolder boot)
        {
            var ours = new HashSet<string>(StringComparer.Ordinal) { BootManifest.FileName };
            if (File.Exists(WrittenListFile)) ours.UnionWith(File.ReadAllLines(WrittenListFile).Where(l => l.Length > 0));
            string? manifestPath = boot.ExistingPathOf(BootManifest.FileName);
            if (manifestPath is not null && File.Exists(manifestPath))
            {
                var old = ManifestReader.ReadFile(manifestPath, new DiagnosticBag());
                if (old is not null) ours.UnionWith(old.Files.Select(f => f.Path));
            }

            return ours;
        }

        private string InGenerated(string path) => Path.Combine(GeneratedDirectory, path.Replace('/', Path.DirectorySeparatorChar));
    }
}
