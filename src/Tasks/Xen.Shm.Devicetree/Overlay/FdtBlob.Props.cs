using System;

namespace Xen.Shm.Devicetree.Overlay
{
    // Properties, phandles and paths: libfdt/fdt_ro.c.
    internal sealed partial class FdtBlob
    {
        /// <summary>fdt_get_property_by_offset_: the value's length out (the value is at <see cref="PropData"/>).</summary>
        public int GetPropertyByOffset(int offset, out int len)
        {
            len = 0;
            int err = CheckPropOffset(offset);
            if (err < 0) { len = err; return err; }
            len = (int)Struct32(offset + 4);
            return offset;
        }

        public int PropData(int propOffset) => At(propOffset) + 12;

        /// <summary>Absolute index and length of the property's name, or a negative error.</summary>
        public int PropName(int propOffset, out int len) => GetString(Struct32(propOffset + 8), out len);

        /// <summary>fdt_get_property_namelen_: offset of the named property, its value length out.</summary>
        public int GetProperty(int node, byte[] name, int nameOff, int nameLen, out int len)
        {
            len = 0;
            int offset;
            for (offset = FirstPropertyOffset(node); offset >= 0; offset = NextPropertyOffset(offset))
            {
                GetPropertyByOffset(offset, out len);
                int s = PropName(offset, out int slen);
                if (s >= 0 && slen == nameLen && BytesEqual(s, name, nameOff, nameLen)) return offset;
            }
            len = offset;
            return offset;
        }

        public int GetProperty(int node, byte[] name, out int len) => GetProperty(node, name, 0, name.Length, out len);

        public int GetProperty(int node, string name, out int len) => GetProperty(node, Latin1(name), out len);

        /// <summary>fdt_get_phandle: "phandle", else "linux,phandle", each only when 4 bytes long; 0 if none.</summary>
        public uint GetPhandle(int node)
        {
            int p = GetProperty(node, "phandle", out int len);
            if (p < 0 || len != 4)
            {
                p = GetProperty(node, "linux,phandle", out len);
                if (p < 0 || len != 4) return 0;
            }
            return Get(PropData(p));
        }

        public int NodeOffsetByPhandle(uint phandle)
        {
            if (phandle == 0 || phandle == uint.MaxValue) return Err(FdtError.BadPhandle);
            int offset;
            for (offset = NextNode(-1); offset >= 0; offset = NextNode(offset))
                if (GetPhandle(offset) == phandle) return offset;
            return offset;
        }

        public int FindMaxPhandle(out uint max)
        {
            max = 0;
            for (int offset = -1; ;)
            {
                offset = NextNode(offset);
                if (offset < 0) return offset == Err(FdtError.NotFound) ? 0 : offset;
                max = Math.Max(max, GetPhandle(offset));
            }
        }

        /// <summary>fdt_supernode_atdepth_offset.</summary>
        public int SupernodeAtDepth(int node, int superDepth, out int nodeDepth)
        {
            nodeDepth = 0;
            int superOffset = Err(FdtError.Internal);
            if (superDepth < 0) return Err(FdtError.NotFound);
            int offset, depth = 0;
            for (offset = 0; offset >= 0 && offset <= node; offset = NextNode(offset, ref depth, trackDepth: true))
            {
                if (depth == superDepth) superOffset = offset;
                if (offset == node)
                {
                    nodeDepth = depth;
                    return superDepth > depth ? Err(FdtError.NotFound) : superOffset;
                }
            }
            if (offset == Err(FdtError.NotFound) || offset >= 0) return Err(FdtError.BadOffset);
            return offset == Err(FdtError.BadOffset) ? Err(FdtError.BadStructure) : offset;
        }

        public int ParentOffset(int node)
        {
            int err = SupernodeAtDepth(node, 0, out int depth);
            if (err != 0) return err < 0 ? err : Err(FdtError.Internal);
            return SupernodeAtDepth(node, depth - 1, out _);
        }

        /// <summary>fdt_get_path into a buffer of <paramref name="buflen"/> bytes; the path (no NUL) out.</summary>
        public int GetPath(int node, int buflen, out byte[] path)
        {
            path = Array.Empty<byte>();
            if (buflen < 2) return Err(FdtError.NoSpace);
            var buf = new byte[buflen];
            int pdepth = 0, p = 0, offset, depth = 0;
            for (offset = 0; offset >= 0 && offset <= node; offset = NextNode(offset, ref depth, trackDepth: true))
            {
                while (pdepth > depth)
                {
                    do { p--; } while (buf[p - 1] != (byte)'/');
                    pdepth--;
                }
                if (pdepth >= depth)
                {
                    int name = GetName(offset, out int namelen);
                    if (name < 0) return name;
                    if (p + namelen + 1 <= buflen)
                    {
                        Array.Copy(Mem, name, buf, p, namelen);
                        p += namelen;
                        buf[p++] = (byte)'/';
                        pdepth++;
                    }
                }
                if (offset == node)
                {
                    if (pdepth < depth + 1) return Err(FdtError.NoSpace);
                    if (p > 1) p--;
                    path = new byte[p];
                    Array.Copy(buf, path, p);
                    return 0;
                }
            }
            if (offset == Err(FdtError.NotFound) || offset >= 0) return Err(FdtError.BadOffset);
            return offset == Err(FdtError.BadOffset) ? Err(FdtError.BadStructure) : offset;
        }
    }
}
