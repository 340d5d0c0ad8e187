namespace Xen.Shm.Devicetree.Tests;

/// <summary>
/// Every Sources/*.dts is compiled by the installed dtc 1.6.1 and by <see cref="Dtc"/> with the same
/// options; exit code, output bytes and stderr text must all be equal. Nothing expected is stored.
/// </summary>
[TestClass]
public sealed class DifferentialTests
{
    private static string SourcesDir => Path.Combine(AppContext.BaseDirectory, "Sources");

    public static IEnumerable<object[]> Cases() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Sources"), "*.dts")
            .Select(Path.GetFileName)
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new object[] { n! });

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void SameAsDtc(string caseName)
    {
        RealDtc.Require();
        string input = Path.Combine(SourcesDir, caseName);
        var args = DtcArgs.FromSource(input, SourcesDir);
        string work = Path.Combine(Path.GetTempPath(), "xshm-dt-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string outPath = Path.Combine(work, "out.dtb");
            var expected = RealDtc.Compile(input, outPath, args, work);
            var actual = Dtc.Compile(input, DtcArgs.ToOptions(args, outPath));

            Assert.AreEqual(expected.ExitCode, actual.ExitCode, "exit code; dtc said:\n" + expected.StandardError + "\nwe said:\n" + actual.StandardError);
            if (expected.Output == null)
                Assert.IsNull(actual.Output, "dtc wrote no output file");
            else
            {
                Assert.IsNotNull(actual.Output, "dtc wrote an output file, we did not");
                Assert.AreEqual(Hex(expected.Output), Hex(actual.Output), "output bytes differ");
            }
            Assert.AreEqual(expected.StandardError, actual.StandardError, "stderr differs");
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    internal static string Hex(byte[] b)
    {
        var sb = new System.Text.StringBuilder(b.Length * 3);
        for (int i = 0; i < b.Length; i++)
        {
            if (i % 16 == 0) sb.Append(i == 0 ? "" : "\n").Append(i.ToString("x4")).Append(':');
            sb.Append(' ').Append(b[i].ToString("x2"));
        }
        return sb.ToString();
    }
}
