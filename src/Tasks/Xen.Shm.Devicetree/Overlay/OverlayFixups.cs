using System;

namespace Xen.Shm.Devicetree.Overlay
{
    /// <summary>
    /// References from the overlay to the base's labels (libfdt/fdt_overlay.c, dtc 1.6.1:
    /// overlay_fixup_phandles): each <c>/__fixups__</c> property is a label; its value lists
    /// "path:property:offset" places that get the phandle of the base node the base's
    /// <c>/__symbols__</c> names by that label.
    /// </summary>
    internal sealed class OverlayFixups
    {
        private readonly FdtBlob _fdt;
        private readonly FdtBlob _fdto;

        public OverlayFixups(FdtBlob fdt, FdtBlob fdto)
        {
            _fdt = fdt;
            _fdto = fdto;
        }

        public string Where { get; private set; } = string.Empty;

        public int Apply()
        {
            int fixups = _fdto.PathOffset("/__fixups__");
            if (fixups == FdtBlob.Err(FdtError.NotFound)) return 0;
            if (fixups < 0) return fixups;
            int symbols = _fdt.PathOffset("/__symbols__");
            if (symbols < 0 && symbols != FdtBlob.Err(FdtError.NotFound)) return symbols;
            for (int prop = _fdto.FirstPropertyOffset(fixups); prop >= 0; prop = _fdto.NextPropertyOffset(prop))
            {
                int ret = FixupLabel(symbols, prop);
                if (ret != 0) return ret;
            }
            return 0;
        }

        private int FixupLabel(int symbols, int prop)
        {
            _fdto.GetPropertyByOffset(prop, out int len);
            int labelAbs = _fdto.PropName(prop, out int labelLen);
            if (labelAbs < 0) return labelAbs;
            string label = OverlayApplier.Text(_fdto.Slice(labelAbs, labelLen));
            byte[] value = _fdto.Slice(_fdto.PropData(prop), len);
            int at = 0;
            do
            {
                int end = Array.IndexOf(value, (byte)0, at);
                if (end < 0) return Fail(FdtError.BadOverlay, $"__fixups__ entry '{label}' is not NUL-terminated");
                int ret = FixupOne(symbols, label, value, at, end);
                if (ret != 0) return ret;
                at = end + 1;
            } while (at < value.Length);
            return 0;
        }

        /// <summary>One "path:property:offset" of <paramref name="value"/>[<paramref name="start"/>, <paramref name="end"/>).</summary>
        private int FixupOne(int symbols, string label, byte[] value, int start, int end)
        {
            string entry = OverlayApplier.Text(value, start, end - start);
            int sep1 = Array.IndexOf(value, (byte)':', start, end - start);
            if (sep1 < 0 || sep1 == end - 1) return Fail(FdtError.BadOverlay, $"__fixups__ entry '{label}' = \"{entry}\" is not path:property:offset");
            int nameStart = sep1 + 1;
            int sep2 = Array.IndexOf(value, (byte)':', nameStart, end - nameStart);
            if (sep2 < 0 || sep2 == nameStart) return Fail(FdtError.BadOverlay, $"__fixups__ entry '{label}' = \"{entry}\" is not path:property:offset");
            if (!TryParseOffset(value, sep2 + 1, end, out uint poffset))
                return Fail(FdtError.BadOverlay, $"__fixups__ entry '{label}' = \"{entry}\" has no decimal offset");
            return FixupPlace(symbols, label, entry, value, start, sep1 - start, nameStart, sep2 - nameStart, poffset);
        }

        /// <summary>strtoul(…, 10) that must take the whole rest (leading blanks and a sign are refused here).</summary>
        private static bool TryParseOffset(byte[] s, int from, int end, out uint value)
        {
            ulong v = 0;
            value = 0;
            if (from >= end) return false;
            for (int i = from; i < end; i++)
            {
                if (s[i] < (byte)'0' || s[i] > (byte)'9') return false;
                v = v * 10 + (ulong)(s[i] - '0');
                if (v > int.MaxValue) return false;
            }
            value = (uint)v;
            return true;
        }

        private int FixupPlace(int symbols, string label, string entry, byte[] value, int pathStart, int pathLen,
            int nameStart, int nameLen, uint poffset)
        {
            if (symbols < 0) return Fail((FdtError)(-symbols), $"label '{label}' is not in the base tree (it has no /__symbols__; compile it with -@)");
            int sym = _fdt.GetProperty(symbols, FdtBlob.Latin1(label), out int symLen);
            if (sym < 0) return Fail((FdtError)(-symLen), $"label '{label}' is not in the base tree's /__symbols__");
            byte[] symbolPath = CString(_fdt, _fdt.PropData(sym), symLen);
            int target = _fdt.PathOffset(symbolPath);
            if (target < 0) return Fail((FdtError)(-target), $"label '{label}' names path '{OverlayApplier.Text(symbolPath)}', which is not in the base tree");
            uint phandle = _fdt.GetPhandle(target);
            if (phandle == 0) return Fail(FdtError.NotFound, $"base node '{OverlayApplier.Text(symbolPath)}' (label '{label}') has no phandle");
            int fixupNode = _fdto.PathOffset(value, pathStart, pathLen);
            if (fixupNode == FdtBlob.Err(FdtError.NotFound)) return Fail(FdtError.BadOverlay, $"__fixups__ entry '{label}' = \"{entry}\" names a node the overlay lacks");
            if (fixupNode < 0) return Fail((FdtError)(-fixupNode), $"__fixups__ entry '{label}' = \"{entry}\"");
            int ret = _fdto.SetPropInplace32(fixupNode, value, nameStart, nameLen, poffset, phandle);
            if (ret == FdtBlob.Err(FdtError.NoSpace))
                return Fail(FdtError.NoSpace, $"__fixups__ entry '{label}' = \"{entry}\" points past its property's value (fdtoverlay grows its buffer to 2 GiB on this and then fails)");
            if (ret < 0) return Fail((FdtError)(-ret), $"__fixups__ entry '{label}' = \"{entry}\" names a property the overlay lacks");
            return 0;
        }

        /// <summary>A property value read as C reads it: up to its first NUL (the whole value when it has none).</summary>
        internal static byte[] CString(FdtBlob blob, int abs, int len)
        {
            int n = Array.IndexOf(blob.Mem, (byte)0, abs, Math.Max(0, len));
            return blob.Slice(abs, n < 0 ? Math.Max(0, len) : n - abs);
        }

        private int Fail(FdtError e, string where)
        {
            Where = where;
            return FdtBlob.Err(e);
        }
    }
}
