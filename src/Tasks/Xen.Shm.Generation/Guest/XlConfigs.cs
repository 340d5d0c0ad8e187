using System.Linq;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Xl;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Guest
{
    /// <summary>Maps an xl domU and its region parts onto xlboot's <see cref="XlDomainConfig"/> (spec §4.3, §5.2, §6.2).</summary>
    internal static class XlConfigs
    {
        public static XlDomainConfig For(Board board, Domain d, GuestParts? parts, bool hasPartialTree)
        {
            ulong mib = (d.Memory?.Value ?? 0) / (1024 * 1024);
            string kernel = d.Kernel != null ? BootFolder.XlFile(board, d, d.Kernel) : string.Empty;
            return new XlDomainConfig(d.Name.Value, mib, (uint)(d.Vcpus?.Value ?? 1), kernel)
            {
                Ramdisk = d.Ramdisk != null ? BootFolder.XlFile(board, d, d.Ramdisk) : null,
                Extra = d.Bootargs?.Value,
                DeviceTree = hasPartialTree ? BootFolder.XlDtb(board, d) : null,
                Iomem = parts?.Iomem.ToList() ?? new System.Collections.Generic.List<IomemMapping>(),
                RawIomem = d.ExtraIomem.Select(e => e.Value).ToList(),
                // The domain's own irqs, then its devices' not already there (xl binds each SPI once).
                Irqs = d.Irqs.Select(i => i.Value).Concat(parts?.DeviceIrqs ?? new System.Collections.Generic.List<uint>()).Distinct().ToList(),
                Dtdev = parts?.Dtdev.ToList() ?? new System.Collections.Generic.List<string>(),
                StaticShm = parts?.StaticShm.ToList() ?? new System.Collections.Generic.List<StaticShmSpec>(),
                Span = d.Span,
            };
        }

        public static Xl.XenFlavour Flavour(Board board) =>
            board.Xen.IsXilinx ? Xl.XenFlavour.Xilinx : Xl.XenFlavour.Upstream;
    }
}
