using System.Text;
using System.Text.RegularExpressions;
using Xen.Shm.Boot.Tests.Prerequisites;
using Xen.Shm.Boot.Tests.Sdk;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Boot.Tests;

/// <summary>
/// testassets/qemu-xilinx-xl's dom0 initramfs (qemu-uio's + the fork's toolstack + dom0-init, concatenated) as
/// Linux unpacks it: later archives replace earlier files. The program interpreter every dynamically linked tool
/// runs under must be the same glibc build as the libc.so.6 it then loads: a 2.36-8 ld.so (the cross compiler's)
/// beside Debian's 2.36-9+deb12uN libc made the fork's `xl create` spin in xs_watch's pthread_create and
/// xenconsoled in fork() (seen 2026-12-04, README "Xilinx xl boards").
/// </summary>
[TestClass]
public sealed class XilinxXlInitramfsTests
{
    private const string Interpreter = "lib/ld-linux-aarch64.so.1";   // PT_INTERP of Debian's arm64 programs
    private const string LibcFirst = "lib/aarch64-linux-gnu/libc.so.6"; // first in ld.so's search (no ld.so.cache)

    [TestMethod]
    public void XilinxXlDom0Initramfs_InterpreterAndLibc_AreOneGlibcBuild()
    {
        var cache = PreparedCache.TryOpen(PreparedCache.DefaultDirectory(), out var problem);
        if (cache is null) { Prerequisite.Missing(problem); return; }
        var file = XilinxXlInitramfs.Require(cache);
        var files = new Dictionary<string, CpioEntry>(StringComparer.Ordinal);
        foreach (var e in Initramfs.Read(file, concatenated: true)) files[e.Name] = e;

        var loader = Resolve(files, Interpreter);
        Assert.IsTrue(files.ContainsKey(LibcFirst), $"{file}: no {LibcFirst}");
        var loaderBuild = GlibcBuild(loader.Data);
        Assert.IsNotNull(loaderBuild, $"{loader.Name}: no 'Debian GLIBC' version string");
        Assert.AreEqual(loaderBuild, GlibcBuild(files[LibcFirst].Data), $"{Interpreter} (-> {loader.Name}) and {LibcFirst} are different glibc builds");
    }

    /// <summary>The entry a path names after following symbolic links (a newc link's data is its target).</summary>
    private static CpioEntry Resolve(Dictionary<string, CpioEntry> files, string path)
    {
        for (var hops = 0; hops < 8; hops++)
        {
            Assert.IsTrue(files.TryGetValue(path, out var e), "initramfs has no " + path);
            if ((e.Mode & 0xF000) != 0xA000) return e;
            var target = Encoding.ASCII.GetString(e.Data);
            path = target.StartsWith('/') ? target.TrimStart('/') : Path.GetDirectoryName(path)!.Replace('\\', '/') + "/" + target;
        }
        throw new InvalidDataException("symbolic link loop at " + path);
    }

    /// <summary>"Debian GLIBC 2.36-9+deb12u14": in ld.so's and libc.so.6's version banners alike.</summary>
    private static string? GlibcBuild(byte[] elf)
    {
        var m = Regex.Match(Encoding.Latin1.GetString(elf), @"Debian GLIBC [^)\0]*");
        return m.Success ? m.Value : null;
    }
}
