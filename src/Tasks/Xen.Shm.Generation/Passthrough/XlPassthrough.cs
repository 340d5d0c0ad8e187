using System;
using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Dts;
using Xen.Shm.Generation.Guest;
using Xen.Shm.Generation.Xl;

namespace Xen.Shm.Generation.Passthrough
{
    /// <summary>
    /// A host device given to an xl domU, as Xen's docs/misc/arm/passthrough.txt (first part) does it by
    /// hand: the host node gets <c>xen,passthrough</c>; the xl file gets <c>iomem</c> (the pages of each
    /// <c>reg</c> entry, mapped 1:1: no <c>@GFN</c>, xl.cfg "iomem"), <c>irqs</c> (VIRQ == IRQ: GIC SPI
    /// number + 32) and <c>dtdev</c> only for a node with <c>iommus</c> (Xen's iommu_assign_dt_device
    /// refuses a device no IOMMU protects, and libxl refuses dtdev without an IOMMU: "passthrough not
    /// supported on this platform", tools/libs/light/libxl_create.c); the partial tree gets the node
    /// under <c>/passthrough</c> (the only node libxl copies with <c>/aliases</c>, libxl_arm.c
    /// copy_partial_fdt) with <c>compatible</c>, <c>reg</c> and <c>interrupts</c>, no interrupt-parent
    /// ("added by the toolstack in the root node").
    /// </summary>
    internal static class XlPassthrough
    {
        /// <summary>GIC SPIs start at interrupt ID 32 (passthrough.txt: "80 + 32 = 112").</summary>
        public const uint FirstSpi = 32;

        private const ulong PageSize = 1UL << IomemMapping.PageShift;

        /// <summary>Adds the device's iomem, irqs and dtdev to the xl domain's parts; false after a diagnostic.</summary>
        public static bool Add(PassthroughDevice dev, DtTree tree, DtNode node, GuestParts parts, SourceSpan span, DiagnosticBag diagnostics)
        {
            var irqs = Irqs(tree, node, out string? why);
            if (irqs == null)
            {
                diagnostics.Add(DiagnosticCodes.XlPassthroughUnsupported, span,
                    $"'{dev.Path}' cannot be passed to xl domain '{parts.Domain.Name.Value}': {why}; xl irqs can only name GIC SPIs");
                return false;
            }
            foreach (var (address, size) in dev.Reg.Where(r => r.Size > 0))
            {
                ulong first = address / PageSize, end = (address + size + PageSize - 1) / PageSize;
                parts.Iomem.Add(new IomemMapping(first, end - first));
            }
            foreach (uint irq in irqs)
                if (!parts.DeviceIrqs.Contains(irq)) parts.DeviceIrqs.Add(irq);
            if (dev.HasIommu) parts.Dtdev.Add(dev.Path);
            parts.Devices.Add(dev);
            return true;
        }

        /// <summary>The device's node in the xl partial tree's <c>/passthrough</c> (2 address and 2 size cells, guest address = host address).</summary>
        public static DtsNode Node(PassthroughDevice dev)
        {
            var n = new DtsNode(dev.Name, "host " + dev.Path + " (xl passthrough: iomem 1:1, irqs)");
            if (dev.Compatible.Length > 0) n.Property("compatible", DtsFormat.Strings(dev.Compatible));
            n.Property("reg", DtsFormat.Reg(dev.Reg, 2, 2));
            if (dev.Interrupts != null)
                n.Property("interrupts", DtsFormat.Cells(dev.Interrupts.Select(c => ((ulong)c, 1)).ToArray()));
            return n;
        }

        /// <summary>
        /// Root <c>interrupt-parent</c> and a <c>gic</c> placeholder with libxl's GIC phandle
        /// (GUEST_PHANDLE_GIC, 65000): libxl copies neither (it writes both itself), they only let dtc
        /// resolve the devices' interrupts without a warning.
        /// </summary>
        public static void AddGicPlaceholder(DtsNode root)
        {
            root.Property("interrupt-parent", DtsFormat.Cells((DevicePassthrough.GuestGicPhandle, 1)));
            var gic = root.Child(new DtsNode("gic", "placeholder: libxl writes the guest's GIC (phandle 65000) and the root interrupt-parent"));
            gic.Property("#interrupt-cells", DtsFormat.Cells((3, 1)));
            gic.Property("#address-cells", DtsFormat.Cells((0, 1)));
            gic.Property("interrupt-controller", null);
            gic.Property("phandle", DtsFormat.Cells((DevicePassthrough.GuestGicPhandle, 1)));
        }

