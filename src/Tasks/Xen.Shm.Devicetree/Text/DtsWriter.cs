using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// Writes a live tree as DTS text the way dtc 1.6.1's treesource.c dt_to_source does: the header,
    /// /memreserve/ lines, then nodes with tab indentation, labels, and each value printed from its
    /// type markers (or guessed, for values read from a blob). "\n" line endings, no culture.
    /// One deliberate difference, where dtc's text would re-read as other bytes: see
    /// <see cref="DtsValueFormat"/>.
    /// </summary>
    public static class DtsWriter
    {
        public static string Write(DtTree tree)
        {
            var sb = new StringBuilder(4096);
            sb.Append("/dts-v1/;\n\n");
            foreach (var r in tree.MemoryReservations)
            {
                // Labels holds attachment order; dtc's list (and so its text) is the reverse (spec §9.1).
                for (int i = r.Labels.Count - 1; i >= 0; i--) sb.Append(r.Labels[i]).Append(": ");
                sb.Append("/memreserve/\t0x").Append(r.Address.ToString("x16", CultureInfo.InvariantCulture))
                  .Append(" 0x").Append(r.Size.ToString("x16", CultureInfo.InvariantCulture)).Append(";\n");
            }
            WriteNode(sb, tree.Root);
            return sb.ToString();
        }

        /// <summary>write_tree_source_node, with an explicit stack so deep trees cannot overflow ours.</summary>
        private static void WriteNode(StringBuilder sb, DtNode root)
        {
            // Each frame: the node, its depth, and whether its opening part was written.
            var stack = new Stack<(DtNode Node, int Level, bool Opened)>();
            stack.Push((root, 0, false));
            while (stack.Count > 0)
            {
                var (node, level, opened) = stack.Pop();
                if (opened)
                {
                    sb.Append('\t', level).Append("};\n");
                    continue;
                }
                // dtc prints an empty line before every child (for_each_child: fprintf(f, "\n")).
                if (level > 0) sb.Append('\n');
                sb.Append('\t', level);
                foreach (var l in node.LabelsOrEmpty) sb.Append(l).Append(": ");
                sb.Append(node.Name.Length > 0 ? node.Name : "/").Append(" {\n");
                foreach (var p in node.Properties)
                {
                    sb.Append('\t', level + 1);
                    foreach (var l in p.Labels) sb.Append(l).Append(": ");
                    sb.Append(p.Name);
                    DtsValueFormat.Append(sb, p.Value);
                    sb.Append('\n');
                }
                stack.Push((node, level, true));
                var children = new List<DtNode>(node.Children);
                for (int i = children.Count - 1; i >= 0; i--) stack.Push((children[i], level + 1, false));
            }
        }
    }
}
