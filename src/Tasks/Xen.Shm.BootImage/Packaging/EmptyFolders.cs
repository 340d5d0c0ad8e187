using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Xen.Shm.BootImage.Packaging
{
    /// <summary>
    /// After clean deleted the SDK's files: the folders they were in, up to and including a root, that are
    /// now empty (RemoveDir would delete a folder whole, with whatever a user put there).
    /// </summary>
    public static class EmptyFolders
    {
        /// <summary>Removes each file's folder and its parents up to <paramref name="root"/> when empty; never above root.</summary>
        public static void Remove(IReadOnlyCollection<string> deletedFiles, string root)
        {
            string top = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var folders = new HashSet<string>(StringComparer.Ordinal);
            foreach (string file in deletedFiles)
            {
                for (string? dir = Path.GetDirectoryName(Path.GetFullPath(file)); dir is not null && IsUnder(dir, top); dir = Path.GetDirectoryName(dir))
                    folders.Add(dir);
            }
            if (deletedFiles.Count > 0) folders.Add(top);
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
