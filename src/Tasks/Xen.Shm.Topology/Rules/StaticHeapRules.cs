using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// <c>xen.staticHeap</c> (<c>/chosen/xen,static-heap</c>, Xen docs/misc/arm/device-tree/booting.txt
    /// "Static Heap Memory", 4.17+ upstream and in the Xilinx 4.17 fork): with it Xen's heap is these
    /// banks alone (bootinfo.c populate_boot_allocator, using_static_heap), so every bank must be RAM
    /// Xen owns (2082: inside one /memory bank left after the carve-outs), "at least a 64KB alignment"
    /// (2081), written in the root's cells (2085), clear of every other range Xen or a domain owns (2083), and big enough for the memory
    /// Xen allocates at boot for dom0 and the dom0less domains without static memory (2084).
    /// The load planner also keeps boot files out of it (spec §10.3).
    /// </summary>
    internal static class StaticHeapRules
    {
        public const ulong Alignment = 0x10000;

        public static void Check(RuleContext ctx)
        {
            var xen = ctx.Xen;
            if (xen.StaticHeap.Count == 0 && xen.StaticHeapSpan == null) return;
            if (!xen.Version.Value.AtLeast(4, 17))
                ctx.Report(DiagnosticCodes.StaticHeapNotInTarget, xen.StaticHeapSpan ?? xen.Span,
                    $"staticHeap (xen,static-heap) needs Xen 4.17 or later; the target is Xen {xen.Version.Value}", xen.Version.Span);
            var banks = new List<StaticMemBank>();
            foreach (var b in xen.StaticHeap)
            {
                if (b.Size.Value == 0 || b.Range.Wraps || b.Base.Value % Alignment != 0 || b.Size.Value % Alignment != 0)
                    ctx.Report(DiagnosticCodes.StaticHeapAlignment, b.Span,
                        $"static heap bank {b.Range} must be non-empty and 64 KiB aligned in base and size (booting.txt: \"at least a 64KB alignment is required\")");
                else if (!Fits(b.Base.Value, ctx.Board.Host.AddressCells.Value) || !Fits(b.Size.Value, ctx.Board.Host.SizeCells.Value))
                    ctx.Report(DiagnosticCodes.StaticHeapCells, b.Span,
                        $"static heap bank {b.Range} does not fit the root node's {ctx.Board.Host.AddressCells.Value} address and {ctx.Board.Host.SizeCells.Value} size cells, which xen,static-heap is written in");
                else banks.Add(b);
            }
            var inRam = InRam(ctx, banks);
            Overlaps(ctx, inRam);
            if (inRam.Count == xen.StaticHeap.Count) BigEnough(ctx, inRam);
        }

        private static bool Fits(ulong value, int cells) => cells >= 2 || value >> 32 == 0;

        /// <summary>The banks inside RAM (each bank gets one diagnostic: a bank in a carve-out is 2082, not also 2083).</summary>
        private static List<StaticMemBank> InRam(RuleContext ctx, List<StaticMemBank> banks)
        {
            if (ctx.Board.Host.Ram.Count == 0) return banks; // RAM unknown: XSHM1020/1023 said why
            var ram = ctx.Board.HostRamAfterCarve.OrderBy(b => b.Range.Base).ToList();
            var inRam = new List<StaticMemBank>();
            foreach (var b in banks)
                if (HostRamCarve.FindBank(ram, b.Range) >= 0) inRam.Add(b);
                else
                    ctx.Report(DiagnosticCodes.StaticHeapNotInRam, b.Span,
                        $"static heap bank {b.Range} is not inside one host RAM bank left after the carve-outs ({string.Join(", ", ram.Select(r => r.Range.ToString()))})");
            return inRam;
        }

        /// <summary>Each heap bank against every other range (and the heap banks before it), at the heap bank.</summary>
        private static void Overlaps(RuleContext ctx, List<StaticMemBank> banks)
        {
            var others = new List<(AddressRange Range, SourceSpan Span, string What)>();
            foreach (var region in ctx.Board.Regions)
                if (region.HostRange is AddressRange r && r.Size != 0 && !r.Wraps)
                    others.Add((r, region.Host!.Value.Span, $"region '{region.Id.Value}'"));
            foreach (var res in ctx.Board.Host.Reserved)
                if (res.Range.Size != 0 && !res.Range.Wraps) others.Add((res.Range, res.Span, $"board reserved memory '{res.Name}'"));
            foreach (var d in ctx.Board.Domains)
                foreach (var s in d.StaticMem)
                    if (s.Size.Value != 0 && !s.Range.Wraps) others.Add((s.Range, s.Span, $"static memory of '{d.Name.Value}'"));
            foreach (var b in banks)
            {
                foreach (var (range, span, what) in others)
                    if (b.Range.Base <= range.Last && range.Base <= b.Range.Last)
                    {
                        ctx.Report(DiagnosticCodes.StaticHeapOverlap, b.Span,
                            $"static heap bank {b.Range} overlaps {what} {range}: Xen's heap must be memory nothing else owns", span);
                        break;
                    }
                others.Add((b.Range, b.Span, "static heap bank"));
            }
        }

        private static void BigEnough(RuleContext ctx, List<StaticMemBank> banks)
        {
            if (banks.Count == 0) return;
            ulong heap = 0, needed = 0;
            foreach (var b in banks) heap += b.Size.Value;
            var fromHeap = ctx.Board.Domains.Where(d => d.Kind.Value == DomainKind.Dom0
                || (d.Kind.Value == DomainKind.Dom0less && d.StaticMem.Count == 0)).ToList();
            foreach (var d in fromHeap) needed += d.Memory?.Value ?? 0;
            if (needed > heap)
                ctx.Report(DiagnosticCodes.StaticHeapTooSmall, ctx.Xen.StaticHeapSpan ?? ctx.Xen.Span,
                    $"the static heap holds {RuleContext.Hex(heap)} bytes but Xen allocates {RuleContext.Hex(needed)} from it at boot for {string.Join(", ", fromHeap.Select(d => "'" + d.Name.Value + "'"))}: with a static heap, Xen allocates from nothing else");
        }
    }
}
