using System.Collections.Generic;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// A whole device tree (dtc's <c>struct dt_info</c>): root node, memory reservations, the
    /// <c>/plugin/</c> flag and the boot CPU. Build one by parsing (<see cref="DtsParser"/>) or by hand,
    /// edit it through <see cref="DtNode"/>, then compile with <see cref="Dtc"/> or flatten with
    /// <see cref="FdtWriter"/>.
    /// </summary>
    public sealed class DtTree
    {
        public DtTree() : this(new DtNode(string.Empty)) { }

        public DtTree(DtNode root)
        {
            Root = root;
        }

        /// <summary>The root node (name empty, path <c>/</c>).</summary>
        public DtNode Root { get; internal set; }

        /// <summary>The live node owning <paramref name="phandle"/> (dtc get_node_by_phandle), or null.</summary>
        public DtNode? FindNodeByPhandle(uint phandle) => TreeIndex.For(Root).ByPhandle(phandle);

        /// <summary>The <c>/memreserve/</c> entries in order.</summary>
        public List<DtReserveEntry> MemoryReservations { get; } = new List<DtReserveEntry>();

        /// <summary>Source declared <c>/plugin/;</c> (an overlay): fix-ups are generated (spec §10).</summary>
        public bool IsPlugin { get; set; }

        /// <summary>boot_cpuid_phys for the header (spec §8).</summary>
        public uint BootCpuId { get; set; }

        /// <summary>A node by absolute path (<c>/soc/uart@1000</c>), or null.</summary>
        public DtNode? FindNode(string path) => path == "/" ? (Root.IsDeleted ? null : Root) : Root.FindNode(path);

        /// <summary>
        /// The first live node (pre-order) carrying live label <paramref name="label"/>, or null
        /// (dtc get_node_by_label).
        /// </summary>
        public DtNode? FindNodeByLabel(string label) => TreeIndex.For(Root).ByLabel(label);

        /// <summary>Resolve a reference as dtc's get_node_by_ref: "/" = root, "/path", or a label.</summary>
        public DtNode? FindNodeByReference(string reference)
        {
            if (reference == "/") return Root;
            if (reference.Length > 0 && reference[0] == '/') return Root.FindNode(reference);
            return FindNodeByLabel(reference);
        }

        /// <summary>Guess boot_cpuid_phys from the first child of /cpus as dtc does (spec §8).</summary>
        public uint GuessBootCpuId()
        {
            var cpus = Root.FindNode("/cpus");
            if (cpus == null || cpus.AllChildren.Count == 0) return 0;
            var reg = cpus.AllChildren[0].GetProperty("reg");
            if (reg == null || reg.Value.Length != 4) return 0;
            return reg.Value.GetCell(0);
        }

        // Phandle allocation counter: dtc keeps it static across the run (livetree.c get_node_phandle).
        internal uint NextPhandle = 1;
    }
}
