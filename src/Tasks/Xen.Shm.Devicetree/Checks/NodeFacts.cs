using System;
using System.Text;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>Small queries the checks share (livetree.c accessors, checks.c helpers).</summary>
    internal static class NodeFacts
    {
        public static int BaseNameLength(DtNode n)
        {
            int at = n.Name.IndexOf('@');
            return at < 0 ? n.Name.Length : at;
        }

        /// <summary>get_unitname: text after the first '@', or empty.</summary>
        public static string UnitName(DtNode n) => n.UnitAddress;

        /// <summary>strprefixeq(node->name, basenamelen, s): the base name equals s.</summary>
        public static bool BaseNameIs(DtNode n, string s) => BaseNameLength(n) == s.Length && string.CompareOrdinal(n.Name, 0, s, 0, s.Length) == 0;

        /// <summary>propval_cell; dtc asserts 4 bytes — we read what is there.</summary>
        public static uint Cell(DtProperty p, int index = 0) =>
            p.Value.Length >= (index + 1) * 4 ? p.Value.GetCell(index * 4) : 0;

        public static int AddrCells(DtNode n) => n.AddressCells == -1 ? 2 : n.AddressCells;
        public static int SizeCells(DtNode n) => n.SizeCells == -1 ? 1 : n.SizeCells;

        /// <summary>get_node_by_phandle: first live node (pre-order) owning the value; 0 and ~0 find nothing.</summary>
        public static DtNode? ByPhandle(DtNode root, uint phandle) => TreeIndex.For(root).ByPhandle(phandle);

        /// <summary>The value read as a C string (up to the first NUL; the whole value if none).</summary>
        public static string CString(DtProperty p) => p.Value.AsCString();

        public static bool StringEquals(DtProperty p, string s)
        {
            // streq(prop->val.val, s): C string compare from the start of the value.
            var v = p.Value;
            var b = Encoding.UTF8.GetBytes(s);
            for (int i = 0; i < b.Length; i++)
                if (i >= v.Length || v[i] != b[i]) return false;
            return b.Length < v.Length ? v[b.Length] == 0 : false;
        }

        public static bool IsCompatible(DtNode node, string compat)
        {
            var prop = node.GetProperty("compatible");
            if (prop == null) return false;
            // Each NUL-separated piece compared as a C string (checks.c node_is_compatible).
            var v = prop.Value;
            int pos = 0;
            while (pos < v.Length)
            {
                int end = pos;
                while (end < v.Length && v[end] != 0) end++;
                if (end - pos == compat.Length)
                {
                    bool eq = true;
                    for (int i = 0; i < compat.Length; i++) if (v[pos + i] != (byte)compat[i]) { eq = false; break; }
                    if (eq && end < v.Length) return true;
                }
                pos = end + 1;
            }
            return false;
        }

        public static bool EndsWith(string s, string suffix) => s.EndsWith(suffix, StringComparison.Ordinal);
    }
}
