using System.Collections.Generic;
using Xen.Shm.Generation.Guest;
using Xen.Shm.Generation.HostTree;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation
{
    /// <summary>Shared state the per-mechanism generators write into.</summary>
    internal sealed class Regions
    {
        private readonly Dictionary<string, GuestParts> _guests = new Dictionary<string, GuestParts>(System.StringComparer.Ordinal);

        public Regions(Board board, HostChanges host)
        {
            Board = board;
            Host = host;
        }

        public Board Board { get; }
        public HostChanges Host { get; }

        /// <summary>Static event channels' and cpupools' additions to <c>/chosen</c> and its domain nodes.</summary>
        public Chosen.ChosenAdditions Chosen { get; } = new Chosen.ChosenAdditions();

        /// <summary>Text appended to dom0's command line (UIO of_id, §5.1), or null.</summary>
        public string? UioOfId { get; set; }

        /// <summary>The parts of <paramref name="domain"/>, created on first use.</summary>
        public GuestParts For(Domain domain)
        {
            if (!_guests.TryGetValue(domain.Name.Value, out var parts)) _guests[domain.Name.Value] = parts = new GuestParts(domain);
            return parts;
        }

        public GuestParts? Find(string name) => _guests.TryGetValue(name, out var p) ? p : null;

        /// <summary>A peer's guest address: written, else the host address (1:1).</summary>
        public static ulong GuestAddress(Region region, Peer peer) => peer.Guest?.Value ?? region.Host?.Value ?? 0;
    }
}
