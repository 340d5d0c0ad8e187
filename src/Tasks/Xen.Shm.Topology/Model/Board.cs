using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology
{
    /// <summary>The validated board: what the generators read. Immutable; derived facts computed once.</summary>
    public sealed class Board
    {
        private readonly Dictionary<string, Domain> _domains;
        private readonly Lazy<HostRamCarve> _carve;
        private readonly Lazy<CreationOrder> _creation;

        public Board(string yamlPath, XenTarget xen, HostBoard host, IReadOnlyList<Domain> domains, IReadOnlyList<Region> regions,
            IReadOnlyList<BoardFile> files)
        {
            YamlPath = yamlPath;
            Xen = xen;
            Host = host;
            Domains = domains;
            Regions = regions;
            Files = files;
            _domains = new Dictionary<string, Domain>(StringComparer.Ordinal);
            foreach (var d in domains)
                if (!_domains.ContainsKey(d.Name.Value)) _domains[d.Name.Value] = d;
            _carve = new Lazy<HostRamCarve>(() => HostRamCarve.Compute(host.Ram, regions));
            _creation = new Lazy<CreationOrder>(() => CreationOrder.Compute(domains, regions));
        }

        /// <summary>Names of domains whose entry could not be read (already reported): not "unknown" to the rules.</summary>
        internal IReadOnlyCollection<string> UnreadableDomains { get; init; } = Array.Empty<string>();

        /// <summary>Where the <c>domains:</c> key is written (board-wide domain problems point here).</summary>
        public SourceSpan DomainsSpan { get; init; }

        /// <summary>Static event channels (<c>eventChannels:</c>) in declaration order.</summary>
        public IReadOnlyList<EventChannel> EventChannels { get; init; } = Array.Empty<EventChannel>();

        /// <summary>Boot-time cpupools (<c>cpupools:</c>) in declaration order.</summary>
        public IReadOnlyList<Cpupool> Cpupools { get; init; } = Array.Empty<Cpupool>();

        public Cpupool? FindCpupool(string name) => Cpupools.FirstOrDefault(p => p.Name.Value == name);

        /// <summary>The top-level <c>host</c> key.</summary>
        public SourceSpan HostSpan { get; init; }

        /// <summary>The topology file (as given to the loader).</summary>
        public string YamlPath { get; }

        public XenTarget Xen { get; }
        public HostBoard Host { get; }

        /// <summary>Domains in declaration order.</summary>
        public IReadOnlyList<Domain> Domains { get; }

        /// <summary>Regions in declaration order.</summary>
        public IReadOnlyList<Region> Regions { get; }

        /// <summary>Every input file the YAML names, in document order (Xen, host DT, kernels, ramdisks, partial DTs).</summary>
        public IReadOnlyList<BoardFile> Files { get; }

        public Domain? Dom0 => Domains.FirstOrDefault(d => d.Kind.Value == DomainKind.Dom0);

        public Domain? FindDomain(string name) => _domains.TryGetValue(name, out var d) ? d : null;

        /// <summary>Host RAM after the uio/mmio-sram carve-outs (spec §1.6).</summary>
        public IReadOnlyList<RamBank> HostRamAfterCarve => _carve.Value.Remaining;

        /// <summary>The carve computation, including nodes it would empty.</summary>
        public HostRamCarve Carve => _carve.Value;

        /// <summary>Order dom0 creates the xl domUs in (spec §6.4).</summary>
        public IReadOnlyList<Domain> XlCreationOrder => _creation.Value.Order;

        public CreationOrder Creation => _creation.Value;

        /// <summary>
        /// LLC cache colouring is on (Xen's or any domain's <c>llcColors</c>): Xen then colours dom0 too, with its own
        /// colours or Xen's default, and does not direct-map it (create_dom0, upstream and the Xilinx fork).
        /// </summary>
        public bool HasLlcColoring => Xen.LlcColors != null || Domains.Any(d => d.LlcColors != null);

        /// <summary>dom0less domUs get <c>xen,enhanced = "enabled"</c> unless switched off, when dom0 exists (§10.2).</summary>
        public bool IsEnhanced(Domain domain) =>
            domain.Kind.Value == DomainKind.Dom0less && (domain.Enhanced?.Value ?? Dom0 is not null);
    }
}
