using System;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>
    /// A FAT directory entry's date and time (fatgen103 "Date and Time Formats"): 2-second resolution,
    /// 1980-01-01 to 2107-12-31. Taken in UTC so the bytes do not depend on the machine's time zone.
    /// </summary>
    public readonly struct FatTime
    {
        private static readonly DateTime Earliest = new DateTime(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private static readonly DateTime Latest = new DateTime(2107, 12, 31, 23, 59, 58, DateTimeKind.Utc);

        public FatTime(ushort date, ushort time)
        {
            Date = date;
            Time = time;
        }

        public ushort Date { get; }

        public ushort Time { get; }

        /// <summary>SOURCE_DATE_EPOCH's seconds, clamped into FAT's range (0 and any time before 1980 give 1980-01-01).</summary>
        public static FatTime FromUnixSeconds(long seconds)
        {
            var t = seconds <= 315532800 ? Earliest : DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 4354819198L)).UtcDateTime;
            if (t > Latest) t = Latest;
            ushort date = (ushort)(((t.Year - 1980) << 9) | (t.Month << 5) | t.Day);
            ushort time = (ushort)((t.Hour << 11) | (t.Minute << 5) | (t.Second / 2));
            return new FatTime(date, time);
        }
    }
}
