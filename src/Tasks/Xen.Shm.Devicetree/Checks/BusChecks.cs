using System.Globalization;
using static Xen.Shm.Devicetree.Checks.CheckRunner;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>PCI, simple-bus, I2C and SPI bus checks of checks.c.</summary>
    internal static class BusChecks
    {
        public const string Pci = "PCI", SimpleBus = "simple-bus", I2c = "i2c-bus", Spi = "spi-bus";

        public static void PciBridge(CheckContext ctx, Check c, DtNode node)
        {
            var prop = node.GetProperty("device_type");
            if (prop == null || !NodeFacts.StringEquals(prop, "pci")) return;
            node.Bus = Pci;
            if (!NodeFacts.BaseNameIs(node, "pci") && !NodeFacts.BaseNameIs(node, "pcie"))
                Fail(ctx, c, node, "node name is not \"pci\" or \"pcie\"");
            if (node.GetProperty("ranges") == null) Fail(ctx, c, node, "missing ranges for PCI bridge (or not a bridge)");
            if (NodeFacts.AddrCells(node) != 3) Fail(ctx, c, node, "incorrect #address-cells for PCI bridge");
            if (NodeFacts.SizeCells(node) != 2) Fail(ctx, c, node, "incorrect #size-cells for PCI bridge");
            prop = node.GetProperty("bus-range");
            if (prop == null) return;
            if (prop.Value.Length != 8)
            {
                FailProp(ctx, c, node, prop, "value must be 2 cells");
                return;
            }
            uint a = prop.Value.GetCell(0), b = prop.Value.GetCell(4);
            if (a > b) FailProp(ctx, c, node, prop, "1st cell must be less than or equal to 2nd cell");
            if (b > 0xff) FailProp(ctx, c, node, prop, "maximum bus number must be less than 256");
        }

        public static void PciDeviceBusNum(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Parent == null || node.Parent.Bus != Pci) return;
            var prop = node.GetProperty("reg");
            if (prop == null) return;
            uint busNum = (NodeFacts.Cell(prop) & 0x00ff0000) >> 16;
            uint min, max;
            var range = node.Parent.GetProperty("bus-range");
            if (range == null) min = max = 0;
            else min = max = NodeFacts.Cell(range); // dtc reads cells[0] for both
            if (busNum < min || busNum > max)
                FailProp(ctx, c, node, range, "PCI bus number " + Dec(busNum) + " out of range, expected (" + Dec(min) + " - " + Dec(max) + ")");
        }

        public static void PciDeviceReg(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Parent == null || node.Parent.Bus != Pci) return;
            var prop = node.GetProperty("reg");
            if (prop == null) return;
            string unit = NodeFacts.UnitName(node);
            if (NodeFacts.Cell(prop, 1) != 0 || NodeFacts.Cell(prop, 2) != 0)
                FailProp(ctx, c, node, prop, "PCI reg config space address cells 2 and 3 must be 0");
            uint reg = NodeFacts.Cell(prop);
            uint dev = (reg & 0xf800) >> 11, func = (reg & 0x700) >> 8;
            if ((reg & 0xff000000) != 0) FailProp(ctx, c, node, prop, "PCI reg address is not configuration space");
            if ((reg & 0xff) != 0) FailProp(ctx, c, node, prop, "PCI reg config space address register number must be 0");
            string expect;
            if (func == 0)
            {
                expect = Hex(dev);
                if (unit == expect) return;
            }
            expect = Truncate(Hex(dev) + "," + Hex(func), 4);
            if (unit == expect) return;
            Fail(ctx, c, node, "PCI unit address format error, expected \"" + expect + "\"");
        }

        private static string Truncate(string s, int max) => s.Length > max ? s.Substring(0, max) : s;

        public static void SimpleBusBridge(CheckContext ctx, Check c, DtNode node)
        {
            if (NodeFacts.IsCompatible(node, "simple-bus")) node.Bus = SimpleBus;
        }

        public static void SimpleBusReg(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Parent == null || node.Parent.Bus != SimpleBus) return;
            string unit = NodeFacts.UnitName(node);
            var prop = node.GetProperty("reg");
            int cellIndex = -1;
            if (prop != null) cellIndex = 0;
            else
            {
                prop = node.GetProperty("ranges");
                if (prop != null && prop.Value.Length > 0) cellIndex = NodeFacts.AddrCells(node);
            }
            if (cellIndex < 0)
            {
                if (node.Parent.Parent != null && node.Bus != SimpleBus)
                    Fail(ctx, c, node, "missing or empty reg/ranges property");
                return;
            }
            int size = NodeFacts.AddrCells(node.Parent);
            ulong reg = 0;
            while (size-- > 0) reg = (reg << 32) | NodeFacts.Cell(prop!, cellIndex++);
            string expect = Truncate(reg.ToString("x", CultureInfo.InvariantCulture), 16);
            if (unit != expect) Fail(ctx, c, node, "simple-bus unit address format error, expected \"" + expect + "\"");
        }

        public static void I2cBusBridge(CheckContext ctx, Check c, DtNode node)
        {
            if (NodeFacts.BaseNameIs(node, "i2c-bus") || NodeFacts.BaseNameIs(node, "i2c-arb"))
            {
                node.Bus = I2c;
            }
            else if (NodeFacts.BaseNameIs(node, "i2c"))
            {
                int len = NodeFacts.BaseNameLength(node);
                foreach (var child in node.Children)
                {
                    // strprefixeq(child->name, node->basenamelen, "i2c-bus")
                    if (len == 7 && child.Name.Length >= 7 && string.CompareOrdinal(child.Name, 0, "i2c-bus", 0, 7) == 0) return;
                }
                node.Bus = I2c;
            }
            else return;
            if (!AddressChecks.HasChildrenRaw(node)) return;
            if (NodeFacts.AddrCells(node) != 1) Fail(ctx, c, node, "incorrect #address-cells for I2C bus");
            if (NodeFacts.SizeCells(node) != 0) Fail(ctx, c, node, "incorrect #size-cells for I2C bus");
        }

        public static void I2cBusReg(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Parent == null || node.Parent.Bus != I2c) return;
            string unit = NodeFacts.UnitName(node);
            var prop = node.GetProperty("reg");
            if (prop == null)
            {
                Fail(ctx, c, node, "missing or empty reg property");
                return;
            }
            uint reg = NodeFacts.Cell(prop) & ~(1U << 30);
            string expect = Hex(reg);
            if (unit != expect) Fail(ctx, c, node, "I2C bus unit address format error, expected \"" + expect + "\"");
            for (int len = prop.Value.Length, i = 0; len > 0; len -= 4, i++)
            {
                reg = NodeFacts.Cell(prop, i) & ~(1U << 30);
                if ((reg & (1U << 31)) != 0 && (reg & ~(1U << 31)) > 0x3ff)
                    FailProp(ctx, c, node, prop, "I2C address must be less than 10-bits, got \"0x" + Hex(reg) + "\"");
                else if (reg > 0x7f)
                    FailProp(ctx, c, node, prop, "I2C address must be less than 7-bits, got \"0x" + Hex(reg) + "\". Set I2C_TEN_BIT_ADDRESS for 10 bit addresses or fix the property");
            }
        }

        public static void SpiBusBridge(CheckContext ctx, Check c, DtNode node)
        {
            int spiAddrCells = 1;
            if (NodeFacts.BaseNameIs(node, "spi"))
            {
                node.Bus = Spi;
            }
            else
            {
                if (NodeFacts.AddrCells(node) != 1 || NodeFacts.SizeCells(node) != 0) return;
                foreach (var child in node.Children)
                {
                    foreach (var prop in child.Properties)
                    {
                        if (prop.Name.StartsWith("spi-", System.StringComparison.Ordinal))
                        {
                            node.Bus = Spi;
                            break;
                        }
                    }
                    if (node.Bus == Spi) break;
                }
                if (node.Bus == Spi && node.GetProperty("reg") != null)
                    Fail(ctx, c, node, "node name for SPI buses should be 'spi'");
            }
            if (node.Bus != Spi || !AddressChecks.HasChildrenRaw(node)) return;
            if (node.GetProperty("spi-slave") != null) spiAddrCells = 0;
            if (NodeFacts.AddrCells(node) != spiAddrCells) Fail(ctx, c, node, "incorrect #address-cells for SPI bus");
            if (NodeFacts.SizeCells(node) != 0) Fail(ctx, c, node, "incorrect #size-cells for SPI bus");
        }

        public static void SpiBusReg(CheckContext ctx, Check c, DtNode node)
        {
            if (node.Parent == null || node.Parent.Bus != Spi) return;
            if (node.Parent.GetProperty("spi-slave") != null) return;
            string unit = NodeFacts.UnitName(node);
            var prop = node.GetProperty("reg");
            if (prop == null)
            {
                Fail(ctx, c, node, "missing or empty reg property");
                return;
            }
            string expect = Hex(NodeFacts.Cell(prop));
            if (unit != expect) Fail(ctx, c, node, "SPI bus unit address format error, expected \"" + expect + "\"");
        }
    }
}
