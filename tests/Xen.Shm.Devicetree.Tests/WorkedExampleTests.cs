namespace Xen.Shm.Devicetree.Tests;

/// <summary>The worked examples of spec §14 (bytes observed from dtc 1.6.1), as literal expectations.</summary>
[TestClass]
public sealed class WorkedExampleTests
{
    private static byte[] FromHex(string hex)
    {
        var clean = new string(hex.Where(Uri.IsHexDigit).ToArray());
        return Convert.FromHexString(clean);
    }

    private static byte[] Compile(string source)
    {
        var r = Dtc.Compile(source, "example.dts", new DtcOptions());
        Assert.AreEqual(0, r.ExitCode, r.StandardError);
        return r.Output!;
    }

    [TestMethod]
    public void EmptyTreeIs72Bytes()
    {
        var expected = FromHex(@"
            d00dfeed 00000048 00000038 00000048
            00000028 00000011 00000010 00000000
            00000000 00000010 00000000 00000000
            00000000 00000000 00000001 00000000
            00000002 00000009");
        CollectionAssert.AreEqual(expected, Compile("/dts-v1/; / { };"));
    }

    [TestMethod]
    public void CompatibleAndUnitNodeIs131Bytes()
    {
        var expected = FromHex(@"
            d00dfeed 00000083 00000038 00000074 00000028 00000011 00000010 00000000
            0000000f 0000003c 00000000 00000000 00000000 00000000
            00000001 00000000
            00000003 00000004 00000000 782c7900
            00000001 6e403100
            00000003 00000004 0000000b 00000001
            00000002 00000002 00000009").Concat(System.Text.Encoding.ASCII.GetBytes("compatible\0reg\0")).ToArray();
        var actual = Compile("/dts-v1/; / { compatible = \"x,y\"; n@1 { reg = <1>; }; };");
        Assert.AreEqual(131, actual.Length);
        CollectionAssert.AreEqual(expected, actual);
    }

    [TestMethod]
    public void PhandleExampleNumbersAndOrder()
    {
        var r = Dtc.Compile(@"/dts-v1/;
/ { a: node-a { p = <1>; };  b: node-b { phandle = <1>; };
    c: node-c { q = <&d &a>; };  d: node-d { r = <&c>; s = &a; t = <&{/node-a}>; };
    e: node-e { self = <&e>; }; };", "ph.dts", new DtcOptions());
        Assert.AreEqual(0, r.ExitCode, r.StandardError);
        var t = r.Tree!;
        uint Ph(string path) => t.FindNode(path)!.GetProperty("phandle")!.Value.GetCell(0);
        Assert.AreEqual(3u, Ph("/node-a"));
        Assert.AreEqual(1u, Ph("/node-b"));
        Assert.AreEqual(4u, Ph("/node-c"));
        Assert.AreEqual(2u, Ph("/node-d"));
        Assert.AreEqual(5u, Ph("/node-e"));
        CollectionAssert.AreEqual(new uint[] { 2, 3 }, t.FindNode("/node-c")!.GetProperty("q")!.Value.AsCells());
        CollectionAssert.AreEqual(new uint[] { 4 }, t.FindNode("/node-d")!.GetProperty("r")!.Value.AsCells());
        Assert.AreEqual("/node-a", t.FindNode("/node-d")!.GetProperty("s")!.Value.AsCString());
        CollectionAssert.AreEqual(new uint[] { 3 }, t.FindNode("/node-d")!.GetProperty("t")!.Value.AsCells());
        CollectionAssert.AreEqual(new uint[] { 5 }, t.FindNode("/node-e")!.GetProperty("self")!.Value.AsCells());
        // strings block: p phandle q r s t self
        var blob = r.Output!;
        int strOff = (blob[12] << 24) | (blob[13] << 16) | (blob[14] << 8) | blob[15];
        var strings = System.Text.Encoding.ASCII.GetString(blob, strOff, blob.Length - strOff);
        Assert.AreEqual("p\0phandle\0q\0r\0s\0t\0self\0", strings);
    }

    [TestMethod]
    [DataRow("-p 10", 100)]
    [DataRow("-S 200", 200)]
    [DataRow("-a 16", 96)]
    [DataRow("-p 3 -a 8", 96)]
    [DataRow("-S 100 -a 64", 128)]
    public void PaddingArithmeticOnA90ByteTree(string args, int total)
    {
        // Spec §11.5: a 90-byte tree (header 40 + rsv 16 + struct 32 + strings "a\0").
        const string src = "/dts-v1/; / { a = <1>; };";
        Assert.AreEqual(90, Dtc.Compile(src, "t.dts", new DtcOptions()).Output!.Length, "probe tree size");
        var r = Dtc.Compile(src, "t.dts", DtcArgs.ToOptions(args.Split(' '), "-"));
        Assert.AreEqual(0, r.ExitCode, r.StandardError);
        Assert.AreEqual(total, r.Output!.Length);
        Assert.AreEqual((uint)total, (uint)((r.Output[4] << 24) | (r.Output[5] << 16) | (r.Output[6] << 8) | r.Output[7]), "totalsize");
        Assert.IsTrue(r.Output.Skip(90).All(b => b == 0), "padding is zeros");
    }
}
