using System.Collections.Generic;

namespace Xen.Shm.Topology.Yaml
{
    /// <summary>The <c>regions:</c> list; keys a mechanism does not take are XSHM1003.</summary>
    internal static class RegionReader
    {
        public static IReadOnlyList<Region> ReadAll(MappingReader top, ReadContext ctx)
        {
            var regions = new List<Region>();
            foreach (var map in top.Mappings("regions", "{ id, mechanism, ... }"))
            {
                var region = Read(map, regions.Count, ctx);
                if (region is not null) regions.Add(region);
            }
            return regions;
        }

        private static Region? Read(YamlMappingAt map, int index, ReadContext ctx)
        {
            var r = new MappingReader(map, "a region", Keys.Region, ctx);
            var id = r.String("id", required: true);
            var mechanism = r.Choice("mechanism", Keys.Mechanisms, required: true);
            if (mechanism is null)
            {
                // Still read what we can so that its own mistakes are reported in this pass.
                r.Number("host");
                r.Number("size");
                return null;
            }
            var m = mechanism.Value.Value;
            string on = "on a " + Keys.Name(m) + " region";
            if (m != Mechanism.Uio) r.Forbid("compatible", on);
            if (m != Mechanism.MmioSram)
            {
                r.Forbid("cacheable", on);
                r.Forbid("dom0Access", on);
            }
            if (m == Mechanism.StaticShm) r.Forbid("host", on + " (static_shm maps guest memory of the owner, no host address)");

            bool hostRequired = m == Mechanism.IomemCacheable || m == Mechanism.Uio || m == Mechanism.MmioSram;
            var host = m == Mechanism.StaticShm ? null : r.Number("host", required: hostRequired);
            var size = r.Number("size", required: true);
            var peers = ReadPeers(r, m, host is not null, ctx);
            if (id is null) return null;

            switch (m)
            {
                case Mechanism.IomemCacheable:
                    return new IomemCacheableRegion(index, id.Value, mechanism.Value, host, size, peers, map.Span);
                case Mechanism.Uio:
                    return new UioRegion(index, id.Value, mechanism.Value, host, size, peers, r.String("compatible"), map.Span);
                case Mechanism.StaticShm:
                    return new StaticShmRegion(index, id.Value, mechanism.Value, size, peers, map.Span);
                case Mechanism.MmioSram:
                    return new MmioSramRegion(index, id.Value, mechanism.Value, host, size, peers, r.Bool("cacheable"), r.Bool("dom0Access"), map.Span);
                default:
                    return new DomainShmRegion(index, id.Value, mechanism.Value, host, size, peers, map.Span);
            }
        }

        private static List<Peer> ReadPeers(MappingReader region, Mechanism m, bool hasHost, ReadContext ctx)
        {
            var peers = new List<Peer>();
            string on = "on a peer of a " + Keys.Name(m) + " region";
            foreach (var map in region.Mappings("peers", "{ domain, ... }", required: true))
            {
                var p = new MappingReader(map, "a peer", Keys.Peer, ctx);
                if (m != Mechanism.StaticShm)
                {
                    foreach (var k in new[] { "offset", "size", "cachePolicy", "prot" }) p.Forbid(k, on + " (static-shm only)");
                    if (m != Mechanism.DomainShm) p.Forbid("role", on + " (static-shm and dom0less-shm only)");
                }
                var domain = p.String("domain", required: true);
                // static-shm has no host address to default to; dom0less-shm without host needs the guest address.
                bool guestRequired = m == Mechanism.StaticShm || (m == Mechanism.DomainShm && !hasHost);
                var guest = p.Number("guest", required: guestRequired);
                var role = m == Mechanism.StaticShm || m == Mechanism.DomainShm ? p.String("role") : null;
                var offset = m == Mechanism.StaticShm ? p.Number("offset") : null;
                var size = m == Mechanism.StaticShm ? p.Number("size") : null;
                var cachePolicy = m == Mechanism.StaticShm ? p.String("cachePolicy") : null;
                var prot = m == Mechanism.StaticShm ? p.String("prot") : null;
                if (domain is null) continue;
                peers.Add(new Peer(domain.Value, guest, role, offset, size, cachePolicy, prot, map.Span));
            }
            return peers;
        }
    }
}
