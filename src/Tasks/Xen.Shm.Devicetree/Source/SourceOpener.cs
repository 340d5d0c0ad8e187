using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Xen.Shm.Diagnostics;
using Xen.Shm.Inputs;

namespace Xen.Shm.Devicetree.Source
{
    /// <summary>
    /// Opens the main file, <c>/include/</c>s and <c>/incbin/</c>s as srcpos.c does (spec §3.6): an absolute
    /// name as is; a relative one in the including file's directory (the current directory when that file's
    /// name had no '/'), then in each <c>-i</c> directory in order. Records every file read.
    /// Unlike dtc, only regular files are read (a FIFO blocks, /dev/zero never ends: XSHM3006), and
    /// never more than <see cref="MaxInputBytes"/> of one (XSHM3007); an <c>/incbin/</c> slice is read
    /// by seeking, as dtc's data_copy_file after fseek does, so a slice of a huge file costs the slice.
    /// </summary>
    internal sealed class SourceOpener
    {
        /// <summary>1 GiB: a source, include or incbin slice larger than this is no device tree (a DTB's sizes are 32-bit).</summary>
        public const long MaxInputBytes = 1L << 30;

        private readonly IReadOnlyList<string> _searchDirs;

        public SourceOpener(IReadOnlyList<string> searchDirs)
        {
            _searchDirs = searchDirs;
        }

        public List<string> Dependencies { get; } = new List<string>();

        /// <summary>Read <paramref name="name"/>; returns the full name used, or throws <see cref="DtcFatalException"/> as dtc's die.</summary>
        public byte[] Open(string name, string? currentDir, out string fullName, SourceSpan at = default) =>
            OpenSlice(name, currentDir, 0, ulong.MaxValue, at, out fullName);

        /// <summary>
        /// At most <paramref name="length"/> bytes from <paramref name="offset"/> (fewer at the end of the
        /// file, none past it, as fread does); <paramref name="at"/> is the /include/ or /incbin/ position.
        /// </summary>
        public byte[] OpenSlice(string name, string? currentDir, ulong offset, ulong length, SourceSpan at, out string fullName)
        {
            string? error = null;
            var found = Find(currentDir, name, ref error, out fullName, out long size, at);
            for (int i = 0; !found && i < _searchDirs.Count; i++)
                found = Find(_searchDirs[i], name, ref error, out fullName, out size, at);
            if (!found)
                throw new DtcFatalException($"Couldn't open \"{name}\": {error ?? "No such file or directory"}\n");
            if (offset > long.MaxValue)
                throw new DtcFatalException("Couldn't seek to offset " + offset.ToString(CultureInfo.InvariantCulture) + " in \"" + name + "\": Invalid argument");

            long available = offset >= (ulong)size ? 0 : size - (long)offset;
            long count = length < (ulong)available ? (long)length : available;
            if (count > MaxInputBytes)
                throw new DtcFatalException(
                    $"\"{name}\": {count.ToString(CultureInfo.InvariantCulture)} bytes to read, more than the {MaxInputBytes.ToString(CultureInfo.InvariantCulture)} this compiler takes from one file (give /incbin/ an offset and length)\n",
                    DiagnosticCodes.DtsInputTooLarge, at);
            var bytes = Read(fullName, (long)offset, (int)count, ref error);
            if (bytes == null)
                throw new DtcFatalException($"Couldn't open \"{name}\": {error}\n");
            Dependencies.Add(fullName);
            return bytes;
        }

        /// <summary>Directory part of a name (srcpos.c get_dirname): null when it has no '/'.</summary>
        public static string? DirOf(string name)
        {
            int slash = name.LastIndexOf('/');
            return slash < 0 ? null : name.Substring(0, slash);
        }

        /// <summary>util.c join_path.</summary>
        public static string Join(string dir, string name) =>
            dir.Length > 0 && dir[dir.Length - 1] == '/' ? dir + name : dir + "/" + name;

        private static bool Find(string? dir, string name, ref string? error, out string fullName, out long size, SourceSpan at)
        {
            fullName = dir == null || (name.Length > 0 && name[0] == '/') ? name : Join(dir, name);
            switch (InputFile.KindOf(fullName, out size))
            {
                case InputFileKind.Regular:
                    return true;
                case InputFileKind.Directory:
                    // fopen succeeds on a directory, reading then fails: dtc reports EISDIR late; keep it simple.
                    error = "Is a directory";
                    return false;
                case InputFileKind.Special:
                    throw new DtcFatalException($"Couldn't open \"{name}\": not a regular file (a FIFO, device or socket)\n",
                        DiagnosticCodes.DtsInputNotRegularFile, at);
                default:
                    return false;
            }
        }

        private static byte[]? Read(string fullName, long offset, int count, ref string? error)
        {
            try
            {
                using var stream = new FileStream(fullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
                if (offset > 0) stream.Seek(offset, SeekOrigin.Begin);
                var bytes = new byte[count];
                int done = 0;
                while (done < count)
                {
                    int n = stream.Read(bytes, done, count - done);
                    if (n == 0) break;
                    done += n;
                }
                if (done < count) Array.Resize(ref bytes, done); // the file shrank meanwhile: fread's short count
                return bytes;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                error = e is UnauthorizedAccessException ? "Permission denied"
                    : e is FileNotFoundException || e is DirectoryNotFoundException ? "No such file or directory"
                    : e.Message;
                return null;
            }
        }
    }
}
