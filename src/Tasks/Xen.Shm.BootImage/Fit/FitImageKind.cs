using System.Globalization;
using System.Text;
using System.Collections.Generic;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.BootImage.Fit
{
    /// <summary>
    /// A boot file's FIT image node: its name (null: from the path), description, type and os, after
    /// ImageBuilder's create_its_file (dom0_linux, domU0_kernel, ... with types kernel, ramdisk, flat_dt,
    /// fpga); names use '-' since U-Boot 2021.04+ refuses '@' in FIT node names (fit_check_format).
    /// </summary>
    internal readonly struct FitImageKind
    {
        private FitImageKind(string? name, string description, string type, string? os)
        {
            Name = name;
            Description = description;
            Type = type;
            Os = os;
        }

        public string? Name { get; }
        public string Description { get; }
        public string Type { get; }
        public string? Os { get; }

        public static FitImageKind Of(BootFileRole role, int domain)
        {
            string d = "domu" + domain.ToString(CultureInfo.InvariantCulture);
            switch (role)
            {
                case BootFileRole.Dom0Kernel: return new FitImageKind("dom0-kernel", "dom0 kernel", "kernel", "linux");
                case BootFileRole.Dom0Ramdisk: return new FitImageKind("dom0-ramdisk", "dom0 ramdisk", "ramdisk", "linux");
                case BootFileRole.DomUKernel: return new FitImageKind(d + "-kernel", "dom0less domain " + domain.ToString(CultureInfo.InvariantCulture) + " kernel", "kernel", "linux");
                case BootFileRole.DomURamdisk: return new FitImageKind(d + "-ramdisk", "dom0less domain " + domain.ToString(CultureInfo.InvariantCulture) + " ramdisk", "ramdisk", "linux");
                case BootFileRole.DomUDeviceTree: return new FitImageKind(d + "-fdt", "dom0less domain " + domain.ToString(CultureInfo.InvariantCulture) + " partial device tree", "flat_dt", null);
                case BootFileRole.HostDtb: return new FitImageKind("host-fdt", "host device tree", "flat_dt", null);
                case BootFileRole.HostDtbOverlay: return new FitImageKind(null, "host device tree overlay", "flat_dt", null);
                case BootFileRole.Bitstream: return new FitImageKind("fpga-bitstream", "FPGA bitstream", "fpga", null);
                default: return new FitImageKind(null, "boot file", "firmware", null);
            }
        }
    }

    /// <summary>Unique FIT node names: [A-Za-z0-9,._+-] only, a repeat gets -2, -3, ...</summary>
    internal sealed class FitImageNames
    {
        private readonly HashSet<string> _used = new HashSet<string>(System.StringComparer.Ordinal);

        public string Take(string wanted)
        {
            var sb = new StringBuilder();
            foreach (char c in wanted)
            {
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ',' || c == '.' || c == '_' || c == '+' || c == '-';
                sb.Append(ok ? c : '-');
            }

            string baseName = sb.Length == 0 ? "image" : sb.ToString();
            string name = baseName;
            for (int i = 2; !_used.Add(name); i++) name = baseName + "-" + i.ToString(CultureInfo.InvariantCulture);
            return name;
        }
    }
}
