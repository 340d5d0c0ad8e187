using System.Collections.Generic;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Evtchn
{
    /// <summary>
    /// The local port of every channel end: the written one, else the lowest port from <see cref="FirstAuto"/> up that
    /// no other end of that domain has (written ports are taken first, then ends are filled in declaration order,
    /// first end before second), so the same YAML always gives the same ports.
    /// </summary>
    internal static class EventChannelPorts
    {
        /// <summary>
        /// Allocation starts at 10 (0xa, the port of Xen's booting.txt example): clear of port 1, which Xen gives a
        /// domU's xenstore channel, and of the few ports a guest's kernel binds first for itself.
        /// </summary>
        public const ulong FirstAuto = 10;

        public static Dictionary<EventChannelEnd, ulong> Allocate(Board board)
        {
            var taken = new Dictionary<string, HashSet<ulong>>(System.StringComparer.Ordinal);
            HashSet<ulong> Of(string d) => taken.TryGetValue(d, out var s) ? s : taken[d] = new HashSet<ulong>();
            var ports = new Dictionary<EventChannelEnd, ulong>();
            foreach (var ch in board.EventChannels)
                foreach (var end in ch.Ends)
                    if (end.Port is { } p)
                    {
                        ports[end] = p.Value;
                        Of(end.Domain.Value).Add(p.Value);
                    }
            foreach (var ch in board.EventChannels)
                foreach (var end in ch.Ends)
                {
                    if (end.Port is not null) continue;
                    var used = Of(end.Domain.Value);
                    ulong port = FirstAuto;
                    while (used.Contains(port)) port++;
                    used.Add(port);
                    ports[end] = port;
                }
            return ports;
        }
    }
}
