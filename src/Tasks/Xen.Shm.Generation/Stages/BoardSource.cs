using System.Collections.Generic;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.HostTree;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// Stage 1: the board device tree as it is, with host.overlays applied (UserOverlays/): the DTS
    /// text the host tree patches (a DTB board decompiled), parsed once to read what the later stages
    /// need from it. The checks run once, later, on the patched tree.
    /// </summary>
    internal sealed class BoardSource
    {
        private BoardSource(string? text, DtTree? tree, SourceSpan span)
        {
            Text = text;
            Tree = tree;
            Span = span;
        }

        /// <summary>The DTS text to patch; null when the board has no device tree (only the overlay is made).</summary>
        public string? Text { get; }

        /// <summary>The board parsed (not compiled: no phandles, no checks); null without a board tree.</summary>
        public DtTree? Tree { get; }

        /// <summary>Where board-tree diagnostics go: the YAML's deviceTree value, else the host entry.</summary>
        public SourceSpan Span { get; }

        /// <summary>The board's own <c>/chosen</c> <c>xen,xen-bootargs</c> (one string), or null.</summary>
        public string? XenBootargs
        {
            get
            {
                var args = Tree?.FindNode("/chosen")?.GetProperty("xen,xen-bootargs");
                return args != null && args.Value.IsOneString ? args.Value.AsCString() : null;
            }
        }

        /// <summary>The changes' starting point: <c>/reserved-memory</c> as the board has it, or the root's cells to create it with.</summary>
        public HostChanges NewHostChanges(Topology.Board board)
        {
            int rootA = board.Host.AddressCells.Value, rootS = board.Host.SizeCells.Value;
            var host = new HostChanges
            {
                ReservedAddressCells = board.Host.ReservedMemoryAddressCells ?? rootA,
                ReservedSizeCells = board.Host.ReservedMemorySizeCells ?? rootS,
                ReservedMemoryExists = board.Host.ReservedMemoryAddressCells.HasValue,
            };
            if (Tree == null) return host;
            var rm = Tree.FindNode("/reserved-memory");
            host.ReservedMemoryExists = rm != null;
            if (rm != null)
            {
                host.ReservedAddressCells = CellsOf(rm, "#address-cells", 2);
                host.ReservedSizeCells = CellsOf(rm, "#size-cells", 1);
            }
            return host;
        }

        /// <summary>The board as given, or null after a diagnostic (an overlay or the board does not compile).</summary>
        public static BoardSource? Load(GenerationInput input, DiagnosticBag diagnostics, List<string> dependencies)
        {
            var board = input.Board;
            var span = board.Host.DeviceTree?.Span ?? board.Host.Span;
            string? hostSource = input.HostSource;
            byte[]? hostBlob = UserOverlays.UserOverlays.Apply(input, hostSource, diagnostics, dependencies) ?? input.HostBlob;
            if (diagnostics.HasErrors) return null;
            if (hostBlob != input.HostBlob) hostSource = null;
            if (hostSource == null && hostBlob != null)
            {
                var tree = DtbReader.Read(hostBlob, input.HostSourceName, diagnostics);
                if (tree == null) return null;
                hostSource = DtsWriter.Write(tree);
            }
            if (hostSource == null) return new BoardSource(null, null, span);
            var parsed = DtsParser.Parse(hostSource, input.HostSourceName, input.IncludeDirs);
            if (parsed.Tree == null)
            {
                diagnostics.Add(DiagnosticCodes.BoardTreeDoesNotCompile, span,
                    $"the board device tree '{input.HostSourceName}' does not compile: {TreeCompiler.FirstError(parsed.Messages)}");
                TreeCompiler.AtTheirPositions(parsed.Messages, diagnostics);
                return null;
            }
            dependencies.AddRange(parsed.Dependencies);
            return new BoardSource(hostSource, parsed.Tree, span);
        }

        private static int CellsOf(DtNode node, string name, int fallback)
        {
            var p = node.GetProperty(name);
            return p != null && p.Value.Length == 4 ? (int)p.Value.GetCell(0) : fallback;
        }
    }
}
