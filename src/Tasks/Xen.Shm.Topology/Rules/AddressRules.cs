using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Page alignment (XSHM2001), non-zero sizes (2002), no wrap past 2^64 (2003) — spec §1.1 —
    /// and host values that must fit the host DT's cells (2004, §1.2/§1.4).
    /// </summary>
    internal static class AddressRules
    {
        private const ulong PageMask = GuestLayout.PageSize - 1;

        public static void Check(RuleContext ctx)
        {
            foreach (var region in ctx.Board.Regions)
            {
                string what = $"region '{region.Id.Value}'";
                Aligned(ctx, region.Host, what + " host address");
                Aligned(ctx, region.Size, what + " size");
                NonZero(ctx, region.Size, what);
                if (region.Host is { } host && region.Size is { } size)
                {
                    NoWrap(ctx, host, size.Value, what + " host range");
                    Cells(ctx, region, host, size);
                }

                var shm = region as StaticShmRegion;
                foreach (var peer in region.Peers)
                {
                    string pw = $"{what}, peer '{peer.Domain.Value}',";
                    Aligned(ctx, peer.Guest, pw + " guest address");
                    Aligned(ctx, peer.Offset, pw + " offset");
                    Aligned(ctx, peer.Size, pw + " size");
                    NonZero(ctx, peer.Size, pw.TrimEnd(','));
                    if (peer.Guest is { } guest)
                    {
                        ulong? windowSize = shm is null || peer.IsOwner ? region.Size?.Value : shm.BorrowerSize(peer);
                        if (windowSize is { } ws) NoWrap(ctx, guest, ws, pw + " guest window");
                    }
                }
            }

            foreach (var d in ctx.Board.Domains)
            {
                foreach (var bank in d.StaticMem)
                {
                    // Xen ASSERTs page alignment (acquire_static_memory_bank) and skips empty banks.
                    string what = $"static memory bank of '{d.Name.Value}'";
                    Aligned(ctx, bank.Base, what + " base");
                    Aligned(ctx, bank.Size, what + " size");
                    NonZero(ctx, bank.Size, what);
                    NoWrap(ctx, bank.Base, bank.Size.Value, what);
                }
            }
        }

        private static void Aligned(RuleContext ctx, Spanned<ulong>? value, string what)
        {
            if (value is { } v && (v.Value & PageMask) != 0)
                ctx.Report(DiagnosticCodes.NotPageAligned, v.Span, $"{what} {RuleContext.Hex(v.Value)} is not a multiple of 4 KiB (0x1000)");
        }

        private static void NonZero(RuleContext ctx, Spanned<ulong>? size, string what)
        {
            if (size is { } s && s.Value == 0)
                ctx.Report(DiagnosticCodes.ZeroSize, s.Span, $"{what} has size 0");
        }

        private static void NoWrap(RuleContext ctx, Spanned<ulong> start, ulong size, string what)
        {
            if (new AddressRange(start.Value, size).Wraps)
                ctx.Report(DiagnosticCodes.RangeWraps, start.Span,
                    $"{what} {RuleContext.Hex(start.Value)} + {RuleContext.Hex(size)} passes 2^64");
        }

        /// <summary>
        /// Host-DT nodes use the host's cells (spec §1.4): the uio and mmio-sram nodes the root's,
        /// the iomem-cacheable node the existing /reserved-memory's (else the root's). dom0less-shm
        /// values sit under /chosen with 2/2 cells, and partial DTs use 2 cells: they always fit.
        /// </summary>
        private static void Cells(RuleContext ctx, Region region, Spanned<ulong> host, Spanned<ulong> size)
        {
            var h = ctx.Board.Host;
            int addressCells, sizeCells;
            string where;
            switch (region.Mechanism.Value)
            {
                case Mechanism.IomemCacheable:
                    addressCells = h.ReservedMemoryAddressCells ?? h.AddressCells.Value;
                    sizeCells = h.ReservedMemorySizeCells ?? h.SizeCells.Value;
                    where = "/reserved-memory";
                    break;
                case Mechanism.Uio:
                case Mechanism.MmioSram:
                    addressCells = h.AddressCells.Value;
                    sizeCells = h.SizeCells.Value;
                    where = "the host root";
                    break;
                default:
                    return;
            }
            if (addressCells == 1 && host.Value > uint.MaxValue)
                ctx.Report(DiagnosticCodes.DoesNotFitCells, host.Span,
                    $"host address {RuleContext.Hex(host.Value)} needs 2 cells but {where} has #address-cells = <1>", h.AddressCells.Span);
            if (sizeCells == 1 && size.Value > uint.MaxValue)
                ctx.Report(DiagnosticCodes.DoesNotFitCells, size.Span,
                    $"size {RuleContext.Hex(size.Value)} needs 2 cells but {where} has #size-cells = <1>", h.SizeCells.Span);
        }
    }
}
