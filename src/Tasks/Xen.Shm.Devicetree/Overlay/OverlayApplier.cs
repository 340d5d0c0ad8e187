using System;
using System.Collections.Generic;
using System.Text;

namespace Xen.Shm.Devicetree.Overlay
{
    /// <summary>
    /// <c>fdtoverlay -i base.dtb -o out.dtb a.dtbo b.dtbo …</c> in process (dtc 1.6.1 fdtoverlay.c and
    /// libfdt/fdt_overlay.c): each overlay applied in turn to a copy of the previous result, the
    /// result packed. Same bytes as fdtoverlay; an overlay that does not apply gives an
    /// <see cref="OverlayFailure"/> naming libfdt's error, never an exception. The blobs must already be
    /// readable (the caller checks them with the DTB reader, which gives positioned errors).
    /// </summary>
    public static class OverlayApplier
    {
        /// <summary>Deepest nesting the recursive steps follow (the DTB reader caps blobs at 256).</summary>
        internal const int MaxDepth = 512;

        private const int BufIncrement = 65536; // fdtoverlay.c BUF_INCREMENT

        public static OverlayResult Apply(byte[] baseBlob, IReadOnlyList<byte[]> overlays)
        {
            if (baseBlob == null) throw new ArgumentNullException(nameof(baseBlob));
            if (overlays == null) throw new ArgumentNullException(nameof(overlays));
            var writes = new List<IReadOnlyList<OverlayWrite>>();
            var unreadable = Unreadable(baseBlob, overlays);
            if (unreadable != null) return new OverlayResult(null, writes, unreadable);
            byte[] current = baseBlob;
            for (int i = 0; i < overlays.Count; i++)
            {
                var one = ApplyOneGuarded(current, overlays[i], i);
                if (one.Failure != null) return new OverlayResult(null, writes, one.Failure);
                current = one.Buffer!;
                writes.Add(one.Writes!);
            }
            return new OverlayResult(Pack(current), writes, null);
        }

        /// <summary>
        /// Blobs the DTB reader refuses (bad header, sizes, tokens, nesting) are not edited: the
        /// in-place code below trusts a readable structure. Index -1 is the base.
        /// </summary>
        private static OverlayFailure? Unreadable(byte[] baseBlob, IReadOnlyList<byte[]> overlays)
        {
            for (int i = -1; i < overlays.Count; i++)
            {
                var bag = new Diagnostics.DiagnosticBag();
                if (DtbReader.ReadFlat(i < 0 ? baseBlob : overlays[i], i < 0 ? "base" : "overlay", bag) != null) continue;
                string why = bag.Count > 0 ? bag[0].Message : "unreadable blob";
                return new OverlayFailure(i, FdtError.BadStructure, (i < 0 ? "the base tree: " : "") + why);
            }
            return null;
        }

        /// <summary>A last guard: no input may end in an exception (fdtoverlay would read past its buffer instead).</summary>
        private static (byte[]? Buffer, List<OverlayWrite>? Writes, OverlayFailure? Failure) ApplyOneGuarded(byte[] current, byte[] overlay, int index)
        {
            try
            {
                return ApplyOne(current, overlay, index);
            }
            catch (Exception e) when (e is IndexOutOfRangeException || e is ArgumentException || e is OverflowException)
            {
                return (null, null, new OverlayFailure(index, FdtError.BadStructure, "structure past its block (" + e.GetType().Name + ")"));
            }
        }

        private static byte[] Pack(byte[] buffer) => new FdtBlob((byte[])buffer.Clone()).Pack();

        /// <summary>apply_one: retried in a larger buffer while libfdt runs out of space (the output does not depend on it).</summary>
        private static (byte[]? Buffer, List<OverlayWrite>? Writes, OverlayFailure? Failure) ApplyOne(byte[] current, byte[] overlay, int index)
        {
            long size = new FdtBlob(current).TotalSize + 2L * overlay.Length + BufIncrement;
            for (; ; )
            {
                if (size > int.MaxValue / 2)
                    return (null, null, new OverlayFailure(index, FdtError.NoSpace, "the result would exceed 1 GiB"));
                var fdt = FdtBlob.OpenInto(current, (int)size);
                var fdto = new FdtBlob(Copy(overlay));
                var step = new OverlayStep(fdt, fdto);
                int ret = step.Run(out string where);
                if (ret == FdtBlob.Err(FdtError.NoSpace) && !step.OverlayOutOfBounds)
                {
                    size += Math.Max(BufIncrement, size);
                    continue;
                }
                if (ret != 0) return (null, null, new OverlayFailure(index, (FdtError)(-ret), where, step.Stage));
                return (fdt.Mem, step.Writes, null);
            }
        }

        private static byte[] Copy(byte[] overlay)
        {
            uint total = new FdtBlob(overlay).TotalSize;
            var copy = new byte[Math.Min((long)total, overlay.Length)];
            Array.Copy(overlay, copy, copy.Length);
            return copy;
        }

        internal static string PathText(FdtBlob blob, int node)
        {
            int len = blob.GetPath(node, blob.SizeStruct + 2, out byte[] path); // no path is longer than the structure block
            return len < 0 ? "?" : Text(path);
        }

        internal static string Text(byte[] b) => Text(b, 0, b.Length);

        internal static string Text(byte[] b, int start, int count)
        {
            var sb = new StringBuilder(count);
            for (int i = start; i < start + count; i++)
                sb.Append(b[i] >= 0x20 && b[i] < 0x7f ? (char)b[i] : '?');
            return sb.ToString();
        }
    }

    /// <summary>fdt_overlay_apply's steps, in libfdt's order.</summary>
    internal sealed class OverlayStep
    {
        private readonly FdtBlob _fdt;
        private readonly FdtBlob _fdto;
        private readonly OverlayMerge _merge;

        public OverlayStep(FdtBlob fdt, FdtBlob fdto)
        {
            _fdt = fdt;
            _fdto = fdto;
            _merge = new OverlayMerge(fdt, fdto);
        }

        public List<OverlayWrite> Writes => _merge.Writes;

        /// <summary>A __fixups__ place past its property: libfdt says NOSPACE, and growing the base cannot help.</summary>
        public bool OverlayOutOfBounds { get; private set; }

        public OverlayStage Stage { get; private set; } = OverlayStage.Phandles;

        public int Run(out string where)
        {
            where = string.Empty;
            int ret = _fdt.FindMaxPhandle(out uint delta);
            if (ret != 0) { where = "reading the base tree's phandles"; return ret; }
            var phandles = new OverlayPhandles(_fdto, delta);
            ret = phandles.AdjustNode(0);
            if (ret == 0) ret = phandles.UpdateLocalReferences();
            if (ret != 0) { where = Or(phandles.Where, "renumbering the overlay's phandles"); return ret; }
            Stage = OverlayStage.Fixups;
            var fixups = new OverlayFixups(_fdt, _fdto);
            ret = fixups.Apply();
            if (ret != 0)
            {
                OverlayOutOfBounds = ret == FdtBlob.Err(FdtError.NoSpace);
                where = Or(fixups.Where, "resolving /__fixups__");
                return ret;
            }
            Stage = OverlayStage.Merge;
            ret = _merge.Merge();
            if (ret != 0) { where = _merge.Where; return ret; }
            Stage = OverlayStage.Symbols;
            var symbols = new OverlaySymbols(_fdt, _fdto, _merge);
            ret = symbols.Update();
            if (ret != 0) where = Or(symbols.Where, "updating /__symbols__");
            return ret;
        }

        private static string Or(string where, string fallback) => where.Length > 0 ? where : fallback;
    }
}
