using System.IO.Compression;
using System.Text;
using Xen.Shm.Boot.Tests.Prerequisites;

namespace Xen.Shm.Boot.Tests;

/// <summary>Our newc writer (used to add the xl config to dom0's initramfs) against GNU cpio reading it.</summary>
[TestClass]
public sealed class InitramfsTests
{
    [TestMethod]
    public void WriteGzip_GnuCpioExtractsTheSameFilesAndDirectories()
    {
        var cpio = ExternalTool.Find("cpio");
        if (cpio is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail("cpio not installed: apt-get install cpio");
            Assert.Inconclusive("cpio not installed: apt-get install cpio");
        }
        var dir = Path.Combine(Path.GetTempPath(), "xshm-cpio-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var cfg = Encoding.ASCII.GetBytes("name = \"guest1\"\n");
            var odd = new byte[] { 1, 2, 3 }; // a size that needs padding
            var archive = Initramfs.WriteGzip(new[] { ("etc/xen/guest1.cfg", cfg), ("a/b/c/odd.bin", odd) });
            using (var gz = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress))
            using (var raw = File.Create(Path.Combine(dir, "x.cpio"))) gz.CopyTo(raw);

            var listing = ExternalTool.Check(cpio, new[] { "-t", "--quiet", "-F", "x.cpio" }, dir);
            Directory.CreateDirectory(Path.Combine(dir, "out"));
            ExternalTool.Check(cpio, new[] { "-i", "-d", "--quiet", "-F", "../x.cpio" }, Path.Combine(dir, "out"));

            CollectionAssert.AreEqual(new[] { "a", "a/b", "a/b/c", "etc", "etc/xen", "etc/xen/guest1.cfg", "a/b/c/odd.bin" },
                listing.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            CollectionAssert.AreEqual(cfg, File.ReadAllBytes(Path.Combine(dir, "out", "etc", "xen", "guest1.cfg")));
            CollectionAssert.AreEqual(odd, File.ReadAllBytes(Path.Combine(dir, "out", "a", "b", "c", "odd.bin")));
            File.WriteAllBytes(Path.Combine(dir, "x.cpio.gz"), archive);
            Assert.AreEqual(0u, Initramfs.GzipMtime(Path.Combine(dir, "x.cpio.gz")), "no timestamp: same bytes every build");
        }
        finally { Directory.Delete(dir, true); }
    }
}
