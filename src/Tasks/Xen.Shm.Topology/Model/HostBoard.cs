using System;
using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>One host RAM bank: one <c>reg</c> entry of a memory node, before any carve-out (spec §1.6).</summary>
    public sealed class RamBank
    {
        public RamBank(string node, AddressRange range, SourceSpan span)
        {
            Node = node;
            Range = range;
            Span = span;
        }

        /// <summary>Path of the memory node holding the entry, e.g. <c>/memory@0</c>.</summary>
        public string Node { get; }
        public AddressRange Range { get; }
        public SourceSpan Span { get; }

        public override string ToString() => Node + " " + Range;
    }

    /// <summary>A range the board already reserves (a <c>/reserved-memory</c> child, or listed in the YAML).</summary>
    public sealed class ReservedRange
    {
        public ReservedRange(string name, AddressRange range, SourceSpan span)
        {
            Name = name;
            Range = range;
            Span = span;
        }

        public string Name { get; }
        public AddressRange Range { get; }
        public SourceSpan Span { get; }
    }

    /// <summary>
    /// The host board as the generators need it: YAML values where given, otherwise facts
    /// read from the board device tree (<see cref="HostBoardFacts"/>).
    /// </summary>
    public sealed class HostBoard
    {
        public HostBoard(BoardFile? deviceTree, Spanned<int> addressCells, Spanned<int> sizeCells,
            IReadOnlyList<RamBank> ram, IReadOnlyList<ReservedRange> reserved, int? reservedMemoryAddressCells,
            int? reservedMemorySizeCells, Spanned<ulong> bootStart, Spanned<ulong> bootEnd, Spanned<string>? chosenDom0Bootargs, SourceSpan span)
        {
            DeviceTree = deviceTree;
            AddressCells = addressCells;
            SizeCells = sizeCells;
            Ram = ram;
            Reserved = reserved;
            ReservedMemoryAddressCells = reservedMemoryAddressCells;
            ReservedMemorySizeCells = reservedMemorySizeCells;
            BootStart = bootStart;
            BootEnd = bootEnd;
            ChosenDom0Bootargs = chosenDom0Bootargs;
            Span = span;
        }

        /// <summary>The board's .dts/.dtb, or null for a board described only in YAML.</summary>
        /// <summary><c>host.boot.bitstream</c>: the FPGA bitstream boot.scr loads and programs (ImageBuilder BITSTREAM); null when not given.</summary>
        public BoardFile? Bitstream { get; init; }

        /// <summary><c>host.boot.files</c>: files copied to the top of the boot folder, not loaded (ImageBuilder BOOT_AUX_FILE).</summary>
        public IReadOnlyList<BoardFile> BootFiles { get; init; } = System.Array.Empty<BoardFile>();

        public BoardFile? DeviceTree { get; }

        /// <summary>Root <c>#address-cells</c> (spec §1.4; default 2).</summary>
        public Spanned<int> AddressCells { get; }

        /// <summary>Root <c>#size-cells</c> (default 2).</summary>
        public Spanned<int> SizeCells { get; }

        /// <summary>RAM banks before any carve-out, in memory-node and reg-entry order.</summary>
        public IReadOnlyList<RamBank> Ram { get; }

        /// <summary>Ranges the board already reserves (existing <c>/reserved-memory</c> children and YAML <c>reserved</c>).</summary>
        public IReadOnlyList<ReservedRange> Reserved { get; }

        /// <summary>Cells of the board's existing <c>/reserved-memory</c> node; null when it has none (the SDK creates it with the root's).</summary>
        public int? ReservedMemoryAddressCells { get; }
        public int? ReservedMemorySizeCells { get; }

        /// <summary>ImageBuilder MEMORY_START: lowest load address (default: the lowest RAM bank's base).</summary>
        public Spanned<ulong> BootStart { get; }

        /// <summary>ImageBuilder MEMORY_END, exclusive (default: the end of the lowest RAM bank).</summary>
        public Spanned<ulong> BootEnd { get; }

        /// <summary><c>/chosen/xen,dom0-bootargs</c> already in the board DT, if any, with its position in the DT file.</summary>
        public Spanned<string>? ChosenDom0Bootargs { get; }

        public SourceSpan Span { get; }

        /// <summary>User overlays (host.overlays), applied in order to the board tree before the SDK's changes.</summary>
        public IReadOnlyList<BoardFile> Overlays { get; init; } = Array.Empty<BoardFile>();
    }

    /// <summary>
    /// What the board device tree says, as the topology needs it (root cells, RAM banks,
    /// existing reserved memory, /chosen). Built by <c>HostBoardReader</c> from the tree so
    /// that the rest of the topology never touches the device-tree library.
    /// </summary>
    public sealed class HostBoardFacts
    {
        public HostBoardFacts(int addressCells, int sizeCells, IReadOnlyList<RamBank> ram, IReadOnlyList<ReservedRange> reserved,
            int? reservedMemoryAddressCells, int? reservedMemorySizeCells, Spanned<string>? chosenDom0Bootargs)
        {
            AddressCells = addressCells;
            SizeCells = sizeCells;
            Ram = ram;
            Reserved = reserved;
            ReservedMemoryAddressCells = reservedMemoryAddressCells;
            ReservedMemorySizeCells = reservedMemorySizeCells;
            ChosenDom0Bootargs = chosenDom0Bootargs;
        }

        public int AddressCells { get; }
        public int SizeCells { get; }
        public IReadOnlyList<RamBank> Ram { get; }
        public IReadOnlyList<ReservedRange> Reserved { get; }
        public int? ReservedMemoryAddressCells { get; }
        public int? ReservedMemorySizeCells { get; }
        public Spanned<string>? ChosenDom0Bootargs { get; }
    }
}
