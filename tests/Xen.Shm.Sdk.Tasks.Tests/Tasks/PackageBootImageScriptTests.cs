using System.Buffers.Binary;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Tasks;

/// <summary>A board with a device tree (testassets/mmio-sram) also gets boot.source, boot.scr and xen.uimg.</summary>
[TestClass]
public sealed class PackageBootImageScriptTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Xen.Shm.Sdk.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Xen.Shm.Sdk.sln not found");
    }

    internal static BoardFolder SampleBoard()
    {
        var board = new BoardFolder();
        string asset = Path.Combine(RepositoryRoot(), "testassets", "mmio-sram");
        File.Copy(Path.Combine(asset, "board.yaml"), board.YamlPath, overwrite: true);
        File.Copy(Path.Combine(asset, "board.dts"), Path.Combine(board.Root, "board.dts"), overwrite: true);
        foreach (var image in Directory.GetFiles(Path.Combine(asset, "images")))
            File.Copy(image, Path.Combine(board.Root, "images", Path.GetFileName(image)), overwrite: true);
        return board;
    }

    private static (bool Ok, FakeBuildEngine Engine) Run(BoardFolder board)
    {
        var pipeline = new BoardPipeline(board);
        return (pipeline.Run(), pipeline.Engine);
    }

    [TestMethod]
    public void BoardWithDeviceTree_GetsBootScriptAndXenUImage_InTheManifest()
    {
        using var board = SampleBoard();

        var (ok, engine) = Run(board);

        Assert.IsTrue(ok, string.Join("\n", engine.ErrorLines()));
        var manifest = ManifestJson.Read(Path.Combine(board.BootDirectory, "manifest.json")).ToDictionary(e => e.Path);
        // The bootm route loads xen.uimg and ships no raw xen (LAYOUT L1); boot.source is the text, boot.scr the loaded image.
        Assert.IsFalse(manifest.ContainsKey("xen"));
        Assert.IsFalse(File.Exists(Path.Combine(board.BootDirectory, "xen")));
        Assert.IsFalse(manifest.ContainsKey("host.dts"), "generated sources stay in obj/…/generated/");
        Assert.IsTrue(File.Exists(Path.Combine(board.GeneratedDirectory, "host.dts")));
        // LAYOUT L2: the default load command uses what distro boot / bootstd set.
        string source = File.ReadAllText(Path.Combine(board.BootDirectory, "boot.source"));
        StringAssert.StartsWith(source, "load ${devtype} ${devnum}:${distro_bootpart} 0x");
        Assert.IsNotNull(manifest["xen.uimg"].LoadAddress);
        Assert.IsNull(manifest["boot.source"].LoadAddress);
        Assert.IsNotNull(manifest["boot.scr"].LoadAddress);
        Assert.IsNotNull(manifest["host.dtb"].LoadAddress);

        // Legacy image header (U-Boot include/image.h): magic 0x27051956, ih_time at offset 8.
        byte[] scr = File.ReadAllBytes(Path.Combine(board.BootDirectory, "boot.scr"));
        Assert.AreEqual(0x27051956u, BinaryPrimitives.ReadUInt32BigEndian(scr));
        string? epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        uint expectedTime = string.IsNullOrEmpty(epoch) ? 0u : (uint)ulong.Parse(epoch, System.Globalization.CultureInfo.InvariantCulture);
        Assert.AreEqual(expectedTime, BinaryPrimitives.ReadUInt32BigEndian(scr.AsSpan(8)), "no clock in the header");
        // ih_load (offset 16) is boot.scr's own slot.
        Assert.AreEqual(manifest["boot.scr"].LoadAddress, "0x" + BinaryPrimitives.ReadUInt32BigEndian(scr.AsSpan(16)).ToString("x"));
    }

    [TestMethod]
    public void SecondRun_GivesTheSameBytes()
    {
        using var board = SampleBoard();
        Assert.IsTrue(Run(board).Ok);
        var before = Directory.GetFiles(board.BootDirectory, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);

        Assert.IsTrue(Run(board).Ok);

        var after = Directory.GetFiles(board.BootDirectory, "*", SearchOption.AllDirectories);
        CollectionAssert.AreEquivalent(before.Keys.ToArray(), after);
        foreach (var f in after) CollectionAssert.AreEqual(before[f], File.ReadAllBytes(f), f);
    }
}
