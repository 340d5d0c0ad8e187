using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>XSHM2016: user <c>extraIomem</c> entries must parse with the target xl's grammar (spec §4.3, §5.2).</summary>
    internal static class IomemEntryRules
    {
        public static void Check(RuleContext ctx)
        {
            bool xilinx = ctx.Xen.IsXilinx;
            foreach (var domain in ctx.Board.Domains)
            {
                foreach (var extra in domain.ExtraIomem)
                {
                    if (IomemEntry.TryParse(extra.Value, xilinx) is not null) continue;
                    ctx.Report(DiagnosticCodes.BadIomemEntry, extra.Span,
                        $"iomem entry '{extra.Value}' does not follow xl's grammar MFN,NR[@GFN]{(xilinx ? "[,memory|devmem]" : string.Empty)} (all hex, e.g. \"0xff010,1\" or \"0xffff0,1@0x0\")");
                }
            }
        }
    }
}
