using System.Security.Cryptography;
using Xen.Shm.BootImage.Disk;
using Xen.Shm.BootImage.Manifest;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Disk;

/// <summary>
/// XenShmWriteDiskImage's work: the image beside the boot folder, named in manifest.json by its real size and
/// SHA-256; a bad extra size is XSHM8031 at the project and writes nothing. (The image's content is checked
/// against mtools and fsck.fat in DiskImageToolTests.)
/// </summary>
[TestClass]
public sealed class DiskImageStepTests
{
    private static DiskImageRequest Folder(TempFolder dir, string? extraSize)
    {
        string boot = dir.File("bin/boot");
        Directory.CreateDirectory(Path.Combine(boot, "etc", "xen"));
        File.WriteAllText(Path.Combine(boot, "boot.scr"), "script");
        File.WriteAllText(Path.Combine(boot, "etc", "xen", "vm.cfg"), "name = \"vm\"\n");
        var manifest = BootManifest.Create(new[]
        {
            ManifestEntry.FromFile(boot, "boot.scr", 0x40c00000),
            ManifestEntry.FromFile(boot, "etc/xen/vm.cfg", null),
        }, new DiagnosticBag())!;
        ManifestWriter.Write(boot, manifest);
        Directory.CreateDirectory(dir.File("obj"));
        return new DiskImageRequest
        {
            ProjectFile = dir.File("board.proj"), BootImageDirectory = boot, ImagePath = dir.File("bin/board.img"),
            IntermediateDirectory = dir.File("obj"), ImageName = "board", ExtraSize = extraSize, Time = 0,
        };
    }

    [TestMethod]
    public void TheImage_IsNamedInManifestJson_ByItsRealSizeAndHash()
    {
        using var dir = new TempFolder();
        var request = Folder(dir, "0");
        var bag = new DiagnosticBag();

        Assert.IsTrue(DiskImageStep.Run(request, bag));

        Assert.IsEmpty(bag);
        var manifest = ManifestReader.ReadFile(Path.Combine(request.BootImageDirectory, "manifest.json"), bag)!;
        var disk = manifest.DiskImage!;
        Assert.AreEqual("../board.img", disk.Path);
        byte[] image = File.ReadAllBytes(request.ImagePath);
        Assert.AreEqual(image.LongLength, disk.Size);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(image)), disk.Sha256);
        Assert.IsNull(ManifestReader.ReadFile(Path.Combine(request.IntermediateDirectory, "manifest.json"), bag)!.DiskImage,
            "the image's own manifest cannot name the image");
    }

    [TestMethod]
    public void ABadExtraSize_IsXSHM8031_AtTheProject_AndNothingIsWritten()
    {
        using var dir = new TempFolder();
        var request = Folder(dir, "64Q");
        string before = File.ReadAllText(Path.Combine(request.BootImageDirectory, "manifest.json"));
        var bag = new DiagnosticBag();

        Assert.IsFalse(DiskImageStep.Run(request, bag));

        var d = bag.Single();
        Assert.AreEqual("XSHM8031", d.Code);
        Assert.AreEqual(request.ProjectFile, d.Span.File);
        Assert.IsFalse(File.Exists(request.ImagePath));
        Assert.AreEqual(before, File.ReadAllText(Path.Combine(request.BootImageDirectory, "manifest.json")));
    }
}
