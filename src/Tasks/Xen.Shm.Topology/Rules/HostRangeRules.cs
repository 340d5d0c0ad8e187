using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Host-side ranges (spec §1.6, §9): pairwise disjoint and clear of the board's reserved
    /// memory (XSHM2005, one sweep over sorted ranges), inside one RAM bank for mechanisms 1
    /// and 5 (2012), inside one bank or outside RAM for the carving mechanisms 2 and 4 (2013),
    /// and no memory node emptied by carving (2017).
    /// </summary>
    internal static class HostRangeRules
    {
        private sealed class HostItem
        {
            public HostItem(AddressRange range, Region? region, ReservedRange? reserved, SourceSpan span)
            {
                Range = range;
                Region = region;
                Reserved = reserved;
                Span = span;
            }

            public AddressRange Range { get; }
            public Region? Region { get; }
            public ReservedRange? Reserved { get; }
            public SourceSpan Span { get; }
            public string What => Region is not null ? $"region '{Region.Id.Value}'" : $"board reserved memory '{Reserved!.Name}'";
        }

        public static void Check(RuleContext ctx)
        {
            var items = new List<HostItem>();
            foreach (var region in ctx.Board.Regions)
            {
                if (region.Mechanism.Value == Mechanism.StaticShm || region.Host is null) continue;
                if (region.HostRange is not AddressRange r || r.Size == 0 || r.Wraps) continue;
                items.Add(new HostItem(r, region, null, region.Host.Value.Span));
            }
            int regionCount = items.Count;
            foreach (var res in ctx.Board.Host.Reserved)
                if (res.Range.Size != 0 && !res.Range.Wraps) items.Add(new HostItem(res.Range, null, res, res.Span));

            Overlaps(ctx, items);
            Banks(ctx, items.Take(regionCount));
            foreach (var (node, carvedBy) in ctx.Board.Carve.EmptiedNodes)
            {
                var first = carvedBy[0];
                ctx.Report(DiagnosticCodes.CarveEmptiesMemoryNode, first.Host!.Value.Span,
                    $"carving {string.Join(", ", carvedBy.Select(r => "'" + r.Id.Value + "'"))} out of host RAM leaves memory node {node} with no range",
                    carvedBy.Skip(1).Select(r => r.Host!.Value.Span).ToArray());
            }
        }

        private static void Overlaps(RuleContext ctx, List<HostItem> items)
        {
            HostItem? reach = null; // the item reaching furthest so far
            foreach (var item in items.OrderBy(i => i.Range.Base).ThenBy(i => i.Range.Last))
            {
                if (reach is not null && item.Range.Base <= reach.Range.Last && (item.Region is not null || reach.Region is not null))
                {
                    // Report at the region written later; a board reserved range is never the one blamed.
                    var (blamed, other) = Blame(item, reach);
                    ctx.Report(DiagnosticCodes.HostRangesOverlap, blamed.Span,
                        $"{blamed.What} host range {blamed.Range} overlaps {other.What} {other.Range}", other.Span);
                }
                if (reach is null || item.Range.Last > reach.Range.Last) reach = item;
            }
        }

        private static (HostItem, HostItem) Blame(HostItem a, HostItem b)
        {
            if (a.Region is null) return (b, a);
            if (b.Region is null) return (a, b);
            return RuleContext.Before(a.Span, b.Span) ? (b, a) : (a, b);
        }

        private static void Banks(RuleContext ctx, IEnumerable<HostItem> regions)
        {
            var banks = ctx.Board.Host.Ram.OrderBy(b => b.Range.Base).ToList();
            foreach (var item in regions)
            {
                var region = item.Region!;
                var m = region.Mechanism.Value;
                bool inBank = HostRamCarve.FindBank(banks, item.Range) >= 0;
                if (m == Mechanism.IomemCacheable || m == Mechanism.DomainShm)
                {
                    if (!inBank)
                        ctx.Report(DiagnosticCodes.HostRangeNotInRam, item.Span,
                            $"region '{region.Id.Value}' host range {item.Range} is not inside one host RAM bank ({Banks(banks)})");
                }
                else if (!inBank && TouchesRam(banks, item.Range))
                {
                    ctx.Report(DiagnosticCodes.HostRangeStraddlesBank, item.Span,
                        $"region '{region.Id.Value}' host range {item.Range} is partly in host RAM ({Banks(banks)}); it must be fully inside one bank or fully outside RAM");
                }
            }
        }

        private static bool TouchesRam(List<RamBank> banksByBase, AddressRange r)
        {
            // Banks overlapping r are those with Base <= r.Last and Last >= r.Base; find the last bank starting at or before r.Last.
            int lo = 0, hi = banksByBase.Count - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                if (banksByBase[mid].Range.Base <= r.Last) { found = mid; lo = mid + 1; }
                else hi = mid - 1;
            }
            for (int i = found; i >= 0 && i > found - 4; i--)
                if (banksByBase[i].Range.Overlaps(r)) return true;
            return false;
        }

        private static string Banks(List<RamBank> banks) =>
            banks.Count == 0 ? "none declared" : string.Join(", ", banks.Select(b => b.Range.ToString()));
    }
}
