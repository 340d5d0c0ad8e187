using System.Text.Json;
using Xen.Shm.BootImage.Manifest;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.Manifest;

/// <summary>manifest.json's optional "diskImage" member (XenShmDiskImage): written last, read back, checked.</summary>
[TestClass]
public sealed class ManifestDiskImageTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static BootManifest Two() => BootManifest.Create(new[]
    {
        new ManifestEntry("boot.scr", 10, 0x40000000, Sha), new ManifestEntry("host.dtb", 20, null, Sha),
    }, new DiagnosticBag())!;

    [TestMethod]
    public void DiskImage_IsTheLastMember_ValidJson_AndReadsBack()
    {
        var manifest = Two().WithDiskImage(new ManifestEntry("../board.img", 34603008, null, Sha));
        string text = ManifestWriter.Format(manifest);

        StringAssert.EndsWith(text, "  ],\n  \"diskImage\": { \"path\": \"../board.img\", \"size\": 34603008, \"sha256\": \"" + Sha + "\" }\n}\n");
        using var json = JsonDocument.Parse(text);   // System.Text.Json: an independent parser
        Assert.AreEqual(34603008, json.RootElement.GetProperty("diskImage").GetProperty("size").GetInt64());
        var diagnostics = new DiagnosticBag();
        var back = ManifestReader.Parse(text, "manifest.json", diagnostics);
        Assert.IsNotNull(back, string.Join("\n", diagnostics));
        Assert.AreEqual(manifest.DiskImage, back.DiskImage);
        CollectionAssert.AreEqual(manifest.Files.ToList(), back.Files.ToList());
        // Without it the text is exactly the version-1 format as before.
        Assert.AreEqual(ManifestWriter.Format(Two()), ManifestWriter.Format(back.WithDiskImage(null)));
    }

    [TestMethod]
    [DataRow("{ \"path\": \"x.img\", \"size\": 1 }")]
    [DataRow("{ \"path\": \"x.img\", \"size\": \"1\", \"sha256\": \"" + Sha + "\" }")]
    [DataRow("{ \"path\": \"x.img\", \"size\": 1, \"sha256\": \"" + Sha + "\", \"loadAddress\": null }")]
    [DataRow("[]")]
    public void MalformedDiskImage_IsXshm5003(string member)
    {
        string text = "{ \"version\": 1, \"files\": [], \"diskImage\": " + member + " }";
        var diagnostics = new DiagnosticBag();
        Assert.IsNull(ManifestReader.Parse(text, "manifest.json", diagnostics));
        Assert.AreEqual("XSHM5003", diagnostics.Single().Code);
    }
}
