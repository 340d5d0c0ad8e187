using Xen.Shm.Boot.Tests.Prerequisites;

namespace Xen.Shm.Boot.Tests;

/// <summary>The initramfs prepare.sh built: reproducible, and carrying the committed test program.</summary>
[TestClass]
public sealed class PreparedCacheTests
{
    [TestMethod]
    public void Initramfs_IsReproducible_AndCarriesTheCommittedInit()
    {
        var cache = BootPrerequisites.Require().Cache;

        var entries = Initramfs.Read(cache.Initramfs);

        Assert.AreEqual(0u, Initramfs.GzipMtime(cache.Initramfs), "gzip -n: no timestamp in the gzip header");
        CollectionAssert.AreEqual(entries.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray(), entries.Select(e => e.Name).ToArray(), "sorted names");
        foreach (var e in entries)
        {
            Assert.AreEqual(0u, e.Mtime, e.Name);
            Assert.AreEqual(0u, e.Uid, e.Name);
            Assert.AreEqual(0u, e.Gid, e.Name);
        }
        var init = entries.Single(e => e.Name == "init");
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestAssets", "init")), init.Data);
        Assert.AreEqual(0x81EDu, init.Mode, "regular file, 0755");
        Assert.AreEqual("busybox", System.Text.Encoding.ASCII.GetString(entries.Single(e => e.Name == "bin/devmem").Data), "applet symlink");
        Assert.AreEqual((long)cache.RecordedSize("initramfs.cpio.gz"), new FileInfo(cache.Initramfs).Length);
    }
}
