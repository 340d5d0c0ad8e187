using System;
using System.IO;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>
    /// Writes a raw disk image: an MBR with one bootable FAT32 (LBA) partition at sector 2048 (1 MiB, where
    /// sfdisk and fdisk put the first partition), holding the laid-out tree. One pass, front to back:
    /// the records, both FATs (generated in 64 KiB pieces), then each folder's entries and each file's
    /// bytes copied from its source. Zero runs (the gap before the partition, FAT and cluster tails, the
    /// free clusters) are skipped with a seek, so the image is never held in memory and comes out sparse
    /// where the file system allows it; the stream must be a new, empty, seekable one.
    /// </summary>
    public static class DiskImageWriter
    {
        public const long PartitionStartSector = 2048;

        /// <summary>MBR sector fields are 32 bits: a partition ends below 2 TiB.</summary>
        public const long MaxDiskSectors = uint.MaxValue;

        private const int Chunk = 64 * 1024;

        /// <summary>The image's size in bytes for <paramref name="layout"/>.</summary>
        public static long ImageSize(FatLayout layout) => (PartitionStartSector + layout.Geometry.TotalSectors) * FatGeometry.SectorSize;

        public static void Write(Stream output, FatLayout layout, uint volumeId, FatTime time)
        {
            if (output is null) throw new ArgumentNullException(nameof(output));
            if (layout is null) throw new ArgumentNullException(nameof(layout));
            var g = layout.Geometry;
            if (PartitionStartSector + g.TotalSectors > MaxDiskSectors) throw new ArgumentOutOfRangeException(nameof(layout), "an MBR partition ends below 2 TiB");

            var start = new SectorWriter(output);
            start.Put(0, FatRecords.MasterBootRecord(PartitionStartSector, g.TotalSectors, volumeId));
            var volume = new SectorWriter(output, PartitionStartSector * FatGeometry.SectorSize);
            var boot = FatRecords.BootSector(g, PartitionStartSector, volumeId);
            var info = FatRecords.FsInfo(layout.FreeClusters, layout.UsedClusters + 2);
            volume.Put(0, boot);
            volume.Put(1, info);
            volume.Put(6, boot);                   // backups, as mkfs.fat writes them
            volume.Put(7, info);
            for (int copy = 0; copy < FatGeometry.FatCount; copy++)
            {
                volume.Seek(FatGeometry.ReservedSectors + (long)copy * g.FatSectors);
                WriteFat(output, layout);
            }

            foreach (var node in layout.Root.PreOrder())
            {
                if (node.ClusterCount == 0) continue;
                volume.Seek(g.DataStartSector + (long)(node.FirstCluster - 2) * g.SectorsPerCluster);
                if (node.IsDirectory) WriteFolder(output, node, time);
                else CopyFile(output, node);
            }

            output.SetLength(ImageSize(layout));
            output.Flush();
        }

        // Entries 0 and 1 (media byte, clean-shutdown bits), then each node's chain n -> n + 1 ending in
        // end-of-chain; everything after the last used cluster is free (0) and is left to the seek.
        private static void WriteFat(Stream output, FatLayout layout)
        {
            var buffer = new byte[Chunk];
            int at = 0;
            void Put(uint value)
            {
                if (at == buffer.Length) { output.Write(buffer, 0, at); at = 0; }
                FatRecords.U32(buffer, at, value);
                at += 4;
            }

            Put(0x0FFFFFF8);
            Put(FatRecords.EndOfChain);
            foreach (var node in layout.Root.PreOrder())
            {
                for (uint k = 1; k <= node.ClusterCount; k++)
                    Put(k == node.ClusterCount ? FatRecords.EndOfChain : node.FirstCluster + k);
            }

            output.Write(buffer, 0, at);
        }

        private static void WriteFolder(Stream output, FatNode folder, FatTime time)
        {
            var b = new byte[folder.Size];
            int at = 0;
            if (folder.Parent is not null)
            {
                FatRecords.ShortEntry(b, 0, Dots(1), FatRecords.AttrDirectory, folder.FirstCluster, 0, time);
                FatRecords.ShortEntry(b, 32, Dots(2), FatRecords.AttrDirectory, folder.Parent.Parent is null ? 0 : folder.Parent.FirstCluster, 0, time);
                at = 64;
            }

            foreach (var child in folder.Children.Values)
            {
                var names = child.Names!;
                if (names.NeedsLongName) at += FatLayout.EntrySize * FatRecords.LongEntries(b, at, names);
                FatRecords.ShortEntry(b, at, names.ShortName, child.IsDirectory ? FatRecords.AttrDirectory : FatRecords.AttrArchive,
                    child.FirstCluster, child.IsDirectory ? 0 : (uint)child.Size, time);
                at += FatLayout.EntrySize;
            }

            output.Write(b, 0, b.Length);
        }

        // Exactly the size the layout was planned with: a source that changed length since is an error.
        private static void CopyFile(Stream output, FatNode file)
        {
            using var source = new FileStream(file.SourcePath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var buffer = new byte[Chunk];
            long left = file.Size;
            while (left > 0)
            {
                int n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0) throw new IOException($"'{file.SourcePath}' became shorter while the disk image was written");
                output.Write(buffer, 0, n);
                left -= n;
            }

            if (source.ReadByte() >= 0) throw new IOException($"'{file.SourcePath}' grew while the disk image was written");
        }

        private static byte[] Dots(int count) => System.Text.Encoding.ASCII.GetBytes(new string('.', count).PadRight(11));

        // Sector-addressed positioning; a forward seek leaves zeros behind it.
        private sealed class SectorWriter
        {
            private readonly Stream _output;
            private readonly long _origin;

            public SectorWriter(Stream output, long origin = 0)
            {
                _output = output;
                _origin = origin;
            }

            public void Seek(long sector) => _output.Position = _origin + sector * FatGeometry.SectorSize;

            public void Put(long sector, byte[] bytes)
            {
                Seek(sector);
                _output.Write(bytes, 0, bytes.Length);
            }
        }
    }
}
