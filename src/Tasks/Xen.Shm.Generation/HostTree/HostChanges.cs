using System.Collections.Generic;
using Xen.Shm.Generation.Dts;

namespace Xen.Shm.Generation.HostTree
{
    /// <summary>
    /// Every change the regions make to the host device tree, collected per place before anything
    /// is written. <see cref="HostChangeWriter"/> writes them in one fixed order (README "Host tree"):
    /// memory-node carve-outs (§1.6), then under the root: <c>/reserved-memory</c> additions (§4.1),
    /// root device nodes in region order (UIO §5.1, mmio-sram §7.1), and <c>/chosen</c> (§10.2,
    /// which holds the dom0 command line with the UIO of_id and the §8.1 shm nodes).
    /// </summary>
    public sealed class HostChanges
    {
        /// <summary>Memory nodes whose <c>reg</c> is replaced, in RAM-bank order.</summary>
        public List<MemoryNodeEdit> MemoryEdits { get; } = new List<MemoryNodeEdit>();

        /// <summary>Children added to <c>/reserved-memory</c> (created when the board has none).</summary>
        public List<DtsNode> ReservedMemoryChildren { get; } = new List<DtsNode>();

        /// <summary>Cells of <c>/reserved-memory</c>: the board's, or the root's when the SDK creates it (§1.4).</summary>
        public int ReservedAddressCells { get; set; } = 2;
        public int ReservedSizeCells { get; set; } = 2;

        /// <summary>True when the board already has <c>/reserved-memory</c> (then its properties are kept).</summary>
        public bool ReservedMemoryExists { get; set; }

        /// <summary>Nodes added at the root, in region declaration order.</summary>
        public List<DtsNode> RootNodes { get; } = new List<DtsNode>();

        /// <summary>Host nodes given to a dom0less domU: (path, domain); each gets <c>xen,passthrough;</c>.</summary>
        public List<(string Path, string Domain)> PassthroughNodes { get; } = new List<(string, string)>();

        /// <summary>Other edits of existing host nodes, as <c>&amp;{/path} { … }</c> blocks (e.g. a CPU's phandle for a cpupool).</summary>
        public List<DtsNode> NodeEdits { get; } = new List<DtsNode>();

        /// <summary>The <c>/chosen</c> additions (null when nothing is booted from it).</summary>
        public DtsNode? Chosen { get; set; }
    }

    /// <summary>A memory node's new <c>reg</c> after carving, and the regions that carved it.</summary>
    public sealed class MemoryNodeEdit
    {
        public MemoryNodeEdit(string path, IReadOnlyList<(ulong Address, ulong Size)> entries, IReadOnlyList<string> regionIds)
        {
            Path = path;
            Entries = entries;
            RegionIds = regionIds;
        }

        public string Path { get; }
        public IReadOnlyList<(ulong Address, ulong Size)> Entries { get; }
        public IReadOnlyList<string> RegionIds { get; }
    }
}
