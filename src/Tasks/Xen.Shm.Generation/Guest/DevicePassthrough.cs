using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Guest
{
    /// <summary>
    /// Host devices a dom0less domU takes over (<c>passthrough:</c> paths; U docs/misc/arm/passthrough.txt,
    /// "Dom0less"): the host node gets <c>xen,passthrough;</c> so dom0 never sees it, and the domU's
    /// partial DT gets a copy under <c>/passthrough</c> mapped 1:1 with <c>compatible</c>, <c>reg</c>,
    /// <c>interrupt-parent = &lt;0xfde8&gt;</c> (GUEST_PHANDLE_GIC) and <c>interrupts</c> when the device has
    /// them, <c>xen,reg</c>, <c>xen,path</c>, and <c>xen,force-assign-without-iommu</c> unless the host
    /// node names an IOMMU. Other properties (clocks, pinctrl, power domains) reference host phandles
    /// and are not copied. The host node's parent must map 1:1 (empty or absent <c>ranges</c>).
    /// An xl domU's devices go through <see cref="Passthrough.XlPassthrough"/> (iomem/irqs/dtdev).
    /// </summary>
    internal static class DevicePassthrough
    {
        public const uint GuestGicPhandle = 65000;

        public static void Apply(Board board, DtTree hostTree, Regions regions, DiagnosticBag diagnostics)
        {
            foreach (var d in board.Domains)
            {
                if (d.Kind.Value != DomainKind.Dom0less && d.Kind.Value != DomainKind.Xl) continue;
                foreach (var p in d.Passthrough)
                {
                    var node = hostTree.FindNode(p.Value);
                    var reg = node?.GetProperty("reg");
                    if (node == null || reg == null || node.Parent == null)
                    {
                        diagnostics.Add(DiagnosticCodes.PassthroughPathNotFound, p.Span,
                            $"'{p.Value}' (passthrough of '{d.Name.Value}') is not a node with 'reg' in the board device tree");
                        continue;
                    }
                    var dev = Device(p.Value, node, reg);
                    if (d.Kind.Value == DomainKind.Xl)
                    {
                        // xl: iomem + irqs (+ dtdev) in the xl file, the node in its partial tree.
                        if (!Passthrough.XlPassthrough.Add(dev, hostTree, node, regions.For(d), p.Span, diagnostics)) continue;
                    }
                    else regions.For(d).Devices.Add(dev);
                    regions.Host.PassthroughNodes.Add((p.Value, d.Name.Value));
                }
            }
        }

        private static PassthroughDevice Device(string path, DtNode node, DtProperty reg)
        {
            int ac = Cells(node.Parent!, "#address-cells", 2), sc = Cells(node.Parent!, "#size-cells", 1);
            uint[] cells = reg.Value.AsCells();
            var entries = new List<(ulong Address, ulong Size)>();
            for (int i = 0; i + ac + sc <= cells.Length; i += ac + sc)
                entries.Add((Read(cells, i, ac), Read(cells, i + ac, sc)));
            return new PassthroughDevice(path, node.Name,
                node.GetProperty("compatible")?.Value.AsStrings().ToArray() ?? Array.Empty<string>(),
                entries, node.GetProperty("interrupts")?.Value.AsCells(), node.GetProperty("iommus") != null);
        }

        /// <summary>The device's node in the domU's <c>/passthrough</c> (2 address cells, <paramref name="sizeCells"/> size cells).</summary>
        public static DtsNode Node(PassthroughDevice dev, int sizeCells)
        {
            var n = new DtsNode(dev.Name, "host " + dev.Path + " (passthrough)");
            if (dev.Compatible.Length > 0) n.Property("compatible", DtsFormat.Strings(dev.Compatible));
            n.Property("reg", DtsFormat.Reg(dev.Reg, 2, sizeCells));
            if (dev.Interrupts != null)
            {
                n.Property("interrupt-parent", DtsFormat.Cells((GuestGicPhandle, 1)));
                n.Property("interrupts", DtsFormat.Cells(dev.Interrupts.Select(c => ((ulong)c, 1)).ToArray()));
            }
            var xenReg = new List<(ulong, int)>();
            foreach (var (a, s) in dev.Reg) { xenReg.Add((a, 2)); xenReg.Add((s, sizeCells)); xenReg.Add((a, 2)); }
            n.Property("xen,reg", DtsFormat.Cells(xenReg.ToArray()));
            n.Property("xen,path", DtsFormat.Strings(dev.Path));
            if (!dev.HasIommu) n.Property("xen,force-assign-without-iommu", DtsFormat.Cells((1, 1)));
            return n;
        }

        private static int Cells(DtNode node, string name, int fallback)
        {
            var p = node.GetProperty(name);
            return p != null && p.Value.Length == 4 ? (int)p.Value.GetCell(0) : fallback;
        }

        private static ulong Read(uint[] cells, int at, int count)
        {
            ulong v = 0;
            for (int i = 0; i < count; i++) v = (v << 32) | cells[at + i];
            return v;
        }
    }

    /// <summary>A host device copied into a domU's partial DT.</summary>
    public sealed class PassthroughDevice
    {
        public PassthroughDevice(string path, string name, string[] compatible, IReadOnlyList<(ulong Address, ulong Size)> reg, uint[]? interrupts, bool hasIommu)
        {
            Path = path;
            Name = name;
            Compatible = compatible;
            Reg = reg;
            Interrupts = interrupts;
            HasIommu = hasIommu;
        }

        public string Path { get; }
        public string Name { get; }
        public string[] Compatible { get; }
        public IReadOnlyList<(ulong Address, ulong Size)> Reg { get; }
        public uint[]? Interrupts { get; }
        public bool HasIommu { get; }
    }
}
