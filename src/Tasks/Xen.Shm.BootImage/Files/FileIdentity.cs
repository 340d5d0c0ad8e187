using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Xen.Shm.BootImage.Files
{
    /// <summary>
    /// What says a file is still the one whose bytes were hashed: size and modification time
    /// everywhere, plus, on Linux (statx), the inode and the status-change time. The ctime closes
    /// the classic hole of a size + mtime cache: a file rewritten and given its old mtime back
    /// (touch -r, cp -p, tar, rsync -t) keeps both, but no user-space call can set ctime, and any
    /// write or utimes() moves it. Elsewhere only size + mtime remain (see the BootImage README).
    /// </summary>
    public readonly struct FileIdentity : IEquatable<FileIdentity>
    {
        private const int AtFdCwd = -100;
        private const uint StatxBasicStats = 0x7ff;
        private const long UnixEpochTicks = 621355968000000000;

        public FileIdentity(long size, long modifiedTicks, long changedTicks, ulong inode)
        {
            Size = size;
            ModifiedTicks = modifiedTicks;
            ChangedTicks = changedTicks;
            Inode = inode;
        }

        public long Size { get; }

        /// <summary>mtime, UTC ticks.</summary>
        public long ModifiedTicks { get; }

        /// <summary>ctime, UTC ticks; 0 where the platform gives none.</summary>
        public long ChangedTicks { get; }

        /// <summary>0 where the platform gives none.</summary>
        public ulong Inode { get; }

        /// <summary>The later of mtime and ctime: a write after it shows in the identity.</summary>
        public long LastTouchTicks => Math.Max(ModifiedTicks, ChangedTicks);

        public static FileIdentity Of(string path)
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && TryStatx(path, out var identity)) return identity;
            var info = new FileInfo(path);
            if (!info.Exists) throw new FileNotFoundException("no such file", path);
            return new FileIdentity(info.Length, info.LastWriteTimeUtc.Ticks, 0, 0);
        }

        // struct statx (linux/stat.h) is the same on every architecture: ino at 0x20, size at
        // 0x28, ctime at 0x60 and mtime at 0x70 (each: s64 seconds, u32 nanoseconds).
        private static bool TryStatx(string path, out FileIdentity identity)
        {
            identity = default;
            var buffer = Marshal.AllocHGlobal(256);
            try
            {
                byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(path + "\0");
                if (Statx(AtFdCwd, utf8, 0, StatxBasicStats, buffer) != 0) return false;
                identity = new FileIdentity(Marshal.ReadInt64(buffer, 0x28), Ticks(buffer, 0x70), Ticks(buffer, 0x60), (ulong)Marshal.ReadInt64(buffer, 0x20));
                return true;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return false;
            }
            finally
            {
                Marshal.FreeHGlobal(buffer);
            }
        }

        private static long Ticks(IntPtr buffer, int offset) =>
            UnixEpochTicks + Marshal.ReadInt64(buffer, offset) * TimeSpan.TicksPerSecond + (uint)Marshal.ReadInt32(buffer, offset + 8) / 100;

        public bool Equals(FileIdentity other) =>
            Size == other.Size && ModifiedTicks == other.ModifiedTicks && ChangedTicks == other.ChangedTicks && Inode == other.Inode;

        public override bool Equals(object? obj) => obj is FileIdentity other && Equals(other);

        public static bool operator ==(FileIdentity left, FileIdentity right) => left.Equals(right);

        public static bool operator !=(FileIdentity left, FileIdentity right) => !left.Equals(right);

        public override int GetHashCode() => unchecked((int)(Size * 31 + ModifiedTicks * 17 + ChangedTicks) ^ Inode.GetHashCode());

        [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
        private static extern int Statx(int directory, byte[] path, int flags, uint mask, IntPtr buffer);
    }
}
