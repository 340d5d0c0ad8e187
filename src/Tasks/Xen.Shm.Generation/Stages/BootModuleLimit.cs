using System.Collections.Generic;
using System.Linq;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// Xen on Arm keeps at most MAX_MODULES = 32 boot modules (4.17: xen/arch/arm/include/asm/setup.h; 4.21:
    /// xen/include/xen/bootinfo.h; the Xilinx 4.17 fork the same) and skips any beyond with only a log line
    /// ("Ignoring … boot module … (too many)", add_boot_module). Its device tree and Xen itself take two before
    /// /chosen is read, so /chosen may name 30; the domain whose module is skipped would boot without it.
    /// </summary>
    internal static class BootModuleLimit
    {
        public const int MaxModules = 32;
        public const int ForChosen = MaxModules - 2;

        /// <summary>XSHM6007 at the first module Xen would skip, in /chosen's order (dom0's, then each dom0less domU's).</summary>
        public static void Check(IEnumerable<BootFile> planned, DiagnosticBag diagnostics)
        {
            var modules = LoadAddressPlanner.Order(planned.Where(IsModule)).ToList();
            if (modules.Count <= ForChosen) return;
            var first = modules[ForChosen];
            diagnostics.Add(DiagnosticCodes.TooManyBootModules, first.Span,
                $"'{first.Name}' would be boot module {ForChosen + 3} of {modules.Count + 2}: Xen keeps {MaxModules} (MAX_MODULES), two of them itself " +
                $"and its device tree, and skips the rest with only \"Ignoring … boot module … (too many)\" in its log; this board's /chosen names {modules.Count} modules, at most {ForChosen} fit");
        }

        private static bool IsModule(BootFile f) =>
            f.Role == BootFileRole.Dom0Kernel || f.Role == BootFileRole.Dom0Ramdisk ||
            f.Role == BootFileRole.DomUKernel || f.Role == BootFileRole.DomURamdisk || f.Role == BootFileRole.DomUDeviceTree;
    }
}
