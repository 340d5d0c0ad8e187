using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Something to boot (XSHM2602, IB "Neither dom0 or domUs are specified") and a usable memory
    /// size per domain (2603, spec §10.3: the SDK requires it explicitly where IB defaults to 512 MiB).
    /// </summary>
    internal static class BootRules
    {
        private const ulong MiB = 1024 * 1024;

        public static void Check(RuleContext ctx)
        {
            var board = ctx.Board;
            if (!board.Domains.Any(d => d.Kind.Value == DomainKind.Dom0 || d.Kind.Value == DomainKind.Dom0less) &&
                board.UnreadableDomains.Count == 0)
                ctx.Report(DiagnosticCodes.NothingToBoot, board.DomainsSpan,
                    "the board has neither a dom0 nor a dom0less domain, so Xen has nothing to start");

            foreach (var d in board.Domains)
            {
                string name = d.Name.Value;
                if (d.Memory is not { } memory)
                {
                    if (d.Kind.Value != DomainKind.Dom0)
                        ctx.Report(DiagnosticCodes.DomainMemoryInvalid, d.Span, $"domain '{name}' needs 'memory' (e.g. 512M)");
                    continue;
                }
                if (memory.Value == 0)
                    ctx.Report(DiagnosticCodes.DomainMemoryInvalid, memory.Span, $"domain '{name}' has memory 0");
                else if (memory.Value % MiB != 0)
                    ctx.Report(DiagnosticCodes.DomainMemoryInvalid, memory.Span,
                        $"domain '{name}' memory {RuleContext.Hex(memory.Value)} is not a whole number of MiB (xl memory and dom0_mem are in MiB)");
                else if (d.Kind.Value != DomainKind.Dom0 && memory.Value > GuestLayout.MaxRam)
                    ctx.Report(DiagnosticCodes.DomainMemoryInvalid, memory.Span,
                        $"domain '{name}' memory {RuleContext.Hex(memory.Value)} is above the guest RAM maximum {RuleContext.Hex(GuestLayout.MaxRam)} (both RAM windows full)");
            }
        }
    }
}
