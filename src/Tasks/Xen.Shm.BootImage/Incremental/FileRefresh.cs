using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xen.Shm.BootImage.Files;
using Xen.Shm.BootImage.Manifest;

namespace Xen.Shm.BootImage.Incremental
{
    /// <summary>
    /// Writes or copies a step's output only when its bytes differ (atomically), so the steps after
    /// it see no change and stay skipped (guide msbuild-sdk.md §7). An unchanged file is touched
    /// only when it is the step's own Output (it must end newer than the Inputs, §7.1 rule 6).
    /// Every step writes here into obj/ only (generated/, lists, stamps): not fsynced (AtomicFile).
    /// </summary>
    public static class FileRefresh
    {
        /// <summary>True when the file was (re)written.</summary>
        public static bool Write(string destination, byte[] content, bool touchUnchanged)
        {
            if (File.Exists(destination) && new FileInfo(destination).Length == content.Length &&
                ManifestEntry.ComputeSha256(File.ReadAllBytes(destination)) == ManifestEntry.ComputeSha256(content))
            {
                if (touchUnchanged) File.SetLastWriteTimeUtc(destination, DateTime.UtcNow);
                return false;
            }

            AtomicFile.WriteAllBytes(destination, content, durable: false);
            return true;
        }

        public static void Text(string destination, string text, bool touchUnchanged) =>
            Write(destination, new System.Text.UTF8Encoding(false).GetBytes(text), touchUnchanged);

        /// <summary>A list file: one line each, "\n" after every line (none for an empty list).</summary>
        public static void Lines(string destination, IEnumerable<string> lines, bool touchUnchanged) =>
            Text(destination, string.Concat(lines.Select(l => l + "\n")), touchUnchanged);

        /// <summary>A stamp: the Output of a step whose real outputs are only rewritten when they change.</summary>
        public static void Stamp(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            if (!File.Exists(path)) AtomicFile.WriteAllText(path, "", durable: false);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }

        /// <summary>Same length and SHA-256.</summary>
        public static bool SameBytes(string a, string b)
        {
            var fa = new FileInfo(a);
            var fb = new FileInfo(b);
            if (fa.Length != fb.Length) return false;
            using var sa = fa.OpenRead();
            using var sb = fb.OpenRead();
            return ManifestEntry.ComputeSha256(sa) == ManifestEntry.ComputeSha256(sb);
        }
    }
}
