using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Manifest;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation;
using Xen.Shm.Sdk.Tasks.BootFolder;
using Xen.Shm.Topology;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 5 (XenShmPackageBootImage): runs the generator (Xen.Shm.Generation, BoardGenerator) on
    /// the topology and writes every file it plans into the boot folder (patched host tree, partial
    /// trees, xl files, copies of Xen, kernels and ramdisks) plus manifest.json
    /// (../_notes/MANIFEST.md) with each file's planned load address, every file atomically. Any
    /// error: nothing is written. Also writes the list of boot-folder files it produced, which the
    /// targets read back for FileWrites and up-to-date checks on later builds.
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

        /// <summary>
        /// Full path of $(XenShmIntermediateDir)generated/: the generated DTS/DTSO sources and their
        /// DTBs (LAYOUT L1: sources are not boot-medium files). Their relative paths go to
        /// <c>generated.files</c> beside <see cref="WrittenListFile"/>.
        /// </summary>
        [Required]
        public string GeneratedDirectory { get; set; } = string.Empty;

        /// <summary>Every file written into the boot folder, manifest.json included.</summary>
        [Output]
        public ITaskItem[] Written { get; private set; } = Array.Empty<ITaskItem>();

        protected override void Run()
        {
            // Loaded again rather than passed along: the model is a pure function of the YAML, and a
            // skipped XenShmLoadTopology leaves nothing in memory to pass.
            var loaded = TopologyLoader.Load(Topology.GetMetadata("FullPath"));
            Report(loaded.Diagnostics.Where(d => d.IsError));
            if (loaded.HasErrors || loaded.Board is null) return;

            var diagnostics = new DiagnosticBag();
            OutputPaths.CheckCopies(loaded.Board, diagnostics);
            Report(diagnostics);
            if (diagnostics.HasErrors) return;

            var generated = BoardGenerator.Generate(GenerationInputReader.Read(loaded.Board));
            Report(generated.Diagnostics);
            if (generated.HasErrors) return;

            var distinct = OutputPaths.Distinct(generated.Files);
            var intermediate = distinct.Where(f => IsGeneratedTree(f.Kind))
                .Select(f => new PlannedFile(f.Path, f.Content, f.SourcePath, null)).ToList();
            var files = distinct.Where(f => IsBootMedium(f.Kind))
                .Select(f => new PlannedFile(f.Path, f.Content, f.SourcePath, f.LoadAddress)).ToList();

            // boot.scr (BootScriptComposer's default route, spec §10.4); header time per mkimage's
            // SOURCE_DATE_EPOCH rule, 0 when unset, so the bytes never depend on the clock.
            uint time = Xen.Shm.BootImage.UImage.LegacyImage.TimeFromSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"));
            var script = BootScriptPlan.Build(loaded.Board, generated, File.ReadAllBytes, time, diagnostics);
            Report(diagnostics);
            if (diagnostics.HasErrors) return;
            if (script is { } s)
            {
                // LAYOUT L1: the script boots xen.uimg, so the raw Xen is not shipped as well.
                files = files.Where(f => !s.Replaced.Contains(f.Path))
                    .Select(f => s.Addresses.TryGetValue(f.Path, out var a) ? new PlannedFile(f.Path, f.Content, f.SourcePath, a) : f)
                    .Concat(s.Files.Select(f => new PlannedFile(f.Path, f.Content, null, f.LoadAddress)))
                    .OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            }

            foreach (var file in intermediate) Place(GeneratedDirectory, file);
            AtomicFile.WriteAllText(GeneratedListFile, string.Concat(intermediate.Select(f => f.Path + "\n")));

            var entries = new List<ManifestEntry>();
            foreach (var file in files)
            {
                Place(BootImageDirectory, file);
                entries.Add(ManifestEntry.FromFile(BootImageDirectory, file.Path, file.LoadAddress));
            }

            var manifest = BootManifest.Create(entries, diagnostics);
            Report(diagnostics);
            if (manifest is null) return;
            ManifestWriter.Write(BootImageDirectory, manifest);

            var written = files.Select(f => f.Path).Concat(new[] { BootManifest.FileName })
                .OrderBy(p => p, StringComparer.Ordinal).ToList();
            AtomicFile.WriteAllText(WrittenListFile, string.Concat(written.Select(p => p + "\n")));
            Written = written.Select(p => (ITaskItem)new TaskItem(Path.Combine(BootImageDirectory, p))).ToArray();
        }

        private string GeneratedListFile => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(WrittenListFile))!, "generated.files");

        // Generated trees and their DTBs live in obj/…/generated/ (LAYOUT L1).
        private static bool IsGeneratedTree(OutputKind kind) =>
            kind == OutputKind.HostDts || kind == OutputKind.HostDtb || kind == OutputKind.HostOverlaySource ||
            kind == OutputKind.HostOverlay || kind == OutputKind.PartialDts || kind == OutputKind.PartialDtb;

        // The boot medium gets DTBs, never their sources; the overlay only on the fdt-apply route (LAYOUT L1).
        private static bool IsBootMedium(OutputKind kind) =>
            kind != OutputKind.HostDts && kind != OutputKind.HostOverlaySource && kind != OutputKind.PartialDts && kind != OutputKind.HostOverlay;

        private void Place(string directory, PlannedFile file)
        {
            string destination = Path.Combine(directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            if (IsSameContent(file, destination))
            {
                // Every output must end up newer than the inputs, or the step re-runs on every
                // build (guide msbuild-sdk.md §7.1 rule 6); the bytes are already right.
                File.SetLastWriteTimeUtc(destination, DateTime.UtcNow);
            }
            else if (file.Content is not null)
            {
                AtomicFile.WriteAllBytes(destination, file.Content);
            }
            else
            {
                AtomicFile.Copy(file.SourcePath!, destination);
                Log.LogMessage(MessageImportance.Low, "{0} -> {1}", file.SourcePath, destination);
            }
        }

        // Unchanged files are not rewritten: no needless I/O on big kernels and ramdisks.
        private static bool IsSameContent(PlannedFile file, string destination)
        {
            if (!File.Exists(destination)) return false;
            var d = new FileInfo(destination);
            if (file.Content is not null)
            {
                return d.Length == file.Content.Length &&
                       ManifestEntry.ComputeSha256(File.ReadAllBytes(destination)) == ManifestEntry.ComputeSha256(file.Content);
            }

            var s = new FileInfo(file.SourcePath!);
            if (s.Length != d.Length) return false;
            using var a = s.OpenRead();
            using var b = d.OpenRead();
            return ManifestEntry.ComputeSha256(a) == ManifestEntry.ComputeSha256(b);
        }
    }

    /// <summary>One boot-folder file: its bytes or the input to copy, and its load address (null: not loaded).</summary>
    internal sealed class PlannedFile
    {
        public PlannedFile(string path, byte[]? content, string? sourcePath, ulong? loadAddress)
        {
            Path = path;
            Content = content;
            SourcePath = sourcePath;
            LoadAddress = loadAddress;
        }

        public string Path { get; }
        public byte[]? Content { get; }
        public string? SourcePath { get; }
        public ulong? LoadAddress { get; }
    }
}