        /// <summary>The device's interrupts as xl irqs (SPI + 32), or null with the reason.</summary>
        internal static List<uint>? Irqs(DtTree tree, DtNode node, out string? why)
        {
            why = null;
            var list = new List<uint>();
            if (node.GetProperty("interrupts-extended") != null)
            {
                why = "it uses interrupts-extended";
                return null;
            }
            var interrupts = node.GetProperty("interrupts");
            if (interrupts == null) return list;
            var controller = InterruptParent(tree, node);
            if (controller == null || !IsGic(controller))
            {
                why = "its interrupt parent is not the GIC (arm,gic-400 / arm,cortex-a15-gic / arm,gic-v3, #interrupt-cells = <3>)";
                return null;
            }
            uint[] cells = interrupts.Value.AsCells();
            if (cells.Length == 0 || cells.Length % 3 != 0 || interrupts.Value.Length % 4 != 0)
            {
                why = "its interrupts are not whole <type number flags> triples";
                return null;
            }
            for (int i = 0; i < cells.Length; i += 3)
            {
                if (cells[i] != 0)
                {
                    why = $"interrupt {i / 3} is not an SPI (type {cells[i]}; only type 0 can be routed to a guest)";
                    return null;
                }
                list.Add(cells[i + 1] + FirstSpi);
            }
            return list;
        }

        /// <summary>The node's interrupt parent (its own or an ancestor's <c>interrupt-parent</c>, dtc's order).</summary>
        private static DtNode? InterruptParent(DtTree tree, DtNode node)
        {
            for (var n = node; n != null; n = n.Parent)
            {
                var p = n.GetProperty("interrupt-parent");
                if (p == null) continue;
                // A parsed (unresolved) tree holds &label as a marker; a read DTB holds the number.
                foreach (var m in p.Value.Markers)
                    if (m.Kind == DtMarkerKind.PhandleReference && m.Offset == 0 && m.Reference != null) return tree.FindNodeByReference(m.Reference);
                if (p.Value.Length != 4) return null;
                uint phandle = p.Value.GetCell(0);
                return tree.FindNodeByPhandle(phandle) ?? ByPhandleProperty(tree.Root, phandle);
            }
            return null;
        }

        /// <summary>
        /// The live node whose <c>phandle</c> (or <c>linux,phandle</c>) property is <paramref name="phandle"/>, pre-order.
        /// A DTS decompiled from a DTB (QEMU's own tree: <c>interrupt-parent = &lt;0x8003&gt;</c> and the GIC's
        /// <c>phandle = &lt;0x8003&gt;</c>) holds its phandles as plain properties, which the parsed tree's phandle
        /// index does not know before dtc's checks have run.
        /// </summary>
        private static DtNode? ByPhandleProperty(DtNode node, uint phandle)
        {
            if (node.IsDeleted) return null;
            foreach (var name in new[] { "phandle", "linux,phandle" })
                if (node.GetProperty(name) is { } p && p.Value.Length == 4 && p.Value.GetCell(0) == phandle) return node;
            foreach (var c in node.Children)
                if (ByPhandleProperty(c, phandle) is { } found) return found;
            return null;
        }

        private static bool IsGic(DtNode controller)
        {
            var cells = controller.GetProperty("#interrupt-cells");
            if (controller.GetProperty("interrupt-controller") == null || cells == null || cells.Value.Length != 4 || cells.Value.GetCell(0) != 3)
                return false;
            var compatible = controller.GetProperty("compatible")?.Value.AsStrings() ?? Array.Empty<string>();
            return compatible.Any(c => c.StartsWith("arm,", System.StringComparison.Ordinal) && c.Contains("gic"));
        }
    }
}
