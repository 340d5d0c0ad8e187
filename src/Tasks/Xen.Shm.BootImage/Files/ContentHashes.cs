using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Xen.Shm.BootImage.Files
{
    /// <summary>
    /// SHA-256 of files, remembered by full path and <see cref="FileIdentity"/> (size, mtime, and on
    /// Linux ctime and inode), optionally kept in a file between builds: an unchanged 32 MiB kernel
    /// is hashed once, not once per copy and per build. An entry is trusted only when the identity
    /// is the same and it was taken more than <see cref="RacyWindow"/> after the file's last change
    /// (git's "racily clean" rule): a write in the same timestamp tick as the hashing could
    /// otherwise leave the identity unchanged. Anything unreadable in the cache file is ignored.
    /// </summary>
    public sealed class ContentHashes
    {
        /// <summary>Coarser than any timestamp a file system we write to keeps (FAT: 2 s).</summary>
        public static readonly TimeSpan RacyWindow = TimeSpan.FromSeconds(2);

        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);

        /// <summary>Empty, or what <paramref name="cacheFile"/> holds (when given and readable).</summary>
        public static ContentHashes Load(string? cacheFile)
        {
            var hashes = new ContentHashes();
            if (string.IsNullOrEmpty(cacheFile) || !File.Exists(cacheFile)) return hashes;
            foreach (string line in File.ReadAllLines(cacheFile!))
            {
                var entry = Entry.Parse(line);
                if (entry is not null) hashes._entries[entry.Value.Path] = entry.Value;
            }

            return hashes;
        }

        /// <summary>Lowercase hex SHA-256 of <paramref name="path"/>, from the cache when it may be trusted.</summary>
        public string Sha256(string path) => Sha256(path, out _);

        /// <summary>The same, and the identity the file had when its bytes were hashed.</summary>
        public string Sha256(string path, out FileIdentity identity)
        {
            string full = Path.GetFullPath(path);
            var before = FileIdentity.Of(full);
            identity = before;
            if (_entries.TryGetValue(full, out var known) && known.Identity.Equals(before) &&
                known.TakenTicks - before.LastTouchTicks > RacyWindow.Ticks)
                return known.Sha256;

            long taken = DateTime.UtcNow.Ticks;
            string sha;
            using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan))
            using (var algorithm = SHA256.Create())
                sha = HexDigest.Of(algorithm.ComputeHash(stream));

            // Changed while being read: the hash is of no version; do not remember it.
            if (FileIdentity.Of(full).Equals(before)) _entries[full] = new Entry(full, before, taken, sha);
            return sha;
        }

        /// <summary>Writes the entries of files that still exist (atomically; a failure only costs the next build a re-hash).</summary>
        public void Save(string? cacheFile)
        {
            if (string.IsNullOrEmpty(cacheFile)) return;
            var text = new StringBuilder();
            foreach (var entry in _entries.Values)
                if (File.Exists(entry.Path)) text.Append(entry.Format()).Append('\n');
            AtomicFile.WriteAllText(cacheFile!, text.ToString(), durable: false);
        }

        private readonly struct Entry
        {
            private static readonly char[] Tab = { '\t' };

            public Entry(string path, FileIdentity identity, long takenTicks, string sha256)
            {
                Path = path;
                Identity = identity;
                TakenTicks = takenTicks;
                Sha256 = sha256;
            }

            public string Path { get; }
            public FileIdentity Identity { get; }
            public long TakenTicks { get; }
            public string Sha256 { get; }

            // sha256 \t size \t mtime \t ctime \t inode \t taken \t path (the path last: it may hold anything but a newline).
            public string Format() => string.Join("\t",
                Sha256, I(Identity.Size), I(Identity.ModifiedTicks), I(Identity.ChangedTicks),
                Identity.Inode.ToString(CultureInfo.InvariantCulture), I(TakenTicks), Path);

            public static Entry? Parse(string line)
            {
                string[] f = line.Split(Tab, 7);
                if (f.Length != 7 || f[0].Length != 64 || f[6].Length == 0) return null;
                if (!long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size) ||
                    !long.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out long mtime) ||
                    !long.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out long ctime) ||
                    !ulong.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode) ||
                    !long.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out long taken))
                    return null;
                foreach (char c in f[0])
                    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return null;
                return new Entry(f[6], new FileIdentity(size, mtime, ctime, inode), taken, f[0]);
            }

            private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
        }
    }
}
