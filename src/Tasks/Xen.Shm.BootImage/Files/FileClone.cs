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
    /// link), else an in-kernel copy, else a plain copy; then flushed to disk. For files written
    /// into a staging folder that is swapped in whole (StagedFolder), so the copy itself need not
    /// be atomic: a failure leaves a partial file there, which the staging's disposal deletes.
    /// </summary>
    public static class FileClone
    {
        private const ulong Ficlone = 0x40049409; // _IOW(0x94, 9, int)

        public static CloneMethod Copy(string source, string destination)
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

            output.Flush(flushToDisk: true);
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

        [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
        private static extern int Ioctl(int fd, UIntPtr request, int argument);

        [DllImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
        private static extern IntPtr CopyFileRange(int inFd, IntPtr inOffset, int outFd, IntPtr outOffset, UIntPtr length, uint flags);
    }
}
