using System;
using System.Collections.Generic;
using static Xen.Shm.Devicetree.Checks.CheckRunner;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>#address-cells/#size-cells, reg, ranges and unit-address checks of checks.c.</summary>
    internal static class AddressChecks
    {
        public static void AddrSizeCells(CheckContext ctx, Check c, DtNode node)
        {
            node.AddressCells = -1;
            node.SizeCells = -1;
            var p = node.GetProperty("#address-cells");
            if (p != null) node.AddressCells = (int)NodeFacts.Cell(p);
            p = node.GetProperty("#size-cells");
            if (p != null) node.SizeCells = (int)NodeFacts.Cell(p);
        }

        private static bool IsMultipleOf(int multiple, int divisor) => divisor == 0 ? multiple == 0 : multiple % divisor == 0;

        public static void RegFormat(CheckContext ctx, Check c, DtNode node)
        {
            var prop = node.GetProperty("reg");
            if (prop == null) return;
            if (node.Parent == null)
            {
                Fail(ctx, c, node, "Root node has a \"reg\" property");
                return;
            }
            if (prop.Value.Length == 0) FailProp(ctx, c, node, prop, "property is empty");
            int ac = NodeFacts.AddrCells(node.Parent), sc = NodeFacts.SizeCells(node.Parent);
            int entry = (ac + sc) * 4;
            if (!IsMultipleOf(prop.Value.Length, entry))
                FailProp(ctx, c, node, prop, "property has invalid length (" + Dec(prop.Value.Length) + " bytes) (#address-cells == " + Dec(ac) + ", #size-cells == " + Dec(sc) + ")");
        }

        public static void RangesFormat(CheckContext ctx, Check c, DtNode node)
        {
            string ranges = (string)c.Data!;
            var prop = node.GetProperty(ranges);
            if (prop == null) return;
            if (node.Parent == null)
            {
                FailProp(ctx, c, node, prop, "Root node has a \"" + ranges + "\" property");
                return;
            }
            int pac = NodeFacts.AddrCells(node.Parent), psc = NodeFacts.SizeCells(node.Parent);
            int cac = NodeFacts.AddrCells(node), csc = NodeFacts.SizeCells(node);
            int entry = (pac + cac + csc) * 4;
            if (prop.Value.Length == 0)
            {
                if (pac != cac)
                    FailProp(ctx, c, node, prop, "empty \"" + ranges + "\" property but its #address-cells (" + Dec(cac) + ") differs from " + node.Parent.Path + " (" + Dec(pac) + ")");
                if (psc != csc)
                    FailProp(ctx, c, node, prop, "empty \"" + ranges + "\" property but its #size-cells (" + Dec(csc) + ") differs from " + node.Parent.Path + " (" + Dec(psc) + ")");
            }
            else if (!IsMultipleOf(prop.Value.Length, entry))
            {
                FailProp(ctx, c, node, prop, "\"" + ranges + "\" property has invalid length (" + Dec(prop.Value.Length) + " bytes) (parent #address-cells == " + Dec(pac) +
                    ", child #address-cells == " + Dec(cac) + ", #size-cells == " + Dec(csc) + ")");
            }
        }

        public static void UnitAddressVsReg(CheckContext ctx, Check c, DtNode node)
        {
            string unit = NodeFacts.UnitName(node);
            var prop = node.GetProperty("reg");
            if (node.GetChild("__overlay__") != null) return; // dtc checks.c skips overlay fragments here too (unit_address_vs_reg)
            if (prop == null)
            {
                prop = node.GetProperty("ranges");
                if (prop != null && prop.Value.Length == 0) prop = null;
            }
            if (prop != null)
            {
                if (unit.Length == 0) Fail(ctx, c, node, "node has a reg or ranges property, but no unit name");
            }
            else if (unit.Length != 0)
            {
                Fail(ctx, c, node, "node has a unit name, but no reg or ranges property");
            }
        }

        public static void UnitAddressFormat(CheckContext ctx, Check c, DtNode node)
        {
            string unit = NodeFacts.UnitName(node);
            if (node.Parent != null && node.Parent.Bus != null) return;
            if (unit.Length == 0) return;
            if (unit.StartsWith("0x", System.StringComparison.Ordinal))
            {
                Fail(ctx, c, node, "unit name should not have leading \"0x\"");
                unit = unit.Substring(2);
            }
            if (unit.Length >= 2 && unit[0] == '0' && IsXDigit(unit[1]))
                Fail(ctx, c, node, "unit name should not have leading 0s");
        }

        private static bool IsXDigit(char ch) => ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F';

        public static void AvoidDefaultAddrSize(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Parent == null) return;
            if (node.GetProperty("reg") == null && node.GetProperty("ranges") == null) return;
            if (node.Parent.AddressCells == -1) Fail(ctx, c, node, "Relying on default #address-cells value");
            if (node.Parent.SizeCells == -1) Fail(ctx, c, node, "Relying on default #size-cells value");
        }

        public static void AvoidUnnecessaryAddrSize(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Parent == null || node.AddressCells < 0 || node.SizeCells < 0) return;
            if (node.GetProperty("ranges") != null || !HasChildrenRaw(node)) return;
            bool hasReg = false;
            foreach (var child in node.Children)
                if (child.GetProperty("reg") != null) hasReg = true;
            if (!hasReg) Fail(ctx, c, node, "unnecessary #address-cells/#size-cells without \"ranges\" or child \"reg\" property");
        }

        // dtc tests `node->children` (the raw list, deleted entries included).
        internal static bool HasChildrenRaw(DtNode node) => node.ChildList.Count > 0;

        private static bool IsDisabled(DtNode node)
        {
            var prop = node.GetProperty("status");
            return prop != null && NodeFacts.StringEquals(prop, "disabled");
        }

        public static void UniqueUnitAddress(CheckContext ctx, Check c, DtNode node) => UniqueCommon(ctx, c, node, false);

        public static void UniqueUnitAddressIfEnabled(CheckContext ctx, Check c, DtNode node) => UniqueCommon(ctx, c, node, true);

        private static void UniqueCommon(CheckContext ctx, Check c, DtNode node, bool disableCheck)
        {
            if (node.AddressCells < 0 || node.SizeCells < 0) return;
            if (!HasChildrenRaw(node)) return;
            var list0 = node.ChildList;
            if (list0.Count <= 32)
            {
                // Few children: dtc's own pairwise loop, no allocation.
                for (int a = 0; a < list0.Count; a++)
                {
                    var childa = list0[a];
                    if (childa.IsDeleted) continue;
                    string addrA = NodeFacts.UnitName(childa);
                    if (addrA.Length == 0) continue;
                    if (disableCheck && IsDisabled(childa)) continue;
                    for (int b = 0; b < a; b++)
                    {
                        var childb = list0[b];
                        if (childb.IsDeleted) continue;
                        if (disableCheck && IsDisabled(childb)) continue;
                        if (addrA == NodeFacts.UnitName(childb))
                            Fail(ctx, c, childb, "duplicate unit-address (also used in node " + childa.Path + ")");
                    }
                }
                return;
            }
            // Many children: dtc compares every child with each earlier one (O(n^2)); grouping by unit
            // address gives the same failures in the same order: for each child, the earlier equal ones.
            var earlier = new Dictionary<string, List<DtNode>>(StringComparer.Ordinal);
            foreach (var child in node.ChildList)
            {
                if (child.IsDeleted) continue;
                string addr = NodeFacts.UnitName(child);
                if (addr.Length == 0) continue;
                if (disableCheck && IsDisabled(child)) continue;
                if (earlier.TryGetValue(addr, out var list))
                {
                    foreach (var b in list)
                        Fail(ctx, c, b, "duplicate unit-address (also used in node " + child.Path + ")");
                    list.Add(child);
                }
                else earlier[addr] = new List<DtNode>(1) { child };
            }
        }
    }
}
