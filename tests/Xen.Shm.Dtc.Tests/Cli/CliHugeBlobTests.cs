using System.Diagnostics;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Cli;

/// <summary>
/// -S/-p past .NET's largest array: dtc 1.6.1 writes the 2 GiB+ file (header totalsize wrapping as
/// its C int does), so xdtc must too, byte for byte, instead of "Out of memory.". Compared by
/// streaming dtc's stdout against xdtc's file, 1 MiB at a time (nothing is loaded whole).
/// </summary>
[TestClass]
public sealed class CliHugeBlobTests
{
    private const string Source = "/dts-v1/;\n/ { a = <1>; };\n";

    [TestMethod]
    [DataRow("-S 0x7fffffff")]          // 2147483647 bytes
    [DataRow("-p 0x7fffffff")]          // 2147483737 bytes: more than int, totalsize wraps
    public void HugePaddingMatchesDtcByteForByte(string padding)
    {
        string dtc = ExternalTool.RequireDtc();
        using var dir = new TempFolder();
        string input = dir.Write("t.dts", Source);
        string output = dir.File("out.dtb");
        string[] args = padding.Split(' ');

        var stderr = new StringWriter();
        int code = Dtc.Cli.Run(args.Concat(new[] { "-o", output, input }).ToArray(), Stream.Null, Stream.Null, stderr);
        Assert.AreEqual(0, code, stderr.ToString());

        var psi = new ProcessStartInfo(dtc) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args.Concat(new[] { "-o", "-", input })) psi.ArgumentList.Add(a);
        using var real = Process.Start(psi)!;
        long length;
        using (var ours = File.OpenRead(output))
            length = CompareStreams(real.StandardOutput.BaseStream, ours);
        real.WaitForExit();
        Assert.AreEqual(0, real.ExitCode, "dtc failed");
        Assert.IsTrue(length > int.MaxValue - 100, $"only {length} bytes: the padding was not applied");
    }

    /// <summary>Asserts both streams hold the same bytes; returns their length.</summary>
    private static long CompareStreams(Stream expected, Stream actual)
    {
        var a = new byte[1 << 20];
        var b = new byte[1 << 20];
        long offset = 0;
        while (true)
        {
            int n = Fill(expected, a);
            int m = Fill(actual, b);
            if (!a.AsSpan(0, n).SequenceEqual(b.AsSpan(0, m)))
                Assert.Fail($"outputs differ in the 1 MiB from offset {offset} (dtc gave {n} bytes there, xdtc {m})");
            offset += n;
            if (n < a.Length) return offset;
        }
    }

    private static int Fill(Stream s, byte[] buffer)
    {
        int total = 0, read;
        while (total < buffer.Length && (read = s.Read(buffer, total, buffer.Length - total)) > 0) total += read;
        return total;
    }
}
