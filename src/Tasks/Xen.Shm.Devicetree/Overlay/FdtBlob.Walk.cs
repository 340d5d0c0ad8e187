namespace Xen.Shm.Devicetree.Overlay
{
    internal enum Tag : uint { BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9 }

    // Tag and node walking: libfdt/fdt.c (fdt_next_tag, fdt_next_node, fdt_first/next_subnode).
    internal sealed partial class FdtBlob
    {
        public static int TagAlign(long x) => (int)((x + 3) & ~3L);

        public Tag NextTag(int start, out int next)
        {
            long offset = start;
            next = Err(FdtError.Truncated);
            if (!Has(offset, 4)) return Tag.End;
            uint tag = Struct32(start);
            offset += 4;
            next = Err(FdtError.BadStructure);
            switch ((Tag)tag)
            {
                case Tag.BeginNode:
                    bool found;
                    do
                    {
                        found = Has(offset, 1);
                        if (!found) return Tag.End;
                    } while (Mem[At((int)offset++)] != 0);
                    break;
                case Tag.Prop:
                    if (!Has(offset, 4)) return Tag.End;
                    offset += 8L + Struct32((int)offset);
                    break;
                case Tag.End:
                case Tag.EndNode:
                case Tag.Nop:
                    break;
                default:
                    return Tag.End;
            }
            if (!Has(start, offset - start)) return Tag.End;
            next = TagAlign(offset);
            return (Tag)tag;
        }

        public int CheckNodeOffset(int offset)
        {
            if (offset < 0 || offset % 4 != 0) return Err(FdtError.BadOffset);
            if (NextTag(offset, out offset) != Tag.BeginNode) return Err(FdtError.BadOffset);
            return offset;
        }

        public int CheckPropOffset(int offset)
        {
            if (offset < 0 || offset % 4 != 0) return Err(FdtError.BadOffset);
            if (NextTag(offset, out offset) != Tag.Prop) return Err(FdtError.BadOffset);
            return offset;
        }

        /// <summary>fdt_next_node; <paramref name="depth"/> null is libfdt's NULL depth pointer.</summary>
        public int NextNode(int offset, ref int depth, bool trackDepth)
        {
            int next = 0;
            if (offset >= 0 && (next = CheckNodeOffset(offset)) < 0) return next;
            Tag tag;
            do
            {
                offset = next;
                tag = NextTag(offset, out next);
                switch (tag)
                {
                    case Tag.BeginNode:
                        if (trackDepth) depth++;
                        break;
                    case Tag.EndNode:
                        if (trackDepth && --depth < 0) return next;
                        break;
                    case Tag.End:
                        if (next >= 0 || (next == Err(FdtError.Truncated) && !trackDepth)) return Err(FdtError.NotFound);
                        return next;
                }
            } while (tag != Tag.BeginNode);
            return offset;
        }

        public int NextNode(int offset)
        {
            int unused = 0;
            return NextNode(offset, ref unused, trackDepth: false);
        }

        public int FirstSubnode(int offset)
        {
            int depth = 0;
            offset = NextNode(offset, ref depth, trackDepth: true);
            return offset < 0 || depth != 1 ? Err(FdtError.NotFound) : offset;
        }

        public int NextSubnode(int offset)
        {
            int depth = 1;
            do
            {
                offset = NextNode(offset, ref depth, trackDepth: true);
                if (offset < 0 || depth < 1) return Err(FdtError.NotFound);
            } while (depth > 1);
            return offset;
        }

        /// <summary>nextprop_: the property at or after <paramref name="offset"/> (NOPs skipped).</summary>
        private int NextProp(int offset)
        {
            Tag tag;
            do
            {
                tag = NextTag(offset, out int next);
                switch (tag)
                {
                    case Tag.End:
                        return next >= 0 ? Err(FdtError.BadStructure) : next;
                    case Tag.Prop:
                        return offset;
                }
                offset = next;
            } while (tag == Tag.Nop);
            return Err(FdtError.NotFound);
        }

        public int FirstPropertyOffset(int node)
        {
            int offset = CheckNodeOffset(node);
            return offset < 0 ? offset : NextProp(offset);
        }

        public int NextPropertyOffset(int offset)
        {
            offset = CheckPropOffset(offset);
            return offset < 0 ? offset : NextProp(offset);
        }
    }
}
