using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// Stage 7, fdt apply route (LAYOUT L1/L3): the boot medium gets the unmodified board DTB and the
    /// overlay in the host DTB's place (§10.3: overlays, then the DTB, after every module, so no module
    /// moves and <c>/chosen</c> stays right). The board DTB's slot keeps room for what <c>fdt resize</c>
    /// adds: the growth host.dtb shows, plus the overlay's size as margin. Off the route, the plan stays.
    /// </summary>
    internal sealed class FdtApplyRoute
    {
        /// <summary>The room given to <c>fdt resize</c> is rounded up to this.</summary>
        private const ulong OverlayRoomStep = 0x1000;

        private FdtApplyRoute(LoadPlan plan, byte[]? boardDtb, ulong overlayRoom)
        {
            Plan = plan;
            BoardDtb = boardDtb;
            OverlayRoom = overlayRoom;
        }

        /// <summary>The final load plan.</summary>
        public LoadPlan Plan { get; }

        /// <summary>The board compiled as it is; null off the route.</summary>
        public byte[]? BoardDtb { get; }

        public bool Applies => BoardDtb != null;

        /// <summary>Bytes the board DTB may grow by when the overlay is applied (0 off the route).</summary>
        public ulong OverlayRoom { get; }

        /// <summary>The route's plan, the host tree's plan when the route is off, or null after an error.</summary>
        public static FdtApplyRoute? Choose(GenerationInput input, BoardSource source, BootFileSet files, LoadLayout layout,
            PatchedHostTree host, byte[]? overlay, DiagnosticBag diagnostics)
        {
            bool apply = input.Boot.ApplyOverlay && source.Text != null && host.Dtb != null && overlay != null;
            if (!apply) return new FdtApplyRoute(host.Plan, null, 0);
            var compiledBoard = TreeCompiler.Compile(source.Text!, input.HostSourceName, input.IncludeDirs);
            var boardDtb = TreeCompiler.Generated(compiledBoard, BootFolder.BoardDtb, source.Span, diagnostics);
            if (boardDtb == null) return null;
            ulong growth = host.Dtb!.Length > boardDtb.Length ? (ulong)(host.Dtb.Length - boardDtb.Length) : 0;
            ulong room = AlignUp(growth + (ulong)overlay!.Length, OverlayRoomStep);
            var all = new List<BootFile>(files.Planned)
            {
                new BootFile(BootFolder.HostOverlay, BootFileRole.HostDtbOverlay, (ulong)overlay.Length) { Span = source.Span },
                // The tree grows in place: `fdt resize room`, then bootm's pad.
                new BootFile(BootFolder.BoardDtb, BootFileRole.HostDtb, (ulong)boardDtb.Length, InPlaceDeviceTree.Extent((ulong)boardDtb.Length, room)) { Span = source.Span },
            };
            var bag = new DiagnosticBag();
            var replanned = LoadAddressPlanner.Plan(layout, all, bag, input.Board.Host.Span);
            if (replanned == null)
            {
                diagnostics.AddRange(bag);
                return null;
            }
            foreach (var p in host.Plan.Files.Where(p => p.File.Role != BootFileRole.HostDtb))
                if (replanned.Find(p.File.Name)?.Address != p.Address)
                    throw new InvalidOperationException($"planning the fdt apply route moved '{p.File.Name}'");
            return new FdtApplyRoute(replanned, boardDtb, room);
        }

        private static ulong AlignUp(ulong v, ulong step) => (v + step - 1) / step * step;
    }
}
