using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// The <c>host:</c> section. Values written in the YAML win; what is not written comes
    /// from the board device tree (<see cref="HostBoardReader"/>), then from defaults (2/2 cells,
    /// boot window = the lowest RAM bank).
    /// </summary>
    internal static class HostReader
    {
        public static HostBoard? Read(YamlMappingAt map, ReadContext ctx)
        {
            var r = new MappingReader(map, "'host'", Keys.Host, ctx);
            BoardFile? dt = null;
            HostBoardFacts? facts = null;
            dt = ctx.ResolveImage(r.String("deviceTree"), null, BuildImageRoles.HostDeviceTree, FileRole.HostDeviceTree);
            if (dt is not null) dt.Preprocessing = PreprocessingReader.Read(r, ctx);
            if (dt is not null && ctx.CanRead(dt)) facts = HostBoardReader.Read(dt, ctx.Diagnostics);

            if (dt is null) PreprocessingReader.ForbidWithoutTree(r, ctx);
            Spanned<int> addressCells = new Spanned<int>(facts?.AddressCells ?? 2, dt?.Span ?? map.Span);
            Spanned<int> sizeCells = new Spanned<int>(facts?.SizeCells ?? 2, dt?.Span ?? map.Span);
            if (r.Mapping("cells") is { } cellsMap)
            {
                var c = new MappingReader(cellsMap, "'host.cells'", Keys.Cells, ctx);
                if (c.Int("address", 1, 2) is { } a) addressCells = a;
                if (c.Int("size", 1, 2) is { } s) sizeCells = s;
            }

            IReadOnlyList<RamBank> ram = facts?.Ram ?? Array.Empty<RamBank>();
            if (r.Has("ram"))
            {
                var banks = new List<RamBank>();
                foreach (var bankMap in r.Mappings("ram", "{ node, base, size }"))
                {
                    var b = new MappingReader(bankMap, "a RAM bank", Keys.RamBank, ctx);
                    var node = b.String("node");
                    var @base = b.Number("base", required: true);
                    var size = b.NonZeroNumber("size", "a RAM bank's", required: true);
                    if (@base is null || size is null) continue;
                    string nodeName = node?.Value ?? (@base.Value.Value == 0 ? "/memory@0" : "/memory@" + @base.Value.Value.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
                    banks.Add(new RamBank(nodeName, new AddressRange(@base.Value.Value, size.Value.Value), bankMap.Span));
                }
                ram = banks;
            }
            // An unreadable or missing DT file is already reported (XSHM1010/1023): no second error for it.
            bool dtReported = dt is not null && facts is null;
            if (ram.Count == 0 && !r.Has("ram") && !dtReported)
                ctx.Report(DiagnosticCodes.HostRamUnknown, map.Span,
                    dt is null ? "'host' needs 'ram' banks or a 'deviceTree' with a memory node" : "the board device tree gives no RAM bank (no memory node with a usable reg): add 'ram' banks to 'host'");

            var reserved = new List<ReservedRange>(facts?.Reserved ?? Array.Empty<ReservedRange>());
            foreach (var resMap in r.Mappings("reserved", "{ name, base, size }"))
            {
                var m = new MappingReader(resMap, "a reserved range", Keys.Reserved, ctx);
                var name = m.String("name");
                var @base = m.Number("base", required: true);
                var size = m.Number("size", required: true);
                if (@base is null || size is null) continue;
                reserved.Add(new ReservedRange(name?.Value ?? "reserved", new AddressRange(@base.Value.Value, size.Value.Value), @base.Value.Span));
            }

            var lowest = ram.OrderBy(b => b.Range.Base).FirstOrDefault();
            var bootStart = new Spanned<ulong>(lowest?.Range.Base ?? 0, map.Span);
            var bootEnd = new Spanned<ulong>(lowest?.Range.End ?? 0, map.Span);
            BoardFile? bitstream = null;
            var bootFiles = new List<BoardFile>();
            if (r.Mapping("boot") is { } bootMap)
            {
                var b = new MappingReader(bootMap, "'host.boot'", Keys.Boot, ctx);
                if (b.String("bitstream") is { } bs) bitstream = ctx.ResolveFile(bs, FileRole.Bitstream, null);
                foreach (var f in b.Strings("files"))
                    if (ctx.ResolveFile(f, FileRole.BootAuxFile, null) is { } bf) bootFiles.Add(bf);
                if (b.Number("start") is { } s) bootStart = s;
                if (b.Number("end") is { } e) bootEnd = e;
                if (bootEnd.Value <= bootStart.Value && (b.Has("start") || b.Has("end")))
                    ctx.Report(DiagnosticCodes.BootWindowInvalid, b.Has("end") ? bootEnd.Span : bootStart.Span,
                        "'host.boot' end must be above its start");
            }

            return new HostBoard(dt, addressCells, sizeCells, ram, reserved, facts?.ReservedMemoryAddressCells, facts?.ReservedMemorySizeCells,
                bootStart, bootEnd, facts?.ChosenDom0Bootargs, map.Span)
            { Overlays = HostOverlayReader.Read(r, dt, ctx), Bitstream = bitstream, BootFiles = bootFiles };
        }
    }
}
