using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xen.Shm.Diagnostics;
using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;

namespace Xen.Shm.Generation.Stages
{
    /// <summary>
    /// What Xen on Arm keeps of the /chosen boot modules (add_boot_module, add_boot_cmdline: 4.17 xen/arch/arm/setup.c,
    /// 4.21 xen/common/device-tree/bootinfo.c, the Xilinx 4.17 fork as 4.17). At most MAX_MODULES = 32 modules; its
    /// device tree and Xen itself take two before /chosen is read, so /chosen may name 30, and any beyond are skipped
    /// with only "Ignoring … boot module … (too many)" in the log: the domain would boot without them (XSHM6007).
    /// A module's command line goes into BOOTMOD_MAX_CMDLINE = 1024 bytes: more than 1024 characters is a panic
    /// ("module … command line too long"), exactly 1024 loses its last one; only dom0less domUs' kernels carry one
    /// (dom0's is /chosen/xen,dom0-bootargs, copied whole) (XSHM6008).
    /// </summary>
    internal static class BootModuleLimits
    {
        public const int MaxModules = 32;
        public const int ForChosen = MaxModules - 2;
        public const int MaxCommandLine = 1024;

        public static void Check(Board board, IEnumerable<BootFile> planned, DiagnosticBag diagnostics)
        {
            ModuleCount(planned, diagnostics);
            foreach (var d in board.Domains)
                if (d.Kind.Value == DomainKind.Dom0less && d.Bootargs is { } args) CommandLine(d, args, diagnostics);
        }

        /// <summary>XSHM6007 at the first module Xen would skip, in /chosen's order (dom0's, then each dom0less domU's).</summary>
        private static void ModuleCount(IEnumerable<BootFile> planned, DiagnosticBag diagnostics)
        {
            var modules = LoadAddressPlanner.Order(planned.Where(IsModule)).ToList();
            if (modules.Count <= ForChosen) return;
            var first = modules[ForChosen];
            diagnostics.Add(DiagnosticCodes.TooManyBootModules, first.Span,
                $"'{first.Name}' would be boot module {ForChosen + 3} of {modules.Count + 2}: Xen keeps {MaxModules} (MAX_MODULES), two of them itself " +
                $"and its device tree, and skips the rest with only \"Ignoring … boot module … (too many)\" in its log; this board's /chosen names {modules.Count} modules, at most {ForChosen} fit");
        }

        private static void CommandLine(Domain d, Spanned<string> args, DiagnosticBag diagnostics)
        {
            int bytes = Encoding.UTF8.GetByteCount(args.Value);
            if (bytes < MaxCommandLine) return;
            diagnostics.Add(DiagnosticCodes.BootModuleCommandLineTooLong, args.Span,
                $"'{d.Name.Value}' bootargs are {bytes} bytes: Xen keeps a module's command line in {MaxCommandLine} bytes (BOOTMOD_MAX_CMDLINE) with its NUL, " +
                $"so at most {MaxCommandLine - 1} fit; longer panics at boot (\"module {d.Name.Value} command line too long\"), exactly {MaxCommandLine} loses the last character");
        }

        private static bool IsModule(BootFile f) =>
            f.Role == BootFileRole.Dom0Kernel || f.Role == BootFileRole.Dom0Ramdisk ||
            f.Role == BootFileRole.DomUKernel || f.Role == BootFileRole.DomURamdisk || f.Role == BootFileRole.DomUDeviceTree;
    }
}
