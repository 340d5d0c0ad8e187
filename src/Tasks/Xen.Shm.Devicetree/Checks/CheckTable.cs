using System.Collections.Generic;

namespace Xen.Shm.Devicetree.Checks
{
    /// <summary>
    /// dtc 1.6.1's check table (checks.c check_table), same names, order, levels and prerequisites.
    /// A fresh table per run: checks carry their status.
    /// </summary>
    internal static class CheckTable
    {
        private static Check W(string name, System.Action<CheckContext, Check, DtNode>? fn, object? data = null, params Check[] pre) =>
            new Check(name, fn, true, false, pre) { Data = data };

        private static Check E(string name, System.Action<CheckContext, Check, DtNode>? fn, object? data = null, params Check[] pre) =>
            new Check(name, fn, false, true, pre) { Data = data };

        private static Check N(string name, System.Action<CheckContext, Check, DtNode>? fn, object? data = null, params Check[] pre) =>
            new Check(name, fn, false, false, pre) { Data = data };

        public static List<Check> Create()
        {
            var duplicateNodeNames = E("duplicate_node_names", StructureChecks.DuplicateNodeNames);
            var duplicatePropertyNames = E("duplicate_property_names", StructureChecks.DuplicatePropertyNames);
            var nodeNameChars = E("node_name_chars", StructureChecks.NodeNameChars, StructureChecks.NodeChars);
            var nodeNameFormat = E("node_name_format", StructureChecks.NodeNameFormat, null, nodeNameChars);
            var propertyNameChars = E("property_name_chars", StructureChecks.PropertyNameChars, StructureChecks.PropChars);
            var nameIsString = E("name_is_string", ValueChecks.IsStringFn, "name");
            var nameProperties = E("name_properties", StructureChecks.NameProperties, null, nameIsString);
            var nodeNameVsPropertyName = W("node_name_vs_property_name", StructureChecks.NodeNameVsPropertyName, null, nodeNameChars);
            var duplicateLabel = E("duplicate_label", StructureChecks.DuplicateLabel);
            var explicitPhandles = E("explicit_phandles", StructureChecks.ExplicitPhandles);
            var phandleReferences = E("phandle_references", ReferenceFixups.PhandleReferences, null, duplicateNodeNames, explicitPhandles);
            var pathReferences = E("path_references", ReferenceFixups.PathReferences, null, duplicateNodeNames);
            var omitUnusedNodes = E("omit_unused_nodes", ReferenceFixups.OmitUnusedNodes, null, phandleReferences, pathReferences);

            var addressCellsIsCell = W("address_cells_is_cell", ValueChecks.IsCellFn, "#address-cells");
            var sizeCellsIsCell = W("size_cells_is_cell", ValueChecks.IsCellFn, "#size-cells");
            var deviceTypeIsString = W("device_type_is_string", ValueChecks.IsStringFn, "device_type");
            var modelIsString = W("model_is_string", ValueChecks.IsStringFn, "model");
            var statusIsString = W("status_is_string", ValueChecks.IsStringFn, "status");
            var labelIsString = W("label_is_string", ValueChecks.IsStringFn, "label");
            var compatibleIsStringList = W("compatible_is_string_list", ValueChecks.IsStringListFn, "compatible");
            var namesIsStringList = W("names_is_string_list", ValueChecks.NamesIsStringList);
            var propertyNameCharsStrict = N("property_name_chars_strict", StructureChecks.PropertyNameCharsStrict, StructureChecks.StrictChars);
            var nodeNameCharsStrict = N("node_name_chars_strict", StructureChecks.NodeNameCharsStrict, StructureChecks.StrictChars);

            var addrSizeCells = W("addr_size_cells", AddressChecks.AddrSizeCells, null, addressCellsIsCell, sizeCellsIsCell);
            var regFormat = W("reg_format", AddressChecks.RegFormat, null, addrSizeCells);
            var rangesFormat = W("ranges_format", AddressChecks.RangesFormat, "ranges", addrSizeCells);
            var dmaRangesFormat = W("dma_ranges_format", AddressChecks.RangesFormat, "dma-ranges", addrSizeCells);
            var unitAddressVsReg = W("unit_address_vs_reg", AddressChecks.UnitAddressVsReg);

            var pciBridge = W("pci_bridge", BusChecks.PciBridge, null, deviceTypeIsString, addrSizeCells);
            var simpleBusBridge = W("simple_bus_bridge", BusChecks.SimpleBusBridge, null, addrSizeCells, compatibleIsStringList);
            var unitAddressFormat = W("unit_address_format", AddressChecks.UnitAddressFormat, null, nodeNameFormat, pciBridge, simpleBusBridge);
            var pciDeviceReg = W("pci_device_reg", BusChecks.PciDeviceReg, null, regFormat, pciBridge);
            var pciDeviceBusNum = W("pci_device_bus_num", BusChecks.PciDeviceBusNum, null, regFormat, pciBridge);
            var simpleBusReg = W("simple_bus_reg", BusChecks.SimpleBusReg, null, regFormat, simpleBusBridge);
            var i2cBusBridge = W("i2c_bus_bridge", BusChecks.I2cBusBridge, null, addrSizeCells);
            var i2cBusReg = W("i2c_bus_reg", BusChecks.I2cBusReg, null, regFormat, i2cBusBridge);
            var spiBusBridge = W("spi_bus_bridge", BusChecks.SpiBusBridge, null, addrSizeCells);
            var spiBusReg = W("spi_bus_reg", BusChecks.SpiBusReg, null, regFormat, spiBusBridge);

            var avoidDefaultAddrSize = W("avoid_default_addr_size", AddressChecks.AvoidDefaultAddrSize, null, addrSizeCells);
            var avoidUnnecessaryAddrSize = W("avoid_unnecessary_addr_size", AddressChecks.AvoidUnnecessaryAddrSize, null, avoidDefaultAddrSize);
            var uniqueUnitAddress = W("unique_unit_address", AddressChecks.UniqueUnitAddress, null, avoidDefaultAddrSize);
            var uniqueUnitAddressIfEnabled = N("unique_unit_address_if_enabled", AddressChecks.UniqueUnitAddressIfEnabled, null, avoidDefaultAddrSize);
            var obsoleteChosen = W("obsolete_chosen_interrupt_controller", GraphChecks.ObsoleteChosenInterruptController);
            var chosenNodeIsRoot = W("chosen_node_is_root", GraphChecks.ChosenNodeIsRoot);
            var chosenNodeBootargs = W("chosen_node_bootargs", GraphChecks.ChosenNodeBootargs);
            var chosenNodeStdoutPath = W("chosen_node_stdout_path", GraphChecks.ChosenNodeStdoutPath);

            var table = new List<Check>
            {
                duplicateNodeNames, duplicatePropertyNames,
                nodeNameChars, nodeNameFormat, propertyNameChars,
                nameIsString, nameProperties, nodeNameVsPropertyName,
                duplicateLabel,
                explicitPhandles,
                phandleReferences, pathReferences,
                omitUnusedNodes,
                addressCellsIsCell, sizeCellsIsCell,
                deviceTypeIsString, modelIsString, statusIsString,
                labelIsString,
                compatibleIsStringList, namesIsStringList,
                propertyNameCharsStrict,
                nodeNameCharsStrict,
                addrSizeCells, regFormat, rangesFormat, dmaRangesFormat,
                unitAddressVsReg,
                unitAddressFormat,
                pciBridge,
                pciDeviceReg,
                pciDeviceBusNum,
                simpleBusBridge,
                simpleBusReg,
                i2cBusBridge,
                i2cBusReg,
                spiBusBridge,
                spiBusReg,
                avoidDefaultAddrSize,
                avoidUnnecessaryAddrSize,
                uniqueUnitAddress,
                uniqueUnitAddressIfEnabled,
                obsoleteChosen,
                chosenNodeIsRoot, chosenNodeBootargs, chosenNodeStdoutPath,
            };

            // WARNING_PROPERTY_PHANDLE_CELLS: "<nm>_property" then "<nm>_is_cell".
            var providers = new (string nm, string prop, string cells, bool optional)[]
            {
                ("clocks", "clocks", "#clock-cells", false),
                ("cooling_device", "cooling-device", "#cooling-cells", false),
                ("dmas", "dmas", "#dma-cells", false),
                ("hwlocks", "hwlocks", "#hwlock-cells", false),
                ("interrupts_extended", "interrupts-extended", "#interrupt-cells", false),
                ("io_channels", "io-channels", "#io-channel-cells", false),
                ("iommus", "iommus", "#iommu-cells", false),
                ("mboxes", "mboxes", "#mbox-cells", false),
                ("msi_parent", "msi-parent", "#msi-cells", true),
                ("mux_controls", "mux-controls", "#mux-control-cells", false),
                ("phys", "phys", "#phy-cells", false),
                ("power_domains", "power-domains", "#power-domain-cells", false),
                ("pwms", "pwms", "#pwm-cells", false),
                ("resets", "resets", "#reset-cells", false),
                ("sound_dai", "sound-dai", "#sound-dai-cells", false),
                ("thermal_sensors", "thermal-sensors", "#thermal-sensor-cells", false),
            };
            foreach (var p in providers)
            {
                var isCell = W(p.nm + "_is_cell", ValueChecks.IsCellFn, p.cells);
                var property = W(p.nm + "_property", ProviderChecks.ProviderCellsFn, new Provider(p.prop, p.cells, p.optional), isCell, phandleReferences);
                table.Add(property);
                table.Add(isCell);
            }

            var deprecatedGpio = N("deprecated_gpio_property", ProviderChecks.DeprecatedGpio);
            var gpios = W("gpios_property", ProviderChecks.Gpios, null, phandleReferences);
            // dtc passes &phandle_references as this check's data, not as a prerequisite.
            var interrupts = W("interrupts_property", ProviderChecks.Interrupts);
            var interruptProvider = W("interrupt_provider", ProviderChecks.InterruptProvider);
            var aliasPaths = W("alias_paths", ValueChecks.AliasPaths);
            var graphNodes = W("graph_nodes", GraphChecks.GraphNodes);
            var graphChildAddress = W("graph_child_address", GraphChecks.GraphChildAddress, null, graphNodes);
            var graphPort = W("graph_port", GraphChecks.GraphPort, null, graphNodes);
            var graphEndpoint = W("graph_endpoint", GraphChecks.GraphEndpoint, null, graphNodes);
            var alwaysFail = N("always_fail", (ctx, c, node) => CheckRunner.Fail(ctx, c, node, "always_fail check"));

            table.Add(deprecatedGpio);
            table.Add(gpios);
            table.Add(interrupts);
            table.Add(interruptProvider);
            table.Add(aliasPaths);
            table.Add(graphNodes);
            table.Add(graphChildAddress);
            table.Add(graphPort);
            table.Add(graphEndpoint);
            table.Add(alwaysFail);
            return table;
        }
    }
}
