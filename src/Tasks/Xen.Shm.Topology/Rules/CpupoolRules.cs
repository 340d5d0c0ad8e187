using System;
using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Rules
{
    /// <summary>
    /// Boot-time cpupools as Xen reads them (xen/common/sched/boot-cpupool.c btcpupools_dtb_parse, 4.17+): names
    /// unique (XSHM2071) and every domain's <c>cpupool</c> declared (XSHM2072); a CPU in one pool at most, once
    /// ("Logical cpu %d already added to a cpupool!" panics; XSHM2073); a scheduler Xen has (XSHM2074,
    /// check_and_get_sched_id panics "Scheduler %s does not exists!"); Xen 4.17 or later (XSHM2075). An empty
    /// <c>cpus</c> list is the reader's XSHM2070; CPUs missing from the board tree are the generator's XSHM2076.
    /// Which pool is Pool-0 is Xen's choice (the one holding the boot CPU), not a rule.
    /// </summary>
    internal static class CpupoolRules
    {
        /// <summary>The <c>opt_name</c>s of Xen's schedulers, 4.17 to 4.21 (xen/common/sched/*.c); a build has the ones its Kconfig enables.</summary>
        public static readonly string[] Schedulers = { "credit", "credit2", "rtds", "arinc653", "null" };

        public static void Check(RuleContext ctx)
        {
            var names = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            var cpus = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            foreach (var pool in ctx.Board.Cpupools)
            {
                if (!ctx.Xen.Version.Value.AtLeast(4, 17))
                    ctx.Report(DiagnosticCodes.CpupoolTarget, pool.Name.Span,
                        $"boot-time cpupools (xen,cpupool) need Xen 4.17 or later built with CONFIG_BOOT_TIME_CPUPOOLS; the target is Xen {ctx.Xen.Version.Value}", ctx.Xen.Version.Span);
                if (names.TryGetValue(pool.Name.Value, out var firstName))
                    ctx.Report(DiagnosticCodes.CpupoolDuplicateName, pool.Name.Span, $"cpupool '{pool.Name.Value}' is already declared", firstName);
                else names[pool.Name.Value] = pool.Name.Span;
                foreach (var cpu in pool.Cpus)
                {
                    string path = Cpupool.CpuPath(cpu.Value);
                    if (cpus.TryGetValue(path, out var firstCpu))
                        ctx.Report(DiagnosticCodes.CpupoolCpuTwice, cpu.Span,
                            $"CPU '{path}' is already in a cpupool: Xen panics at boot (\"Logical cpu N already added to a cpupool!\")", firstCpu);
                    else cpus[path] = cpu.Span;
                }
                if (pool.Scheduler is { } s && Array.IndexOf(Schedulers, s.Value) < 0)
                    ctx.Report(DiagnosticCodes.CpupoolScheduler, s.Span,
                        $"scheduler '{s.Value}' is not one of Xen's ({string.Join(", ", Schedulers)}); Xen panics at boot on an unknown one");
            }
            foreach (var d in ctx.Board.Domains)
                if (d.Cpupool is { } p && !names.ContainsKey(p.Value))
                    ctx.Report(DiagnosticCodes.CpupoolUnknown, p.Span, $"cpupool '{p.Value}' of '{d.Name.Value}' is not declared in 'cpupools'");
        }
    }
}
