using System;
using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>XSHM2011: region ids are unique on the board (spec §3, §9).</summary>
    internal static class RegionIdRules
    {
        public static void Check(RuleContext ctx)
        {
            var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            foreach (var region in ctx.Board.Regions)
            {
                if (seen.TryGetValue(region.Id.Value, out var first))
                    ctx.Report(DiagnosticCodes.DuplicateRegionId, region.Id.Span, $"region id '{region.Id.Value}' is already used", first);
                else
                    seen[region.Id.Value] = region.Id.Span;
            }
        }
    }
}
