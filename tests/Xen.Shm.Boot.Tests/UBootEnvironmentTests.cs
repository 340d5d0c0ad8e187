using System.Text;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Qemu;

namespace Xen.Shm.Boot.Tests;

// The image's CRC is judged by U-Boot itself on every U-Boot boot (RealBoot fails a boot that lacks
// "Loading Environment from Flash... OK"); these check what goes into it.
[TestClass]
public sealed class UBootEnvironmentTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void DefaultEnvironment_IsDebiansDistroBootEnvironment()
    {
        var tools = BootPrerequisites.Require();

        var variables = UBootEnvironment.DefaultEnvironment(File.ReadAllBytes(tools.UBoot));

        CollectionAssert.Contains(variables.ToList(), "bootcmd=run distro_bootcmd");
        CollectionAssert.Contains(variables.ToList(), "bootdelay=2");
        Assert.IsTrue(variables.Any(v => v.StartsWith("boot_targets=", StringComparison.Ordinal) && v.Contains("virtio0", StringComparison.Ordinal)));
        Assert.IsTrue(variables.All(v => v.Contains('=', StringComparison.Ordinal)), string.Join("\n", variables));
    }

    [TestMethod]
    public void Write_ChangesOnlyBootdelayAndFillsOneFlashBank()
    {
        var tools = BootPrerequisites.Require();
        var dir = Directory.CreateTempSubdirectory("xshm-uboot-env-");
        try
        {
            var image = UBootEnvironment.Write(tools.UBoot, Path.Combine(dir.FullName, "env.bin"));

            var bytes = File.ReadAllBytes(image);
            Assert.AreEqual(64L * 1024 * 1024, bytes.LongLength);
            var end = bytes.AsSpan(4).IndexOf(new byte[] { 0, 0 });
            var saved = Encoding.Latin1.GetString(bytes, 4, end).Split('\0');
            var expected = UBootEnvironment.DefaultEnvironment(File.ReadAllBytes(tools.UBoot))
                .Select(v => v == "bootdelay=2" ? "bootdelay=0" : v).OrderBy(v => v, StringComparer.Ordinal);
            CollectionAssert.AreEqual(expected.ToList(), saved.OrderBy(v => v, StringComparer.Ordinal).ToList());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
