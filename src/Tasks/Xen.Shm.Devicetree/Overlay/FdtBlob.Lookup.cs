using System;

namespace Xen.Shm.Devicetree.Overlay
{
    // Read-only look-ups: libfdt/fdt_ro.c. Names are byte ranges (no text decoding, as in C).
    internal sealed partial class FdtBlob
    {
        /// <summary>fdt_get_string: absolute index of the string at <paramref name="stroffset"/>, its length out.</summary>
        public int GetString(uint stroffset, out int len)
        {
            len = 0;
            long abs = (long)stroffset + OffStrings;
            if (abs >= TotalSize || (int)stroffset < 0 || stroffset >= (uint)SizeStrings) return Err(FdtError.BadOffset);
            long max = Math.Min(TotalSize - abs, SizeStrings - stroffset);
            int end = Array.IndexOf(Mem, (byte)0, (int)abs, (int)Math.Min(max, Mem.Length - abs));
            if (end < 0) return Err(FdtError.Truncated);
            len = end - (int)abs;
            return (int)abs;
        }

        /// <summary>fdt_get_name: absolute index of the node's name, its length out.</summary>
        public int GetName(int node, out int len)
        {
            len = 0;
            int err = CheckNodeOffset(node);
            if (err < 0) return err;
            int abs = At(node) + 4;
            len = Array.IndexOf(Mem, (byte)0, abs) - abs;
            return abs;
        }

        public byte[] NameBytes(int node)
        {
            int abs = GetName(node, out int len);
            return abs < 0 ? Array.Empty<byte>() : Slice(abs, len);
        }

        public byte[] Slice(int abs, int len)
        {
            var b = new byte[len];
            Array.Copy(Mem, abs, b, 0, len);
            return b;
        }

        private bool BytesEqual(int abs, byte[] s, int sOff, int len)
        {
            for (int i = 0; i < len; i++)
                if (Mem[abs + i] != s[sOff + i]) return false;
            return true;
        }

        /// <summary>fdt_nodename_eq_: "name" also matches "name@unit" when the searched name has no '@'.</summary>
        private bool NodeNameEq(int node, byte[] s, int sOff, int len)
        {
            int p = GetName(node, out int olen);
            if (p < 0 || olen < len || !BytesEqual(p, s, sOff, len)) return false;
            if (Mem[p + len] == 0) return true;
            return Array.IndexOf(s, (byte)'@', sOff, len) < 0 && Mem[p + len] == (byte)'@';
        }

        public int SubnodeOffset(int parent, byte[] name, int nameOff, int nameLen)
        {
            int depth = 0, offset = parent;
            for (; offset >= 0 && depth >= 0; offset = NextNode(offset, ref depth, trackDepth: true))
                if (depth == 1 && NodeNameEq(offset, name, nameOff, nameLen)) return offset;
            return depth < 0 ? Err(FdtError.NotFound) : offset;
        }

        public int SubnodeOffset(int parent, byte[] name) => SubnodeOffset(parent, name, 0, name.Length);

        public int SubnodeOffset(int parent, string name) => SubnodeOffset(parent, Latin1(name));

        public static byte[] Latin1(string s)
        {
            var b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++) b[i] = (byte)s[i];
            return b;
        }

        /// <summary>fdt_path_offset_namelen: "/a/b", or "alias/rest" through /aliases.</summary>
        public int PathOffset(byte[] path, int start, int length)
        {
            int end = start + length, p = start, offset = 0;
            if (length == 0 || path[start] != (byte)'/')
            {
                int q = IndexOf(path, (byte)'/', p, end);
                int alias = GetAlias(path, p, q - p, out int aliasLen);
                if (alias < 0) return Err(FdtError.BadPath);
                offset = PathOffset(Slice(alias, aliasLen), 0, aliasLen);
                p = q;
            }
            while (p < end)
            {
                while (path[p] == (byte)'/')
                    if (++p == end) return offset;
                int q = IndexOf(path, (byte)'/', p, end);
                offset = SubnodeOffset(offset, path, p, q - p);
                if (offset < 0) return offset;
                p = q;
            }
            return offset;
        }

        public int PathOffset(byte[] path) => PathOffset(path, 0, path.Length);

        public int PathOffset(string path) => PathOffset(Latin1(path));

        private static int IndexOf(byte[] s, byte b, int from, int end)
        {
            int q = from < end ? Array.IndexOf(s, b, from, end - from) : -1;
            return q < 0 ? end : q;
        }

        /// <summary>fdt_get_alias_namelen: the alias's value (it is used up to its first NUL, as a C string).</summary>
        private int GetAlias(byte[] name, int off, int len, out int valueLen)
        {
            valueLen = 0;
            int aliases = PathOffset("/aliases");
            if (aliases < 0) return -1;
            int prop = GetProperty(aliases, name, off, len, out int plen);
            if (prop < 0) return -1;
            int abs = At(prop) + 12;
            int nul = Array.IndexOf(Mem, (byte)0, abs, Math.Max(0, Math.Min(plen, Mem.Length - abs)));
            valueLen = nul < 0 ? plen : nul - abs;
            return abs;
        }
    }
}
