using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Manifest
{
    /// <summary>The content of manifest.json: a version and the files sorted by path (ordinal).</summary>
    public sealed class BootManifest
    {
        public const int CurrentVersion = 1;
        public const string FileName = "manifest.json";

        private BootManifest(int version, IReadOnlyList<ManifestEntry> files)
        {
            Version = version;
            Files = files;
        }

        public int Version { get; }

        /// <summary>
        /// The disk image made from this folder (XenShmDiskImage), path relative to the boot folder (it lies
        /// outside it: an image cannot hold its own hash); null without one. Disk/README.md.
        /// </summary>
        public ManifestEntry? DiskImage { get; private set; }

        /// <summary>This manifest naming <paramref name="image"/> as its disk image (null: none).</summary>
        public BootManifest WithDiskImage(ManifestEntry? image) => new BootManifest(Version, Files) { DiskImage = image };

        /// <summary>Sorted by <see cref="ManifestEntry.Path"/>, ordinal; paths unique.</summary>
        public IReadOnlyList<ManifestEntry> Files { get; }

        /// <summary>
        /// Sorts and checks the entries: every path relative, "/"-separated, without "." or ".."
        /// segments (XSHM5001), no path twice (XSHM5002), SHA-256 64 lowercase hex digits and size
        /// not negative (XSHM5003). Returns null when any check failed.
        /// </summary>
        public static BootManifest? Create(IEnumerable<ManifestEntry> files, DiagnosticBag diagnostics, SourceSpan span = default) =>
            Create(CurrentVersion, files, diagnostics, span);

        internal static BootManifest? Create(int version, IEnumerable<ManifestEntry> files, DiagnosticBag diagnostics, SourceSpan span)
        {
            if (files is null) throw new ArgumentNullException(nameof(files));
            if (diagnostics is null) throw new ArgumentNullException(nameof(diagnostics));

            var sorted = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
            bool ok = true;
            for (int i = 0; i < sorted.Count; i++)
            {
                var entry = sorted[i];
                string? pathProblem = CheckPath(entry.Path);
                if (pathProblem != null)
                {
                    diagnostics.Add(DiagnosticCodes.ManifestPathInvalid, span, $"boot folder path '{entry.Path}' {pathProblem}");
                    ok = false;
                }

                if (i > 0 && string.Equals(sorted[i - 1].Path, entry.Path, StringComparison.Ordinal))
                {
                    diagnostics.Add(DiagnosticCodes.ManifestDuplicatePath, span, $"boot folder path '{entry.Path}' listed twice");
                    ok = false;
                }

                if (entry.Size < 0 || !IsSha256(entry.Sha256))
                {
                    diagnostics.Add(DiagnosticCodes.ManifestMalformed, span,
                        $"manifest entry '{entry.Path}': size must be >= 0 and sha256 64 lowercase hex digits");
                    ok = false;
                }
            }

            return ok ? new BootManifest(version, sorted) : null;
        }

        /// <summary>Null when <paramref name="path"/> is a valid boot-folder-relative path, else why not.</summary>
        public static string? CheckPath(string path)
        {
            if (path.Length == 0) return "is empty";
            if (path.IndexOf('\\') >= 0) return "must use '/' separators";
            if (path[0] == '/' || (path.Length >= 2 && path[1] == ':')) return "must be relative to the boot folder";
            foreach (string segment in path.Split('/'))
            {
                if (segment.Length == 0) return "has an empty segment";
                if (segment == "." || segment == "..") return "must not contain '.' or '..' segments";
            }

            foreach (char c in path)
            {
                if (c < 0x20 || c == 0x7f) return "contains a control character";
            }

            return null;
        }

        private static bool IsSha256(string s)
        {
            if (s.Length != 64) return false;
            foreach (char c in s)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
            }

            return true;
        }

        /// <summary>The entry for <paramref name="path"/>, or null.</summary>
        public ManifestEntry? Find(string path) =>
            Files.FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.Ordinal));
    }
}
