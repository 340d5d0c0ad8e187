using System;
using System.Collections.Generic;
using System.IO;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>
    /// The files that go on the boot partition, as a FAT folder tree: each boot-folder-relative path
    /// ("/"-separated) with the file that holds its bytes. Names FAT cannot hold (XSHM5050), two names
    /// FAT would take as one (it ignores case, XSHM5051) and files of 4 GiB or more (XSHM5052) are
    /// reported before anything is written.
    /// </summary>
    public static class DiskImageContent
    {
        /// <summary>FAT32 keeps a file's size in 32 bits (fatgen103, DIR_FileSize).</summary>
        public const long MaxFileSize = uint.MaxValue;

        public static FatNode? Build(IEnumerable<(string Path, string SourcePath)> files, DiagnosticBag diagnostics, SourceSpan span = default)
        {
            var root = FatNode.Root();
            var folded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            bool ok = true;
            foreach (var (path, source) in files)
            {
                ok &= Add(root, path, source, folded, diagnostics, span);
            }

            return ok ? root : null;
        }

        /// <summary>Every file under <paramref name="folder"/>, with its path relative to it.</summary>
        public static IEnumerable<(string Path, string SourcePath)> FromFolder(string folder)
        {
            string root = Path.GetFullPath(folder);
            foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                yield return (file.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar).Replace(Path.DirectorySeparatorChar, '/'), file);
        }

        private static bool Add(FatNode root, string path, string source, Dictionary<string, string> folded, DiagnosticBag diagnostics, SourceSpan span)
        {
            string[] segments = path.Split('/');
            foreach (string segment in segments)
            {
                string? problem = FatName.Check(segment);
                if (problem is null) continue;
                diagnostics.Add(DiagnosticCodes.DiskImageNameInvalid, span, $"'{path}' cannot go on the FAT boot partition: '{segment}' {problem}");
                return false;
            }

            // FAT compares names without case: "Image" and "image" in one folder are the same file.
            for (int i = 1; i <= segments.Length; i++)
            {
                string prefix = string.Join("/", segments, 0, i);
                if (folded.TryGetValue(prefix, out string? other) && !string.Equals(other, prefix, StringComparison.Ordinal))
                {
                    diagnostics.Add(DiagnosticCodes.DiskImageNameClash, span, $"'{prefix}' and '{other}' are one name on FAT, which ignores case");
                    return false;
                }

                folded[prefix] = prefix;
            }

            long size = new FileInfo(source).Length;
            if (size > MaxFileSize)
            {
                diagnostics.Add(DiagnosticCodes.DiskImageFileTooLarge, span, $"'{path}' is {size} bytes; a FAT32 file holds at most {MaxFileSize}");
                return false;
            }

            var folder = root;
            for (int i = 0; i < segments.Length - 1 && folder.IsDirectory; i++) folder = folder.AddFolder(segments[i]);
            string name = segments[segments.Length - 1];
            if (!folder.IsDirectory || folder.Children.ContainsKey(name))
            {
                diagnostics.Add(DiagnosticCodes.DiskImageNameClash, span, $"'{path}' is listed twice, or is both a file and a folder");
                return false;
            }

            folder.AddFile(name, source, size);
            return true;
        }
    }
}
