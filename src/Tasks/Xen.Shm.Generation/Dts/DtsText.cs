using System.Collections.Generic;
using System.Text;

namespace Xen.Shm.Generation.Dts
{
    /// <summary>
    /// Writes <see cref="DtsNode"/>s in the layout dtc's own decompiler uses (tab indent,
    /// properties before children, a blank line before each child node), so generated files read
    /// like the board sources next to them.
    /// </summary>
    public static class DtsText
    {
        public const string Header = "/dts-v1/;\n";

        /// <summary>A complete source: <c>/dts-v1/;</c>, an optional leading comment, then the root node.</summary>
        public static string Document(DtsNode root, string? comment = null, bool plugin = false)
        {
            var sb = new StringBuilder();
            sb.Append(Header);
            if (plugin) sb.Append("/plugin/;\n");
            if (comment != null) sb.Append('\n').Append("/* ").Append(DtsFormat.Comment(comment)).Append(" */\n");
            sb.Append('\n');
            WriteNode(sb, root, 0);
            return sb.ToString();
        }

        /// <summary>Top-level blocks (merge blocks <c>&amp;{/path} { … };</c> or <c>/ { … };</c>), separated by blank lines.</summary>
        public static void WriteBlocks(StringBuilder sb, IEnumerable<DtsNode> blocks)
        {
            bool first = true;
            foreach (var b in blocks)
            {
                if (!first) sb.Append('\n');
                first = false;
                WriteNode(sb, b, 0);
            }
        }

        public static void WriteNode(StringBuilder sb, DtsNode node, int depth)
        {
            string indent = new string('\t', depth);
            if (node.Comment != null) sb.Append(indent).Append("/* ").Append(DtsFormat.Comment(node.Comment)).Append(" */\n");
            sb.Append(indent);
            if (node.Label != null) sb.Append(node.Label).Append(": ");
            sb.Append(node.Name.Length == 0 ? "/" : node.Name).Append(" {\n");
            foreach (var p in node.Properties)
            {
                sb.Append(indent).Append('\t').Append(p.Name);
                if (p.Value != null) sb.Append(" = ").Append(p.Value);
                sb.Append(';');
                if (p.Comment != null) sb.Append(" /* ").Append(DtsFormat.Comment(p.Comment)).Append(" */");
                sb.Append('\n');
            }
            foreach (var c in node.Children)
            {
                sb.Append('\n');
                WriteNode(sb, c, depth + 1);
            }
            sb.Append(indent).Append("};\n");
        }
    }
}
