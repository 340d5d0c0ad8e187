using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.Guest;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Chosen
{
    /// <summary>
    /// The <c>/chosen</c> additions of spec §10.2, in its order: cells, Xen and dom0 command lines,
    /// dom0 modules, dom0's shm nodes, then one <c>xen,domain</c> node per dom0less domU (declaration
    /// order) with its properties, modules and shm nodes. Module <c>reg</c>s are the planned load
    /// address and the exact file size, 2+2 cells; node names <c>module@&lt;addr&gt;</c>.
    /// </summary>
    internal static class ChosenBuilder
    {
        private const int Cells = 2;

        /// <param name="boardXenBootargs">The board's own <c>/chosen/xen,xen-bootargs</c>, used when the topology gives none.</param>
        public static DtsNode Build(Board board, Regions regions, LoadPlan plan, Func<string, ulong> fileSize, string? boardXenBootargs = null)
        {
            var chosen = new DtsNode("chosen", "Xen boot: command lines, modules, dom0less domains (spec §10.2)");
            chosen.Property("#address-cells", DtsFormat.Cells((Cells, 1)));
            chosen.Property("#size-cells", DtsFormat.Cells((Cells, 1)));
            if (XenCommandLine(board, boardXenBootargs) is string xen) chosen.Property("xen,xen-bootargs", DtsFormat.Strings(xen));
            StaticHeap.StaticHeapProperty.Add(board, chosen);

            var dom0 = board.Dom0;
            if (dom0 != null)
            {
                if (Dom0CommandLine(board, regions) is string args) chosen.Property("xen,dom0-bootargs", DtsFormat.Strings(args));
                if (dom0.Kernel != null) chosen.Child(Module(plan.Find(BootFileRole.Dom0Kernel, dom0.Index), fileSize, BootFolder.DomainFile(dom0, dom0.Kernel), "kernel", "dom0 kernel", null));
                if (dom0.Ramdisk != null) chosen.Child(Module(plan.Find(BootFileRole.Dom0Ramdisk, dom0.Index), fileSize, BootFolder.DomainFile(dom0, dom0.Ramdisk), "ramdisk", "dom0 ramdisk", null));
                if (regions.Find(dom0.Name.Value) is GuestParts p) chosen.Children.AddRange(p.ShmNodes);
                chosen.Children.AddRange(regions.Chosen.NodesOf(dom0.Name.Value));
            }
            chosen.Children.AddRange(regions.Chosen.Top);

            foreach (var d in board.Domains)
            {
                if (d.Kind.Value != DomainKind.Dom0less) continue;
                var n = chosen.Child(new DtsNode(d.Name.Value, "dom0less domain " + d.Name.Value));
                n.Property("compatible", DtsFormat.Strings("xen,domain"));
                n.Property("#address-cells", DtsFormat.Cells((Cells, 1)));
                n.Property("#size-cells", DtsFormat.Cells((Cells, 1)));
                // 64-bit KiB count, always 2 cells (§1.2).
                n.Property("memory", DtsFormat.Cells(((d.Memory?.Value ?? 0) / 1024, 2)));
                n.Property("cpus", DtsFormat.Cells(((ulong)(d.Vcpus?.Value ?? 1), 1)));
                if (d.Vpl011?.Value ?? true) n.Property("vpl011", null);
                if (board.IsEnhanced(d)) n.Property("xen,enhanced", DtsFormat.Strings("enabled"));
                else if (regions.Chosen.NeedsEventChannelInterface(d)) n.Property("xen,enhanced", DtsFormat.Strings("no-xenstore"));
                if (d.DirectMap?.Value ?? false) n.Property("direct-map", null);
                // Cells are the parent's, /chosen's 2/2 (Xen 4.17+ bootfdt.c process_domain_node, domain_build.c parse_static_mem_prop).
                if (d.StaticMem.Count > 0)
                    n.Property("xen,static-mem", DtsFormat.Reg(d.StaticMem.Select(b => (b.Base.Value, b.Size.Value)).ToList(), Cells, Cells));
                Coloring.LlcColoring.AddDomain(board, d, n);
                if (d.Kernel != null)
                    n.Child(Module(plan.Find(BootFileRole.DomUKernel, d.Index), fileSize, BootFolder.DomainFile(d, d.Kernel), "kernel", d.Name.Value + " kernel", d.Bootargs?.Value));
                if (d.Ramdisk != null)
                    n.Child(Module(plan.Find(BootFileRole.DomURamdisk, d.Index), fileSize, BootFolder.DomainFile(d, d.Ramdisk), "ramdisk", d.Name.Value + " ramdisk", null));
                var parts = regions.Find(d.Name.Value);
                // A partial tree exists when regions, passthrough devices or the user's own tree made one.
                if (plan.Find(BootFileRole.DomUDeviceTree, d.Index) is PlacedFile dtb)
                    n.Child(Module(dtb, fileSize, BootFolder.PartialDtb(d), "device-tree", d.Name.Value + " partial device tree", null));
                if (parts != null) n.Children.AddRange(parts.ShmNodes);
                n.Properties.AddRange(regions.Chosen.PropertiesOf(d.Name.Value));
                n.Children.AddRange(regions.Chosen.NodesOf(d.Name.Value));
            }
            return chosen;
        }

        /// <summary>Xen's command line; <c>dom0_mem=&lt;M&gt;M</c> (§10.2) and <c>dom0_max_vcpus=&lt;n&gt;</c> are appended when dom0 has memory / vcpus and the line does not set them.</summary>
        public static string? XenCommandLine(Board board, string? boardXenBootargs = null)
        {
            string? line = board.Xen.Bootargs?.Value ?? boardXenBootargs;
            var dom0 = board.Dom0;
            if (dom0?.Memory is { } mem && (line == null || !HasWord(line, "dom0_mem=")))
            {
                string add = "dom0_mem=" + (mem.Value / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "M";
                line = string.IsNullOrEmpty(line) ? add : line + " " + add;
            }
            // dom0's vcpus, when given (else Xen's default: every CPU of cpupool0); a different value is XSHM2024.
            if (dom0?.Vcpus is { } vcpus && (line == null || !HasWord(line, "dom0_max_vcpus=")))
            {
                string add = "dom0_max_vcpus=" + vcpus.Value.ToString(CultureInfo.InvariantCulture);
                line = string.IsNullOrEmpty(line) ? add : line + " " + add;
            }
            if (Coloring.LlcColoring.CommandLine(board) is string colors && (line == null || !HasWord(line, "llc-coloring=")))
                line = string.IsNullOrEmpty(line) ? colors : line + " " + colors;
            return line;
        }

        /// <summary>dom0's command line (topology, else the board's <c>xen,dom0-bootargs</c>) with the UIO of_id (§5.1).</summary>
        public static string? Dom0CommandLine(Board board, Regions regions)
        {
            string? line = board.Dom0?.Bootargs?.Value ?? board.Host.ChosenDom0Bootargs?.Value;
            if (regions.UioOfId != null) line = Uio.UioGenerator.AppendOfId(line, regions.UioOfId);
            return line;
        }

        private static bool HasWord(string line, string prefix)
        {
            foreach (string w in line.Split(' '))
                if (w.StartsWith(prefix, StringComparison.Ordinal)) return true;
            return false;
        }

        // The slot comes from the file's role and domain, never its name (two roles may share one file).
        private static DtsNode Module(PlacedFile? placed, Func<string, ulong> fileSize, string name, string kind, string comment, string? bootargs)
        {
            ulong address = placed?.Address ?? 0;
            var m = new DtsNode("module@" + DtsFormat.UnitAddress(address), comment);
            m.Property("compatible", DtsFormat.Strings("multiboot," + kind, "multiboot,module"));
            m.Property("reg", DtsFormat.Reg(new List<(ulong, ulong)> { (address, fileSize(name)) }, Cells, Cells));
            if (bootargs != null) m.Property("bootargs", DtsFormat.Strings(bootargs));
            return m;
        }
    }
}
