using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Manifest;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>
    /// XenShmWriteDiskImage (XenShmDiskImage=true): the boot folder's files (those manifest.json lists, and
    /// manifest.json itself) on the FAT32 partition of an MBR disk image, written atomically beside the
    /// folder; then manifest.json names the image with its size and SHA-256. The image's own copy of
    /// manifest.json is the folder's without that member (it cannot hold its own hash). Volume id: the
    /// image name's SHA-256; times: <see cref="DiskImageRequest.Time"/>.
    /// </summary>
    public static class DiskImageStep
    {
        /// <summary>False after a diagnostic (no image written, manifest.json unchanged).</summary>
        public static bool Run(DiskImageRequest request, DiagnosticBag diagnostics)
        {
            var project = new SourceSpan(request.ProjectFile, 0, 0);
            long? extra = DiskImageSize.Parse(request.ExtraSize);
            if (extra is null)
                diagnostics.Add(DiagnosticCodes.DiskImageExtraSizeInvalid, project, $"XenShmDiskImageExtraSize '{request.ExtraSize}' is not a size (e.g. 0, 65536, 64M, 1G; at most 1 TiB)");
            string manifestPath = Path.Combine(request.BootImageDirectory, BootManifest.FileName);
            var manifest = extra is null ? null : ManifestReader.ReadFile(manifestPath, diagnostics);
            if (manifest is null) return false;

            string folderManifest = Path.Combine(request.IntermediateDirectory, BootManifest.FileName);
            AtomicFile.WriteAllText(folderManifest, ManifestWriter.Format(manifest.WithDiskImage(null)));
            var files = manifest.Files.Select(f => (f.Path, Path.Combine(request.BootImageDirectory, f.Path.Replace('/', Path.DirectorySeparatorChar))))
                .Concat(new[] { (BootManifest.FileName, folderManifest) });
            var root = DiskImageContent.Build(files, diagnostics, new SourceSpan(manifestPath, 0, 0));
            var layout = root is null ? null : Plan(root, extra!.Value, project, diagnostics);
            if (layout is null) return false;

            AtomicFile.Write(request.ImagePath, stream => DiskImageWriter.Write(stream, layout, VolumeId(request.ImageName), FatTime.FromUnixSeconds(request.Time)));
            ManifestWriter.Write(request.BootImageDirectory, manifest.WithDiskImage(Measure(request.BootImageDirectory, request.ImagePath)));
            // manifest.json is one of this step's Inputs: the image must stay the newer file.
            File.SetLastWriteTimeUtc(request.ImagePath, DateTime.UtcNow);
            return true;
        }

        private static FatLayout? Plan(FatNode root, long extra, SourceSpan project, DiagnosticBag diagnostics)
        {
            var layout = FatLayout.Plan(root, extra);
            if (DiskImageWriter.PartitionStartSector + layout.Geometry.TotalSectors <= DiskImageWriter.MaxDiskSectors) return layout;
            diagnostics.Add(DiagnosticCodes.DiskImageTooLarge, project,
                $"the disk image would be {DiskImageWriter.ImageSize(layout)} bytes, past the MBR's 2 TiB");
            return null;
        }

        // The image's path from the boot folder ("../board.img" by default), its size and hash, read back streamed.
        private static ManifestEntry Measure(string bootImageDirectory, string imagePath)
        {
            string relative = RelativePath(Path.GetFullPath(bootImageDirectory), Path.GetFullPath(imagePath));
            using var stream = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            return new ManifestEntry(relative, stream.Length, null, ManifestEntry.ComputeSha256(stream));
        }

        internal static string RelativePath(string fromFolder, string to)
        {
            var from = new Uri(fromFolder.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? fromFolder : fromFolder + Path.DirectorySeparatorChar);
            return Uri.UnescapeDataString(from.MakeRelativeUri(new Uri(to)).ToString()).Replace('\\', '/');
        }

        internal static uint VolumeId(string name)
        {
            using var sha = SHA256.Create();
            byte[] h = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
            return h[0] | (uint)h[1] << 8 | (uint)h[2] << 16 | (uint)h[3] << 24;
        }
    }
}
