using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// The 40-byte (v17) or 36-byte (v16) FDT header and the reservation block, checked the way
    /// libfdt's fdt_check_header does (libfdt/fdt.c) plus the alignment DTSpec §5.1 requires.
    /// </summary>
    internal sealed class DtbReaderHeader
    {
        public const uint Magic = 0xd00dfeed;
        private const int V16HeaderSize = 36;
        private const int V17HeaderSize = 40;

        public uint TotalSize { get; private set; }
        public uint StructOffset { get; private set; }
        public uint StringsOffset { get; private set; }
        public uint ReservationOffset { get; private set; }
        public uint Version { get; private set; }
        public uint LastCompatibleVersion { get; private set; }
        public uint BootCpuIdPhys { get; private set; }
        public uint StringsSize { get; private set; }
        public uint StructSize { get; private set; }

        /// <summary>Reads and validates the header; null (with a diagnostic in <paramref name="errors"/>) if unusable.</summary>
        public static DtbReaderHeader? Read(byte[] blob, DtbReaderErrors errors)
        {
            if (blob.Length < 4)
                return Reject(errors, DiagnosticCodes.DtbTruncated, 0, $"blob is {blob.Length} bytes, shorter than the FDT magic");
            uint magic = DtbReaderBytes.U32(blob, 0);
            if (magic != Magic)
                return Reject(errors, DiagnosticCodes.DtbBadMagic, 0, $"bad magic 0x{magic:x8}, expected 0xd00dfeed");
            if (blob.Length < V16HeaderSize)
                return Reject(errors, DiagnosticCodes.DtbTruncated, 0, $"blob is {blob.Length} bytes, shorter than the {V16HeaderSize}-byte header");

            var h = new DtbReaderHeader
            {
                TotalSize = DtbReaderBytes.U32(blob, 0x04),
                StructOffset = DtbReaderBytes.U32(blob, 0x08),
                StringsOffset = DtbReaderBytes.U32(blob, 0x0c),
                ReservationOffset = DtbReaderBytes.U32(blob, 0x10),
                Version = DtbReaderBytes.U32(blob, 0x14),
                LastCompatibleVersion = DtbReaderBytes.U32(blob, 0x18),
                BootCpuIdPhys = DtbReaderBytes.U32(blob, 0x1c),
                StringsSize = DtbReaderBytes.U32(blob, 0x20),
            };

            // Versions 1-3 name nodes by full path and align long values to 8; nothing current writes them.
            if (h.Version < 16 || h.LastCompatibleVersion > 17)
                return Reject(errors, DiagnosticCodes.DtbUnsupportedVersion, 0x14,
                    $"version {h.Version} (last compatible {h.LastCompatibleVersion}) is not readable; versions 16 and 17 are");

            int headerSize = h.Version >= 17 ? V17HeaderSize : V16HeaderSize;
            if (blob.Length < headerSize)
                return Reject(errors, DiagnosticCodes.DtbTruncated, 0, $"blob is {blob.Length} bytes, shorter than the {headerSize}-byte v{h.Version} header");
            if (h.TotalSize < headerSize)
                return Reject(errors, DiagnosticCodes.DtbBlockOutOfRange, 0x04, $"totalsize {h.TotalSize} is smaller than the header");
            if (h.TotalSize > blob.Length)
                return Reject(errors, DiagnosticCodes.DtbTruncated, 0x04, $"totalsize {h.TotalSize} but the blob has only {blob.Length} bytes");

            // v16 has no size_dt_struct: the structure block may run to the end of the blob.
            h.StructSize = h.Version >= 17 ? DtbReaderBytes.U32(blob, 0x24) : h.TotalSize - System.Math.Min(h.StructOffset, h.TotalSize);

            if (!InRange(headerSize, h.TotalSize, h.ReservationOffset, 16))
                return Reject(errors, DiagnosticCodes.DtbBlockOutOfRange, 0x10, $"off_mem_rsvmap 0x{h.ReservationOffset:x} is outside the blob");
            if (h.ReservationOffset % 8 != 0)
                return Reject(errors, DiagnosticCodes.DtbBlockOutOfRange, 0x10, $"off_mem_rsvmap 0x{h.ReservationOffset:x} is not 8-byte aligned");
            if (!InRange(headerSize, h.TotalSize, h.StructOffset, h.StructSize))
                return Reject(errors, DiagnosticCodes.DtbBlockOutOfRange, 0x08, $"structure block 0x{h.StructOffset:x}+{h.StructSize} is outside the blob (totalsize {h.TotalSize})");
            if (h.StructOffset % 4 != 0)
                return Reject(errors, DiagnosticCodes.DtbBlockOutOfRange, 0x08, $"off_dt_struct 0x{h.StructOffset:x} is not 4-byte aligned");
            if (!InRange(headerSize, h.TotalSize, h.StringsOffset, h.StringsSize))
                return Reject(errors, DiagnosticCodes.DtbBlockOutOfRange, 0x0c, $"strings block 0x{h.StringsOffset:x}+{h.StringsSize} is outside the blob (totalsize {h.TotalSize})");
            return h;
        }

        /// <summary>Entries up to the first with size 0, as dtc's flattree.c and libfdt's fdt_num_mem_rsv stop.</summary>
        public List<DtbReservation>? ReadReservations(byte[] blob, DtbReaderErrors errors)
        {
            var list = new List<DtbReservation>();
            for (long at = ReservationOffset; ; at += 16)
            {
                if (at + 16 > TotalSize)
                {
                    errors.Fail(DiagnosticCodes.DtbBadReservation, at, "memory reservation block has no terminating entry before the end of the blob");
                    return null;
                }
                ulong address = DtbReaderBytes.U64(blob, (int)at);
                ulong size = DtbReaderBytes.U64(blob, (int)at + 8);
                if (size == 0)
                    return list;
                list.Add(new DtbReservation(address, size));
            }
        }

        private static DtbReaderHeader? Reject(DtbReaderErrors errors, DiagnosticDescriptor descriptor, long offset, string message)
        {
            errors.Fail(descriptor, offset, message);
            return null;
        }

        private static bool InRange(long headerSize, long total, long offset, long size) =>
            offset >= headerSize && offset <= total && size <= total - offset;
    }

    /// <summary>One /memreserve/ entry as read from a blob.</summary>
    public readonly struct DtbReservation
    {
        public DtbReservation(ulong address, ulong size)
        {
            Address = address;
            Size = size;
        }

        public ulong Address { get; }
        public ulong Size { get; }
    }
}
