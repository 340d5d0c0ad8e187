using System;
using static Xen.Shm.Devicetree.Checks.CheckRunner;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>A phandle-with-arguments property and the provider's #cells property (checks.c struct provider).</summary>
    internal sealed class Provider
    {
        public Provider(string propName, string cellName, bool optional = false)
        {
            PropName = propName;
            CellName = cellName;
            Optional = optional;
        }

        public string PropName { get; }
        public string CellName { get; }
        public bool Optional { get; }
    }

    /// <summary>clocks, dmas, gpios, interrupts… checks of checks.c.</summary>
    internal static class ProviderChecks
    {
        public static readonly Action<CheckContext, Check, DtNode> ProviderCellsFn = ProviderCells;

        public static void PhandleArgs(CheckContext ctx, Check c, DtNode node, DtProperty prop, Provider provider)
        {
            int len = prop.Value.Length;
            if (len % 4 != 0)
            {
                FailProp(ctx, c, node, prop, "property size (" + Dec(len) + ") is invalid, expected multiple of 4");
                return;
            }
            int cellsize;
            for (int cell = 0; cell < len / 4; cell += cellsize + 1)
            {
                uint ph = prop.Value.GetCell(cell * 4);
                if (ph == 0 || ph == 0xffffffff)
                {
                    if (ctx.Plugin) break;
                    cellsize = 0;
                    continue;
                }
                var ms = prop.Value.MarkerList;
                if (ms.Count > 0)
                {
                    bool found = false;
                    foreach (var m in ms)
                        if (m.Kind == DtMarkerKind.PhandleReference && m.Offset == cell * 4) { found = true; break; }
                    if (!found) FailProp(ctx, c, node, prop, "cell " + Dec(cell) + " is not a phandle reference");
                }
                var providerNode = NodeFacts.ByPhandle(ctx.Root, ph);
                if (providerNode == null)
                {
                    FailProp(ctx, c, node, prop, "Could not get phandle node for (cell " + Dec(cell) + ")");
                    break;
                }
                var cellprop = providerNode.GetProperty(provider.CellName);
                if (cellprop != null) cellsize = (int)NodeFacts.Cell(cellprop);
                else if (provider.Optional) cellsize = 0;
                else
                {
                    Fail(ctx, c, node, "Missing property '" + provider.CellName + "' in node " + providerNode.Path + " or bad phandle (referred from " + prop.Name + "[" + Dec(cell) + "])");
                    break;
                }
                if ((long)len < ((long)cell + cellsize + 1) * 4)
                    FailProp(ctx, c, node, prop, "property size (" + Dec(len) + ") too small for cell size " + Dec(cellsize));
            }
        }

        public static void ProviderCells(CheckContext ctx, Check c, DtNode node)
        {
            var provider = (Provider)c.Data!;
            var prop = node.GetProperty(provider.PropName);
            if (prop == null) return;
            PhandleArgs(ctx, c, node, prop, provider);
        }

        private static bool IsGpio(DtProperty prop)
        {
            string n = prop.Name;
            if (NodeFacts.EndsWith(n, ",nr-gpios")) return false;
            return NodeFacts.EndsWith(n, "-gpios") || n == "gpios" || NodeFacts.EndsWith(n, "-gpio") || n == "gpio";
        }

        public static void Gpios(CheckContext ctx, Check c, DtNode node)
        {
            if (node.GetProperty("gpio-hog") != null) return;
            foreach (var prop in node.Properties)
            {
                if (!IsGpio(prop)) continue;
                PhandleArgs(ctx, c, node, prop, new Provider(prop.Name, "#gpio-cells"));
            }
        }

        public static void DeprecatedGpio(CheckContext ctx, Check c, DtNode node)
        {
            foreach (var prop in node.Properties)
            {
                if (!IsGpio(prop)) continue;
                if (!NodeFacts.EndsWith(prop.Name, "gpio")) continue;
                FailProp(ctx, c, node, prop, "'[*-]gpio' is deprecated, use '[*-]gpios' instead");
            }
        }

        private static bool IsInterruptProvider(DtNode node) =>
            node.GetProperty("interrupt-controller") != null || node.GetProperty("interrupt-map") != null;

        public static void InterruptProvider(CheckContext ctx, Check c, DtNode node)
        {
            if (!IsInterruptProvider(node)) return;
            if (node.GetProperty("#interrupt-cells") == null) Fail(ctx, c, node, "Missing #interrupt-cells in interrupt provider");
            if (node.GetProperty("#address-cells") == null) Fail(ctx, c, node, "Missing #address-cells in interrupt provider");
        }

        public static void Interrupts(CheckContext ctx, Check c, DtNode node)
        {
            var irqProp = node.GetProperty("interrupts");
            if (irqProp == null) return;
            int len = irqProp.Value.Length;
            if (len % 4 != 0) FailProp(ctx, c, node, irqProp, "size (" + Dec(len) + ") is invalid, expected multiple of 4");
            DtNode? irqNode = null;
            DtNode? parent = node;
            DtProperty? prop = null;
            while (parent != null && prop == null)
            {
                if (parent != node && IsInterruptProvider(parent))
                {
                    irqNode = parent;
                    break;
                }
                prop = parent.GetProperty("interrupt-parent");
                if (prop != null)
                {
                    uint ph = NodeFacts.Cell(prop);
                    if (ph == 0 || ph == 0xffffffff)
                    {
                        if (ctx.Plugin) return;
                        FailProp(ctx, c, parent, prop, "Invalid phandle");
                        continue; // dtc's `continue` leaves the loop: prop is set
                    }
                    irqNode = NodeFacts.ByPhandle(ctx.Root, ph);
                    if (irqNode == null)
                    {
                        FailProp(ctx, c, parent, prop, "Bad phandle");
                        return;
                    }
                    if (!IsInterruptProvider(irqNode))
                        Fail(ctx, c, irqNode, "Missing interrupt-controller or interrupt-map property");
                    break;
                }
                parent = parent.Parent;
            }
            if (irqNode == null)
            {
                Fail(ctx, c, node, "Missing interrupt-parent");
                return;
            }
            var cellsProp = irqNode.GetProperty("#interrupt-cells");
            if (cellsProp == null) return;
            uint irqCells = NodeFacts.Cell(cellsProp);
            long unit = (long)irqCells * 4;
            bool multiple = unit == 0 ? len == 0 : len % unit == 0;
            if (!multiple)
                FailProp(ctx, c, node, cellsProp, "size is (" + Dec(len) + "), expected multiple of " + Dec((int)(irqCells * 4)));
        }
    }
}
