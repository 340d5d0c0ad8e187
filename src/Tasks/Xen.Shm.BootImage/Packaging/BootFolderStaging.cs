using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xen.Shm.BootImage.Files;

namespace Xen.Shm.BootImage.Packaging
{
    /// <summary>
    /// Fills the staging folder from the previous boot folder where it can: a file whose bytes did
    /// not change becomes a hard link to the old one (as fast as the old "not rewritten" rule; the
    /// old folder is deleted after the swap, so the link is the file's only name again), any other
    /// is a copy of its source, never a link to it: an in-place edit of the source must not reach
    /// the boot folder. The previous folder is only read, never through a link.
    /// </summary>
    internal static class BootFolderStaging
    {
        // AtomicFile's temp names (".<name>.<32 hex>.tmp"): never carried over.
        private static readonly Regex s_temp = new Regex(@"^\..+\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant);

        /// <summary>
        /// True when the old file was reused (linked), false when the source was copied (cloned
        /// where the file system can: FileClone). <paramref name="sha256"/> is the staged file's
        /// hash: the source's (hashed once per build, or remembered from an earlier one), unless
        /// the source changed between its hashing and the copy: then the copy's own. A copy is not
        /// yet on disk: its path is added to <paramref name="unflushed"/>, for one FileClone.FlushToDisk
        /// of the whole batch before the folder is committed.
        /// </summary>
        public static bool Stage(OutputFolder previous, OutputFolder staging, string path, string source, ContentHashes hashes, ICollection<string> unflushed, out string sha256)
        {
            string destination = staging.PathOf(path);
            string sourceSha = hashes.Sha256(source, out var hashed);
            string? old = previous.ExistingPathOf(path);
            if (old is not null && File.Exists(old) && new FileInfo(old).Length == hashed.Size &&
                hashes.Sha256(old) == sourceSha && Link(old, destination))
            {
                sha256 = sourceSha;
                return true;
            }

            FileClone.CopyUnflushed(source, destination);
            unflushed.Add(destination);
            sha256 = FileIdentity.Of(source).Equals(hashed) ? sourceSha : hashes.Sha256(destination);
            return false;
        }

        /// <summary>
        /// Files in the previous folder the SDK did not write (not in <paramref name="ours"/>, not
        /// reached through a link) go into the staging folder unchanged; returns their paths.
        /// </summary>
        public static IReadOnlyList<string> CarryOthers(OutputFolder previous, OutputFolder staging, ISet<string> ours)
        {
            var kept = new List<string>();
            if (!Directory.Exists(previous.Root)) return kept;
            foreach (string file in Directory.EnumerateFiles(previous.Root, "*", SearchOption.AllDirectories))
            {
                string path = file.Substring(previous.Root.Length + 1).Replace(Path.DirectorySeparatorChar, '/');
                if (ours.Contains(path) || s_temp.IsMatch(Path.GetFileName(path))) continue;
                string? old = previous.ExistingPathOf(path);
                if (old is null || OutputFolder.PathProblem(path) is not null) continue;
                string destination = staging.PathOf(path);
                if (!Link(old, destination)) AtomicFile.Copy(old, destination);
                kept.Add(path);
            }

            return kept.OrderBy(p => p, System.StringComparer.Ordinal).ToList();
        }

        private static bool Link(string existing, string link)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            return HardLink.TryCreate(existing, link);
        }
    }
}
