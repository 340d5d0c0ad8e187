namespace Xen.Shm.Devicetree.Tests;

/// <summary>
/// Issue 17: /incbin/ with an offset and length reads only that slice (dtc seeks, then freads the
/// length), so a slice of a file larger than memory builds the same bytes as dtc; what is no
/// regular file, or a slice over the size limit, is a coded error at the /incbin/, never a hang.
/// </summary>
[TestClass]
public sealed class IncbinSliceTests
{
    private static string NewFolder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "xen-shm-incbin", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [TestMethod]
    public void SliceOfA5GiBFile_IsDtcsBytes()
    {
        string dir = NewFolder();
        try
        {
            string big = Path.Combine(dir, "big.bin");
            using (var f = File.Create(big))
            {
                f.SetLength(5L << 30); // sparse
                f.Seek((4L << 30) + 2, SeekOrigin.Begin);
                f.Write([0xde, 0xad, 0xbe, 0xef]);
            }
            string dts = "/dts-v1/;\n/ {\n\tblob = /incbin/(\"big.bin\", 0x100000000, 8);\n\ttail = /incbin/(\"big.bin\", 0x13ffffffc, 16);\n};\n";
            File.WriteAllText(Path.Combine(dir, "in.dts"), dts);

            var ours = Dtc.Compile(Path.Combine(dir, "in.dts"), new DtcOptions());
            var theirs = RealDtc.Compile("in.dts", Path.Combine(dir, "out.dtb"), [], dir);

            Assert.AreEqual(0, theirs.ExitCode, theirs.StandardError);
            Assert.IsTrue(ours.Succeeded, DtcMessage.Render(ours.Messages));
            CollectionAssert.AreEqual(theirs.Output, ours.Output);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [TestMethod]
    [DataRow("\"/dev/zero\", 0, 16", "XSHM3006")]
    [DataRow("\"/dev/null\"", "XSHM3006")]
    [DataRow("\"huge.bin\"", "XSHM3007")]
    [DataRow("\"huge.bin\", 8, 0x40000001", "XSHM3007")]
    public void DeviceOrOversizedIncbin_IsCodedAtTheIncbin(string arguments, string code)
    {
        string dir = NewFolder();
        try
        {
            using (var f = File.Create(Path.Combine(dir, "huge.bin"))) f.SetLength(3L << 30);
            string source = "/dts-v1/;\n/ {\n\tblob = /incbin/(" + arguments + ");\n};\n";
            var result = Dtc.Compile(source, Path.Combine(dir, "in.dts"), new DtcOptions());

            Assert.IsFalse(result.Succeeded);
            var coded = result.Messages.Select(m => m.ToDiagnostic()).Single(d => d.Code == code);
            // The string after "/incbin/(" on line 3: column 18 (dtc counts a tab as one column).
            Assert.AreEqual((3, 18), (coded.Span.Line, coded.Span.Column), coded.ToString());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
