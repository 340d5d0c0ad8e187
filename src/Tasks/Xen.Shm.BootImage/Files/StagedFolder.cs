using System;
using System.IO;
using System.Linq;

namespace Xen.Shm.BootImage.Files
{
    /// <summary>
    /// A folder replaced all at once or not at all. The new content is built in a sibling
    /// <c>.&lt;name&gt;.staging-&lt;id&gt;</c> (same parent, so the same file system), then swapped in
    /// with two renames: the folder to <c>.&lt;name&gt;.old-&lt;id&gt;</c>, the staging folder to the
    /// folder; the old one is then deleted. .NET has no renameat2(RENAME_EXCHANGE), so every state
    /// in between is one <see cref="Recover"/> puts right, and it runs before each new staging:
    /// <list type="bullet">
    /// <item>a staging folder, the folder in place: the build died while staging: staging deleted;</item>
    /// <item>an old folder and no folder (died between the two renames): the old folder goes back;</item>
    /// <item>an old folder beside the folder (died while deleting it): old deleted.</item>
    /// </list>
    /// A failed or abandoned staging (an exception, a rule) is deleted by <see cref="Dispose"/>; the
    /// folder was never touched.
    /// </summary>
    public sealed class StagedFolder : IDisposable
    {
        private const string StagingMark = ".staging-";
        private const string OldMark = ".old-";
        private bool _committed;

        private StagedFolder(string target, string staging)
        {
            Target = target;
            Staging = new OutputFolder(staging);
        }

        /// <summary>Full path of the folder being replaced, no trailing separator.</summary>
        public string Target { get; }

        /// <summary>Where the new content goes (empty at first).</summary>
        public OutputFolder Staging { get; }

        /// <summary>Repairs what an interrupted swap left, then opens a new, empty staging folder.</summary>
        public static StagedFolder Begin(string folder)
        {
            string target = new OutputFolder(folder).Root;
            Recover(target);
            string staging = Sibling(target, StagingMark);
            Directory.CreateDirectory(staging);
            return new StagedFolder(target, staging);
        }

        /// <summary>Puts <paramref name="folder"/> back to a whole state after a kill at any moment (see the type's summary).</summary>
        public static void Recover(string folder)
        {
            string target = new OutputFolder(folder).Root;
            string parent = Path.GetDirectoryName(target) ?? target;
            if (!Directory.Exists(parent)) return;
            string name = Path.GetFileName(target);
            var olds = Directory.GetDirectories(parent, "." + name + OldMark + "*").OrderBy(d => d, StringComparer.Ordinal).ToList();
            if (olds.Count > 0 && !Directory.Exists(target) && !File.Exists(target))
            {
                Directory.Move(olds[0], target);
                olds.RemoveAt(0);
            }

            foreach (string leftover in olds.Concat(Directory.GetDirectories(parent, "." + name + StagingMark + "*")))
                Directory.Delete(leftover, recursive: true);
        }

        /// <summary>The swap: afterwards the folder is the staging folder's content, whole.</summary>
        public void Commit()
        {
            if (_committed) throw new InvalidOperationException("already committed");
            string? old = null;
            if (Directory.Exists(Target))
            {
                old = Sibling(Target, OldMark);
                Directory.Move(Target, old);
            }

            try
            {
                Directory.Move(Staging.Root, Target);
            }
            catch
            {
                if (old is not null) Directory.Move(old, Target);
                throw;
            }

            _committed = true;
            if (old is not null) TryDeleteTree(old);
        }

        /// <summary>Deletes the staging folder unless it was committed.</summary>
        public void Dispose()
        {
            if (!_committed) TryDeleteTree(Staging.Root);
        }

        private static string Sibling(string target, string mark) =>
            Path.Combine(Path.GetDirectoryName(target) ?? target, "." + Path.GetFileName(target) + mark + Guid.NewGuid().ToString("N"));

        // Best effort: what stays behind is removed by the next Recover, and the original error is the one to report.
        private static void TryDeleteTree(string path)
        {
            try
            {
                if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
