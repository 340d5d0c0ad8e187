using System.Linq;
using System.Text.RegularExpressions;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// UIO (spec §5.1): one compatible for the whole board, since uio_pdrv_genirq's of_id takes
    /// one string (XSHM2201); a compatible that survives the kernel command line (2202); dom0
    /// bootargs naming another of_id (2203).
    /// </summary>
    internal static class UioRules
    {
        private static readonly Regex Safe = new Regex(@"^[A-Za-z0-9,._+\-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex OfId = new Regex(@"(?:^|\s)uio_pdrv_genirq\.of_id=(\S*)", RegexOptions.CultureInvariant);

        public static void Check(RuleContext ctx)
        {
            var uio = ctx.Board.Regions.OfType<UioRegion>().ToList();
            if (uio.Count == 0) return;

            var first = uio[0];
            foreach (var region in uio)
            {
                string c = region.CompatibleValue;
                var span = region.Compatible?.Span ?? region.Id.Span;
                if (!Safe.IsMatch(c))
                    ctx.Report(DiagnosticCodes.UioCompatibleUnsafe, span,
                        $"UIO compatible '{c}' must be non-empty and made of A-Z a-z 0-9 , . _ + - (it goes on the dom0 kernel command line)");
                else if (region != first && c != first.CompatibleValue)
                    ctx.Report(DiagnosticCodes.UioCompatibleMismatch, span,
                        $"UIO region '{region.Id.Value}' uses compatible '{c}' but '{first.Id.Value}' uses '{first.CompatibleValue}'; uio_pdrv_genirq.of_id takes one string",
                        first.Compatible?.Span ?? first.Id.Span);
            }

            if (ctx.Board.Dom0?.Bootargs is { } bootargs)
            {
                var m = OfId.Match(bootargs.Value);
                if (m.Success && m.Groups[1].Value != first.CompatibleValue)
                    ctx.Report(DiagnosticCodes.UioOfIdConflict, bootargs.Span,
                        $"dom0 bootargs already set uio_pdrv_genirq.of_id={m.Groups[1].Value}, but the UIO regions use '{first.CompatibleValue}'",
                        first.Compatible?.Span ?? first.Id.Span);
            }
        }
    }
}
