using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// One guest-side window: what a domain sees of a region (or of a user iomem entry). A class:
    /// the rules keep windows in lists and groups, whose framework code is precompiled for classes
    /// only (issue 21).
    /// </summary>
    internal sealed class GuestWindow
    {
        public GuestWindow(Domain domain, Region? region, Peer? peer, AddressRange range, SourceSpan span, bool isOwnerRange)
        {
            Domain = domain;
            Region = region;
            Peer = peer;
            Range = range;
            Span = span;
            IsOwnerRange = isOwnerRange;
        }

        public Domain Domain { get; }

        /// <summary>Null for a user <c>extraIomem</c> entry.</summary>
        public Region? Region { get; }
        public Peer? Peer { get; }
        public AddressRange Range { get; }

        /// <summary>The value that placed the window: the peer's guest address, else the region's host address.</summary>
        public SourceSpan Span { get; }

        /// <summary>A static-shm owner's range lies inside its RAM by design (spec §6.3).</summary>
        public bool IsOwnerRange { get; }

        public string What => Region is null ? "iomem entry" : $"region '{Region.Id.Value}'";
    }

    /// <summary>What the rules share: the board, lookups, the guest windows, the diagnostics.</summary>
    internal sealed class RuleContext
    {
        private List<GuestWindow>? _windows;

        public RuleContext(Board board, DiagnosticBag diagnostics)
        {
            Board = board;
            Diagnostics = diagnostics;
        }

        public Board Board { get; }
        public DiagnosticBag Diagnostics { get; }
        public XenTarget Xen => Board.Xen;

        public void Report(DiagnosticDescriptor descriptor, SourceSpan span, string message, params SourceSpan[] related) =>
            Diagnostics.Add(descriptor, span, message, related);

        /// <summary>The peer's domain when it exists (unknown participants are XSHM2009's business).</summary>
        public Domain? DomainOf(Peer peer) => Board.FindDomain(peer.Domain.Value);

        /// <summary>Where a peer's window starts: its guest address, or the host address (1:1).</summary>
        public static Spanned<ulong>? GuestAddress(Region region, Peer peer) => peer.Guest ?? region.Host;

        /// <summary>Every window of every known participant, in document order, with a computable range.</summary>
        public IReadOnlyList<GuestWindow> Windows => _windows ??= CollectWindows();

        private List<GuestWindow> CollectWindows()
        {
            var list = new List<GuestWindow>();
            foreach (var region in Board.Regions)
            {
                var shm = region as StaticShmRegion;
                foreach (var peer in region.Peers)
                {
                    var domain = DomainOf(peer);
                    // Unknown or not-allowed participants are XSHM2009's; their windows would only add noise.
                    if (domain is null || !ParticipantRules.Allowed(region.Mechanism.Value, domain.Kind.Value)) continue;
                    var start = GuestAddress(region, peer);
                    if (start is null) continue;
                    ulong? size = shm is null || peer.IsOwner ? region.Size?.Value : shm.BorrowerSize(peer);
                    if (size is null || size.Value == 0) continue;
                    var range = new AddressRange(start.Value.Value, size.Value);
                    if (range.Wraps) continue;
                    list.Add(new GuestWindow(domain, region, peer, range, start.Value.Span, shm is not null && peer.IsOwner));
                }
            }
            foreach (var domain in Board.Domains)
            {
                foreach (var extra in domain.ExtraIomem)
                {
                    var entry = IomemEntry.TryParse(extra.Value, Xen.IsXilinx);
                    if (entry is null || entry.Pages == 0) continue;
                    list.Add(new GuestWindow(domain, null, null, entry.GuestRange, extra.Span, false));
                }
            }
            return list;
        }

        /// <summary>Earlier in the YAML document (line, then column).</summary>
        public static bool Before(SourceSpan a, SourceSpan b) => a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column);

        public static string Hex(ulong v) => "0x" + v.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

        public static IEnumerable<T> InOrder<T>(IEnumerable<T> items, Func<T, SourceSpan> span) =>
            items.OrderBy(i => span(i).Line).ThenBy(i => span(i).Column);
    }
}
