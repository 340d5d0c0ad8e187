using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Text;

/// <summary>DtsWriter against dtc 1.6.1's own DTS output, for blobs (-I dtb) and for sources (-I dts).</summary>
[TestClass]
public sealed class DtsWriterTests
{
    [TestMethod]
    [DataRow("compatible = \"a,b\", \"c\";")]
    [DataRow("s = \"a\", \"b8\", \"c\";")]
    [DataRow("cells = <1 2 0xffffffff 0>;")]
    [DataRow("bytes = [01 02 03];")]
    [DataRow("five = [01 02 03 04 05];")]
    [DataRow("empty;")]
    [DataRow("mixed = \"ab\", <1>;")]
    [DataRow("ctl = \"\\a\\b\\t\\n\\v\\f\\r\";")]
    [DataRow("quote = \"say \\\"hi\\\" \\\\ ok\";")]
    [DataRow("high = \"\\x80\";")]
    [DataRow("nonprint = \"a\\x01\";")]
    [DataRow("one-nul = \"\";")]
    [DataRow("two-nul = \"\", \"\";")]
    [DataRow("half = \"a\", \"\";")]
    [DataRow("tail = \"ab\", \"\", \"c\";")]
    [DataRow("w16 = /bits/ 16 <1 2>;")]
    [DataRow("w64 = /bits/ 64 <0x123456789abcdef0>;")]
    [DataRow("w8 = /bits/ 8 <1 2 3 4>;")]
    [DataRow("x = \"12345678\";")]
    public void BlobValuesPrintAsDtcPrintsThem(string property)
    {
        string source = "/dts-v1/;\n/memreserve/ 0x1000 0x2000;\n/ {\n\t" + property + "\n\tn@1 { l: leaf { p = <&l>; }; };\n};\n";
        byte[] blob = RealDtc.Compile(source);
        string expected = RealDtc.Decompile(blob);

        var tree = DtbReader.Read(blob, "t.dtb", new DiagnosticBag());

        Assert.AreEqual(expected, DtsWriter.Write(tree!));
    }

    /// <summary>
    /// Spec §15: dtc prints the list "1", "2" as "1\02", which re-reads as 31 02 00. Ours must
    /// re-read to the blob's bytes; dtc's does not (checked with dtc itself both ways).
    /// </summary>
    [TestMethod]
    [DataRow("n = \"1\", \"2\";", "n = \"1\", \"2\";")]
    [DataRow("s = \"a\", \"01\", \"b\";", "s = \"a\", \"01\", \"b\";")]
    [DataRow("v = \"x\", \"7y\";", "v = \"x\", \"7y\";")]
    public void StringListsThatDtcMisprintsReReadExactly(string property, string ourLine)
    {
        byte[] blob = RealDtc.Compile("/dts-v1/;\n/ {\n\t" + property + "\n};\n");
        string dtcText = RealDtc.Decompile(blob);
        var tree = DtbReader.Read(blob, "t.dtb", new DiagnosticBag());
        string ours = DtsWriter.Write(tree!);

        StringAssert.Contains(ours, "\t" + ourLine + "\n");
        CollectionAssert.AreEqual(blob, RealDtc.Compile(ours), "our text re-reads to the blob");
        CollectionAssert.AreNotEqual(blob, RealDtc.Compile(dtcText), "dtc's text re-reads to other bytes");
        // Everything but that line is dtc's text.
        var ourLines = ours.Split('\n');
        var dtcLines = dtcText.Split('\n');
        Assert.AreEqual(dtcLines.Length, ourLines.Length);
        Assert.AreEqual(1, ourLines.Zip(dtcLines).Count(p => p.First != p.Second));
    }

    [TestMethod]
    public void EveryWriterOutputReReadsToTheSameBlob()
    {
        // A blob with all kinds of values; our text, compiled by dtc, gives the blob back.
        string source = """
            /dts-v1/;
            /memreserve/ 0x1000 0x2000;
            / {
                a = "1", "2", "x\t";
                b = [00 01 02];
                c = <0 1>;
                d = "a", "", "7";
                e;
                f = /bits/ 16 <0xffff 1 2>;
                g@1 { h = "z"; };
            };
            """;
        byte[] blob = RealDtc.Compile(source);
        var tree = DtbReader.Read(blob, "t.dtb", new DiagnosticBag());
        CollectionAssert.AreEqual(blob, RealDtc.Compile(DtsWriter.Write(tree!)));
    }

    [TestMethod]
    [DataRow("/ { a: b: n { l1: p = l2: \"x\", l3: <1 l4: 2>, [01 l5: 02]; q = <&a 5>; r = &b; }; x { }; };")]
    [DataRow("/ { s = \"a\", \"b\"; t = /bits/ 16 <1 2>, /bits/ 64 <3>; u = [ab cd] , \"q\"; };")]
    [DataRow("/memreserve/ 0x10 0x20;\nr1: r2: /memreserve/ 0x30 0x40;\n/ { n { }; };")]
    [DataRow("/ { cpus { #address-cells = <1>; #size-cells = <0>; c0: cpu@0 { reg = <0>; next = <&c0>; }; }; };")]
    public void SourceTreesPrintAsDtcPrintsThem(string body)
    {
        string dtc = ExternalTool.RequireDtc();
        using var dir = new TempFolder();
        string path = dir.Write("in.dts", "/dts-v1/;\n" + body + "\n");
        var real = ExternalTool.Run(dtc, new[] { "-q", "-I", "dts", "-O", "dts", path });
        Assert.AreEqual(0, real.ExitCode, real.Stderr);

        var ours = Devicetree.Dtc.Compile(path, new DtcOptions { OutputFormat = DtcOutputFormat.Dts, Quiet = 1 });

        Assert.AreEqual(0, ours.ExitCode, ours.StandardError);
        Assert.AreEqual(real.StdoutText, System.Text.Encoding.UTF8.GetString(ours.Output!));
    }

    [TestMethod]
    public void HighBytesInSourceStringsPrintAsOneHexEscape()
    {
        // dtc prints a byte >= 0x80 of a typed string as "\xffffff80" (a sign-extended char), which
        // re-reads as ff 'f' 'f' 'f' '8' '0'. We print "\x80", which re-reads to the same byte.
        using var dir = new TempFolder();
        string path = dir.Write("in.dts", "/dts-v1/;\n/ { s = \"a\\x80\"; };\n");
        var ours = Devicetree.Dtc.Compile(path, new DtcOptions { OutputFormat = DtcOutputFormat.Dts, Quiet = 1 });
        string text = System.Text.Encoding.UTF8.GetString(ours.Output!);
        StringAssert.Contains(text, "\ts = \"a\\x80\";\n");
        CollectionAssert.AreEqual(RealDtc.Compile("/dts-v1/;\n/ { s = \"a\\x80\"; };\n"), RealDtc.Compile(text));
    }
}
