#pragma warning disable IDE0005 // Needed by the netstandard2.0 BootImage build; xdtc's implicit usings already have them.
using System;
using System.IO;
#pragma warning restore IDE0005
using System.Text;

namespace Xen.Shm.BootImage.Files
{
    /// <summary>
    /// Writes a file so that readers see either the old content or the whole new content, never a
    /// half-written file: the bytes go to a temporary file in the same folder (same file system, so
    /// the final rename is atomic), are flushed to disk, then the temp file replaces the target.
    /// On any failure the temp file is deleted and the previous target is left untouched. The flush
    /// is an fsync: a boot medium pulled right after the build holds the whole file. Intermediates
    /// (obj/: generated sources, lists, stamps, caches) are written with <c>durable: false</c>: still
    /// atomic (no reader sees half a file), but no fsync, like every compiler's obj/ output; the
    /// next build regenerates or verifies them, and a cold build paid one fsync each (issue 21).
    /// The one copy in the repository: xdtc compiles this file in too (linked source).
    /// </summary>
    public static class AtomicFile
    {
        private static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>Writes <paramref name="text"/> as UTF-8 without BOM (line endings are the caller's).</summary>
        public static void WriteAllText(string path, string text, bool durable = true) =>
            WriteAllBytes(path, Utf8NoBom.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), durable);

        public static void WriteAllBytes(string path, byte[] bytes, bool durable = true)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            Write(path, stream => stream.Write(bytes, 0, bytes.Length), durable);
        }

        /// <summary>Copies <paramref name="sourcePath"/> to <paramref name="path"/> atomically.</summary>
        public static void Copy(string sourcePath, string path)
        {
            if (sourcePath is null) throw new ArgumentNullException(nameof(sourcePath));
            Write(path, stream =>
            {
                using var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read);
                source.CopyTo(stream);
            });
        }

        /// <summary>
        /// Lets <paramref name="writeContent"/> fill the temp file, then moves it into place; fsynced
        /// first unless <paramref name="durable"/> is false (obj/ intermediates only, see the class).
        /// </summary>
        public static void Write(string path, Action<Stream> writeContent, bool durable = true)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (writeContent is null) throw new ArgumentNullException(nameof(writeContent));

            string fullPath = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(fullPath)
                ?? throw new ArgumentException("path has no parent folder", nameof(path));
            Directory.CreateDirectory(directory);

            // Hidden, unique, same folder: never collides with a real output and never crosses a mount.
            string tempPath = Path.Combine(directory,
                "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    writeContent(stream);
                    stream.Flush(flushToDisk: durable);
                }

                MoveIntoPlace(tempPath, fullPath);
            }
            catch
            {
                TryDelete(tempPath);
                throw;
            }
        }

        private static void MoveIntoPlace(string tempPath, string fullPath)
        {
            if (File.Exists(fullPath))
            {
                // rename(2) on Unix, ReplaceFile on Windows: atomic replacement of an existing file.
                File.Replace(tempPath, fullPath, destinationBackupFileName: null);
                return;
            }

            try
            {
                File.Move(tempPath, fullPath);
            }
            catch (IOException) when (File.Exists(fullPath))
            {
                // Someone created the target between the check and the move: replace it instead.
                File.Replace(tempPath, fullPath, destinationBackupFileName: null);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort: the original exception is the one worth reporting.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
