using System.Text;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.TestSupport;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// dom0's composed root file system against the real tools: the first archive is made by GNU cpio and gzip as
/// prepare.sh makes it, the appended one must be read back by GNU cpio with the same bytes and modes, and start
/// where Linux looks for it (buffer-format.rst: zero padding, then a 4-byte aligned "070701").
/// </summary>
[TestClass]
public sealed class UioRootFileSystemTests
{
    private static readonly byte[] Cfg = Encoding.ASCII.GetBytes("name = \"guest1\"\niomem = [ \"0xbffff,1@0x34000\" ]\n");
    private static readonly byte[] Script = Encoding.ASCII.GetBytes("#!/bin/sh\nset -e\nxl create /etc/xen/guest1.cfg\n");
    private static readonly byte[] Kernel = Enumerable.Range(0, 4099).Select(i => (byte)(i * 7)).ToArray(); // size needing padding

    private static SortedDictionary<string, byte[]> XlFiles() => new(StringComparer.Ordinal)
    {
        ["etc/xen/guest1.cfg"] = Cfg,
        ["etc/xen/create-domains.sh"] = Script,
        ["etc/xen/guest1/Image"] = Kernel,
    };

    [TestMethod]
    public void Compose_PreparedArchiveFirst_ThenZeroPaddingTo4_ThenGnuCpioReadsTheSameFilesAndModes()
    {
        var cpio = Prerequisite.RequireTool("cpio", "apt-get install cpio");
        var gzip = Prerequisite.RequireTool("gzip", "apt-get install gzip");
        var dir = Path.Combine(Path.GetTempPath(), "xshm-uio-rootfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "root"));
        try
        {
            // The prepared initramfs, made the way prepare.sh makes it (newc, --reproducible, gzip -n).
            File.WriteAllText(Path.Combine(dir, "root", "init"), "#!/bin/sh\necho hello\n");
            ExternalTool.Check("/bin/sh", new[] { "-c", $"cd root && echo init | {cpio} -o -H newc -R 0:0 --reproducible --quiet | {gzip} -6 -n > ../prepared.gz" }, dir);
            var prepared = File.ReadAllBytes(Path.Combine(dir, "prepared.gz"));

            var image = UioRootFileSystem.Compose(prepared, XlFiles());

            CollectionAssert.AreEqual(prepared, image.Take(prepared.Length).ToArray(), "the prepared archive comes first, unchanged");
            var start = (prepared.Length + 3) & ~3;
            Assert.IsTrue(image.Skip(prepared.Length).Take(start - prepared.Length).All(b => b == 0), "only zero bytes between the archives");
            Assert.AreEqual("070701", Encoding.ASCII.GetString(image, start, 6), "the appended archive starts 4-byte aligned");
            CollectionAssert.AreEqual(image, UioRootFileSystem.Compose(prepared, XlFiles()), "same inputs, same bytes");

            File.WriteAllBytes(Path.Combine(dir, "xl.cpio"), image.Skip(start).ToArray());
            var listing = ExternalTool.Check(cpio, new[] { "-tv", "--quiet", "-F", "xl.cpio" }, dir);
            var modes = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last(), l => l.Substring(0, 10), StringComparer.Ordinal);
            Assert.AreEqual("drwxr-xr-x", modes["etc/xen"], listing);
            Assert.AreEqual("drwxr-xr-x", modes["etc/xen/guest1"], listing);
            Assert.AreEqual("-rw-r--r--", modes["etc/xen/guest1.cfg"], listing);
            Assert.AreEqual("-rwxr-xr-x", modes["etc/xen/create-domains.sh"], listing);
            Assert.AreEqual("-rw-r--r--", modes["etc/xen/guest1/Image"], listing);

            Directory.CreateDirectory(Path.Combine(dir, "out"));
            ExternalTool.Check(cpio, new[] { "-id", "--quiet", "-F", Path.Combine(dir, "xl.cpio") }, Path.Combine(dir, "out"));
            foreach (var (name, data) in XlFiles())
                CollectionAssert.AreEqual(data, File.ReadAllBytes(Path.Combine(dir, "out", name)), name);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void XlFiles_TakesEveryFileUnderEtcXenOfTheBootFolder_AndNothingElse()
    {
        var boot = Path.Combine(Path.GetTempPath(), "xshm-uio-boot-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var (name, data) in XlFiles().Append(new("host.dtb", new byte[] { 0xd0 })).Append(new("dom0/Image", Kernel)))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(boot, name))!);
                File.WriteAllBytes(Path.Combine(boot, name), data);
            }
            var files = UioRootFileSystem.XlFiles(boot);
            CollectionAssert.AreEqual(new[] { "etc/xen/create-domains.sh", "etc/xen/guest1.cfg", "etc/xen/guest1/Image" }, files.Keys.ToList());
            CollectionAssert.AreEqual(Cfg, files["etc/xen/guest1.cfg"]);
        }
        finally
        {
            Directory.Delete(boot, recursive: true);
        }
    }
}
