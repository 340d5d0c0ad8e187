using System.Text;

namespace Xen.Shm.Devicetree.Tests;

/// <summary>The public surface used by code that builds and edits trees; bytes checked against the real dtc.</summary>
[TestClass]
public sealed class ApiTests
{
    private static byte[] DtcBytes(string source, params string[] args)
    {
        RealDtc.Require();
        string work = Path.Combine(Path.GetTempPath(), "xshm-dt-api-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            string input = Path.Combine(work, "in.dts");
            File.WriteAllText(input, source);
            var r = RealDtc.Compile(input, Path.Combine(work, "out.dtb"), args, work);
            Assert.AreEqual(0, r.ExitCode, r.StandardError);
            return r.Output!;
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    [TestMethod]
    public void TreeBuiltInCodeFlattensLikeTheEquivalentSource()
    {
        var tree = new DtTree();
        var root = tree.Root;
        root.SetProperty("#address-cells", 2u);
        root.SetProperty("#size-cells", 2u);
        root.SetProperty("compatible", "xen,board", "arm,virt");
        var mem = root.AddChild("memory@40000000");
        mem.SetProperty("device_type", "memory");
        mem.SetProperty("reg", 0u, 0x40000000u, 0u, 0x20000000u);
        var shm = root.AddChild("shm@50000000");
        shm.Labels.Add("shm0");
        var reg = new DtValue();
        reg.AddMarker(DtMarkerKind.TypeUInt64, null).AppendInteger(0x50000000, 64).AppendInteger(0x1000, 64);
        shm.SetProperty("reg", reg);
        var user = root.AddChild("user");
        user.SetProperty("memory-region", new DtValue().AppendPhandleReference("shm0"));
        user.SetProperty("path", new DtValue().AppendPathReference("shm0"));
        tree.MemoryReservations.Add(new DtReserveEntry(0x48000000, 0x1000));

        var r = Dtc.Compile(tree, new DtcOptions());
        Assert.AreEqual(0, r.ExitCode, r.StandardError);
        var expected = DtcBytes(@"/dts-v1/;
/memreserve/ 0x48000000 0x1000;
/ { #address-cells = <2>; #size-cells = <2>; compatible = ""xen,board"", ""arm,virt"";
    memory@40000000 { device_type = ""memory""; reg = <0 0x40000000 0 0x20000000>; };
    shm0: shm@50000000 { reg = /bits/ 64 <0x50000000 0x1000>; };
    user { memory-region = <&shm0>; path = &shm0; }; };");
        CollectionAssert.AreEqual(expected, r.Output);
    }

    [TestMethod]
    public void EditingAParsedTreeReplacesInPlaceAndAppends()
    {
        const string src = "/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>; a@1 { reg = <1 1>; x = \"y\"; }; b { }; };\n";
        var parsed = DtsParser.Parse(src, "board.dts");
        Assert.IsTrue(parsed.Succeeded);
        var tree = parsed.Tree!;
        var a = tree.FindNode("/a@1")!;
        a.SetProperty("reg", 2u, 2u);          // replaced in place: stays first
        a.SetProperty("z", "new");              // appended
        Assert.IsTrue(tree.Root.RemoveChild("b"));
        var c = tree.Root.AddChild("c@3");
        c.SetProperty("reg", 3u, 1u);
        tree.BootCpuId = tree.GuessBootCpuId();
        var r = Dtc.Compile(tree, new DtcOptions());
        Assert.AreEqual(0, r.ExitCode, r.StandardError);
        var expected = DtcBytes("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>; a@1 { reg = <2 2>; x = \"y\"; z = \"new\"; }; c@3 { reg = <3 1>; }; };\n");
        CollectionAssert.AreEqual(expected, r.Output);
    }

    [TestMethod]
    public void ParserAndWriterWorkOnTheirOwn()
    {
        var parsed = DtsParser.Parse("/dts-v1/;\n/ { compatible = \"x,y\"; n@1 { reg = <1>; }; };\n", "t.dts");
        Assert.IsTrue(parsed.Succeeded);
        var bytes = FdtWriter.Write(parsed.Tree!, new FlattenOptions());
        Assert.AreEqual(131, bytes.Length); // spec §14
        Assert.AreEqual("/n@1", parsed.Tree!.FindNode("/n@1")!.Path);
        Assert.AreEqual("n", parsed.Tree.FindNode("/n@1")!.BaseName);
        Assert.AreEqual("1", parsed.Tree.FindNode("/n@1")!.UnitAddress);
    }

    /// <summary>
    /// dtc -S 0x7fffffff writes a 2147483647-byte file: one array cannot hold it, so the in-memory
    /// writer says so (no OutOfMemoryException) and Dtc.Compile hands the padding over as a count.
    /// </summary>
    [TestMethod]
    public void PaddingPastTheLargestArrayIsACountNotABuffer()
    {
        const string source = "/dts-v1/;\n/ { a = <1>; };\n";
        byte[] head = DtcBytes(source, "-S", "64");   // the same blob with its padding cut short
        var parsed = DtsParser.Parse(source, "t.dts");
        Assert.ThrowsExactly<ArgumentException>(() => FdtWriter.Write(parsed.Tree!, new FlattenOptions { MinimumSize = int.MaxValue }));

        var result = Dtc.Compile(Encoding.UTF8.GetBytes(source), "t.dts", new DtcOptions { SpaceSize = int.MaxValue });
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        Assert.AreEqual(int.MaxValue, result.Output!.Length + result.OutputPadding);
        CollectionAssert.AreEqual(head.Take(4).Concat(new byte[] { 0x7f, 0xff, 0xff, 0xff }).Concat(head.Skip(8).Take(result.Output.Length - 8)).ToArray(), result.Output);
    }

    [TestMethod]
    public void StreamedPaddingPlusOutputIsDtcsFile()
    {
        const string source = "/dts-v1/;\n/ { a = <1>; };\n";
        var result = Dtc.Compile(Encoding.UTF8.GetBytes(source), "t.dts", new DtcOptions { SpaceSize = 4096, Align = 512, StreamPadding = true });
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        Assert.IsLessThan(4096, result.Output!.Length);
        CollectionAssert.AreEqual(DtcBytes(source, "-S", "4096", "-a", "512"), result.Output.Concat(new byte[result.OutputPadding]).ToArray());
    }

    [TestMethod]
    public void DeletedEntriesAreInvisibleButKeepTheirSlot()
    {
        var tree = DtsParser.Parse("/dts-v1/;\n/ { l: a { p = <1>; q = <2>; }; b { }; };\n/ { a { /delete-property/ p; }; };\n/delete-node/ &l;\n", "t.dts").Tree!;
        Assert.IsNull(tree.FindNode("/a"));
        Assert.IsNull(tree.FindNodeByLabel("l"), "labels of deleted nodes stop resolving");
        Assert.AreEqual(2, tree.Root.AllChildren.Count);
        Assert.AreEqual(1, tree.Root.Children.Count());
        var a = tree.Root.AllChildren[0];
        Assert.IsTrue(a.IsDeleted);
        Assert.IsTrue(a.AllProperties.All(p => p.IsDeleted));
    }

    [TestMethod]
    public void MessagesCarryPositionsAndCheckNames()
    {
        var r = Dtc.Compile("/dts-v1/;\n/ {\n\ta@1 { };\n};\n", "w.dts", new DtcOptions());
        Assert.AreEqual(0, r.ExitCode);
        var m = r.Messages.Single();
        Assert.AreEqual(DtcSeverity.Warning, m.Severity);
        Assert.AreEqual("unit_address_vs_reg", m.CheckName);
        Assert.AreEqual("w.dts", m.File);
        Assert.AreEqual(3, m.Line);
        Assert.AreEqual(6, m.Column);
        // Text as printed by dtc 1.6.1 for the same file.
        Assert.AreEqual("w.dts:3.6-10: Warning (unit_address_vs_reg): /a@1: node has a unit name, but no reg or ranges property", m.ToString());
    }

    [TestMethod]
    public void SameInputSameBytes()
    {
        const string src = "/dts-v1/;\n/ { l: a { }; b { r = <&l>; s = &l; }; };\n";
        var o = new DtcOptions { Symbols = true };
        CollectionAssert.AreEqual(Dtc.Compile(src, "d.dts", o).Output, Dtc.Compile(src, "d.dts", o).Output);
    }

    [TestMethod]
    public void MissingInputFileIsAFatalMessageNotAnException()
    {
        var r = Dtc.Compile(Path.Combine(Path.GetTempPath(), "definitely-missing-" + Guid.NewGuid().ToString("N") + ".dts"), new DtcOptions());
        Assert.AreEqual(1, r.ExitCode);
        Assert.IsNull(r.Output);
        StringAssert.StartsWith(r.StandardError, "FATAL ERROR: Couldn't open");
    }

    [TestMethod]
    public void DeepNestingIsBoundedNotAStackOverflow()
    {
        var sb = new StringBuilder("/dts-v1/;\n/ { p = <");
        for (int i = 0; i < 100000; i++) sb.Append('(');
        sb.Append('1');
        for (int i = 0; i < 100000; i++) sb.Append(')');
        sb.Append(">; };\n");
        var r = Dtc.Compile(sb.ToString(), "deep.dts", new DtcOptions());
        Assert.AreEqual(1, r.ExitCode);
        StringAssert.Contains(r.StandardError, "memory exhausted");

        var nodes = new StringBuilder("/dts-v1/;\n/ {");
        for (int i = 0; i < 50000; i++) nodes.Append(" n {");
        var r2 = Dtc.Compile(nodes.ToString(), "deepnodes.dts", new DtcOptions());
        Assert.AreEqual(1, r2.ExitCode);
    }

    [TestMethod]
    public void RandomBytesNeverThrow()
    {
        var rng = new Random(1234);
        var alphabet = Encoding.ASCII.GetBytes("/{}<>;=&:,\"'[]()-+*%^|!~?#@\\ \n\tabcxyz0189/dts-v1/plugin/bits/delete-node//include/ \"x\"");
        for (int i = 0; i < 2000; i++)
        {
            int n = rng.Next(0, 200);
            var b = new byte[n];
            for (int k = 0; k < n; k++) b[k] = rng.Next(10) == 0 ? (byte)rng.Next(256) : alphabet[rng.Next(alphabet.Length)];
            var text = "/dts-v1/;\n" + Encoding.Latin1.GetString(b);
            var r = Dtc.Compile(text, "fuzz.dts", new DtcOptions());
            Assert.IsTrue(r.ExitCode is 0 or 1 or 2);
        }
    }
}
