using System.Collections.Generic;
using System.Text;

namespace Xen.Shm.Devicetree
{
    /// <summary>-@ (/__symbols__) and -A (/aliases) from node labels (livetree.c generate_label_tree; spec §9).</summary>
    internal static class LabelTrees
    {
        public static void Generate(DtTree tree, string name, bool allocatePhandles, PhandleFormat format, List<DtcMessage> messages)
        {
            if (!AnyLabel(tree.Root)) return;
            var an = RootChild(tree.Root, name);
            Walk(tree, an, tree.Root, allocatePhandles, format, messages);
        }

        /// <summary>build_root_node: the live root child of that name, or a new last child.</summary>
        internal static DtNode RootChild(DtNode root, string name) => root.GetChild(name) ?? root.AddChild(name);

        private static bool AnyLabel(DtNode node)
        {
            if (node.LabelsOrEmpty.AnyIncludingDeleted) return true;
            foreach (var c in node.ChildList)
                if (!c.IsDeleted && AnyLabel(c)) return true;
            return false;
        }

        private static void Walk(DtTree tree, DtNode an, DtNode node, bool allocate, PhandleFormat format, List<DtcMessage> messages)
        {
            if (node.LabelsOrEmpty.AnyIncludingDeleted)
            {
                foreach (var l in node.Labels)
                {
                    if (an.GetProperty(l) != null)
                    {
                        messages.Add(DtcMessage.Plain(DtcSeverity.Warning, "WARNING: label " + l + " already exists in /" + an.Name, noNewline: true)); // dtc prints no newline here
                        continue;
                    }
                    var v = new DtValue();
                    v.AddMarker(DtMarkerKind.TypeString, null);
                    // data_copy_escape_string over the path: escapes in a path would be decoded (none occur in valid names).
                    var b = Encoding.UTF8.GetBytes(node.Path);
                    v.AppendBytes(b, 0, b.Length).AppendByte(0);
                    an.AddProperty(new DtProperty(l, v));
                }
                if (allocate) Phandles.Get(tree, node, format);
            }
            var children = node.ChildList;
            for (int i = 0; i < children.Count; i++)
                if (!children[i].IsDeleted) Walk(tree, an, children[i], allocate, format, messages);
        }
    }
}
