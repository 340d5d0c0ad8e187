using System;

namespace Xen.Shm.Devicetree
{
    /// <summary>Merging a parsed body into an existing node, as livetree.c merge_nodes (spec §4.3).</summary>
    internal static class TreeMerge
    {
        public static DtNode Merge(DtNode oldNode, DtNode newNode)
        {
            oldNode.IsDeleted = false;
            if (newNode.LabelsOrEmpty.AnyIncludingDeleted)
                foreach (var l in newNode.Labels.WithDeleted()) oldNode.Labels.Add(l.Key);

            foreach (var np in newNode.PropertyList)
            {
                if (np.IsDeleted)
                {
                    // A /delete-property/ placeholder: delete the first property of that name (live or not).
                    foreach (var op in oldNode.PropertyList)
                    {
                        if (string.Equals(op.Name, np.Name, StringComparison.Ordinal))
                        {
                            op.Delete();
                            break;
                        }
                    }
                    continue;
                }
                DtProperty? hit = null;
                foreach (var op in oldNode.PropertyList)
                {
                    if (string.Equals(op.Name, np.Name, StringComparison.Ordinal)) { hit = op; break; }
                }
                if (hit != null)
                {
                    if (np.LabelsOrNull != null)
                        foreach (var l in np.LabelsOrNull.WithDeleted()) hit.Labels.Add(l.Key);
                    hit.Value = np.Value;
                    hit.IsDeleted = false;
                    hit.Span = np.Span;
                }
                else
                {
                    oldNode.AddProperty(np);
                }
            }

            foreach (var nc in newNode.ChildList)
            {
                nc.DetachForMerge();
                if (nc.IsDeleted)
                {
                    // A /delete-node/ placeholder: delete the first child of that name, deleted or not (delete_node_by_name).
                    foreach (var oc in oldNode.ChildList)
                    {
                        if (string.Equals(oc.Name, nc.Name, StringComparison.Ordinal))
                        {
                            oc.Delete();
                            break;
                        }
                    }
                    continue;
                }
                DtNode? hit = null;
                foreach (var oc in oldNode.ChildList)
                {
                    if (string.Equals(oc.Name, nc.Name, StringComparison.Ordinal)) { hit = oc; break; }
                }
                if (hit != null) Merge(hit, nc);
                else oldNode.AddChild(nc);
            }

            oldNode.AddSpan(newNode.Span, newNode.AlsoDefinedAt);
            return oldNode;
        }
    }
}
