using System.Linq;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Cpupool;
using Xen.Shm.Generation.DomainShm;
using Xen.Shm.Generation.Evtchn;
using Xen.Shm.Generation.Guest;
using Xen.Shm.Generation.HostTree;
using Xen.Shm.Generation.Iomem;
using Xen.Shm.Generation.MmioSram;
using Xen.Shm.Generation.StaticShm;
using Xen.Shm.Generation.Uio;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// Stage 2: what every mechanism changes, collected before anything is written: the host tree's
    /// changes (carve-outs, reserved memory, root nodes, passed-through devices, CPU phandles), each
    /// guest's parts and the additions to <c>/chosen</c> (event channels, cpupools), in declaration order.
    /// </summary>
    internal static class RegionChanges
    {
        /// <summary>The collected changes, or null after an error.</summary>
        public static Regions? Collect(GenerationInput input, BoardSource source, DiagnosticBag diagnostics)
        {
            var board = input.Board;
            int rootA = board.Host.AddressCells.Value, rootS = board.Host.SizeCells.Value;
            var host = source.NewHostChanges(board);
            var regions = new Regions(board, host);
            Carveouts.Apply(board, host);
            foreach (var region in board.Regions)
            {
                switch (region)
                {
                    case IomemCacheableRegion r: IomemCacheableGenerator.Apply(r, regions); break;
                    case UioRegion r: UioGenerator.Apply(r, regions, rootA, rootS); break;
                    case StaticShmRegion r: StaticShmGenerator.Apply(r, regions); break;
                    case MmioSramRegion r: MmioSramGenerator.Apply(r, regions, rootA, rootS); break;
                    case DomainShmRegion r: DomainShmGenerator.Apply(r, regions); break;
                }
            }
            if (source.Tree != null) DevicePassthrough.Apply(board, source.Tree, regions, diagnostics);
            else
                foreach (var d in board.Domains.Where(d => d.Kind.Value != DomainKind.Dom0))
                    foreach (var p in d.Passthrough)
                        diagnostics.Add(DiagnosticCodes.PassthroughPathNotFound, p.Span, $"'{p.Value}' cannot be passed through: the board has no device tree");
            EventChannelGenerator.Apply(board, regions.Chosen);
            if (board.Cpupools.Count > 0) CpupoolGenerator.Apply(board, CompiledBoard(source.Text, input), host, regions.Chosen, diagnostics);
            return diagnostics.HasErrors ? null : regions;
        }

        /// <summary>The board compiled by dtc and read back (phandles assigned, as Xen will see them); null without a board tree.</summary>
        private static DtTree? CompiledBoard(string? hostSource, GenerationInput input)
        {
            if (hostSource == null) return null;
            var r = TreeCompiler.Compile(hostSource, input.HostSourceName, input.IncludeDirs);
            return r.Succeeded && r.Output != null ? DtbReader.Read(r.Output, input.HostSourceName, new DiagnosticBag()) : null;
        }
    }
}
