using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Flat;

[TestClass]
public sealed class DtbReaderTests
{
    private const string Board = """
        /dts-v1/;
        /memreserve/ 0x80000000 0x10000;
        /memreserve/ 0x90000000 0x2000;
        / {
            #address-cells = <1>;
            #size-cells = <1>;
            compatible = "acme,board", "acme,soc";
            model = "Acme";
            cpus {
                #address-cells = <1>;
                #size-cells = <0>;
                cpu@100 { device_type = "cpu"; reg = <0x100>; };
            };
            memory@80000000 { device_type = "memory"; reg = <0x80000000 0x40000000>; };
            soc { ranges; empty-node { }; uart: serial@1000 { reg = <0x1000 0x100>; status = "okay"; }; };
            chosen { bootargs = "console=ttyAMA0"; stdout-path = &uart; };
        };
        """;

    [TestMethod]
    public void ReadsWhatDtcWrites()
    {
        byte[] blob = RealDtc.Compile(Board);
        var bag = new DiagnosticBag();

        var flat = DtbReader.ReadFlat(blob, "board.dtb", bag);

        Assert.IsNotNull(flat, string.Join("\n", bag));
        Assert.AreEqual(0, bag.Count);
        Assert.AreEqual(0x100u, flat.Header.BootCpuIdPhys, "dtc guesses the boot cpu from /cpus (spec §8)");
        Assert.AreEqual(2, flat.Reservations.Count);
        Assert.AreEqual(0x90000000ul, flat.Reservations[1].Address);
        Assert.AreEqual(0x2000ul, flat.Reservations[1].Size);
        CollectionAssert.AreEqual(new[] { "cpus", "memory@80000000", "soc", "chosen" }, flat.Root.Children.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "#address-cells", "#size-cells", "compatible", "model" }, flat.Root.Properties.Select(p => p.Name).ToArray());
        CollectionAssert.AreEqual(HandBlob.Str("acme,board").Concat(HandBlob.Str("acme,soc")).ToArray(), flat.Root.Properties[2].Value);
        var soc = flat.Root.Children[2];
        CollectionAssert.AreEqual(new[] { "empty-node", "serial@1000" }, soc.Children.Select(c => c.Name).ToArray());
        Assert.AreEqual(0, soc.Properties[0].Value.Length, "ranges is empty");
        CollectionAssert.AreEqual(HandBlob.Str("/soc/serial@1000"), flat.Root.Children[3].Properties[1].Value);
    }

    [TestMethod]
    public void NonAsciiNameBytesSurviveReadAndWriteLikeDtc()
    {
        // Names are bytes to dtc; a blob with bytes >= 0x80 in a node and a property name (patched in:
        // dtc's source grammar cannot spell them) must come back as dtc's own -I dtb -O dtb writes it
        // (-f: the name checks rightly call such names errors).
        byte[] blob = RealDtc.Compile("/dts-v1/;\n/ { zzprop = <1>; zznode { }; };\n");
        Patch(blob, "zzprop", 0xE9);
        Patch(blob, "zznode", 0xFC);
        using var dir = new TempFolder();
        string input = dir.File("in.dtb");
        File.WriteAllBytes(input, blob);
        var real = ExternalTool.Run(ExternalTool.RequireDtc(), new[] { "-f", "-I", "dtb", "-O", "dtb", input }, dir.Path, Array.Empty<byte>());

        var ours = Devicetree.Dtc.Compile(input, new DtcOptions { InputFormat = DtcInputFormat.Dtb, Force = true });

        Assert.AreEqual(real.ExitCode, ours.ExitCode, real.Stderr);
        CollectionAssert.AreEqual(real.Stdout, ours.Output, "name bytes >= 0x80 are written back unchanged");
        CollectionAssert.AreEqual(blob, ours.Output, "and equal the input");

        static void Patch(byte[] b, string name, byte value)
        {
            byte[] n = System.Text.Encoding.ASCII.GetBytes(name);
            for (int i = 0; i + n.Length <= b.Length; i++)
                if (b.AsSpan(i, n.Length).SequenceEqual(n)) { b[i] = value; b[i + 1] = value; return; }
            Assert.Fail(name + " not in the blob");
        }
    }

    [TestMethod]
    public void ReadsVersion16AndPadding()
    {
        byte[] v16 = RealDtc.Compile(Board, "-V", "16", "-p", "64");
        var bag = new DiagnosticBag();
        var flat = DtbReader.ReadFlat(v16, "v16.dtb", bag);
        Assert.IsNotNull(flat, string.Join("\n", bag));
        Assert.AreEqual(16u, flat.Header.Version);
        Assert.AreEqual(4, flat.Root.Children.Count);
    }

    [TestMethod]
    public void ReadsNopsReversedStringsAndPaddingNoToolWrites()
    {
        var h = new HandBlob { TrailingPadding = 13 };
        int compat = h.AddString("compatible");
        int reg = h.AddString("reg");
        byte[] blob = h.Reserve(0x1000, 0x10).Nop().Begin("").Nop()
            .Prop("reg", HandBlob.Be32(7), nameOffset: reg)
            .Prop("compatible", HandBlob.Str("x"), nameOffset: compat)
            .Prop("patible", Array.Empty<byte>(), nameOffset: compat + 3)
            .Nop().Begin("n@1").Nop().End().Nop().End().Nop().Finish().Build();

        var bag = new DiagnosticBag();
        var flat = DtbReader.ReadFlat(blob, "hand.dtb", bag);

        Assert.IsNotNull(flat, string.Join("\n", bag));
        CollectionAssert.AreEqual(new[] { "reg", "compatible", "patible" }, flat.Root.Properties.Select(p => p.Name).ToArray());
        Assert.AreEqual("n@1", flat.Root.Children.Single().Name);
        Assert.AreEqual(1, flat.Reservations.Count);
    }

    [TestMethod]
    public void PropertyAfterSubnodeIsKeptWithAWarning()
    {
        // dtc's flattree.c warns "Flat tree input has subnodes preceding a property" and keeps it.
        byte[] blob = new HandBlob().Begin("").Begin("a").End().Prop("late", HandBlob.Be32(1)).End().Finish().Build();
        var bag = new DiagnosticBag();
        var flat = DtbReader.ReadFlat(blob, "late.dtb", bag);
        Assert.IsNotNull(flat);
        Assert.AreEqual(DiagnosticCodes.DtbPropertyAfterSubnode.Code, bag.Single().Code);
        Assert.AreEqual("late", flat.Root.Properties.Single().Name);
    }

    public static IEnumerable<object[]> Broken()
    {
        byte[] good = new HandBlob().Begin("").Prop("p", HandBlob.Be32(1)).Begin("n").End().End().Finish().Build();
        byte[] With(int at, uint word)
        {
            var b = (byte[])good.Clone();
            HandBlob.Be32(word).CopyTo(b, at);
            return b;
        }
        const int S = 0x38; // structure block of a blob without reservations
        yield return new object[] { "empty", Array.Empty<byte>(), DiagnosticCodes.DtbTruncated.Code };
        yield return new object[] { "magic", With(0, 0xd00dfeee), DiagnosticCodes.DtbBadMagic.Code };
        yield return new object[] { "short header", good.Take(20).ToArray(), DiagnosticCodes.DtbTruncated.Code };
        yield return new object[] { "version 3", With(0x14, 3), DiagnosticCodes.DtbUnsupportedVersion.Code };
        yield return new object[] { "last comp 18", With(0x18, 18), DiagnosticCodes.DtbUnsupportedVersion.Code };
        yield return new object[] { "totalsize past end", With(0x04, (uint)good.Length + 1), DiagnosticCodes.DtbTruncated.Code };
        yield return new object[] { "totalsize below header", With(0x04, 8), DiagnosticCodes.DtbBlockOutOfRange.Code };
        yield return new object[] { "struct past end", With(0x08, 0x7fffffff), DiagnosticCodes.DtbBlockOutOfRange.Code };
        yield return new object[] { "struct misaligned", With(0x08, S + 2), DiagnosticCodes.DtbBlockOutOfRange.Code };
        yield return new object[] { "struct size huge", With(0x24, 0xfffffff0), DiagnosticCodes.DtbBlockOutOfRange.Code };
        yield return new object[] { "strings past end", With(0x20, 0x1000), DiagnosticCodes.DtbBlockOutOfRange.Code };
        yield return new object[] { "rsvmap past end", With(0x10, 0x10000), DiagnosticCodes.DtbBlockOutOfRange.Code };
        yield return new object[] { "rsvmap misaligned", With(0x10, 0x2c), DiagnosticCodes.DtbBlockOutOfRange.Code };
        yield return new object[] { "rsvmap no terminator", With(0x10, 0x50), DiagnosticCodes.DtbBadReservation.Code };
        yield return new object[] { "first token not begin", With(S, 2), DiagnosticCodes.DtbBadNesting.Code };
        yield return new object[] { "unknown token", With(S + 8, 7), DiagnosticCodes.DtbBadToken.Code };
        yield return new object[] { "property too long", With(S + 12, 0x100), DiagnosticCodes.DtbPropertyTooLong.Code };
        yield return new object[] { "name offset outside", With(S + 16, 2), DiagnosticCodes.DtbBadNameOffset.Code };
        yield return new object[] { "unterminated node name", new HandBlob().Begin("").Word(1).Word(0x41414141).Build(), DiagnosticCodes.DtbUnterminatedName.Code };
        yield return new object[] { "end inside node", With(S + 36, 9), DiagnosticCodes.DtbBadNesting.Code };
        yield return new object[] { "extra end node", With(S + 40, 2), DiagnosticCodes.DtbBadNesting.Code };
        yield return new object[] { "second root", With(S + 40, 1), DiagnosticCodes.DtbBadNesting.Code };
        yield return new object[] { "no FDT_END", With(S + 40, 4), DiagnosticCodes.DtbTruncated.Code };
        yield return new object[] { "struct cut short", With(0x24, 10), DiagnosticCodes.DtbTruncated.Code };
    }

    [TestMethod]
    [DynamicData(nameof(Broken))]
    public void RejectsMalformedBlobWithOneError(string what, byte[] blob, string code)
    {
        var bag = new DiagnosticBag();
        var flat = DtbReader.ReadFlat(blob, "bad.dtb", bag);
        Assert.IsNull(flat, what);
        Assert.AreEqual(code, bag.Single(d => d.IsError).Code, $"{what}: {string.Join("; ", bag)}");
        StringAssert.Contains(bag.Single().Span.File, "bad.dtb");
    }

    [TestMethod]
    public void UnterminatedPropertyNameIsRejected()
    {
        var h = new HandBlob();
        int off = h.AddString("reg");
        byte[] blob = h.Begin("").Prop("reg", HandBlob.Be32(1), nameOffset: off).End().Finish().Build();
        blob[blob.Length - 1] = (byte)'x'; // the strings block's only NUL
        var bag = new DiagnosticBag();
        Assert.IsNull(DtbReader.ReadFlat(blob, "bad.dtb", bag));
        Assert.AreEqual(DiagnosticCodes.DtbUnterminatedName.Code, bag.Single().Code);
    }

    [TestMethod]
    public void DeepNestingIsRejectedNotOverflowed()
    {
        var h = new HandBlob().Begin("");
        for (int i = 0; i < 100_000; i++) h.Begin("n");
        for (int i = 0; i < 100_000; i++) h.End();
        byte[] blob = h.End().Finish().Build();
        var bag = new DiagnosticBag();
        Assert.IsNull(DtbReader.ReadFlat(blob, "deep.dtb", bag));
        Assert.AreEqual(DiagnosticCodes.DtbBadNesting.Code, bag.Single().Code);
    }
}
