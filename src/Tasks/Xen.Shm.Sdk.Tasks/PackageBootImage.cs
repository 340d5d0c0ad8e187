using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Manifest;
using Xen.Shm.Diagnostics;
using Xen.Shm.Sdk.Tasks.BootFolder;
using Xen.Shm.Topology;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 5 (XenShmPackageBootImage): copies the Xen, kernel and ramdisk files the topology names
    /// into the boot folder and writes manifest.json (../_notes/MANIFEST.md), every file atomically.
    /// Also writes the list of boot-folder files it produced, which the targets read back for
    /// FileWrites and up-to-date checks on later builds.
    /// </summary>
    public sealed class PackageBootImage : XenShmTask
    {
        [Required]
        public ITaskItem Topology { get; set; } = null!;

        /// <summary>Full path of the boot folder (XenShmBootImageDir).</summary>
        [Required]
        public string BootImageDirectory { get; set; } = string.Empty;

        /// <summary>Where to write the produced files' relative paths (bootimage.files).</summary>
        [Required]
        public string WrittenListFile { get; set; } = string.Empty;

        /// <summary>Every file written into the boot folder, manifest.json included.</summary>
        [Output]
        public ITaskItem[] Written { get; private set; } = Array.Empty<ITaskItem>();

        protected override void Run()
        {
            // Loaded again rather than passed along: the model is a pure function of the YAML, and a
            // skipped XenShmLoadTopology leaves nothing in memory to pass.
            var result = TopologyLoader.Load(Topology.GetMetadata("FullPath"));
            Report(result.Diagnostics.Where(d => d.IsError));
            if (result.HasErrors || result.Board is null) return;

            var diagnostics = new DiagnosticBag();
            var placed = BootFolderLayout.Place(result.Board.Files, diagnostics);
            Report(diagnostics);
            if (diagnostics.HasErrors) return;

            var entries = new List<ManifestEntry>();
            foreach (var file in placed)
            {
                string destination = Path.Combine(BootImageDirectory, file.Path.Replace('/', Path.DirectorySeparatorChar));
                if (IsSameContent(file.Source.FullPath, destination))
                {
                    // Every output must end up newer than the inputs, or the step re-runs on every
                    // build (guide msbuild-sdk.md §7.1 rule 6); the bytes are already right.
                    File.SetLastWriteTimeUtc(destination, DateTime.UtcNow);
                }
                else
                {
                    AtomicFile.Copy(file.Source.FullPath, destination);
                    Log.LogMessage(MessageImportance.Low, "{0} -> {1}", file.Source.FullPath, destination);
                }

                // No boot script yet, so nothing is loaded at a known address (MANIFEST.md: null).
                entries.Add(ManifestEntry.FromFile(BootImageDirectory, file.Path, loadAddress: null));
            }

            var manifest = BootManifest.Create(entries, diagnostics);
            Report(diagnostics);
            if (manifest is null) return;
            ManifestWriter.Write(BootImageDirectory, manifest);

            var written = placed.Select(p => p.Path).Concat(new[] { BootManifest.FileName })
                .OrderBy(p => p, StringComparer.Ordinal).ToList();
            AtomicFile.WriteAllText(WrittenListFile, string.Concat(written.Select(p => p + "\n")));
            Written = written.Select(p => (ITaskItem)new TaskItem(Path.Combine(BootImageDirectory, p))).ToArray();
        }

        // Unchanged copies are not rewritten: no needless I/O on big kernels and ramdisks.
        private static bool IsSameContent(string source, string destination)
        {
            if (!File.Exists(destination)) return false;
            var s = new FileInfo(source);
            var d = new FileInfo(destination);
            if (s.Length != d.Length) return false;
            using var a = s.OpenRead();
            using var b = d.OpenRead();
            return ManifestEntry.ComputeSha256(a) == ManifestEntry.ComputeSha256(b);
        }
    }
}
