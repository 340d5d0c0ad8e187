using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Guest-side windows (spec §1.5, §9): per domain pairwise disjoint (XSHM2006, one sweep per
    /// domain), clear of guest RAM (2007) and of the fixed guest windows / below 1 TiB (2008) for
    /// non-direct-mapped guests, the extended-region warning (2014), and guest == host for
    /// direct-mapped participants (2015).
    /// </summary>
    internal static class GuestWindowRules
    {
        public static void Check(RuleContext ctx)
        {
            DirectMapped(ctx);
            var windows = ctx.Windows.Where(w => !w.Domain.IsDirectMapped).ToList();
            foreach (var domainWindows in ByDomain(windows))
                Disjoint(ctx, domainWindows);
            foreach (var w in windows)
            {
                if (w.Region is null) continue; // user iomem entries: only checked for overlaps (2006)
                InRam(ctx, w);
                InFixedWindow(ctx, w);
                ExtendedRegion(ctx, w);
            }
            // dom0's windows are 1:1 and left out above; only a coloured dom0 on the Xilinx fork can hit an extended region.
            foreach (var w in ctx.Windows)
                if (w.Region is not null && w.Domain.Kind.Value == DomainKind.Dom0) ExtendedRegion(ctx, w);
        }

        /// <summary>XSHM2015: a direct-mapped domain sees host addresses; a different guest address is a lie (U process_shm).</summary>
        private static void DirectMapped(RuleContext ctx)
        {
            foreach (var region in ctx.Board.Regions)
            {
                if (region.Host is not { } host) continue;
                foreach (var peer in region.Peers)
                {
                    if (peer.Guest is not { } guest || guest.Value == host.Value) continue;
                    var d = ctx.DomainOf(peer);
                    if (d is null || !d.IsDirectMapped) continue;
                    ctx.Report(DiagnosticCodes.DirectMapMismatch, guest.Span,
                        $"'{d.Name.Value}' is direct-mapped, so its guest address must equal the host address {RuleContext.Hex(host.Value)}, not {RuleContext.Hex(guest.Value)}",
                        host.Span);
                }
            }
        }

        /// <summary>The windows grouped by domain, in the order of each domain's first window (as GroupBy).</summary>
        private static List<List<GuestWindow>> ByDomain(List<GuestWindow> windows)
        {
            var groups = new List<List<GuestWindow>>();
            var byDomain = new Dictionary<Domain, List<GuestWindow>>();
            foreach (var w in windows)
            {
                if (!byDomain.TryGetValue(w.Domain, out var group)) groups.Add(byDomain[w.Domain] = group = new List<GuestWindow>());
                group.Add(w);
            }

            return groups;
        }

        private static void Disjoint(RuleContext ctx, List<GuestWindow> windows)
        {
            GuestWindow? reach = null;
            foreach (var w in Sorted.By(windows, (a, b) => a.Range.Base != b.Range.Base ? a.Range.Base.CompareTo(b.Range.Base) : a.Range.Last.CompareTo(b.Range.Last)))
            {
                if (reach is { } r && w.Range.Base <= r.Range.Last)
                {
                    var (blamed, other) = RuleContext.Before(w.Span, r.Span) ? (r, w) : (w, r);
                    ctx.Report(DiagnosticCodes.GuestWindowsOverlap, blamed.Span,
                        $"in domain '{w.Domain.Name.Value}', {blamed.What} window {blamed.Range} overlaps {other.What} window {other.Range}",
                        other.Span);
                }
                if (reach is null || w.Range.Last > reach.Range.Last) reach = w;
            }
        }

        private static void InRam(RuleContext ctx, GuestWindow w)
        {
            if (w.IsOwnerRange) return;
            foreach (var bank in w.Domain.GuestRam)
            {
                if (!bank.Overlaps(w.Range)) continue;
                ctx.Report(DiagnosticCodes.GuestWindowInRam, w.Span,
                    $"{w.What} window {w.Range} overlaps the guest RAM {bank} of '{w.Domain.Name.Value}' ({RuleContext.Hex(w.Domain.Memory!.Value.Value)} bytes)",
                    w.Domain.Memory.Value.Span);
                return;
            }
        }

        private static void InFixedWindow(RuleContext ctx, GuestWindow w)
        {
            foreach (var (name, range) in GuestLayout.FixedWindows)
            {
                if (!range.Overlaps(w.Range)) continue;
                ctx.Report(DiagnosticCodes.GuestWindowInFixedWindow, w.Span,
                    $"{w.What} window {w.Range} in '{w.Domain.Name.Value}' hits the fixed guest {name} window {range}");
                return;
            }
            if (w.Range.End > GuestLayout.AddressSpaceEnd)
                ctx.Report(DiagnosticCodes.GuestWindowInFixedWindow, w.Span,
                    $"{w.What} window {w.Range} in '{w.Domain.Name.Value}' passes the end of the guest address space (1 TiB)");
        }

        /// <summary>
        /// XSHM2014 (spec §9): xl domUs on upstream 4.16–4.20 / Xilinx 4.16–4.17; enhanced dom0less
        /// domUs: xen,reg windows on 4.17–4.20 (Xilinx 4.17), shm windows on 4.17–4.18. Beyond the spec: a
        /// coloured dom0 on the Xilinx 4.17 fork (with colouring on, create_dom0 drops CDF_directmap whatever dom0's
        /// colours), which then gets find_domU_holes' regions
        /// (xen/arch/arm/domain_build.c): its RAM windows' tails whole, over its 1:1 windows and its static shm banks
        /// (booted: "d0: extended region 0: 0x50000000->0x100000000" over dom0's bank at 0xb0000000). Upstream lays the
        /// hardware domain out as the host (find_host_extended_regions) whether coloured or not (4.21.2 booted).
        /// </summary>
        private static void ExtendedRegion(RuleContext ctx, GuestWindow w)
        {
            if (!Advertises(ctx, w) || w.Domain.Memory is null) return;
            foreach (var tail in GuestLayout.UnusedRamWindowTails(w.Domain.Memory.Value.Value))
            {
                if (!tail.Overlaps(w.Range)) continue;
                ctx.Report(DiagnosticCodes.GuestWindowInExtendedRegion, w.Span,
                    $"{w.What} window {w.Range} lies in {tail}, which Xen {ctx.Xen.Version.Value} advertises to '{w.Domain.Name.Value}' as an extended region; Linux may put grant or foreign mappings there" +
                    (w.Domain.Kind.Value == DomainKind.Dom0 ? " (LLC colouring is on, so dom0 is not direct-mapped and the Xilinx fork gives it every address above its RAM in the guest RAM windows; keep dom0's windows out of that range, or colouring off)" : ""));
                return;
            }
        }

        private static bool Advertises(RuleContext ctx, GuestWindow w)
        {
            var v = ctx.Xen.Version.Value;
            bool xilinx = ctx.Xen.IsXilinx;
            switch (w.Domain.Kind.Value)
            {
                case DomainKind.Xl:
                    return xilinx ? v.Between(4, 16, 17) : v.Between(4, 16, 20);
                case DomainKind.Dom0:
                    return xilinx && v.Between(4, 17, 17) && ctx.Board.HasLlcColoring;
                case DomainKind.Dom0less:
                    if (!ctx.Board.IsEnhanced(w.Domain)) return false;
                    if (w.Region!.Mechanism.Value == Mechanism.MmioSram) return xilinx ? v.Between(4, 17, 17) : v.Between(4, 17, 20);
                    if (w.Region.Mechanism.Value == Mechanism.DomainShm) return v.Between(4, 17, 18);
                    return false;
                default:
                    return false;
            }
        }
    }
}
