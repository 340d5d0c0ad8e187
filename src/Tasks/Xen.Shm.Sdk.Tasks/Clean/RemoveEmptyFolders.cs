using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;

namespace Xen.Shm.Sdk.Tasks
{
    /// <summary>
    /// After clean deleted <see cref="Files"/>: removes each one's folder and its parents up to and
    /// including <see cref="Root"/>, but only folders now empty and never above Root (RemoveDir would
    /// delete a folder whole, with whatever a user put there).
    /// </summary>
    public sealed class RemoveEmptyFolders : XenShmTask
    {
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        [Required] public string Root { get; set; } = string.Empty;

        protected override void Run()
        {
            string root = Path.GetFullPath(Root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var folders = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Files)
            {
                for (string? dir = Path.GetDirectoryName(file.GetMetadata("FullPath")); dir is not null && IsUnder(dir, root); dir = Path.GetDirectoryName(dir))
                    folders.Add(dir);
            }
            if (Files.Length > 0) folders.Add(root);
            // Deepest first, so a parent is empty once its children are gone.
            foreach (string dir in folders.OrderByDescending(d => d.Length))
            {
                if (Directory.Exists(dir) && !Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
            }
        }

        private static bool IsUnder(string dir, string root) =>
            string.Equals(dir, root, StringComparison.Ordinal) || dir.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
