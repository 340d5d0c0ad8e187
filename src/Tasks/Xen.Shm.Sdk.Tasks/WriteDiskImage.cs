using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using Xen.Shm.BootImage.Disk;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Manifest;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// XenShmWriteDiskImage (XenShmDiskImage=true): the boot folder's files (those manifest.json lists, and
    /// manifest.json itself) on the FAT32 partition of an MBR disk image (src/Tasks/Xen.Shm.BootImage/Disk),
    /// written atomically beside the folder; then manifest.json names the image with its size and SHA-256.
    /// The image's own copy of manifest.json is the folder's without that member (it cannot hold its own hash).
    /// Volume id: the image name's SHA-256; times: SOURCE_DATE_EPOCH (as the uImage headers), else 1980-01-01.
    /// </summary>
    public sealed class WriteDiskImage : XenShmTask
    {
        /// <summary>The project file: where a bad XenShmDiskImageExtraSize is reported.</summary>
        [Required] public string ProjectFile { get; set; } = string.Empty;
        [Required] public string BootImageDirectory { get; set; } = string.Empty;
        [Required] public string ImagePath { get; set; } = string.Empty;

        /// <summary>Where the image's copy of manifest.json is written first.</summary>
        [Required] public string IntermediateDirectory { get; set; } = string.Empty;
        [Required] public string ImageName { get; set; } = string.Empty;
        public string? ExtraSize { get; set; }

        protected override void Run()
        {
            var diagnostics = new DiagnosticBag();
            var project = new SourceSpan(ProjectFile, 0, 0);
            long? extra = DiskImageSize.Parse(ExtraSize);
            if (extra is null)
                diagnostics.Add(DiagnosticCodes.DiskImageExtraSizeInvalid, project, $"XenShmDiskImageExtraSize '{ExtraSize}' is not a size (e.g. 0, 65536, 64M, 1G; at most 1 TiB)");
            string manifestPath = Path.Combine(BootImageDirectory, BootManifest.FileName);
            var manifest = extra is null ? null : ManifestReader.ReadFile(manifestPath, diagnostics);
            Report(diagnostics);
            if (manifest is null) return;

            string folderManifest = Path.Combine(IntermediateDirectory, BootManifest.FileName);
            AtomicFile.WriteAllText(folderManifest, ManifestWriter.Format(manifest.WithDiskImage(null)));
            var files = manifest.Files.Select(f => (f.Path, Path.Combine(BootImageDirectory, f.Path.Replace('/', Path.DirectorySeparatorChar))))
                .Concat(new[] { (BootManifest.FileName, folderManifest) });
            var root = DiskImageContent.Build(files, diagnostics, new SourceSpan(manifestPath, 0, 0));
            var layout = root is null ? null : Plan(root, extra!.Value, diagnostics);
            Report(diagnostics);
            if (layout is null) return;

            var time = FatTime.FromUnixSeconds(LegacyImage.TimeFromSourceDateEpoch(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")));
            AtomicFile.Write(ImagePath, stream => DiskImageWriter.Write(stream, layout, VolumeId(ImageName), time));
            Log.LogMessage(MessageImportance.High, "{0} -> {1}", ImageName, Path.GetFullPath(ImagePath));
            ManifestWriter.Write(BootImageDirectory, manifest.WithDiskImage(Measure()));
            // manifest.json is one of this step's Inputs: the image must stay the newer file.
            File.SetLastWriteTimeUtc(ImagePath, DateTime.UtcNow);
        }

        private FatLayout? Plan(FatNode root, long extra, DiagnosticBag diagnostics)
        {
            var layout = FatLayout.Plan(root, extra);
            if (DiskImageWriter.PartitionStartSector + layout.Geometry.TotalSectors <= DiskImageWriter.MaxDiskSectors) return layout;
            diagnostics.Add(DiagnosticCodes.DiskImageTooLarge, new SourceSpan(ProjectFile, 0, 0),
                $"the disk image would be {DiskImageWriter.ImageSize(layout)} bytes, past the MBR's 2 TiB");
            return null;
        }

        // The image's path from the boot folder ("../board.img" by default), its size and hash, read back streamed.
        private ManifestEntry Measure()
        {
            string relative = RelativePath(Path.GetFullPath(BootImageDirectory), Path.GetFullPath(ImagePath));
            using var stream = new FileStream(ImagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return new ManifestEntry(relative, stream.Length, null, ManifestEntry.ComputeSha256(stream));
        }

        private static string RelativePath(string fromFolder, string to)
        {
            var from = new Uri(fromFolder.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? fromFolder : fromFolder + Path.DirectorySeparatorChar);
            return Uri.UnescapeDataString(from.MakeRelativeUri(new Uri(to)).ToString()).Replace('\\', '/');
        }

        private static uint VolumeId(string name)
        {
            using var sha = SHA256.Create();
            byte[] h = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
            return h[0] | (uint)h[1] << 8 | (uint)h[2] << 16 | (uint)h[3] << 24;
        }
    }
}
