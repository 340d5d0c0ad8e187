using System;
using System.Collections.Generic;
using System.Globalization;

namespace Xen.Shm.Devicetree
{
    /// <summary>
    /// Flattens a live tree into a DTB exactly as dtc 1.6.1's dt_to_blob (flattree.c; spec §11):
    /// header, reservation block, structure block, strings block with suffix sharing, padding.
    /// Writes the tree as it is: run <see cref="Dtc"/> first for phandles, fix-ups and checks.
    /// </summary>
    public static class FdtWriter
    {
        private const uint Magic = 0xd00dfeed;
        private const uint BeginNode = 1, EndNode = 2, Prop = 3, End = 9;

        /// <summary>
        /// Flatten <paramref name="tree"/>. Throws <see cref="ArgumentException"/> for an unknown version, bad
        /// padding options, or a blob larger than .NET's largest array (xdtc streams such padding instead).
        /// </summary>
        public static byte[] Write(DtTree tree, FlattenOptions? options = null)
        {
            var messages = new List<DtcMessage>();
            var blob = Write(tree, options ?? new FlattenOptions(), messages, out string? fatal, out long trailingZeros);
            if (blob == null) throw new ArgumentException(fatal);
            if (trailingZeros > 0)
                throw new ArgumentException("Blob of " + (blob.Length + trailingZeros).ToString(CultureInfo.InvariantCulture) +
                    " bytes is larger than the largest array; pad it while writing (see DtcResult.OutputPadding)");
            return blob;
        }

        private sealed class Layout
        {
            public int Version, LastComp, HeaderSize;
            public bool FullPath, VarAlign, NameProps, BootCpu, StringsSize, StructSize;
        }

        private static Layout? LayoutFor(int version)
        {
            switch (version)
            {
                case 1: return new Layout { Version = 1, LastComp = 1, HeaderSize = 28, FullPath = true, VarAlign = true, NameProps = true };
                case 2: return new Layout { Version = 2, LastComp = 1, HeaderSize = 32, FullPath = true, VarAlign = true, NameProps = true, BootCpu = true };
                case 3: return new Layout { Version = 3, LastComp = 1, HeaderSize = 36, FullPath = true, VarAlign = true, NameProps = true, BootCpu = true, StringsSize = true };
                case 16: return new Layout { Version = 16, LastComp = 16, HeaderSize = 36, BootCpu = true, StringsSize = true };
                case 17: return new Layout { Version = 17, LastComp = 16, HeaderSize = 40, BootCpu = true, StringsSize = true, StructSize = true };
                default: return null;
            }
        }

