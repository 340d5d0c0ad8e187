using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>The <c>cpupools:</c> list: <c>- { name, cpus: [ cpu@1, /cpus/cpu@2 ], scheduler? }</c>.</summary>
    internal static class CpupoolReader
    {
        public static IReadOnlyList<Cpupool> ReadAll(MappingReader top, ReadContext ctx)
        {
            var pools = new List<Cpupool>();
            foreach (var map in top.Mappings("cpupools", "{ name, cpus, scheduler }"))
            {
                var r = new MappingReader(map, "a cpupool", Keys.Cpupool, ctx);
                var name = r.String("name", required: true);
                var cpus = r.Strings("cpus");
                if (r.Node("cpus", required: true) is YamlSequenceAt seq && seq.Items.Count == 0)
                    ctx.Report(DiagnosticCodes.CpupoolWithoutCpus, seq.Span,
                        "a cpupool needs at least one CPU: Xen panics at boot on an empty cpupool-cpus (\"Missing or empty cpupool-cpus property!\")");
                var scheduler = r.String("scheduler");
                if (name is { } n) pools.Add(new Cpupool(pools.Count, n, cpus, scheduler, map.Span));
            }
            return pools;
        }
    }
}
