namespace Xen.Shm.Devicetree
{
    /// <summary>How automatic phandles are written (dtc -H; spec §7).</summary>
    public enum PhandleFormat
    {
        /// <summary><c>phandle</c> only (dtc's default).</summary>
        Epapr,

        /// <summary><c>linux,phandle</c> only.</summary>
        Legacy,

        /// <summary>Both, <c>linux,phandle</c> first.</summary>
        Both,
    }

    /// <summary>Phandle allocation, livetree.c get_node_phandle (spec §7).</summary>
    internal static class Phandles
    {
        public static uint Get(DtTree tree, DtNode node, PhandleFormat format)
        {
            if (node.Phandle != 0 && node.Phandle != 0xffffffff) return node.Phandle;
            uint ph = tree.NextPhandle;
            while (Checks.NodeFacts.ByPhandle(tree.Root, ph) != null) ph++;
            tree.NextPhandle = ph;
            node.Phandle = ph;
            if (node.GetProperty("linux,phandle") == null && format != PhandleFormat.Epapr)
                node.AddProperty(new DtProperty("linux,phandle", DtValue.FromCells(ph)));
            if (node.GetProperty("phandle") == null && format != PhandleFormat.Legacy)
                node.AddProperty(new DtProperty("phandle", DtValue.FromCells(ph)));
            return ph;
        }
    }
}
