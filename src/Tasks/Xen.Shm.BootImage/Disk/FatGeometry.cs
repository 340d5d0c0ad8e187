using System;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>
    /// The shape of the FAT32 volume: 512-byte sectors, 32 reserved sectors (boot sector, FSInfo, backups
    /// at 6 and 7, as mkfs.fat), two FATs, then the data clusters from cluster 2. The cluster count never
    /// goes below 65525, under which every FAT reader takes the volume for FAT16 (fatgen103,
    /// "FAT Type Determination"); the total is exactly reserved + FATs + clusters, so readers compute the
    /// same count.
    /// </summary>
    public sealed class FatGeometry
    {
        public const int SectorSize = 512;
        public const int ReservedSectors = 32;
        public const int FatCount = 2;
        public const uint MinClusters = 65525;

        /// <summary>FAT32 entries are 28 bits; the top values are reserved (fatgen103).</summary>
        public const uint MaxClusters = 0x0FFFFFF5 - 2;

        private FatGeometry(int sectorsPerCluster, uint clusterCount)
        {
            SectorsPerCluster = sectorsPerCluster;
            ClusterCount = clusterCount;
            FatSectors = (uint)((((long)clusterCount + 2) * 4 + SectorSize - 1) / SectorSize);
        }

        public int SectorsPerCluster { get; }

        public int ClusterSize => SectorsPerCluster * SectorSize;

        /// <summary>Data clusters, numbered 2 .. ClusterCount + 1.</summary>
        public uint ClusterCount { get; }

        /// <summary>Sectors of one FAT (4 bytes per cluster, the two reserved entries included).</summary>
        public uint FatSectors { get; }

        public long DataStartSector => ReservedSectors + (long)FatCount * FatSectors;

        public long TotalSectors => DataStartSector + (long)ClusterCount * SectorsPerCluster;

        public static FatGeometry Create(int sectorsPerCluster, long clustersNeeded)
        {
            if (clustersNeeded > MaxClusters) throw new ArgumentOutOfRangeException(nameof(clustersNeeded), "more clusters than FAT32 can number");
            return new FatGeometry(sectorsPerCluster, (uint)Math.Max(MinClusters, clustersNeeded));
        }

        /// <summary>
        /// Cluster size for a volume of about <paramref name="bytes"/>: fatgen103's FAT32 table
        /// (up to 260 MB: 512 bytes; 8 GB: 4 KiB; 16 GB: 8 KiB; 32 GB: 16 KiB; beyond: 32 KiB).
        /// </summary>
        public static int SectorsPerClusterFor(long bytes)
        {
            long sectors = bytes / SectorSize;
            if (sectors <= 532480) return 1;
            if (sectors <= 16777216) return 8;
            if (sectors <= 33554432) return 16;
            if (sectors <= 67108864) return 32;
            return 64;
        }
    }
}
