using System.Text;
using Xen.Shm.Boot.Tests.Prerequisites;

namespace Xen.Shm.Boot.Tests.Qemu;

/// <summary>
/// U-Boot's saved environment on QEMU virt's second flash bank, with only <c>bootdelay=0</c> changed.
/// qemu_arm64_defconfig keeps the environment in flash (CONFIG_ENV_IS_IN_FLASH, 256 KiB at the start of the
/// second bank); with an empty bank U-Boot says "bad CRC, using default environment" and counts down 2 s before
/// distro boot on every boot. The saved environment is the binary's own default one (read out of u-boot.bin),
/// so bootcmd, distro_bootcmd and the load addresses stay what a board with that U-Boot runs; mkenvimage
/// (u-boot-tools) writes the CRC-prefixed image as `saveenv` would.
/// </summary>
public static class UBootEnvironment
{
    /// <summary>CONFIG_ENV_SIZE of qemu_arm64_defconfig.</summary>
    public const int Size = 0x40000;

    /// <summary>What U-Boot prints when it took the saved environment (the boot tests check it).</summary>
    public const string LoadedLine = "Loading Environment from Flash... OK";

    /// <summary>QEMU virt's flash banks are 64 MiB each; a pflash drive must be exactly that size.</summary>
    private const long FlashBankSize = 64L * 1024 * 1024;

    private const string FirstVariable = "bootcmd=";

    /// <summary>Writes the 64 MiB flash bank image (environment first) and returns its path.</summary>
    public static string Write(string uboot, string imagePath)
    {
        var variables = DefaultEnvironment(File.ReadAllBytes(uboot))
            .Select(v => v.StartsWith("bootdelay=", StringComparison.Ordinal) ? "bootdelay=0" : v);
        var text = imagePath + ".txt";
        File.WriteAllText(text, string.Join("\n", variables) + "\n", Encoding.Latin1);
        var mkenvimage = ExternalTool.Find("mkenvimage") ?? throw new InvalidOperationException("mkenvimage not installed: apt-get install u-boot-tools");
        ExternalTool.Check(mkenvimage, new[] { "-s", "0x" + Size.ToString("x", System.Globalization.CultureInfo.InvariantCulture), "-o", imagePath, text });
        using (var f = new FileStream(imagePath, FileMode.Open, FileAccess.Write)) f.SetLength(FlashBankSize);
        return imagePath;
    }

    /// <summary>
    /// The default environment compiled into u-boot.bin: NUL-separated "name=value" strings from "bootcmd="
    /// (the first variable of U-Boot's default_environment) to the double NUL that ends it.
    /// </summary>
    public static IReadOnlyList<string> DefaultEnvironment(byte[] uboot)
    {
        var start = uboot.AsSpan().IndexOf(Encoding.ASCII.GetBytes(FirstVariable + "run distro_bootcmd\0"));
        if (start < 0) throw new InvalidDataException("u-boot.bin has no default environment starting with 'bootcmd=run distro_bootcmd'");
        var length = uboot.AsSpan(start).IndexOf(new byte[] { 0, 0 });
        if (length < 0) throw new InvalidDataException("u-boot.bin's default environment has no end");
        var variables = Encoding.Latin1.GetString(uboot, start, length).Split('\0');
        if (!variables.Any(v => v.StartsWith("bootdelay=", StringComparison.Ordinal)))
            throw new InvalidDataException("u-boot.bin's default environment sets no bootdelay");
        return variables;
    }
}
