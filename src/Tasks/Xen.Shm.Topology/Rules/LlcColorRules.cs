using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// LLC cache colouring (<c>xen.llcColors</c>, a domain's <c>llcColors</c>): upstream Xen 4.20+
    /// (docs/misc/cache-coloring.rst; CONFIG_LLC_COLORING) and the Xilinx 4.17 fork (xen/arch/arm/
    /// llc_coloring.c) (2088); Xen's colour syntax (2086); colours below the default build limit of
    /// 128 (4.21 CONFIG_LLC_COLORS_ORDER=7, the fork's CONFIG_NR_LLC_COLORS=128), and on the fork a
    /// domU's below 32: it is written as ImageBuilder xlnx_rel_v2023.2 writes it, one 32-bit
    /// <c>colors</c> bitmask cell (the fork's llc_colors_from_legacy_bitmask reads bit i of a cell as
    /// colour i) (2087). Whether the hardware has that many colours only Xen knows at boot.
    /// Colouring and a domain's <c>xen,static-mem</c> are exclusive (2089): once colouring is on, upstream
    /// 4.20+ panics on any domain node with static memory (xen/common/device-tree/dom0less-bindings.c:
    /// "LLC coloring and static memory are incompatible"), the fork on one with <c>llc-colors</c>
    /// (xen/arch/arm/domain_build.c: "static-mem and LLC coloring are incompatible"); both document the
    /// pair as unsupported (docs/misc/cache-coloring.rst, docs/misc/arm/cache-coloring.rst).
    /// </summary>
    internal static class LlcColorRules
    {
        public const uint MaxColors = 128;
        public const uint XilinxDomUMaxColors = 32;

        public static void Check(RuleContext ctx)
        {
            var lists = new List<(Spanned<string> Text, string Who, uint Max)>();
            if (ctx.Xen.LlcColors is { } xen) lists.Add((xen, "Xen", MaxColors));
            foreach (var d in ctx.Board.Domains)
                if (d.LlcColors is { } c)
                    lists.Add((c, $"'{d.Name.Value}'", ctx.Xen.IsXilinx && d.Kind.Value == DomainKind.Dom0less ? XilinxDomUMaxColors : MaxColors));
            if (lists.Count == 0) return;
            var v = ctx.Xen.Version.Value;
            bool has = ctx.Xen.IsXilinx ? v.AtLeast(4, 17) : v.AtLeast(4, 20);
            if (!has)
                ctx.Report(DiagnosticCodes.LlcColorsNotInTarget, lists[0].Text.Span,
                    $"LLC cache colouring needs upstream Xen 4.20 or later or the Xilinx fork 4.17 or later (built with CONFIG_LLC_COLORING); the target is {(ctx.Xen.IsXilinx ? "Xilinx" : "upstream")} Xen {v}",
                    ctx.Xen.Version.Span);
            foreach (var (text, who, max) in lists)
            {
                var ranges = LlcColorList.Parse(text.Value);
                if (ranges == null)
                    ctx.Report(DiagnosticCodes.LlcColorsSyntax, text.Span,
                        $"LLC colours '{text.Value}' of {who} are not in Xen's syntax: ascending colours or ranges N-M, comma-separated, no spaces, no overlap (e.g. \"0-3,6\")");
                else if (ranges[ranges.Count - 1].Last >= max)
                    ctx.Report(DiagnosticCodes.LlcColorsTooHigh, text.Span,
                        $"LLC colour {ranges[ranges.Count - 1].Last} of {who} is beyond {max - 1}: " + (max == MaxColors
                            ? "Xen's default build holds 128 colours (CONFIG_LLC_COLORS_ORDER=7 / CONFIG_NR_LLC_COLORS=128)"
                            : "the Xilinx fork reads a domU's colours from one 32-bit 'colors' bitmask cell"));
            }
            foreach (var d in ctx.Board.Domains)
                if (d.StaticMem.Count > 0)
                    ctx.Report(DiagnosticCodes.LlcColorsWithStaticMem, d.StaticMemSpan,
                        $"'{d.Name.Value}' has staticMem while LLC colouring is on ({lists[0].Who} has llcColors): Xen cannot colour a domain's static memory and refuses the pair (\"LLC coloring and static memory are incompatible\", a panic at boot); drop staticMem (and directMap) or every llcColors",
                        lists[0].Text.Span);
        }
    }
}
