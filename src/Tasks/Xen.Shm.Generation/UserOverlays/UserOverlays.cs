using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xen.Shm.Devicetree;
using Xen.Shm.Devicetree.Overlay;
using Xen.Shm.Diagnostics;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.UserOverlays
{
    /// <summary>
    /// host.overlays applied to the board tree before the SDK's own changes, as fdtoverlay would
    /// (ImageBuilder DT_OVERLAY applies them to the host DTB before its /chosen edits too): the board
    /// compiled with -@ (a .dtb board is used as it is and needs its own /__symbols__), each overlay
    /// compiled with -@ (a .dtbo as it is), then <see cref="OverlayApplier"/>. The SDK then patches that
    /// tree like any board. Overlays may not write where the SDK writes (/chosen, memory nodes,
    /// /reserved-memory): the SDK reads RAM and reservations from the board before them.
    /// </summary>
    internal static class UserOverlays
    {
        /// <summary>The board blob with every overlay applied; null when there are none or on an error (reported).</summary>
        public static byte[]? Apply(GenerationInput input, string? hostSource, DiagnosticBag diagnostics, List<string> dependencies)
        {
            var overlays = input.Board.Host.Overlays;
            if (overlays.Count == 0) return null;
            byte[]? board = BoardBlob(input, hostSource, dependencies);
            if (board == null) return null;
            var blobs = new List<byte[]>();
            foreach (var file in overlays)
            {
                byte[]? blob = OverlayBlob(input, file, diagnostics, dependencies);
                if (blob == null) return null;
                blobs.Add(blob);
            }
            var result = OverlayApplier.Apply(board, blobs);
            if (result.Failure is { } failure)
            {
                Report(failure, failure.Index < 0 ? null : overlays[failure.Index], input.Board, diagnostics);
                return null;
            }
            for (int i = 0; i < overlays.Count; i++) OverlayClashes.Check(overlays[i], result.Writes[i], diagnostics);
            return diagnostics.HasErrors ? null : result.Blob;
        }

        /// <summary>The board as a blob with /__symbols__ (dtc -@); null when it does not compile (the generator reports that).</summary>
        private static byte[]? BoardBlob(GenerationInput input, string? hostSource, List<string> dependencies)
        {
            if (hostSource == null) return input.HostBlob;
            var options = new DtcOptions { Symbols = true, Force = true, Quiet = 3 };
            options.IncludeDirs.AddRange(input.IncludeDirs);
            var compiled = Dtc.Compile(hostSource, input.HostSourceName, options);
            dependencies.AddRange(compiled.Dependencies);
            return compiled.Output;
        }

        private static byte[]? OverlayBlob(GenerationInput input, BoardFile file, DiagnosticBag diagnostics, List<string> dependencies)
        {
            if (!input.UserTrees.TryGetValue(file.FullPath, out var tree)) tree = InputTree.FromBlob(Array.Empty<byte>());
            if (tree.Blob != null) return DtbReader.Read(tree.Blob, file.FullPath, diagnostics) == null ? null : tree.Blob;
            var options = new DtcOptions { Symbols = true };
            options.IncludeDirs.Add(Path.GetDirectoryName(file.FullPath) ?? string.Empty);
            var compiled = Dtc.Compile(tree.Source ?? string.Empty, file.FullPath, options);
            dependencies.AddRange(compiled.Dependencies);
            if (compiled.Succeeded && compiled.Output != null) return compiled.Output;
            string first = compiled.Messages.FirstOrDefault(m => m.Severity != DtcSeverity.Warning)?.ToString() ?? compiled.StandardError.Trim();
            diagnostics.Add(DiagnosticCodes.OverlaySourceError, file.Span, $"overlay '{file.WrittenPath}' does not compile: {first}");
            foreach (var m in compiled.Messages)
                if (m.Severity != DtcSeverity.Warning && !m.Span.IsEmpty) diagnostics.Add(m.ToDiagnostic());
            return null;
        }

        private static void Report(OverlayFailure failure, BoardFile? overlay, Board board, DiagnosticBag diagnostics)
        {
            var span = overlay?.Span ?? board.Host.DeviceTree?.Span ?? board.Host.Span;
            string name = overlay?.WrittenPath ?? board.Host.DeviceTree?.WrittenPath ?? "board";
            string text = $"overlay '{name}' does not apply: {failure.Where} (fdtoverlay: {failure.FdtoverlayText(name)})";
            diagnostics.Add(Descriptor(failure), span, text);
        }

        private static DiagnosticDescriptor Descriptor(OverlayFailure f)
        {
            bool notFound = f.Error == FdtError.NotFound || f.Error == FdtError.BadPath;
            if (notFound && f.Stage == OverlayStage.Fixups) return DiagnosticCodes.OverlayLabelMissing;
            if (notFound && (f.Stage == OverlayStage.Merge || f.Stage == OverlayStage.Symbols)) return DiagnosticCodes.OverlayTargetMissing;
            if (f.Error == FdtError.BadOverlay || f.Error == FdtError.BadValue || f.Error == FdtError.BadPhandle || f.Error == FdtError.NoPhandles)
                return DiagnosticCodes.OverlayMalformed;
            return DiagnosticCodes.OverlayNotApplied;
        }
    }
}
