using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>What loading a topology gives: the board (null when it could not be built) and every problem found.</summary>
    public sealed class TopologyResult
    {
        internal TopologyResult(Board? board, IReadOnlyList<Diagnostic> diagnostics)
        {
            Board = board;
            Diagnostics = diagnostics;
            HasErrors = diagnostics.Any(d => d.IsError);
        }

        /// <summary>The board model; present even with rule errors when the YAML itself could be read.</summary>
        public Board? Board { get; }

        /// <summary>All diagnostics in document order.</summary>
        public IReadOnlyList<Diagnostic> Diagnostics { get; }

        public bool HasErrors { get; }
    }
}
