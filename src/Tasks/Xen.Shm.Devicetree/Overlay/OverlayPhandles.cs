namespace Xen.Shm.Devicetree.Overlay
{
    /// <summary>
    /// The overlay's own phandles moved past the base's (libfdt/fdt_overlay.c, dtc 1.6.1:
    /// overlay_adjust_local_phandles, overlay_update_local_references). Edits the overlay in place.
    /// </summary>
    internal sealed class OverlayPhandles
    {
        private readonly FdtBlob _fdto;
        private readonly uint _delta;

        public OverlayPhandles(FdtBlob fdto, uint delta)
        {
            _fdto = fdto;
            _delta = delta;
        }

        /// <summary>What failed, for the message.</summary>
        public string Where { get; private set; } = string.Empty;

        public int AdjustNode(int node, int depth = 0)
        {
            if (depth > OverlayApplier.MaxDepth) return Fail(FdtError.BadStructure, "nesting deeper than " + OverlayApplier.MaxDepth);
            foreach (var name in new[] { "phandle", "linux,phandle" })
            {
                int ret = AddOffset(node, name);
                if (ret != 0 && ret != FdtBlob.Err(FdtError.NotFound)) return ret;
            }
            for (int child = _fdto.FirstSubnode(node); child >= 0; child = _fdto.NextSubnode(child))
            {
                int ret = AdjustNode(child, depth + 1);
                if (ret != 0) return ret;
            }
            return 0;
        }

        private int AddOffset(int node, string name)
        {
            int prop = _fdto.GetProperty(node, name, out int len);
            if (prop < 0) return len;
            if (len != 4) return Fail(FdtError.BadPhandle, $"'{name}' of {Path(node)} is not one cell");
            uint value = _fdto.Get(_fdto.PropData(prop));
            if (value + _delta < value || value + _delta == uint.MaxValue)
                return Fail(FdtError.NoPhandles, $"'{name}' of {Path(node)} plus the base's largest phandle overflows");
            return _fdto.SetPropInplace32(node, FdtBlob.Latin1(name), 0, name.Length, 0, value + _delta);
        }

        public int UpdateLocalReferences()
        {
            int fixups = _fdto.PathOffset("/__local_fixups__");
            if (fixups < 0) return fixups == FdtBlob.Err(FdtError.NotFound) ? 0 : fixups;
            return UpdateNode(0, fixups, 0);
        }

        private int UpdateNode(int treeNode, int fixupNode, int depth)
        {
            if (depth > OverlayApplier.MaxDepth) return Fail(FdtError.BadStructure, "__local_fixups__ nesting too deep");
            int prop;
            for (prop = _fdto.FirstPropertyOffset(fixupNode); prop >= 0; prop = _fdto.NextPropertyOffset(prop))
            {
                int ret = UpdateProperty(treeNode, prop);
                if (ret != 0) return ret;
            }
            for (int child = _fdto.FirstSubnode(fixupNode); child >= 0; child = _fdto.NextSubnode(child))
            {
                byte[] name = _fdto.NameBytes(child);
                int treeChild = _fdto.SubnodeOffset(treeNode, name);
                if (treeChild == FdtBlob.Err(FdtError.NotFound))
                    return Fail(FdtError.BadOverlay, $"__local_fixups__ names node '{Text(name)}' that {Path(treeNode)} lacks");
                if (treeChild < 0) return treeChild;
                int ret = UpdateNode(treeChild, child, depth + 1);
                if (ret != 0) return ret;
            }
            return 0;
        }

        private int UpdateProperty(int treeNode, int fixupProp)
        {
            _fdto.GetPropertyByOffset(fixupProp, out int fixupLen);
            int nameAbs = _fdto.PropName(fixupProp, out int nameLen);
            if (nameAbs < 0) return nameAbs;
            byte[] name = _fdto.Slice(nameAbs, nameLen);
            if (fixupLen % 4 != 0) return Fail(FdtError.BadOverlay, $"__local_fixups__ entry '{Text(name)}' is not a list of cells");
            int treeProp = _fdto.GetProperty(treeNode, name, out int treeLen);
            if (treeProp < 0)
                return treeLen == FdtBlob.Err(FdtError.NotFound)
                    ? Fail(FdtError.BadOverlay, $"__local_fixups__ names property '{Text(name)}' that {Path(treeNode)} lacks")
                    : treeLen;
            int fixupData = _fdto.PropData(fixupProp);
            for (int i = 0; i < fixupLen / 4; i++)
            {
                uint poffset = _fdto.Get(fixupData + 4 * i);
                if ((ulong)poffset + 4 > (ulong)(uint)treeLen)
                    return Fail(FdtError.BadOverlay, $"__local_fixups__ offset {poffset} is outside '{Text(name)}' of {Path(treeNode)}");
                uint value = _fdto.Get(_fdto.PropData(treeProp) + (int)poffset) + _delta;
                int ret = _fdto.SetPropInplace32(treeNode, name, 0, name.Length, poffset, value);
                if (ret != 0) return ret;
            }
            return 0;
        }

        private string Path(int node) => OverlayApplier.PathText(_fdto, node);

        private static string Text(byte[] b) => OverlayApplier.Text(b);

        private int Fail(FdtError e, string where)
        {
            Where = where;
            return FdtBlob.Err(e);
        }
    }
}
