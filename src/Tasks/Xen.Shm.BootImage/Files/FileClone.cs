using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Xen.Shm.BootImage.Files
{
    /// <summary>How <see cref="FileClone.Copy"/> made the copy.</summary>
    public enum CloneMethod
    {
        /// <summary>Copy-on-write clone (FICLONE: Btrfs, XFS, bcachefs, ...): no bytes copied, an independent file.</summary>
        Reflink,

        /// <summary>In-kernel copy (copy_file_range): the bytes copied without passing through this process.</summary>
        KernelCopy,

        /// <summary>Read and written through a buffer (other systems, or when the kernel refuses).</summary>
        StreamCopy,
    }

    /// <summary>
    /// A new, independent copy of a file, as cheap as the file system allows: a copy-on-write clone
    /// where it can (a later in-place edit of either file never shows in the other, unlike a hard
    /// link), else an in-kernel copy, else a plain copy; then flushed to disk (<see cref="Copy"/>),
    /// or only sent on its way there (<see cref="CopyUnflushed"/>, for a caller that flushes a whole
    /// batch at once with <see cref="FlushToDisk"/>). For files written into a staging folder that
    /// is swapped in whole (StagedFolder), so the copy itself need not be atomic: a failure leaves a
    /// partial file there, which the staging's disposal deletes.
    /// </summary>
    public static class FileClone
    {
        private const ulong Ficlone = 0x40049409; // _IOW(0x94, 9, int)

        /// <summary>The copy, on disk when this returns (fsync).</summary>
        public static CloneMethod Copy(string source, string destination) => CopyFile(source, destination, flush: true);

        /// <summary>
        /// The copy, its write-back to disk started but not waited for (sync_file_range on Linux, so
        /// the disk works while the caller goes on); <see cref="FlushToDisk"/> must follow before the
        /// copy is relied on after a crash. Several copies flushed together cost about one wait for
        /// the disk instead of one each.
        /// </summary>
        public static CloneMethod CopyUnflushed(string source, string destination) => CopyFile(source, destination, flush: false);

        /// <summary>
        /// fsync of each file (written earlier, possibly by <see cref="CopyUnflushed"/>): when this
        /// returns, their bytes are on disk.
        /// </summary>
        public static void FlushToDisk(System.Collections.Generic.IEnumerable<string> paths)
        {
            if (paths is null) throw new ArgumentNullException(nameof(paths));
            foreach (string path in paths)
            {
                // Write access without truncation: fsync needs a handle FlushFileBuffers accepts.
                using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
                file.Flush(flushToDisk: true);
            }
        }

        private static CloneMethod CopyFile(string source, string destination, bool flush)
        {
            if (source is null) throw new ArgumentNullException(nameof(source));
            if (destination is null) throw new ArgumentNullException(nameof(destination));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            var method = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? KernelCopy(input, output) : CloneMethod.StreamCopy;
            if (method == CloneMethod.StreamCopy)
            {
                output.SetLength(0);
                output.Position = 0;
                input.Position = 0;
                input.CopyTo(output, 1 << 20);
            }

            if (flush) output.Flush(flushToDisk: true);
            else StartWriteBack(output);
            return method;
        }

        // FICLONE, then copy_file_range to the end; StreamCopy when neither works (other file
        // system, old kernel, old libc): the caller then starts over with a plain copy.
        private static CloneMethod KernelCopy(FileStream input, FileStream output)
        {
            try
            {
                int inFd = (int)input.SafeFileHandle.DangerousGetHandle();
                int outFd = (int)output.SafeFileHandle.DangerousGetHandle();
                if (Ioctl(outFd, (UIntPtr)Ficlone, inFd) == 0) return CloneMethod.Reflink;
                long left = input.Length;
                while (left > 0)
                {
                    long n = (long)CopyFileRange(inFd, IntPtr.Zero, outFd, IntPtr.Zero, (UIntPtr)(ulong)Math.Min(left, 1L << 30), 0);
                    if (n <= 0) return CloneMethod.StreamCopy;
                    left -= n;
                }

                return CloneMethod.KernelCopy;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return CloneMethod.StreamCopy;
            }
        }

        // SYNC_FILE_RANGE_WRITE over the whole file: queue the dirty pages for writing, do not wait.
        // Only a head start for the later fsync: where it is missing or fails, that fsync does it all.
        private static void StartWriteBack(FileStream output)
        {
            output.Flush(flushToDisk: false);
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
            try
            {
                _ = SyncFileRange((int)output.SafeFileHandle.DangerousGetHandle(), 0, 0, SyncFileRangeWrite);
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
            }
        }

        private const uint SyncFileRangeWrite = 2;

        [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
        private static extern int SyncFileRange(int fd, long offset, long count, uint flags);

        [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
        private static extern int Ioctl(int fd, UIntPtr request, int argument);

        [DllImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
        private static extern IntPtr CopyFileRange(int inFd, IntPtr inOffset, int outFd, IntPtr outOffset, UIntPtr length, uint flags);
    }
}
