using System;
using System.Collections.Generic;

namespace Xen.Shm.BootImage.Fit
{
    /// <summary>
    /// What goes in the FIT: the images in plan order (Xen first) and the one configuration
    /// U-Boot's bootm boots: Xen as kernel, the host DTB as fdt, every module as a loadable.
    /// </summary>
    public sealed class FitPlan
    {
        /// <summary>The configuration's node name; the boot script says <c>bootm &lt;addr&gt;#config-1</c>.</summary>
        public const string ConfigurationName = "config-1";

        public FitPlan(IReadOnlyList<FitImageEntry> images, string kernel, string fdt, IReadOnlyList<string> loadables)
        {
            Images = images ?? throw new ArgumentNullException(nameof(images));
            Kernel = kernel ?? throw new ArgumentNullException(nameof(kernel));
            Fdt = fdt ?? throw new ArgumentNullException(nameof(fdt));
            Loadables = loadables ?? throw new ArgumentNullException(nameof(loadables));
        }

        public IReadOnlyList<FitImageEntry> Images { get; }
        public string Kernel { get; }
        public string Fdt { get; }
        public IReadOnlyList<string> Loadables { get; }

        /// <summary>Shown by <c>mkimage -l</c> as the FIT and configuration description.</summary>
        public string Description { get; init; } = "Xen dom0less boot";
    }
}