        /// <summary>
        /// The blob, padding included while it fits one array and <paramref name="streamPadding"/> is
        /// false; otherwise (dtc 1.6.1 happily writes a 2 GiB+ file for `-S 0x7fffffff` or `-p 0x7fffffff`)
        /// the blob stops after the strings block and <paramref name="trailingZeros"/> says how many zero
        /// bytes the file continues with.
        /// </summary>
        internal static byte[]? Write(DtTree tree, FlattenOptions o, List<DtcMessage> messages, out string? fatal, out long trailingZeros, int quiet = 0, bool streamPadding = false)
        {
            fatal = null;
            trailingZeros = 0;
            var vi = LayoutFor(o.Version);
            if (vi == null)
            {
                fatal = "Unknown device tree blob version " + o.Version.ToString(CultureInfo.InvariantCulture) + "\n";
                return null;
            }

            var strings = new StringTable();
            int reserveCountEarly = tree.MemoryReservations.Count + Math.Max(0, o.ReserveEntries);
            int structStart = ((vi.HeaderSize + 7) & ~7) + (reserveCountEarly + 1) * 16;
            ByteSink dt;
            byte[]? direct = null;
            if (!vi.VarAlign && !vi.NameProps && !vi.FullPath)
            {
                // v16/17: size the structure block first (this also fills the strings block in the
                // same first-use order), then write it straight into the blob at its final place.
                int structSize = Measure(tree.Root, strings) + 4;
                int total0 = structStart + structSize + strings.Length;
                int pad0 = Padding(total0, o, null);
                direct = new byte[InMemory(total0, pad0, streamPadding) ? total0 + Math.Max(pad0, 0) : total0];
                dt = new ByteSink(direct, structStart);
            }
            else dt = new ByteSink(1024);
            Flatten(tree.Root, "", dt, strings, vi);
            dt.Cell(End);

            int reserveCount = tree.MemoryReservations.Count + Math.Max(0, o.ReserveEntries);
            int reserveSize = (reserveCount + 1) * 16;
            int reserveOff = (vi.HeaderSize + 7) & ~7;
            int total = reserveOff + reserveSize + dt.Length + strings.Length;

            int padlen = Padding(total, o, quiet < 1 ? messages : null);
            // int arithmetic wraps as in dtc's C (header totalsize of -p 0x7fffffff).
            int tsize = unchecked(total + (padlen > 0 ? padlen : 0));
            if (!InMemory(total, padlen, streamPadding)) trailingZeros = padlen;

            var blob = direct ?? new byte[trailingZeros > 0 ? total : tsize];
            var h = new ByteSink(blob, 0);
            h.Cell(Magic);
            h.Cell((uint)tsize);
            h.Cell((uint)(reserveOff + reserveSize));
            h.Cell((uint)(reserveOff + reserveSize + dt.Length));
            h.Cell((uint)reserveOff);
            h.Cell((uint)vi.Version);
            h.Cell((uint)vi.LastComp);
            if (vi.HeaderSize >= 32) h.Cell(vi.BootCpu ? tree.BootCpuId : 0xffffffff);
            if (vi.HeaderSize >= 36) h.Cell(vi.StringsSize ? (uint)strings.Length : 0xffffffff);
            if (vi.HeaderSize >= 40) h.Cell(vi.StructSize ? (uint)dt.Length : 0xffffffff);
            // zero bytes up to reserveOff are already there
            int p = reserveOff;
            foreach (var r in tree.MemoryReservations)
            {
                Put64(blob, p, r.Address);
                Put64(blob, p + 8, r.Size);
                p += 16;
            }
            p += 16 * (Math.Max(0, o.ReserveEntries) + 1);
            if (direct == null) dt.CopyTo(blob, p);
            p += dt.Length;
            strings.CopyTo(blob, p);
            return blob;
        }

        // .NET's Array.MaxLength (not in netstandard2.0, where this library also runs inside MSBuild).
        private const long LargestArray = 0x7FFFFFC7;

        private static bool InMemory(int total, int padlen, bool streamPadding) =>
            padlen <= 0 || (!streamPadding && (long)total + padlen <= LargestArray);

        // -S / -p / -a arithmetic of dt_to_blob (spec §11.5); the -S warning goes to messages when given.
        private static int Padding(int total, FlattenOptions o, List<DtcMessage>? messages)
        {
            int padlen = 0;
            if (o.MinimumSize > 0)
            {
                padlen = o.MinimumSize - total;
                if (padlen < 0)
                {
                    padlen = 0;
                    messages?.Add(DtcMessage.Plain(DtcSeverity.Warning, "Warning: blob size " + total.ToString(CultureInfo.InvariantCulture) +
                        " >= minimum size " + o.MinimumSize.ToString(CultureInfo.InvariantCulture)));
                }
            }
            if (o.PadSize > 0) padlen = o.PadSize;
            if (o.Align > 0) padlen = ((total + padlen + o.Align - 1) & ~(o.Align - 1)) - total;
            return padlen;
        }

        private static int Measure(DtNode node, StringTable strings)
        {
            if (node.IsDeleted) return 0;
            int size = 4 + ((NameBytes.Count(node.Name) + 1 + 3) & ~3) + 4;
            foreach (var prop in node.PropertyList)
            {
                if (prop.IsDeleted) continue;
                strings.Insert(prop.Name);
                size += 12 + ((prop.Value.Length + 3) & ~3);
            }
            foreach (var child in node.ChildList) size += Measure(child, strings);
            return size;
        }

