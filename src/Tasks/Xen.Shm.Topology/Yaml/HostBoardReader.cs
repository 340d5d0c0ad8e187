using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>
    /// Reads the facts the topology needs from the board device tree (.dts through the
    /// Devicetree parser, .dtb through its blob reader): root cells, the memory nodes' reg
    /// entries, /reserved-memory children and /memreserve/ entries, /chosen/xen,dom0-bootargs.
    /// The only place the topology touches the device-tree library.
    /// </summary>
    internal static class HostBoardReader
    {
        private static readonly byte[] FdtMagic = { 0xd0, 0x0d, 0xfe, 0xed };

        public static HostBoardFacts? Read(BoardFile file, DiagnosticBag diagnostics)
        {
            var tree = Load(file, diagnostics);
            return tree is null ? null : Facts(tree, file, diagnostics);
        }

        private static DtTree? Load(BoardFile file, DiagnosticBag diagnostics)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(file.FullPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                diagnostics.Add(DiagnosticCodes.HostDeviceTreeUnreadable, file.Span, $"cannot read '{file.WrittenPath}': {ex.Message}");
                return null;
            }

            if (bytes.Length >= 4 && bytes.Take(4).SequenceEqual(FdtMagic))
            {
                var dtb = DtbReader.Read(bytes, file.FullPath, diagnostics);
                if (dtb is null)
                    diagnostics.Add(DiagnosticCodes.HostDeviceTreeUnreadable, file.Span, $"'{file.WrittenPath}' is not a readable device-tree blob");
                return dtb;
            }

            var source = DeviceTreeSource.Read(file, bytes);
            foreach (var d in source.Diagnostics) diagnostics.Add(d);
            if (source.HasErrors) return null;
            var parsed = DtsParser.Parse(source.Bytes, file.FullPath);
            if (parsed.Tree is not null) return parsed.Tree;
            var first = parsed.Messages.FirstOrDefault(m => m.Severity != DtcSeverity.Warning);
            diagnostics.Add(DiagnosticCodes.HostDeviceTreeUnreadable, first is not null && !first.Span.IsEmpty ? first.Span : file.Span,
                $"'{file.WrittenPath}' does not parse as device-tree source: {first?.Text ?? "syntax error"}", file.Span);
            return null;
        }

        private static HostBoardFacts Facts(DtTree tree, BoardFile file, DiagnosticBag diagnostics)
        {
            var root = tree.Root;
            // DTSpec §2.3.5: a node without #address-cells/#size-cells means 2 and 1.
            int addressCells = Cells(root, "#address-cells", 2);
            int sizeCells = Cells(root, "#size-cells", 1);

            var ram = new List<RamBank>();
            foreach (var node in root.Children)
            {
                if (!IsMemoryNode(node) || IsDisabled(node)) continue;
                foreach (var (range, span) in Reg(node, addressCells, sizeCells, file, diagnostics))
                    if (range.Size != 0) ram.Add(new RamBank(node.Path, range, span));
            }

            var reserved = new List<ReservedRange>();
            foreach (var entry in tree.MemoryReservations)
                if (entry.Size != 0) reserved.Add(new ReservedRange("/memreserve/", new AddressRange(entry.Address, entry.Size), file.Span));

            int? rmAddress = null, rmSize = null;
            var rm = root.GetChild("reserved-memory");
            if (rm is not null && !rm.IsDeleted)
            {
                rmAddress = Cells(rm, "#address-cells", 2);
                rmSize = Cells(rm, "#size-cells", 1);
                foreach (var child in rm.Children)
                {
                    if (IsDisabled(child)) continue;
                    foreach (var (range, span) in Reg(child, rmAddress.Value, rmSize.Value, file, diagnostics))
                        if (range.Size != 0) reserved.Add(new ReservedRange(child.Path, range, span));
                }
            }

            var bootargsProperty = root.GetChild("chosen")?.GetProperty("xen,dom0-bootargs");
            Spanned<string>? dom0Bootargs = bootargsProperty is null || bootargsProperty.IsDeleted ? null
                : new Spanned<string>(bootargsProperty.Value.AsCString(), bootargsProperty.Span.IsEmpty ? file.Span : bootargsProperty.Span);
            return new HostBoardFacts(addressCells, sizeCells, ram, reserved, rmAddress, rmSize, dom0Bootargs);
        }

        private static bool IsMemoryNode(DtNode node)
        {
            var type = node.GetProperty("device_type");
            if (type is not null && !type.IsDeleted) return type.Value.AsCString() == "memory";
            return node.BaseName == "memory";
        }

        private static bool IsDisabled(DtNode node)
        {
            var status = node.GetProperty("status");
            return status is not null && !status.IsDeleted && status.Value.AsCString() is string s && s != "okay" && s != "ok";
        }

        private static int Cells(DtNode node, string name, int fallback)
        {
            var p = node.GetProperty(name);
            return p is null || p.IsDeleted || p.Value.Length != 4 ? fallback : (int)Math.Min(p.Value.GetCell(0), 4u);
        }

        private static IEnumerable<(AddressRange Range, SourceSpan Span)> Reg(DtNode node, int addressCells, int sizeCells, BoardFile file,
            DiagnosticBag diagnostics)
        {
            var reg = node.GetProperty("reg");
            if (reg is null || reg.IsDeleted) yield break;
            var span = reg.Span.IsEmpty ? file.Span : reg.Span;
            int entryBytes = (addressCells + sizeCells) * 4;
            if (addressCells > 2 || sizeCells > 2 || entryBytes == 0 || reg.Value.Length % entryBytes != 0)
            {
                diagnostics.Add(DiagnosticCodes.HostDeviceTreeUnreadable, span,
                    $"{node.Path}: reg of {reg.Value.Length} bytes does not split into <{addressCells} address + {sizeCells} size> cell entries");
                yield break;
            }
            for (int off = 0; off < reg.Value.Length; off += entryBytes)
            {
                ulong address = Number(reg.Value, off, addressCells);
                ulong size = Number(reg.Value, off + addressCells * 4, sizeCells);
                yield return (new AddressRange(address, size), span);
            }
        }

        private static ulong Number(DtValue value, int offset, int cells)
        {
            ulong n = 0;
            for (int i = 0; i < cells; i++) n = (n << 32) | value.GetCell(offset + i * 4);
            return n;
        }
    }
}
