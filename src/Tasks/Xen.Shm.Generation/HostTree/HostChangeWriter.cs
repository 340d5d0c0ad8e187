using System.Collections.Generic;
using System.Text;
using Xen.Shm.Generation.Dts;

namespace Xen.Shm.Generation.HostTree
{
    /// <summary>
    /// Writes <see cref="HostChanges"/> as dtc merge blocks. The host DTS is the board source followed
    /// by these blocks, so dtc's own merge rules (dts-dtb.md §4.3) keep every board node and property
    /// and edit existing ones in place; the overlay (.dtso) is the same blocks as <c>&amp;{/path}</c>
    /// fragments for <c>fdtoverlay</c> / U-Boot <c>fdt apply</c>.
    /// </summary>
    public static class HostChangeWriter
    {
        /// <summary>The merge blocks, in the fixed order of <see cref="HostChanges"/>.</summary>
        public static IReadOnlyList<DtsNode> Blocks(HostChanges changes, int rootAddressCells, int rootSizeCells, bool overlay)
        {
            var blocks = new List<DtsNode>();
            foreach (var edit in changes.MemoryEdits)
            {
                var n = new DtsNode("&{" + edit.Path + "}", "carve-out of " + string.Join(", ", edit.RegionIds) + " (spec §1.6)");
                n.Property("reg", DtsFormat.Reg(edit.Entries, rootAddressCells, rootSizeCells));
                blocks.Add(n);
            }

            foreach (var (path, domain) in changes.PassthroughNodes)
            {
                var n = new DtsNode("&{" + path + "}", "passed through to " + domain + " (xen,path), hidden from dom0");
                n.Property("xen,passthrough", null);
                blocks.Add(n);
            }

            blocks.AddRange(changes.NodeEdits);

            var root = new DtsNode(overlay ? "&{/}" : "/");
            if (changes.ReservedMemoryChildren.Count > 0)
            {
                var rm = root.Child(new DtsNode("reserved-memory",
                    changes.ReservedMemoryExists ? null : "created: the board has no /reserved-memory (spec §4.1)"));
                if (!changes.ReservedMemoryExists)
                {
                    rm.Property("#address-cells", DtsFormat.Cells(((ulong)changes.ReservedAddressCells, 1)));
                    rm.Property("#size-cells", DtsFormat.Cells(((ulong)changes.ReservedSizeCells, 1)));
                    rm.Property("ranges", null);
                }
                rm.Children.AddRange(changes.ReservedMemoryChildren);
            }
            root.Children.AddRange(changes.RootNodes);
            if (changes.Chosen != null) root.Children.Add(changes.Chosen);
            if (!root.IsEmpty) blocks.Add(root);
            return blocks;
        }

        /// <summary>The board source, then a marker comment, then the blocks.</summary>
        public static string HostSource(string boardSource, string boardName, IReadOnlyList<DtsNode> blocks)
        {
            var sb = new StringBuilder(boardSource.Length + 4096);
            sb.Append(boardSource.Replace("\r\n", "\n"));
            if (sb.Length > 0 && sb[sb.Length - 1] != '\n') sb.Append('\n');
            sb.Append('\n');
            sb.Append("/* ---- Xen.Shm.Sdk: changes to ").Append(DtsFormat.Comment(boardName))
              .Append(" (carve-outs, reserved memory, devices, /chosen) ---- */\n\n");
            DtsText.WriteBlocks(sb, blocks);
            return sb.ToString();
        }

        /// <summary>The same changes as an overlay source (<c>/plugin/</c>).</summary>
        public static string OverlaySource(string boardName, IReadOnlyList<DtsNode> blocks)
        {
            var sb = new StringBuilder(4096);
            sb.Append(DtsText.Header).Append("/plugin/;\n\n");
            sb.Append("/* Xen.Shm.Sdk: changes to ").Append(DtsFormat.Comment(boardName))
              .Append(" as an overlay (fdtoverlay, U-Boot fdt apply) */\n\n");
            DtsText.WriteBlocks(sb, blocks);
            return sb.ToString();
        }
    }
}
