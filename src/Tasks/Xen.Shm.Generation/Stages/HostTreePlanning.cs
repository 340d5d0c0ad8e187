using System.Collections.Generic;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.HostTree;
using Xen.Shm.Generation.Layout;
using static Xen.Shm.Generation.Stages.TreeCompiler;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// Stage 5: load plan, <c>/chosen</c> and the patched host tree, which depend on each other: the
    /// host DTB's size depends on <c>/chosen</c>, which depends on the plan. The DTB is placed after
    /// every module it names (§10.3), so re-planning with the measured size never moves a module and
    /// the second round is stable (README "Load addresses").
    /// </summary>
    internal static class HostTreePlanning
    {
        /// <summary>Most rounds of "plan, build /chosen, measure the host DTB" (§10.3); two always suffice, see README.</summary>
        private const int MaxPlanRounds = 4;

        /// <summary>The settled plan and host tree, or null after an error.</summary>
        public static PatchedHostTree? Run(GenerationInput input, BoardSource source, Regions regions, BootFileSet files, LoadLayout layout, DiagnosticBag diagnostics)
        {
            var host = new PatchedHostTree();
            ulong dtbGuess = (ulong)(source.Text?.Length ?? 0);
            for (int round = 0; round < MaxPlanRounds; round++)
            {
                var plan = PlanWith(input, source, files, layout, dtbGuess, diagnostics);
                if (plan == null) return null;
                host.Plan = plan;
                regions.Host.Chosen = ChosenBuilder.Build(input.Board, regions, plan, files.SizeOf, source.XenBootargs);
                if (source.Text == null) break;
                if (!Compile(input, source, regions.Host, host, diagnostics)) return null;
                if ((ulong)host.Dtb!.Length == dtbGuess) break;
                dtbGuess = (ulong)host.Dtb.Length;
                if (round == MaxPlanRounds - 1)
                {
                    diagnostics.Add(DiagnosticCodes.GeneratedTreeDoesNotCompile, source.Span, "the host DTB size did not settle while planning load addresses");
                    return null;
                }
            }

            // The board's dtc warnings (and any in our blocks), once, from the host tree the boot loads.
            if (host.Compiled != null)
                TreeWarnings.Add(host.Compiled, input.HostSourceName, input.HostSource != null ? TreeWarnings.Lines(input.HostSource) : 0,
                    BootFolder.HostDts, new SourceSpan(input.HostSourceName, 0, 0), diagnostics);
            return host;
        }

        private static LoadPlan? PlanWith(GenerationInput input, BoardSource source, BootFileSet files, LoadLayout layout, ulong dtbSize, DiagnosticBag diagnostics)
        {
            var all = new List<BootFile>(files.Planned);
            if (source.Text != null)
                all.Add(new BootFile(BootFolder.HostDtb, BootFileRole.HostDtb, dtbSize, InPlaceDeviceTree.Extent(dtbSize)) { Span = source.Span });
            var bag = new DiagnosticBag();
            var plan = LoadAddressPlanner.Plan(layout, all, bag, input.Board.Host.Span);
            if (plan == null) diagnostics.AddRange(bag);
            return plan;
        }

        /// <summary>The board text plus the change blocks, compiled unless it is the last round's text; false after an error.</summary>
        private static bool Compile(GenerationInput input, BoardSource source, HostChanges changes, PatchedHostTree host, DiagnosticBag diagnostics)
        {
            var board = input.Board;
            int rootA = board.Host.AddressCells.Value, rootS = board.Host.SizeCells.Value;
            string text = HostChangeWriter.HostSource(source.Text!, BootFolder.FileName(input.HostSourceName),
                HostChangeWriter.Blocks(changes, rootA, rootS, overlay: false));
            // Same text as the last round (the modules did not move): same bytes, no recompile.
            if (text == host.Dts) return true;
            host.Dts = text;
            host.Overlay = HostOverlay.Start(input, changes);
            var compiled = TreeCompiler.Compile(text, input.HostSourceName, input.IncludeDirs);
            if (!compiled.Succeeded || compiled.Output == null)
            {
                ReportBroken(input, source, compiled, diagnostics);
                return false;
            }
            host.Dtb = compiled.Output;
            host.Compiled = compiled;
            return true;
        }

        /// <summary>Tells a broken board from a generated tree that breaks it.</summary>
        private static void ReportBroken(GenerationInput input, BoardSource source, DtcResult compiled, DiagnosticBag diagnostics)
        {
            var board0 = TreeCompiler.Compile(source.Text!, input.HostSourceName, input.IncludeDirs);
            if (!board0.Succeeded)
                diagnostics.Add(DiagnosticCodes.BoardTreeDoesNotCompile, FirstErrorSpan(board0.Messages, source.Span),
                    $"the board device tree '{input.HostSourceName}' does not compile: {FirstError(board0.Messages)}", source.Span);
            else
                diagnostics.Add(DiagnosticCodes.GeneratedTreeDoesNotCompile, source.Span,
                    $"the patched host device tree does not compile: {FirstError(compiled.Messages)}");
        }
    }

    /// <summary>What stage 5 settles: the plan, the host tree (null without a board tree) and its overlay, compiling.</summary>
    internal sealed class PatchedHostTree
    {
        public LoadPlan Plan { get; set; } = null!;
        public string? Dts { get; set; }
        public byte[]? Dtb { get; set; }

        /// <summary>The compiler's result for <see cref="Dtb"/> (its warnings are the board's).</summary>
        public DtcResult? Compiled { get; set; }

        /// <summary>The overlay of the same changes, started next to the host tree's compile (null without a board tree).</summary>
        public HostOverlay? Overlay { get; set; }
    }
}
