using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Topology;

namespace Xen.Shm.Sdk.Tasks.BootFolder
{
    /// <summary>One board file and the path it gets in the boot folder ("/"-separated, relative).</summary>
    internal sealed class PlacedFile
    {
        public PlacedFile(BoardFile source, string path)
        {
            Source = source;
            Path = path;
        }

        public BoardFile Source { get; }
        public string Path { get; }
    }

    /// <summary>
    /// Where today's copied files go: Xen and dom0 files at the root under their own file name (as
    /// ImageBuilder's boot partition and qemu-boot README §7's bootfs/ have them), a domU's files
    /// under "&lt;domain&gt;/". Device trees are not copied: later layers compile and patch them.
    /// Provisional until the generation layer's Layout owns the boot folder plan.
    /// </summary>
    internal static class BootFolderLayout
    {
        public static bool IsCopied(FileRole role) =>
            role == FileRole.Xen || role == FileRole.Dom0Kernel || role == FileRole.Dom0Ramdisk ||
            role == FileRole.DomUKernel || role == FileRole.DomURamdisk;

        /// <summary>Places every copied file; two different sources on one path → XSHM8004 (at the later one).</summary>
        public static IReadOnlyList<PlacedFile> Place(IEnumerable<BoardFile> files, DiagnosticBag diagnostics)
        {
            var byPath = new Dictionary<string, PlacedFile>(StringComparer.Ordinal);
            var placed = new List<PlacedFile>();
            foreach (var file in files.Where(f => IsCopied(f.Role)))
            {
                string name = System.IO.Path.GetFileName(file.FullPath);
                string path = file.Role == FileRole.DomUKernel || file.Role == FileRole.DomURamdisk
                    ? file.Domain + "/" + name
                    : name;
                if (byPath.TryGetValue(path, out var taken))
                {
                    // The same file named twice (e.g. one kernel for two roles) needs one copy only.
                    if (SameFile(taken.Source.FullPath, file.FullPath)) continue;
                    diagnostics.Add(DiagnosticCodes.BootFolderPathTaken, file.Span,
                        $"'{file.WrittenPath}' would be copied to '{path}' in the boot folder, where '{taken.Source.WrittenPath}' already goes; rename one of the files",
                        taken.Source.Span);
                    continue;
                }

                var p = new PlacedFile(file, path);
                byPath.Add(path, p);
                placed.Add(p);
            }

            return placed.OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
        }

        private static bool SameFile(string a, string b) =>
            string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b),
                System.IO.Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
