using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Static memory of dom0less domains, as Xen checks it at boot (xen/arch/arm/domain_build.c
    /// 4.17, dom0less-build.c 4.21): <c>direct-map</c> only with <c>xen,static-mem</c> (XSHM2020,
    /// else "direct-map is not valid for domain %s without static allocation" panics); each bank in
    /// host RAM (2021, acquire_domstatic_pages needs valid MFNs); banks owned by one domain only,
    /// clear of carve-outs, shared regions and reserved memory (2022); the banks' sum is the
    /// domain's <c>memory</c> (2023, "Size of "memory" property doesn't match up with the sum-up
    /// of "xen,static-mem""). Alignment, zero sizes and wraps are AddressRules' (2001–2003).
    /// </summary>
    internal static class StaticMemRules
    {
        private sealed class Item
        {
            public Item(AddressRange range, SourceSpan span, string what, bool isStatic)
            {
                Range = range;
                Span = span;
                What = what;
                IsStatic = isStatic;
            }

            public AddressRange Range { get; }
            public SourceSpan Span { get; }
            public string What { get; }
            public bool IsStatic { get; }
        }

        public static void Check(RuleContext ctx)
        {
            var banks = new List<Item>();
            foreach (var d in ctx.Board.Domains)
            {
                if (d.DirectMap is { Value: true } dm && d.StaticMem.Count == 0)
                    ctx.Report(DiagnosticCodes.DirectMapWithoutStaticMem, dm.Span,
                        $"'{d.Name.Value}' is direct-mapped but has no 'staticMem': Xen maps a direct-mapped domain's RAM 1:1 from its static memory and panics at boot without it (\"direct-map is not valid for domain {d.Name.Value} without static allocation\")");
                Total(ctx, d);
                foreach (var b in d.StaticMem)
                    if (b.Size.Value != 0 && !b.Range.Wraps)
                        banks.Add(new Item(b.Range, b.Base.Span, $"static memory of '{d.Name.Value}'", true));
            }
            if (banks.Count == 0) return;

            InRam(ctx, banks);
            var others = new List<Item>(banks);
            foreach (var region in ctx.Board.Regions)
                if (region.HostRange is AddressRange r && r.Size != 0 && !r.Wraps)
                    others.Add(new Item(r, region.Host!.Value.Span, $"region '{region.Id.Value}'", false));
            foreach (var res in ctx.Board.Host.Reserved)
                if (res.Range.Size != 0 && !res.Range.Wraps)
                    others.Add(new Item(res.Range, res.Span, $"board reserved memory '{res.Name}'", false));
            Overlaps(ctx, others);
        }

        private static void Total(RuleContext ctx, Domain d)
        {
            if (d.StaticMem.Count == 0 || d.Memory is not { } memory) return;
            ulong sum = 0;
            foreach (var b in d.StaticMem)
            {
                if (sum > ulong.MaxValue - b.Size.Value) { sum = ulong.MaxValue; break; }
                sum += b.Size.Value;
            }
            if (sum != memory.Value)
                ctx.Report(DiagnosticCodes.StaticMemTotal, d.StaticMemSpan,
                    $"the static memory banks of '{d.Name.Value}' add up to {RuleContext.Hex(sum)} but its memory is {RuleContext.Hex(memory.Value)}: Xen takes a domain's RAM either all from static memory or all from its heap, never both",
                    memory.Span);
        }

        private static void InRam(RuleContext ctx, List<Item> banks)
        {
            var ram = ctx.Board.Host.Ram.OrderBy(b => b.Range.Base).ToList();
            if (ram.Count == 0) return; // RAM unknown: XSHM1020/1023 said why
            foreach (var b in banks)
                if (HostRamCarve.FindBank(ram, b.Range) < 0)
                    ctx.Report(DiagnosticCodes.StaticMemNotInRam, b.Span,
                        $"{b.What} {b.Range} is not inside one host RAM bank ({string.Join(", ", ram.Select(r => r.Range.ToString()))})");
        }

        /// <summary>One sweep over the sorted ranges; a pair is reported when one side is static memory, at the later-written one.</summary>
        private static void Overlaps(RuleContext ctx, List<Item> items)
        {
            Item? reach = null;
            foreach (var item in items.OrderBy(i => i.Range.Base).ThenBy(i => i.Range.Last))
            {
                if (reach is not null && item.Range.Base <= reach.Range.Last && (item.IsStatic || reach.IsStatic))
                {
                    var (blamed, other) = !item.IsStatic ? (reach, item)
                        : !reach.IsStatic ? (item, reach)
                        : RuleContext.Before(item.Span, reach.Span) ? (reach, item) : (item, reach);
                    ctx.Report(DiagnosticCodes.StaticMemOverlap, blamed.Span,
                        $"{blamed.What} {blamed.Range} overlaps {other.What} {other.Range}: static memory belongs to one domain alone", other.Span);
                }
                if (reach is null || item.Range.Last > reach.Range.Last) reach = item;
            }
        }
    }
}
