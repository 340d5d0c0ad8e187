using System;
using System.Text;

namespace Xen.Shm.BootImage.Disk
{
    /// <summary>
    /// The fixed records of the image, byte for byte as fatgen103 (FAT32 BPB, FSInfo, directory and
    /// long-name entries) and the MBR layout (one primary partition entry at 446, signature 55 AA).
    /// </summary>
    public static class FatRecords
    {
        public const byte AttrDirectory = 0x10;
        public const byte AttrArchive = 0x20;
        public const byte AttrLongName = 0x0F;
        public const byte PartitionTypeFat32Lba = 0x0C;
        public const uint EndOfChain = 0x0FFFFFFF;

        public static byte[] BootSector(FatGeometry g, long hiddenSectors, uint volumeId)
        {
            var b = new byte[FatGeometry.SectorSize];
            b[0] = 0xEB; b[1] = 0x58; b[2] = 0x90;
            Ascii("XENSHM  ").CopyTo(b, 3);
            U16(b, 11, FatGeometry.SectorSize);
            b[13] = (byte)g.SectorsPerCluster;
            U16(b, 14, FatGeometry.ReservedSectors);
            b[16] = FatGeometry.FatCount;
            b[21] = 0xF8;                          // fixed disk
            U16(b, 24, 63);                        // geometry fdisk/mkfs.fat assume for LBA disks
            U16(b, 26, 255);
            U32(b, 28, (uint)hiddenSectors);
            U32(b, 32, (uint)g.TotalSectors);
            U32(b, 36, g.FatSectors);
            U32(b, 44, 2);                         // root folder cluster
            U16(b, 48, 1);                         // FSInfo sector
            U16(b, 50, 6);                         // backup boot sector
            b[64] = 0x80;
            b[66] = 0x29;                          // the next three fields are valid
            U32(b, 67, volumeId);
            Ascii("NO NAME    ").CopyTo(b, 71);
            Ascii("FAT32   ").CopyTo(b, 82);
            b[510] = 0x55; b[511] = 0xAA;
            return b;
        }

        public static byte[] FsInfo(uint freeClusters, uint nextFree)
        {
            var b = new byte[FatGeometry.SectorSize];
            U32(b, 0, 0x41615252);
            U32(b, 484, 0x61417272);
            U32(b, 488, freeClusters);
            U32(b, 492, nextFree);
            U32(b, 508, 0xAA550000);
            return b;
        }

        /// <summary>A short directory entry (fatgen103 "FAT 32 Byte Directory Entry Structure").</summary>
        public static void ShortEntry(byte[] b, int at, byte[] name, byte attributes, uint cluster, uint size, FatTime time)
        {
            Array.Copy(name, 0, b, at, 11);
            b[at + 11] = attributes;
            U16(b, at + 14, time.Time);            // created
            U16(b, at + 16, time.Date);
            U16(b, at + 18, time.Date);            // last access
            U16(b, at + 20, (ushort)(cluster >> 16));
            U16(b, at + 22, time.Time);            // written
            U16(b, at + 24, time.Date);
            U16(b, at + 26, (ushort)cluster);
            U32(b, at + 28, size);
        }

        /// <summary>
        /// The long-name slots of <paramref name="name"/>, last slot first (ordinal | 0x40), 13 UTF-16 units
        /// each, NUL-terminated then 0xFFFF-padded (fatgen103 "FAT Long Directory Entries").
        /// </summary>
        public static int LongEntries(byte[] b, int at, FatName name)
        {
            string text = name.LongName;
            int slots = (text.Length + 12) / 13;
            byte checksum = FatName.Checksum(name.ShortName);
            for (int slot = slots; slot >= 1; slot--, at += FatLayout.EntrySize)
            {
                b[at] = (byte)(slot | (slot == slots ? 0x40 : 0));
                b[at + 11] = AttrLongName;
                b[at + 13] = checksum;
                for (int k = 0; k < 13; k++)
                {
                    int i = (slot - 1) * 13 + k;
                    ushort unit = i < text.Length ? text[i] : i == text.Length ? (ushort)0 : (ushort)0xFFFF;
                    U16(b, at + LongNameOffset(k), unit);
                }
            }

            return slots;
        }

        public static byte[] MasterBootRecord(long startSector, long sectorCount, uint diskSignature)
        {
            var b = new byte[FatGeometry.SectorSize];
            U32(b, 440, diskSignature);
            b[446] = 0x80;                                 // bootable
            Chs(b, 447, startSector);
            b[450] = PartitionTypeFat32Lba;
            Chs(b, 451, startSector + sectorCount - 1);
            U32(b, 454, (uint)startSector);
            U32(b, 458, (uint)sectorCount);
            b[510] = 0x55; b[511] = 0xAA;
            return b;
        }

        // Characters 1-5 at 1, 6-11 at 14, 12-13 at 28.
        private static int LongNameOffset(int k) => k < 5 ? 1 + 2 * k : k < 11 ? 14 + 2 * (k - 5) : 28 + 2 * (k - 11);

        // Cylinder/head/sector for 255 heads and 63 sectors per track; past cylinder 1023 the maximum (fdisk).
        private static void Chs(byte[] b, int at, long lba)
        {
            long c = lba / (255 * 63), h = lba / 63 % 255, s = lba % 63 + 1;
            if (c > 1023) { c = 1023; h = 254; s = 63; }
            b[at] = (byte)h;
            b[at + 1] = (byte)(s | ((c >> 2) & 0xC0));
            b[at + 2] = (byte)c;
        }

        internal static void U16(byte[] b, int at, int v)
        {
            b[at] = (byte)v;
            b[at + 1] = (byte)(v >> 8);
        }

        internal static void U32(byte[] b, int at, uint v)
        {
            for (int i = 0; i < 4; i++) b[at + i] = (byte)(v >> (8 * i));
        }

        private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
    }
}
