using Xen.Shm.Boot.Tests.BootFolders;

namespace Xen.Shm.Boot.Tests;

[TestClass]
public sealed class BootManifestTests
{
    // The format of _notes/MANIFEST.md; the digests are FIPS 180-2's test vectors (SHA-256 of "abc" and of "").
    [TestMethod]
    public void Write_FixedFormat_SortedOrdinal_AndReadBack()
    {
        var dir = Path.Combine(Path.GetTempPath(), "xshm-manifest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "etc"));
        try
        {
            File.WriteAllText(Path.Combine(dir, "boot.scr"), "abc");
            File.WriteAllText(Path.Combine(dir, "etc", "empty.cfg"), "");
            File.WriteAllText(Path.Combine(dir, "Zed"), "abc");

            BootManifest.Write(dir, new (string, ulong?)[] { ("etc/empty.cfg", null), ("boot.scr", 0xC0_0000), ("Zed", 0x4040_0000) });

            Assert.AreEqual(
                "{\n  \"version\": 1,\n  \"files\": [\n" +
                "    { \"path\": \"Zed\", \"size\": 3, \"loadAddress\": \"0x40400000\", \"sha256\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\" },\n" +
                "    { \"path\": \"boot.scr\", \"size\": 3, \"loadAddress\": \"0xc00000\", \"sha256\": \"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\" },\n" +
                "    { \"path\": \"etc/empty.cfg\", \"size\": 0, \"loadAddress\": null, \"sha256\": \"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\" }\n" +
                "  ]\n}\n",
                File.ReadAllText(Path.Combine(dir, BootManifest.FileName)));
            var m = BootManifest.Read(dir);
            Assert.AreEqual(new ManifestFile("boot.scr", 3, 0xC0_0000, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), m.Files[1]);
            Assert.IsNull(m.Files[2].LoadAddress);
            Assert.IsEmpty(m.Verify(dir));

            File.WriteAllText(Path.Combine(dir, "Zed"), "abd");
            File.Delete(Path.Combine(dir, "boot.scr"));
            CollectionAssert.AreEqual(new[] { "Zed: sha256 differs from manifest.json", "boot.scr: listed in manifest.json but missing" }, m.Verify(dir).ToArray());
        }
        finally { Directory.Delete(dir, true); }
    }
}
