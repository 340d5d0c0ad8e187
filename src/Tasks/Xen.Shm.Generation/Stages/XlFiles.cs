using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Chosen;
using Xen.Shm.Generation.Guest;
using Xen.Shm.Generation.Xl;
using Xen.Shm.Topology;
using static Xen.Shm.Generation.Stages.TreeCompiler;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>Stage 8: each xl domain's config and the copies of its kernel and ramdisk, then the creation order (§6.4) and dom0's start script.</summary>
    internal sealed class XlFiles
    {
        private XlFiles(List<OutputFile> configs, List<OutputFile> orderFiles, IReadOnlyList<string> creationOrder)
        {
            Configs = configs;
            OrderFiles = orderFiles;
            CreationOrder = creationOrder;
        }

        /// <summary>Per xl domain: its config, then its kernel and ramdisk copies.</summary>
        public IReadOnlyList<OutputFile> Configs { get; }

        /// <summary>The creation-order list and the start script (none without xl domains).</summary>
        public IReadOnlyList<OutputFile> OrderFiles { get; }

        public IReadOnlyList<string> CreationOrder { get; }

        /// <param name="xlDomainsWithTree">xl domains that got a partial tree (stage 3).</param>
        public static XlFiles Write(Board board, Regions regions, IReadOnlyCollection<string> xlDomainsWithTree, DiagnosticBag diagnostics)
        {
            var configs = new List<OutputFile>();
            foreach (var d in board.Domains.Where(d => d.Kind.Value == DomainKind.Xl))
            {
                var cfg = XlConfigs.For(board, d, regions.Find(d.Name.Value), xlDomainsWithTree.Contains(d.Name.Value));
                string? text = XlConfigWriter.Write(cfg, XlConfigs.Flavour(board), diagnostics);
                if (text == null) continue;
                configs.Add(new OutputFile(BootFolder.InFolder(BootFolder.XlConfig(board, d)), OutputKind.XlConfig, Utf8(text), null, null, d.Name.Value));
                if (d.Kernel != null) configs.Add(new OutputFile(BootFolder.InFolder(BootFolder.XlFile(board, d, d.Kernel)), OutputKind.Copy, null, d.Kernel.FullPath, null, d.Name.Value));
                if (d.Ramdisk != null) configs.Add(new OutputFile(BootFolder.InFolder(BootFolder.XlFile(board, d, d.Ramdisk)), OutputKind.Copy, null, d.Ramdisk.FullPath, null, d.Name.Value));
            }
            var order = board.XlCreationOrder.Select(d => d.Name.Value).ToList();
            var orderFiles = new List<OutputFile>();
            if (order.Count > 0)
            {
                string dir = BootFolder.XlDirectory(board);
                orderFiles.Add(new OutputFile(BootFolder.InFolder(dir + "/" + BootFolder.CreationOrderFile), OutputKind.CreationOrder, Utf8(StartScript.List(order)), null, null, null));
                orderFiles.Add(new OutputFile(BootFolder.InFolder(dir + "/" + BootFolder.StartScriptFile), OutputKind.StartScript, Utf8(StartScript.Script(order, dir.Length == 0 ? "/" : dir)), null, null, null));
            }
            return new XlFiles(configs, orderFiles, order);
        }
    }
}
