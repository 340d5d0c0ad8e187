using System.Collections.Generic;

namespace Xen.Shm.Devicetree.Overlay
{
    /// <summary>
    /// Fragments copied into the base (libfdt/fdt_overlay.c, dtc 1.6.1: overlay_get_target,
    /// overlay_apply_node, overlay_merge). Each property is set with fdt_setprop (replaced in place,
    /// or inserted first in its node); each subnode is added with fdt_add_subnode (first among the
    /// children) or merged into the existing one. Records every base path and property it wrote.
    /// </summary>
    internal sealed class OverlayMerge
    {
        private readonly FdtBlob _fdt;
        private readonly FdtBlob _fdto;

        public OverlayMerge(FdtBlob fdt, FdtBlob fdto)
        {
            _fdt = fdt;
            _fdto = fdto;
        }

        public string Where { get; private set; } = string.Empty;

        /// <summary>(base node path, property name or null for the node itself) in the order written.</summary>
        public List<OverlayWrite> Writes { get; } = new List<OverlayWrite>();

        /// <summary>overlay_get_target: the base node a fragment aims at; <paramref name="targetPath"/> when by target-path.</summary>
        public int GetTarget(int fragment, out byte[]? targetPath)
        {
            targetPath = null;
            uint phandle = 0;
            int prop = _fdto.GetProperty(fragment, "target", out int len);
            if (prop >= 0)
            {
                phandle = len == 4 ? _fdto.Get(_fdto.PropData(prop)) : uint.MaxValue;
                if (phandle == uint.MaxValue) return Fail(FdtError.BadPhandle, $"{Frag(fragment)}: 'target' is not one phandle cell");
            }
            int ret, pathLen = 0;
            if (phandle == 0)
            {
                int pathProp = _fdto.GetProperty(fragment, "target-path", out pathLen);
                if (pathProp >= 0)
                {
                    targetPath = OverlayFixups.CString(_fdto, _fdto.PropData(pathProp), pathLen);
                    ret = _fdt.PathOffset(targetPath);
                }
                else ret = pathLen;
            }
            else ret = _fdt.NodeOffsetByPhandle(phandle);
            if (ret < 0 && pathLen == FdtBlob.Err(FdtError.NotFound))
                return Fail(FdtError.BadOverlay, $"{Frag(fragment)} has neither 'target' nor 'target-path'");
            if (ret < 0)
                return Fail((FdtError)(-ret), targetPath != null
                    ? $"{Frag(fragment)}: target-path '{OverlayApplier.Text(targetPath)}' is not in the base tree"
                    : $"{Frag(fragment)}: target phandle 0x{phandle:x} is not in the base tree");
            return ret;
        }

        public int Merge()
        {
            for (int fragment = _fdto.FirstSubnode(0); fragment >= 0; fragment = _fdto.NextSubnode(fragment))
            {
                int overlay = _fdto.SubnodeOffset(fragment, "__overlay__");
                if (overlay == FdtBlob.Err(FdtError.NotFound)) continue;
                if (overlay < 0) return overlay;
                int target = GetTarget(fragment, out _);
                if (target < 0) return target;
                int ret = ApplyNode(target, OverlayApplier.PathText(_fdt, target), overlay, Frag(fragment), 0);
                if (ret != 0) return ret;
            }
            return 0;
        }

        private int ApplyNode(int target, string targetPath, int node, string frag, int depth)
        {
            if (depth > OverlayApplier.MaxDepth) return Fail(FdtError.BadStructure, $"{frag}: nesting too deep");
            for (int prop = _fdto.FirstPropertyOffset(node); prop >= 0; prop = _fdto.NextPropertyOffset(prop))
            {
                int ret = CopyProperty(target, targetPath, prop, frag);
                if (ret != 0) return ret;
            }
            for (int sub = _fdto.FirstSubnode(node); sub >= 0; sub = _fdto.NextSubnode(sub))
            {
                byte[] name = _fdto.NameBytes(sub);
                int nnode = _fdt.AddSubnode(target, name);
                bool added = nnode >= 0;
                if (nnode == FdtBlob.Err(FdtError.Exists)) nnode = _fdt.SubnodeOffset(target, name);
                if (nnode < 0) return Fail((FdtError)(-nnode), $"{frag}: adding node '{OverlayApplier.Text(name)}'");
                string path = (targetPath == "/" ? "" : targetPath) + "/" + OverlayApplier.Text(_fdt.NameBytes(nnode));
                if (added) Writes.Add(new OverlayWrite(path, null));
                int ret = ApplyNode(nnode, path, sub, frag, depth + 1);
                if (ret != 0) return ret;
            }
            return 0;
        }

        private int CopyProperty(int target, string targetPath, int prop, string frag)
        {
            _fdto.GetPropertyByOffset(prop, out int len);
            int nameAbs = _fdto.PropName(prop, out int nameLen);
            if (nameAbs < 0) return nameAbs;
            byte[] name = _fdto.Slice(nameAbs, nameLen);
            int ret = _fdt.SetProp(target, name, _fdto.Mem, _fdto.PropData(prop), len);
            if (ret != 0) return Fail((FdtError)(-ret), $"{frag}: setting '{OverlayApplier.Text(name)}'");
            Writes.Add(new OverlayWrite(targetPath, OverlayApplier.Text(name)));
            return 0;
        }

        private string Frag(int fragment) => "fragment '" + OverlayApplier.Text(_fdto.NameBytes(fragment)) + "'";

        private int Fail(FdtError e, string where)
        {
            Where = where;
            return FdtBlob.Err(e);
        }
    }

    /// <summary>A base node (Property null) or property an overlay wrote.</summary>
    public sealed class OverlayWrite
    {
        public OverlayWrite(string nodePath, string? property)
        {
            NodePath = nodePath;
            Property = property;
        }

        public string NodePath { get; }
        public string? Property { get; }

        public override string ToString() => Property == null ? NodePath : NodePath + ":" + Property;
    }
}
