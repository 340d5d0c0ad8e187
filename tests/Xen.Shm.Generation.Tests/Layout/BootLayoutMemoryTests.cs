using Xen.Shm.Generation.Layout;
using Xen.Shm.Topology;
using Xen.Shm.Generation.Tests.Infrastructure;

namespace Xen.Shm.Generation.Tests.Layout;

/// <summary>
/// What the FIT step reads from the boot layout (BootLayoutMemory): each loaded file's role, the end of
/// everything planned (Xen's run area included) and the memory map, surviving Write/Parse; and
/// LoadAddressPlanner.PlaceAfter placing by the planner's own rules.
/// </summary>
[TestClass]
public sealed class BootLayoutMemoryTests
{
    [TestMethod]
    public void Layout_RolesLoadEndAndMemory_RoundTrip()
    {
        using var b = new TempBoard(TempBoard.Yaml());
        var s = b.Load();
        var input = s.Input();
        var r = BoardGenerator.Generate(new GenerationInput(input.Board)
        {
            HostSource = input.HostSource, HostBlob = input.HostBlob, HostSourceName = input.HostSourceName,
            IncludeDirs = input.IncludeDirs, UserTrees = input.UserTrees, Files = input.Files, Boot = new BootLayoutOptions { XenAsUImage = true },
        });
        Assert.IsFalse(r.HasErrors, string.Join("\n", r.Diagnostics));
        var layout = BootLayout.Parse(r.BootLayout!.Write())!;

        CollectionAssert.AreEqual(r.LoadPlan!.Files.Where(f => f.File.Role != BootFileRole.XenRunArea).Select(f => (f.File.Name, f.File.Role)).ToList(),
            layout.Roles.Select(x => (x.Path, x.Role)).ToList());
        var run = r.LoadPlan.Find(BootFileRole.XenRunArea)!;
        Assert.IsGreaterThanOrEqualTo(run.Address + run.File.MemorySize, layout.LoadEnd!.Value);
        Assert.AreEqual(r.LoadPlan.Files.Max(f => f.Address + f.File.MemorySize), layout.LoadEnd);
        Assert.IsNotNull(layout.Memory);
        Assert.IsNotEmpty(layout.Memory.RamBanks);
        Assert.AreEqual(r.BootLayout.Write(), layout.Write(), "Write(Parse(x)) == x");
    }

    [TestMethod]
    public void PlaceAfter_SkipsReservedRangesAndStopsAtMemoryEnd()
    {
        var memory = new LoadLayout(new[] { new AddressRange(0x40000000, 0x10000000) })
        {
            MemoryEnd = 0x48000000,
            Reserved = new[] { new AddressRange(0x41000000, 0x1000) },
        };
        Assert.AreEqual(0x40e00000UL, LoadAddressPlanner.PlaceAfter(memory, 0x40c00001, 0x200000), "next 2 MiB step");
        Assert.AreEqual(0x41200000UL, LoadAddressPlanner.PlaceAfter(memory, 0x40e00000, 0x300000), "over the reserved page: after it");
        Assert.IsNull(LoadAddressPlanner.PlaceAfter(memory, 0x47e00000, 0x200001), "past MEMORY_END");
    }
}
