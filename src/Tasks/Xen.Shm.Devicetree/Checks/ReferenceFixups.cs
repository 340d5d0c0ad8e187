using System.Text;
using static Xen.Shm.Devicetree.Checks.CheckRunner;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>The checks that change the tree: phandle and path references, /omit-if-no-ref/ (checks.c; spec §6.2, §7).</summary>
    internal static class ReferenceFixups
    {
        public static void PhandleReferences(CheckContext ctx, Check c, DtNode node)
        {
            // Index loop: allocating a phandle appends to this very list (dtc walks its linked list likewise).
            var props = node.PropertyList;
            for (int pi = 0; pi < props.Count; pi++)
            {
                var prop = props[pi];
                if (prop.IsDeleted) continue;
                var ms = prop.Value.MarkerList;
                if (ms.Count == 0) continue;
                for (int i = 0; i < ms.Count; i++)
                {
                    var m = ms[i];
                    if (m.Kind != DtMarkerKind.PhandleReference) continue;
                    if (m.Offset + 4 > prop.Value.Length) continue;
                    var target = ctx.Tree.FindNodeByReference(m.Reference!);
                    if (target == null)
                    {
                        if (!ctx.Plugin)
                            Fail(ctx, c, node, "Reference to non-existent node or label \"" + m.Reference + "\"\n");
                        else
                            prop.Value.SetCell(m.Offset, 0xffffffff);
                        continue;
                    }
                    uint ph = Phandles.Get(ctx.Tree, target, ctx.PhandleFormat);
                    prop.Value.SetCell(m.Offset, ph);
                    target.IsReferenced = true;
                }
            }
        }

        public static void PathReferences(CheckContext ctx, Check c, DtNode node)
        {
            var props = node.PropertyList;
            for (int pi = 0; pi < props.Count; pi++)
            {
                var prop = props[pi];
                if (prop.IsDeleted) continue;
                var ms = prop.Value.MarkerList;
                if (ms.Count == 0) continue;
                for (int i = 0; i < ms.Count; i++)
                {
                    var m = ms[i];
                    if (m.Kind != DtMarkerKind.PathReference) continue;
                    var target = ctx.Tree.FindNodeByReference(m.Reference!);
                    if (target == null)
                    {
                        Fail(ctx, c, node, "Reference to non-existent node or label \"" + m.Reference + "\"\n");
                        continue;
                    }
                    var path = Encoding.UTF8.GetBytes(target.Path);
                    var withNul = new byte[path.Length + 1];
                    System.Buffer.BlockCopy(path, 0, withNul, 0, path.Length);
                    prop.Value.InsertAtMarker(i, withNul);
                    target.IsReferenced = true;
                }
            }
        }

        public static void OmitUnusedNodes(CheckContext ctx, Check c, DtNode node)
        {
            if (ctx.Symbols && node.LabelsOrEmpty.AnyIncludingDeleted) return;
            if (node.OmitIfUnreferenced && !node.IsReferenced) node.Delete();
        }
    }
}
