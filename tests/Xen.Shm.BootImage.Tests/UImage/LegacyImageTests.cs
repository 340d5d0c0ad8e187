using System.Text;
using Xen.Shm.BootImage.UImage;
using Xen.Shm.Diagnostics;

namespace Xen.Shm.BootImage.Tests.UImage;

[TestClass]
public sealed class LegacyImageTests
{
    [TestMethod]
    public void Crc32_CheckValue()
    {
        // The standard CRC-32 check value (zlib/IEEE): crc32("123456789") = 0xCBF43926.
        Assert.AreEqual(0xCBF43926u, Crc32.Compute("123456789"u8.ToArray()));
        Assert.AreEqual(0u, Crc32.Compute(Array.Empty<byte>()));
    }

    public static IEnumerable<object[]> ScriptCases()
    {
        yield return new object[] { "echo hi\nbooti 0x1 - 0x2\n", 0xc00000UL, "0", "" };
        yield return new object[] { "odd length\n", 0x40200000UL, "1700000000", "boot script" };
        yield return new object[] { "utf-8 é ✓\nsetenv a b\n", 0UL, "4294967301", "é✓" };
        yield return new object[] { string.Concat(Enumerable.Repeat("load mmc 0:1 0x40400000 Image\n", 2000)), 0xffffffffUL, "12345", "01234567890123456789012345678901" };
        yield return new object[] { "x", 0xc00000UL, "0", "0123456789012345678901234567890123456789" };
    }

    [TestMethod]
    [DynamicData(nameof(ScriptCases))]
    public void ScriptImage_IsByteIdenticalToMkimage(string script, ulong address, string epoch, string name)
    {
        using var dir = new TempFolder();
        byte[] source = Encoding.UTF8.GetBytes(script);
        File.WriteAllBytes(dir.File("boot.source"), source);
        var args = new List<string> { "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none", "-a", "0x" + address.ToString("x"), "-e", "0x" + address.ToString("x") };
        if (name.Length > 0) args.AddRange(new[] { "-n", name });
        args.AddRange(new[] { "-d", dir.File("boot.source") });
        byte[] expected = UBootTools.MkImage(dir, epoch, args.ToArray());

        var bag = new DiagnosticBag();
        byte[]? ours = LegacyImage.Script(source, address, LegacyImage.TimeFromSourceDateEpoch(epoch), bag, name);
        Assert.IsEmpty(bag);
        CollectionAssert.AreEqual(expected, ours);
    }

    [TestMethod]
    public void KernelImage_XenUimg_IsByteIdenticalToMkimage()
    {
        // qemu-boot README §7: mkimage -A arm64 -O linux -T kernel -C none -a 0x40400000 -e 0x40400000 -n xen -d xen xen.uimg
        using var dir = new TempFolder();
        var xen = new byte[123457];
        new Random(7).NextBytes(xen);
        File.WriteAllBytes(dir.File("xen"), xen);
        byte[] expected = UBootTools.MkImage(dir, "0",
            "-A", "arm64", "-O", "linux", "-T", "kernel", "-C", "none", "-a", "0x40400000", "-e", "0x40400000", "-n", "xen", "-d", dir.File("xen"));
        var bag = new DiagnosticBag();
        CollectionAssert.AreEqual(expected, LegacyImage.Kernel(xen, 0x40400000, 0x40400000, 0, bag, "xen"));
    }

    [TestMethod]
    public void MkimageList_ShowsOurScriptAsValid()
    {
        using var dir = new TempFolder();
        byte[] script = "setenv fdt_high 0xffffffffffffffff\nbooti 0x40400000 - 0x48000000\n"u8.ToArray();
        File.WriteAllBytes(dir.File("boot.scr"), LegacyImage.Script(script, 0xc00000, 0, new DiagnosticBag())!);
        var (code, stdout, stderr) = UBootTools.Run("mkimage", new[] { "-l", dir.File("boot.scr") });
        Assert.AreEqual(0, code, stderr);
        StringAssert.Contains(stdout, "Image Type:   AArch64 Linux Script (uncompressed)");
        StringAssert.Contains(stdout, "Load Address: 00c00000");
        StringAssert.Contains(stdout, $"Image 0: {script.Length} Bytes");
        StringAssert.Contains(stdout, "Created:      Thu Jan  1 00:00:00 1970");
    }

    [TestMethod]
    public void Dumpimage_ExtractsOurScript()
    {
        // dumpimage 2023.01 "-T script -p 0" writes the whole data part: the multi-file table
        // (BE size, 0) then the script. So: table + our exact script bytes.
        using var dir = new TempFolder();
        byte[] script = "echo one\necho two\n"u8.ToArray();
        File.WriteAllBytes(dir.File("boot.scr"), LegacyImage.Script(script, 0xc00000, 0, new DiagnosticBag())!);
        var (code, stdout, stderr) = UBootTools.Run("dumpimage", new[] { "-T", "script", "-p", "0", "-o", dir.File("out"), dir.File("boot.scr") });
        Assert.AreEqual(0, code, stdout + stderr);
        byte[] extracted = File.ReadAllBytes(dir.File("out"));
        CollectionAssert.AreEqual(new byte[] { 0, 0, 0, (byte)script.Length, 0, 0, 0, 0 }, extracted.Take(8).ToArray());
        CollectionAssert.AreEqual(script, extracted.Skip(8).ToArray());
    }

    [TestMethod]
    public void AddressAbove4GiB_IsXshm5020()
    {
        var bag = new DiagnosticBag();
        Assert.IsNull(LegacyImage.Kernel(new byte[1], 0x100000000, 0x100000000, 0, bag));
        Assert.AreEqual("XSHM5020", bag.Single().Code);
    }

    [TestMethod]
    [DataRow(null, 0u)]
    [DataRow("", 0u)]
    [DataRow("1700000000", 1700000000u)]
    [DataRow("4294967296", 0u)]
    [DataRow("4294967301", 5u)]
    [DataRow("abc", 0u)]
    public void TimeFromSourceDateEpoch_MatchesMkimage(string? value, uint expected)
    {
        Assert.AreEqual(expected, LegacyImage.TimeFromSourceDateEpoch(value));
        if (value is null || value.Length == 0) return;
        // mkimage stamps the same header time for the same SOURCE_DATE_EPOCH.
        using var dir = new TempFolder();
        File.WriteAllBytes(dir.File("s"), "x"u8.ToArray());
        byte[] img = UBootTools.MkImage(dir, value, "-A", "arm64", "-O", "linux", "-T", "script", "-C", "none", "-a", "0", "-e", "0", "-d", dir.File("s"));
        uint time = (uint)(img[8] << 24 | img[9] << 16 | img[10] << 8 | img[11]);
        Assert.AreEqual(expected, time);
    }
}
