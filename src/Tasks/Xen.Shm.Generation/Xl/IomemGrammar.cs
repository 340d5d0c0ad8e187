using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Xl
{
    /// <summary>
    /// Checks a user's raw iomem entry before it is written (spec §5.2, XSHM2016). One grammar for the
    /// whole product: the topology's <see cref="IomemEntry"/> parser (xl's own sscanf formats, proven
    /// against them by the Topology and Generation tests), so the validator and the writer can never
    /// disagree. It is xl's grammar minus frames or counts beyond 52 bits, which xl would scan but which
    /// are no addresses; the writer re-checks because library users may build configs without the validator.
    /// </summary>
    public static class IomemGrammar
    {
        public static bool TryParse(string entry, XenFlavour flavour, out IomemMapping mapping)
        {
            mapping = null!;
            var parsed = entry is null ? null : IomemEntry.TryParse(entry, flavour == XenFlavour.Xilinx);
            if (parsed is null) return false;
            IomemCacheability? word = parsed.Cacheability switch
            {
                "memory" => IomemCacheability.Memory,
                "devmem" => IomemCacheability.Devmem,
                _ => null,
            };
            mapping = new IomemMapping(parsed.Mfn, parsed.Pages, parsed.Gfn, word);
            return true;
        }
    }
}
