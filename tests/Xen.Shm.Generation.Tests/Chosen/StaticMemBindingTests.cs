using System.Globalization;
using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Chosen;

/// <summary>
/// Issue 19: testassets/static-mem's host DTB, compiled by real dtc and read back with real fdtget,
/// passes the checks Xen applies to <c>xen,static-mem</c> (docs/misc/arm/device-tree/booting.txt
/// "Static Allocation"; 4.17 bootfdt.c device_tree_get_meminfo, domain_build.c
/// acquire_static_memory_bank / assign_static_memory_11; 4.21 bootinfo.c boot_modules_overlap_check).
/// </summary>
[TestClass]
public sealed class StaticMemBindingTests
{
    [TestMethod]
    public void StaticMemBoard_HostDtbPassesXensStaticMemoryChecks()
    {
        string fdtget = RealTools.Require("fdtget");
        var result = Scenario.Load("static-mem").Generate();
        using var tmp = new TempFolder();
        byte[] dtb = RealTools.CompileDts(tmp.Path, "host.dts", result.HostDts!);
        string file = Path.Combine(tmp.Path, "host.dtb");
        File.WriteAllBytes(file, dtb);
        ulong[] Get(string node, string prop) => Cells(RealTools.Run(fdtget, "-t", "x", file, node, prop), node + " " + prop);

        // Cells of the parent (/chosen), both at least 1 (device_tree_get_meminfo).
        int ac = (int)Get("/chosen", "#address-cells").Single(), sc = (int)Get("/chosen", "#size-cells").Single();
        Assert.IsTrue(ac >= 1 && sc >= 1);
        var banks = Banks(Get("/chosen/domU1", "xen,static-mem"), ac, sc);
        Assert.IsNotEmpty(banks);

        // Page-aligned banks (ASSERT in acquire_static_memory_bank), summing to memory (KiB, 2 cells).
        foreach (var (b, s) in banks)
        {
            Assert.AreEqual(0UL, b % 0x1000, $"base 0x{b:x}");
            Assert.AreEqual(0UL, s % 0x1000, $"size 0x{s:x}");
            Assert.AreNotEqual(0UL, s);
        }
        var mem = Get("/chosen/domU1", "memory");
        ulong memoryBytes = ((mem[0] << 32) | mem[1]) * 1024;
        Assert.AreEqual(memoryBytes, banks.Aggregate(0UL, (t, x) => t + x.Size));

        // direct-map only with static memory (it is there), and each bank inside one /memory bank (mfn_valid).
        Assert.AreEqual(0, RealTools.Run(fdtget, file, "/chosen/domU1", "direct-map").Code);
        var ram = Banks(Get("/memory@0", "reg"), (int)Get("/", "#address-cells").Single(), (int)Get("/", "#size-cells").Single());
        foreach (var (b, s) in banks)
            Assert.IsTrue(ram.Any(r => b >= r.Base && b + s <= r.Base + r.Size), $"bank 0x{b:x} not in RAM");

        // No boot module inside static memory (4.21 boot_modules_overlap_check; 4.17 would overwrite it).
        foreach (string module in new[] { "/chosen/module@e00000", "/chosen/module@2e00000", "/chosen/domU1/module@14000000",
                     "/chosen/domU1/module@16000000", "/chosen/domU1/module@16200000" })
        {
            var (mb, ms) = Banks(Get(module, "reg"), 2, 2).Single();
            foreach (var (b, s) in banks)
                Assert.IsTrue(mb + ms <= b || mb >= b + s, $"{module} overlaps static memory 0x{b:x}");
        }
    }

    private static ulong[] Cells((int Code, string Stdout, string Stderr) run, string what)
    {
        Assert.AreEqual(0, run.Code, what + ": " + run.Stderr);
        return run.Stdout.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => ulong.Parse(w, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
    }

    private static List<(ulong Base, ulong Size)> Banks(ulong[] cells, int ac, int sc)
    {
        Assert.AreEqual(0, cells.Length % (ac + sc), "whole (address, size) pairs");
        ulong Read(int at, int n) => cells.Skip(at).Take(n).Aggregate(0UL, (v, c) => (v << 32) | c);
        var list = new List<(ulong, ulong)>();
        for (int i = 0; i < cells.Length; i += ac + sc) list.Add((Read(i, ac), Read(i + ac, sc)));
        return list;
    }
}
