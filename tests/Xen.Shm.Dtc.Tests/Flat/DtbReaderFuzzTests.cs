using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Dtc.Tests.Infrastructure;

namespace Xen.Shm.Dtc.Tests.Flat;

/// <summary>
/// Deterministic mutations of real dtc blobs: each must give a tree or exactly one error, never an
/// exception or a hang (the reader's every step moves forward inside a bounded block).
/// </summary>
[TestClass]
public sealed class DtbReaderFuzzTests
{
    private const string Source = """
        /dts-v1/;
        /memreserve/ 0x1000 0x2000;
        / {
            compatible = "a,b", "c";
            #address-cells = <2>; #size-cells = <1>;
            cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { reg = <0>; }; };
            l: node@1 { reg = <0 1 2>; b = [01 02 03]; e; s = /bits/ 16 <5>; };
            other { p = <&l>; q = &l; };
        };
        """;

    public const int Mutations = 4000;

    [TestMethod]
    public void MutatedBlobsGiveTreeOrOneError()
    {
        byte[] original = RealDtc.Compile(Source, "-@");
        var random = new Random(20261125);
        int trees = 0, errors = 0;
        for (int i = 0; i < Mutations; i++)
        {
            byte[] blob = Mutate(original, random);
            var bag = new DiagnosticBag();
            DtbFlatBlob? flat;
            try
            {
                flat = DtbReader.ReadFlat(blob, "fuzz.dtb", bag);
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} threw {e.GetType().Name}: {e.Message}\nblob: {Convert.ToHexString(blob)}");
                return;
            }
            if (flat != null)
            {
                trees++;
                Assert.IsFalse(bag.HasErrors, $"mutation {i}: tree and errors");
                // Whatever the reader accepts, the writers must handle.
                var tree = DtbReader.Read(blob, "fuzz.dtb", new DiagnosticBag());
                Assert.IsNotNull(tree);
                try
                {
                    DtsWriter.Write(tree);
                    FdtWriter.Write(tree);
                    // And the whole -I dtb pipeline (checks, -@, sort) as xdtc runs it.
                    var again = DtbReader.Read(blob, "fuzz.dtb", new DiagnosticBag())!;
                    Devicetree.Dtc.Compile(again, new DtcOptions { InputFormat = DtcInputFormat.Dtb, Symbols = true, Sort = true, Quiet = 3 });
                }
                catch (Exception e)
                {
                    Assert.Fail($"mutation {i}: a writer threw {e.GetType().Name}: {e.Message}\nblob: {Convert.ToHexString(blob)}");
                }
            }
            else
            {
                errors++;
                Assert.AreEqual(1, bag.Count(d => d.IsError), $"mutation {i}: {string.Join("; ", bag)}");
            }
        }
        Console.WriteLine($"fuzz: {Mutations} mutations, {trees} read as trees, {errors} rejected");
        Assert.IsTrue(trees > 0 && errors > 0, "the mutations should exercise both outcomes");
    }

    private static byte[] Mutate(byte[] original, Random r)
    {
        var b = new List<byte>(original);
        int edits = 1 + r.Next(3);
        for (int e = 0; e < edits && b.Count > 0; e++)
        {
            switch (r.Next(6))
            {
                case 0: b[r.Next(b.Count)] ^= (byte)(1 << r.Next(8)); break;
                case 1: b[r.Next(b.Count)] = (byte)r.Next(256); break;
                case 2: // an interesting 32-bit word at an aligned offset (tokens, sizes, offsets)
                {
                    uint[] words = { 0, 1, 2, 3, 4, 9, 0xffffffff, 0x7fffffff, 0x80000000, (uint)b.Count, (uint)b.Count - 4, 0x28, 0x38 };
                    int at = r.Next(b.Count / 4) * 4;
                    byte[] w = HandBlob.Be32(words[r.Next(words.Length)]);
                    for (int k = 0; k < 4 && at + k < b.Count; k++) b[at + k] = w[k];
                    break;
                }
                case 3:
                {
                    int at = r.Next(b.Count);
                    b.RemoveRange(at, Math.Min(1 + r.Next(8), b.Count - at));
                    break;
                }
                case 4: b.InsertRange(r.Next(b.Count), Enumerable.Range(0, 4).Select(_ => (byte)r.Next(256))); break;
                default: // truncate
                {
                    int keep = r.Next(b.Count);
                    b.RemoveRange(keep, b.Count - keep);
                    break;
                }
            }
            if (b.Count == 0) break;
        }
        return b.ToArray();
    }
}
