using System;

namespace Xen.Shm.Devicetree.Overlay
{
    // In-place edits: libfdt/fdt_rw.c and fdt_wip.c. A splice moves the rest of the data like memmove
    // and leaves what was under a grown gap in place: the padding of a new value keeps those stale
    // bytes, as in fdtoverlay's output.
    internal sealed partial class FdtBlob
    {
        private int DataSize => OffStrings + SizeStrings;

        private int Splice(int p, int oldLen, int newLen)
        {
            int dsize = DataSize;
            if (oldLen < 0 || (long)p + oldLen > dsize || p < 0) return Err(FdtError.BadOffset);
            if ((long)dsize - oldLen + newLen > TotalSize) return Err(FdtError.NoSpace);
            Array.Copy(Mem, p + oldLen, Mem, p + newLen, dsize - (p + oldLen));
            return 0;
        }

        private int SpliceStruct(int p, int oldLen, int newLen)
        {
            int err = Splice(p, oldLen, newLen);
            if (err != 0) return err;
            SizeStruct += newLen - oldLen;
            OffStrings += newLen - oldLen;
            return 0;
        }

        /// <summary>fdt_find_add_string_: any earlier occurrence counts, a suffix of a longer name too (fdt_find_string_).</summary>
        private int FindAddString(byte[] s, out bool allocated)
        {
            allocated = false;
            int table = OffStrings, size = SizeStrings, len = s.Length + 1;
            for (int p = table; p <= table + size - len; p++)
                if (Mem[p + s.Length] == 0 && BytesEqual(p, s, 0, s.Length)) return p - table;
            int err = Splice(table + size, 0, len);
            if (err != 0) return err;
            SizeStrings = size + len;
            Array.Copy(s, 0, Mem, table + size, s.Length);
            Mem[table + size + s.Length] = 0;
            allocated = true;
            return size;
        }

        /// <summary>fdt_setprop_placeholder: resize in place, else insert as the node's first property.</summary>
        public int SetPropPlaceholder(int node, byte[] name, int len, out int data)
        {
            data = -1;
            int prop = GetProperty(node, name, out int oldLen);
            if (prop >= 0)
            {
                int err = SpliceStruct(PropData(prop), TagAlign(oldLen), TagAlign(len));
                if (err != 0) return err;
                Set(At(prop) + 4, (uint)len);
                data = PropData(prop);
                return 0;
            }
            if (prop != Err(FdtError.NotFound)) return prop;
            return AddProperty(node, name, len, out data);
        }

        private int AddProperty(int node, byte[] name, int len, out int data)
        {
            data = -1;
            int next = CheckNodeOffset(node);
            if (next < 0) return next;
            int nameOff = FindAddString(name, out bool allocated);
            if (nameOff < 0) return nameOff;
            int err = SpliceStruct(At(next), 0, 12 + TagAlign(len));
            if (err != 0)
            {
                if (allocated) SizeStrings -= name.Length + 1;
                return err;
            }
            Set(At(next), (uint)Tag.Prop);
            Set(At(next) + 4, (uint)len);
            Set(At(next) + 8, (uint)nameOff);
            data = At(next) + 12;
            return 0;
        }

        public int SetProp(int node, byte[] name, byte[] value, int valueOff, int len)
        {
            int err = SetPropPlaceholder(node, name, len, out int data);
            if (err == 0 && len > 0) Array.Copy(value, valueOff, Mem, data, len);
            return err;
        }

        /// <summary>fdt_add_subnode_namelen: a new node goes after the parent's properties, before its first child.</summary>
        public int AddSubnode(int parent, byte[] name)
        {
            int offset = SubnodeOffset(parent, name);
            if (offset >= 0) return Err(FdtError.Exists);
            if (offset != Err(FdtError.NotFound)) return offset;
            if (NextTag(parent, out int next) != Tag.BeginNode) return Err(FdtError.Internal);
            Tag tag;
            do
            {
                offset = next;
                tag = NextTag(offset, out next);
            } while (tag == Tag.Prop || tag == Tag.Nop);
            int nameSize = TagAlign(name.Length + 1), nodeLen = 4 + nameSize + 4;
            int err = SpliceStruct(At(offset), 0, nodeLen);
            if (err != 0) return err;
            int abs = At(offset);
            Set(abs, (uint)Tag.BeginNode);
            Array.Clear(Mem, abs + 4, nameSize);
            Array.Copy(name, 0, Mem, abs + 4, name.Length);
            Set(abs + 4 + nameSize, (uint)Tag.EndNode);
            return offset;
        }

        /// <summary>fdt_setprop_inplace_namelen_partial: overwrite 4 bytes at <paramref name="index"/> of an existing value.</summary>
        public int SetPropInplace32(int node, byte[] name, int nameOff, int nameLen, uint index, uint value)
        {
            int prop = GetProperty(node, name, nameOff, nameLen, out int len);
            if (prop < 0) return prop;
            if ((ulong)(uint)len < 4UL + index) return Err(FdtError.NoSpace);
            Set(PropData(prop) + (int)index, value);
            return 0;
        }
    }
}
