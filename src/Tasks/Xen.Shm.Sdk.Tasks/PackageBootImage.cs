using System;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xen.Shm.BootImage.Generated;
using Xen.Shm.BootImage.Packaging;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// Step 5 (XenShmPackageBootImage): the boot folder and its manifest.json from the boot layout,
    /// staged and swapped in whole (BootImage's BootFolderPackager does the work).
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
            var paths = new PackagingPaths(GeneratedDirectory, BootImageDirectory, WrittenListFile, InputListFile) { ExtraFilesListFile = ExtraFilesListFile, HashCacheFile = HashCacheFile };
            var diagnostics = new DiagnosticBag();
            var package = BootFolderPackager.Package(GeneratedFolder.ReadLayout(LayoutFile), paths, diagnostics);
            Report(diagnostics);
            if (package is null) return;
            foreach (var (source, path) in package.Copied) Log.LogMessage(MessageImportance.Low, "{0} -> {1} (boot folder)", source, path);
            foreach (string kept in package.Kept) Log.LogMessage(MessageImportance.Low, "kept {0} (not written by this SDK)", kept);
            Written = package.Written.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
        }
    }
}
