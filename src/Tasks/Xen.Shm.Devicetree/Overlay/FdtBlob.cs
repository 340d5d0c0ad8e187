using System;

namespace Xen.Shm.Devicetree.Overlay
{
    /// <summary>
    /// A flattened tree in one buffer, edited the way libfdt edits it in place (dtc 1.6.1 libfdt/fdt.c,
    /// fdt_ro.c, fdt_rw.c, fdt_wip.c): same offsets, same splices, same stale bytes left in padding. The
    /// overlay applier runs fdt_overlay.c on two of these, so its result is fdtoverlay's to the byte.
    /// Methods return libfdt's values: an offset or length, or a negative <see cref="FdtError"/>.
    /// Header fields are read from the buffer itself, as libfdt does.
    /// </summary>
    internal sealed partial class FdtBlob
    {
        private const int HeaderSize = 40;
        public const uint Magic = 0xd00dfeed;

        public FdtBlob(byte[] buffer)
        {
            Mem = buffer;
        }

        /// <summary>The whole buffer (its length is the space libfdt may grow into).</summary>
        public byte[] Mem { get; }

        public uint TotalSize { get => Get(4); set => Set(4, value); }
        public int OffStruct { get => (int)Get(8); set => Set(8, (uint)value); }
        public int OffStrings { get => (int)Get(12); set => Set(12, (uint)value); }
        public int OffMemRsv { get => (int)Get(16); set => Set(16, (uint)value); }
        public uint Version { get => Get(20); set => Set(20, value); }
        public int SizeStrings { get => (int)Get(32); set => Set(32, (uint)value); }
        public int SizeStruct { get => (int)Get(36); set => Set(36, (uint)value); }

        public static int Err(FdtError e) => -(int)e;

        public uint Get(int abs) =>
            (uint)(Mem[abs] << 24 | Mem[abs + 1] << 16 | Mem[abs + 2] << 8 | Mem[abs + 3]);

        public void Set(int abs, uint v)
        {
            Mem[abs] = (byte)(v >> 24);
            Mem[abs + 1] = (byte)(v >> 16);
            Mem[abs + 2] = (byte)(v >> 8);
            Mem[abs + 3] = (byte)v;
        }

        /// <summary>fdt_offset_ptr's check: <paramref name="len"/> bytes at struct offset <paramref name="offset"/> exist.</summary>
        public bool Has(long offset, long len)
        {
            if (offset < 0 || len < 0) return false;
            long abs = offset + OffStruct;
            if (abs + len > TotalSize || abs + len > Mem.Length) return false;
            return Version < 0x11 || offset + len <= SizeStruct;
        }

        /// <summary>Absolute index of struct offset <paramref name="offset"/>.</summary>
        public int At(int offset) => OffStruct + offset;

        public uint Struct32(int offset) => Get(At(offset));

        /// <summary>fdt_num_mem_rsv: entries before the one whose size is 0.</summary>
        public int NumMemRsv()
        {
            for (int i = 0; ; i++)
            {
                int abs = OffMemRsv + i * 16;
                if (abs + 16 > TotalSize) return Err(FdtError.Truncated);
                if (Get(abs + 8) == 0 && Get(abs + 12) == 0) return i;
            }
        }

        /// <summary>fdtoverlay's fdt_open_into(base, buf, size): the base in a buffer of <paramref name="size"/> bytes.</summary>
        public static FdtBlob OpenInto(byte[] blob, int size)
        {
            var src = new FdtBlob(blob);
            int rsvSize = (src.NumMemRsv() + 1) * 16;
            int structSize = src.Version >= 17 ? src.SizeStruct : src.StructSizeByWalk();
            var buf = new byte[Math.Max(size, (int)src.TotalSize)];
            var dst = new FdtBlob(buf);
            if (!src.Misordered(rsvSize, structSize))
            {
                Array.Copy(blob, buf, (int)src.TotalSize);
                dst.Version = 17;
                dst.SizeStruct = structSize;
                dst.TotalSize = (uint)buf.Length;
                return dst;
            }
            Array.Copy(blob, buf, HeaderSize);
            PackBlocks(src, dst, rsvSize, structSize, src.SizeStrings);
            dst.Set(0, Magic);
            dst.TotalSize = (uint)buf.Length;
            dst.Version = 17;
            dst.Set(24, 16);
            return dst;
        }

        /// <summary>fdt_pack, then the bytes utilfdt_write writes (totalsize of them).</summary>
        public byte[] Pack()
        {
            int rsvSize = (NumMemRsv() + 1) * 16;
            PackBlocks(this, this, rsvSize, SizeStruct, SizeStrings);
            TotalSize = (uint)(OffStrings + SizeStrings);
            var output = new byte[TotalSize];
            Array.Copy(Mem, output, output.Length);
            return output;
        }

        private static void PackBlocks(FdtBlob old, FdtBlob @new, int rsvSize, int structSize, int stringsSize)
        {
            int rsvOff = HeaderSize, structOff = rsvOff + rsvSize, stringsOff = structOff + structSize;
            Array.Copy(old.Mem, old.OffMemRsv, @new.Mem, rsvOff, rsvSize);
            @new.OffMemRsv = rsvOff;
            Array.Copy(old.Mem, old.OffStruct, @new.Mem, structOff, structSize);
            @new.OffStruct = structOff;
            @new.SizeStruct = structSize;
            Array.Copy(old.Mem, old.OffStrings, @new.Mem, stringsOff, stringsSize);
            @new.OffStrings = stringsOff;
            @new.SizeStrings = stringsSize;
        }

        private bool Misordered(int rsvSize, int structSize) =>
            OffMemRsv < HeaderSize
            || OffStruct < OffMemRsv + rsvSize
            || OffStrings < OffStruct + structSize
            || TotalSize < (long)OffStrings + SizeStrings;

        private int StructSizeByWalk()
        {
            int size = 0;
            while (NextTag(size, out size) != Tag.End) { }
            return size < 0 ? 0 : size;
        }
    }
}