        private static void Put64(byte[] b, int p, ulong v)
        {
            for (int i = 7; i >= 0; i--)
            {
                b[p + i] = (byte)v;
                v >>= 8;
            }
        }

        private static void Flatten(DtNode node, string parentPath, ByteSink dt, StringTable strings, Layout vi)
        {
            if (node.IsDeleted) return;
            dt.Cell(BeginNode);
            // Full paths only for the old -V 1..3 layouts (no string building otherwise).
            string path = !vi.FullPath ? "" : node.Parent == null ? "/" : (parentPath.EndsWith("/", StringComparison.Ordinal) ? parentPath : parentPath + "/") + node.Name;
            dt.CString(vi.FullPath ? path : node.Name);
            dt.Align(4);
            bool seenName = false;
            foreach (var prop in node.PropertyList)
            {
                if (prop.IsDeleted) continue;
                if (prop.Name == "name") seenName = true;
                int nameoff = strings.Insert(prop.Name);
                dt.Cell(Prop);
                dt.Cell((uint)prop.Value.Length);
                dt.Cell((uint)nameoff);
                if (vi.VarAlign && prop.Value.Length >= 8) dt.Align(8);
                dt.Bytes(prop.Value.RawBuffer, prop.Value.RawStart, prop.Value.Length);
                dt.Align(4);
            }
            if (vi.NameProps && !seenName)
            {
                var baseName = NameBytes.Of(node.BaseName);
                dt.Cell(Prop);
                dt.Cell((uint)(baseName.Length + 1));
                dt.Cell((uint)strings.Insert("name"));
                if (vi.VarAlign && baseName.Length + 1 >= 8) dt.Align(8);
                dt.Bytes(baseName, 0, baseName.Length);
                dt.Bytes(new byte[1], 0, 1);
                dt.Align(4);
            }
            foreach (var child in node.ChildList)
                Flatten(child, path, dt, strings, vi);
            dt.Cell(EndNode);
        }

        /// <summary>A growable big-endian byte buffer.</summary>
        private sealed class ByteSink
        {
            private byte[] _b;
            private int _n;
            private readonly int _start;
            private readonly bool _fixed;

            public ByteSink(int capacity) => _b = new byte[Math.Max(capacity, 16)];

            /// <summary>Write into <paramref name="target"/> from <paramref name="start"/> on (fixed size).</summary>
            public ByteSink(byte[] target, int start)
            {
                _b = target;
                _n = start;
                _start = start;
                _fixed = true;
            }

            public int Length => _n - _start;

            private void Ensure(int extra)
            {
                if (_n + extra <= _b.Length) return;
                if (_fixed) throw new InvalidOperationException("header overflow");
                int size = _b.Length * 2;
                while (size < _n + extra) size *= 2;
                Array.Resize(ref _b, size);
            }

            public void Cell(uint v)
            {
                Ensure(4);
                _b[_n] = (byte)(v >> 24);
                _b[_n + 1] = (byte)(v >> 16);
                _b[_n + 2] = (byte)(v >> 8);
                _b[_n + 3] = (byte)v;
                _n += 4;
            }

            public void Bytes(byte[] src, int off, int len)
            {
                Ensure(len);
                Buffer.BlockCopy(src, off, _b, _n, len);
                _n += len;
            }

            public void CString(string s)
            {
                // Straight into the buffer: no byte[] per node name.
                Ensure(NameBytes.Count(s) + 1);
                _n += NameBytes.Write(s, _b, _n);
                _b[_n++] = 0;
            }

            public void Align(int a)
            {
                int target = (_n + a - 1) & ~(a - 1);
                Ensure(target - _n);
                while (_n < target) _b[_n++] = 0;
            }

            public void CopyTo(byte[] dest, int offset) => Buffer.BlockCopy(_b, _start, dest, offset, _n - _start);
        }
    }
}
