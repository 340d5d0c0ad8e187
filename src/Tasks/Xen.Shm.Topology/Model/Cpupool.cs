using System.Collections.Generic;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>
    /// One boot-time cpupool (Xen's docs/misc/arm/device-tree/cpupools.txt, CONFIG_BOOT_TIME_CPUPOOLS): a name
    /// the domains' <c>cpupool</c> refers to, the host CPUs it holds (device-tree paths of <c>/cpus</c> nodes,
    /// or their names under <c>/cpus</c>) and an optional scheduler (else Xen's default).
    /// </summary>
    public sealed class Cpupool
    {
        public Cpupool(int index, Spanned<string> name, IReadOnlyList<Spanned<string>> cpus, Spanned<string>? scheduler, SourceSpan span)
        {
            Index = index;
            Name = name;
            Cpus = cpus;
            Scheduler = scheduler;
            Span = span;
        }

        /// <summary>Declaration order (0-based): the order of the <c>xen,cpupool</c> nodes, which is the order Xen numbers the pools in.</summary>
        public int Index { get; }
        public Spanned<string> Name { get; }
        public IReadOnlyList<Spanned<string>> Cpus { get; }
        public Spanned<string>? Scheduler { get; }
        public SourceSpan Span { get; }

        /// <summary>A CPU as a host device-tree path: a bare node name means <c>/cpus/&lt;name&gt;</c> (ImageBuilder's CPUPOOL spelling).</summary>
        public static string CpuPath(string written) => written.StartsWith("/", System.StringComparison.Ordinal) ? written : "/cpus/" + written;
    }
}
