using System;

namespace Xen.Shm.Devicetree.Overlay
{
    /// <summary>
    /// The overlay's labels added to the base's <c>/__symbols__</c> (libfdt/fdt_overlay.c, dtc 1.6.1:
    /// overlay_symbol_update): "/fragment@N/__overlay__/rel" becomes "&lt;target path&gt;/rel"; symbols
    /// outside a fragment's __overlay__ are skipped.
    /// </summary>
    internal sealed class OverlaySymbols
    {
        private static readonly byte[] OverlayDir = FdtBlob.Latin1("/__overlay__/");
        private readonly FdtBlob _fdt;
        private readonly FdtBlob _fdto;
        private readonly OverlayMerge _targets;

        public OverlaySymbols(FdtBlob fdt, FdtBlob fdto, OverlayMerge targets)
        {
            _fdt = fdt;
            _fdto = fdto;
            _targets = targets;
        }

        public string Where { get; private set; } = string.Empty;

        public int Update()
        {
            int ovSym = _fdto.SubnodeOffset(0, "__symbols__");
            if (ovSym < 0) return 0;
            int rootSym = _fdt.SubnodeOffset(0, "__symbols__");
            if (rootSym == FdtBlob.Err(FdtError.NotFound)) rootSym = _fdt.AddSubnode(0, FdtBlob.Latin1("__symbols__"));
            if (rootSym < 0) return rootSym;
            for (int prop = _fdto.FirstPropertyOffset(ovSym); prop >= 0; prop = _fdto.NextPropertyOffset(prop))
            {
                int ret = UpdateOne(prop);
                if (ret != 0) return ret;
            }
            return 0;
        }

        private int UpdateOne(int prop)
        {
            _fdto.GetPropertyByOffset(prop, out int pathLen);
            int nameAbs = _fdto.PropName(prop, out int nameLen);
            if (nameAbs < 0) return nameAbs;
            byte[] name = _fdto.Slice(nameAbs, nameLen);
            byte[] path = _fdto.Slice(_fdto.PropData(prop), Math.Max(0, pathLen));
            string label = OverlayApplier.Text(name);
            if (pathLen < 1 || Array.IndexOf(path, (byte)0) != pathLen - 1 || path[0] != (byte)'/')
                return Fail(FdtError.BadValue, $"overlay /__symbols__ '{label}' is not one absolute path string");
            int s = Array.IndexOf(path, (byte)'/', 1);
            if (s < 0 || s > pathLen - 1) return 0;
            int e = pathLen, len = OverlayDir.Length, relStart, relLen;
            if (e - s > len && Starts(path, s, OverlayDir, len)) { relStart = s + len; relLen = e - relStart - 1; }
            else if (e - s == len && Starts(path, s, OverlayDir, len - 1)) { relStart = 0; relLen = 0; }
            else return 0;
            int fragment = _fdto.SubnodeOffset(0, path, 1, s - 1);
            if (fragment < 0 || _fdto.SubnodeOffset(fragment, "__overlay__") < 0)
                return Fail(FdtError.BadOverlay, $"overlay /__symbols__ '{label}' names fragment '{OverlayApplier.Text(path, 1, s - 1)}', which has no __overlay__");
            return Write(name, fragment, path, relStart, relLen);
        }

        private int Write(byte[] name, int fragment, byte[] rel, int relStart, int relLen)
        {
            int target = _targets.GetTarget(fragment, out byte[]? targetPath);
            if (target < 0) return Fail(target, _targets.Where);
            int len = targetPath == null ? GetPathLen(target) : targetPath.Length;
            if (len < 0) return len;
            int root = _fdt.SubnodeOffset(0, "__symbols__");
            int ret = _fdt.SetPropPlaceholder(root, name, len + (len > 1 ? 1 : 0) + relLen + 1, out int p);
            if (ret < 0) return Fail(ret, $"adding label '{OverlayApplier.Text(name)}' to /__symbols__");
            byte[] prefix;
            if (len > 1)
            {
                if (targetPath == null)
                {
                    target = _targets.GetTarget(fragment, out _);
                    if (target < 0) return Fail(target, _targets.Where);
                    ret = _fdt.GetPath(target, len + 1, out prefix);
                    if (ret < 0) return ret;
                }
                else prefix = targetPath;
            }
            else { prefix = Array.Empty<byte>(); len = 0; }
            Array.Copy(prefix, 0, _fdt.Mem, p, len);
            _fdt.Mem[p + len] = (byte)'/';
            Array.Copy(rel, relStart, _fdt.Mem, p + len + 1, relLen);
            _fdt.Mem[p + len + 1 + relLen] = 0;
            return 0;
        }

        /// <summary>get_path_len: the length of the node's full path ("/" counts 1).</summary>
        private int GetPathLen(int node)
        {
            int len = 0;
            for (; ; )
            {
                int name = _fdt.GetName(node, out int nameLen);
                if (name < 0) return name;
                if (nameLen == 0) break;
                node = _fdt.ParentOffset(node);
                if (node < 0) return node;
                len += nameLen + 1;
            }
            return len == 0 ? 1 : len;
        }

        private static bool Starts(byte[] s, int at, byte[] prefix, int n)
        {
            for (int i = 0; i < n; i++)
                if (s[at + i] != prefix[i]) return false;
            return true;
        }

        private int Fail(int err, string where)
        {
            Where = where;
            return err;
        }

        private int Fail(FdtError e, string where) => Fail(FdtBlob.Err(e), where);
    }
}
