using System;
using System.Collections.Generic;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Layout
{
    /// <summary>
    /// The memory the planner may use (spec §10.3): host RAM banks after carving, the
    /// ImageBuilder-style window [MemoryStart, MemoryEnd) and every range to keep clear (host
    /// ranges of all regions, board reserved-memory, static-mem, static-heap).
    /// </summary>
    public sealed class LoadLayout
    {
        public LoadLayout(IReadOnlyList<AddressRange> ramBanks)
        {
            RamBanks = ramBanks ?? throw new ArgumentNullException(nameof(ramBanks));
        }

        /// <summary>Host RAM after carve-outs (spec §1.6), any order.</summary>
        public IReadOnlyList<AddressRange> RamBanks { get; }

        /// <summary>MEMORY_START; default the lowest bank base.</summary>
        public ulong? MemoryStart { get; init; }

        /// <summary>MEMORY_END (exclusive: a file may end exactly here); default the highest bank end.</summary>
        public ulong? MemoryEnd { get; init; }

        /// <summary>Ranges no file may touch.</summary>
        public IReadOnlyList<AddressRange> Reserved { get; init; } = Array.Empty<AddressRange>();
    }
}
