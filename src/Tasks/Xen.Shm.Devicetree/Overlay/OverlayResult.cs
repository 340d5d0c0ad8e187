using System.Collections.Generic;

namespace Xen.Shm.Devicetree.Overlay
{
    /// <summary>What <see cref="OverlayApplier.Apply"/> gives: the packed blob, or the first failure.</summary>
    public sealed class OverlayResult
    {
        internal OverlayResult(byte[]? blob, IReadOnlyList<IReadOnlyList<OverlayWrite>> writes, OverlayFailure? failure)
        {
            Blob = blob;
            Writes = writes;
            Failure = failure;
        }

        /// <summary>fdtoverlay's output file, or null when an overlay failed.</summary>
        public byte[]? Blob { get; }

        /// <summary>Per overlay applied, the base nodes it added and properties it set, in order.</summary>
        public IReadOnlyList<IReadOnlyList<OverlayWrite>> Writes { get; }

        public OverlayFailure? Failure { get; }
    }

    /// <summary>fdt_overlay_apply's steps (Read: a blob the DTB reader refuses, before any step).</summary>
    public enum OverlayStage { Read, Phandles, Fixups, Merge, Symbols }

    /// <summary>Overlay <see cref="Index"/> does not apply: libfdt's <see cref="Error"/> and where.</summary>
    public sealed class OverlayFailure
    {
        public OverlayFailure(int index, FdtError error, string where, OverlayStage stage = OverlayStage.Read)
        {
            Index = index;
            Error = error;
            Where = where;
            Stage = stage;
        }

        /// <summary>Which step of fdt_overlay_apply failed.</summary>
        public OverlayStage Stage { get; }

        public int Index { get; }
        public FdtError Error { get; }
        public string Where { get; }

        /// <summary>fdtoverlay's own words: "Failed to apply '&lt;name&gt;': FDT_ERR_…".</summary>
        public string FdtoverlayText(string name) => $"Failed to apply '{name}': {FdtErrorNames.Name(Error)}";
    }
}
