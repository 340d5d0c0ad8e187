using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Generated;
using Xen.Shm.BootImage.Manifest;
using Xen.Shm.BootImage.Script;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Packaging
{
    /// <summary>
    /// Step 5 (XenShmPackageBootImage): every boot-medium file of the generator's layout (copies of
    /// Xen, kernels, ramdisks; DTBs, xl files and the boot script from generated/) into a staging
    /// folder beside the boot folder, plus manifest.json (../_notes/MANIFEST.md) with each file's
    /// load address, then the staging folder is swapped in whole (StagedFolder). Unchanged files are
    /// hard links to the previous folder's (no copy; touched after the swap: they are this step's
    /// Outputs); files of the previous build that are no longer planned (e.g. xen.uimg after switching
    /// to booti) are simply not staged; files the SDK never wrote are carried over. Copies are
    /// flushed to disk in one pass before the manifest is written (their write-back starts as each is
    /// copied), so three 32 MiB kernels cost about one wait for the disk, not three. Writes the list of
    /// boot-folder files (for FileWrites and up-to-date checks) and the list of files it copied from
    /// (the target's Inputs on the next build).
    /// </summary>
    public static class BootFolderPackager
    {
        /// <summary>The packaged folder; null (nothing changed) after a diagnostic.</summary>
        public static PackagedBootFolder? Package(BootLayout layout, PackagingPaths paths, DiagnosticBag diagnostics)
        {
            var files = PlannedFiles(layout, paths);
            var boot = new OutputFolder(paths.BootImageDirectory);
            var previous = PreviousFiles(boot, paths.WrittenListFile);

            // The whole new folder is staged beside the old one, then swapped in (StagedFolder):
            // any failure before Commit leaves the previous folder and its manifest as they were.
            using var staged = StagedFolder.Begin(boot.Root);
            foreach (var file in files) staged.Staging.PathOf(file.Path);   // the wall, before any write

            var hashes = ContentHashes.Load(paths.HashCacheFile);
            var entries = new List<ManifestEntry>();
            var reused = new List<string>();
            var copied = new List<(string Source, string Path)>();
            var unflushed = new List<string>();
            foreach (var file in files)
            {
                if (BootFolderStaging.Stage(boot, staged.Staging, file.Path, file.Source, hashes, unflushed, out string sha256)) reused.Add(file.Path);
                else copied.Add((file.Source, file.Path));
                entries.Add(new ManifestEntry(file.Path, new FileInfo(staged.Staging.PathOf(file.Path)).Length, file.LoadAddress, sha256));
            }

            var manifest = BootManifest.Create(entries, diagnostics);
            if (manifest is null) return null;

            // Every copy on disk before the manifest that describes them, and both before the swap:
            // one pass over the batch (their write-back started as each was copied), not one wait each.
            FileClone.FlushToDisk(unflushed);
            ManifestWriter.Write(staged.Staging.Root, manifest);

            var written = files.Select(f => f.Path).Concat(new[] { BootManifest.FileName }).OrderBy(p => p, StringComparer.Ordinal).ToList();
            previous.UnionWith(written);
            var kept = BootFolderStaging.CarryOthers(boot, staged.Staging, previous);

            staged.Commit();

            // Reused files are this step's Outputs too: they must end newer than its Inputs.
            foreach (string path in reused) File.SetLastWriteTimeUtc(boot.PathOf(path), DateTime.UtcNow);
            // The rest is obj/ bookkeeping: atomic, not fsynced (AtomicFile; the boot folder above is).
            hashes.Save(paths.HashCacheFile);
            AtomicFile.WriteAllText(paths.WrittenListFile, string.Concat(written.Select(p => p + "\n")), durable: false);
            AtomicFile.WriteAllText(paths.InputListFile, string.Concat(files.Select(f => Path.GetFullPath(f.Source) + "\n").Distinct(StringComparer.Ordinal)), durable: false);
            return new PackagedBootFolder(written.Select(boot.PathOf).ToList(), copied, kept);
        }

        // The layout's files (copies from their inputs, the rest from generated/), the boot script and
        // its source when there is a DTB to boot, and the extra files a step listed; in path order.
        private static List<PlannedFile> PlannedFiles(BootLayout layout, PackagingPaths paths)
        {
            string InGenerated(string path) => GeneratedFolder.PathOf(paths.GeneratedDirectory, path);
            var files = layout.Files.Select(f => new PlannedFile(f.Path, f.SourcePath ?? InGenerated(f.Path), f.LoadAddress)).ToList();
            if (layout.DtbPath is not null)
            {
                string source = BootScriptNames.SourceFor(layout.ScriptName);
                files.Add(new PlannedFile(source, InGenerated(source), null));
                files.Add(new PlannedFile(layout.ScriptName, InGenerated(layout.ScriptName), layout.ScriptAddress));
            }

            foreach (var (path, address) in ExtraBootFiles.Read(paths.ExtraFilesListFile)) files.Add(new PlannedFile(path, InGenerated(path), address));
            return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        }

        // A class, not a tuple: lists and sorts of classes run precompiled framework code (issue 21).
        private sealed class PlannedFile
        {
            public PlannedFile(string path, string source, ulong? loadAddress)
            {
                Path = path;
                Source = source;
                LoadAddress = loadAddress;
            }

            public string Path { get; }
            public string Source { get; }
            public ulong? LoadAddress { get; }
        }

        // What the SDK wrote into the folder before: the previous manifest's files (swapped in with
        // them, so always in step) and the last written list; anything else there is the user's.
        private static HashSet<string> PreviousFiles(OutputFolder boot, string writtenListFile)
        {
            var ours = new HashSet<string>(StringComparer.Ordinal) { BootManifest.FileName };
            if (File.Exists(writtenListFile)) ours.UnionWith(File.ReadAllLines(writtenListFile).Where(l => l.Length > 0));
            string? manifestPath = boot.ExistingPathOf(BootManifest.FileName);
            if (manifestPath is not null && File.Exists(manifestPath))
            {
                var old = ManifestReader.ReadFile(manifestPath, new DiagnosticBag());
                if (old is not null) ours.UnionWith(old.Files.Select(f => f.Path));
            }

            return ours;
        }
    }
}
