using System.Text;
using Xen.Shm.Generation.Xl;

namespace Xen.Shm.Generation.Tests.Xl;

/// <summary>Seeded random inputs against the real libxlutil lexer and xl's iomem scan.</summary>
[TestClass]
public sealed class XlFuzzTests
{
    [TestMethod]
    public void RandomStrings_QuotedByUs_ReadBackIdentically()
    {
        var rng = new Random(20261125);
        const string alphabet = "aZ09 _-,.;:=[]{}#$'\"\\\n\r\t\a\b\f\v/é✓@!?*()<>|&~`^%+";
        var values = new List<string>();
        var cfg = new StringBuilder();
        for (int i = 0; i < 300; i++)
        {
            int len = rng.Next(0, 40);
            var sb = new StringBuilder();
            for (int j = 0; j < len; j++) sb.Append(alphabet[rng.Next(alphabet.Length)]);
            string v = sb.ToString();
            values.Add(v);
            string? quoted = XlString.Quote(v);
            Assert.IsNotNull(quoted, v);
            cfg.Append('k').Append(i).Append(" = ").Append(quoted).Append('\n');
        }

        var back = XlCfgDump.Read(cfg.ToString(), Enumerable.Range(0, values.Count).Select(i => "s:k" + i).ToArray());
        for (int i = 0; i < values.Count; i++) Assert.AreEqual(values[i], back.String("k" + i), $"k{i}");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void RandomIomemEntries_GrammarNeverDisagreesWithXlScan(bool xilinx)
    {
        var rng = new Random(xilinx ? 17 : 4);
        string[] pieces = { "0x", "0X", "7ffff", "1", "A", "fF", ",", ",", "@", "@0x", " ", "\t", "-", "+", "memory", "devmem", "x", "g", "00000000000000001", "ffffffffffffffff" };
        var entries = new List<string>();
        for (int i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            int n = rng.Next(1, 9);
            for (int j = 0; j < n; j++) sb.Append(pieces[rng.Next(pieces.Length)]);
            entries.Add(sb.ToString());
        }

        // Plus well-formed ones so the accepting side is exercised too.
        for (int i = 0; i < 300; i++)
        {
            // Frames of up to 52 bits: beyond that we refuse on purpose (IomemGrammar).
            string e = $"0x{(ulong)rng.NextInt64() >> 11:x},{rng.Next(1, 0x10000):x}";
            if (rng.Next(2) == 0) e += $"@0x{rng.Next():x}" + (xilinx && rng.Next(2) == 0 ? (rng.Next(2) == 0 ? ",memory" : ",devmem") : "");
            entries.Add(e);
        }

        var flavour = xilinx ? XenFlavour.Xilinx : XenFlavour.Upstream;
        var scans = XlCfgDump.ScanIomem(entries, xilinx);
        int accepted = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            bool ours = IomemGrammar.TryParse(entries[i], flavour, out var m);
            if (!ours) continue;
            accepted++;
            Assert.IsNotNull(scans[i], $"we accept '{entries[i]}', xl rejects it");
            string? word = m.Cacheability is null ? null : m.Cacheability == IomemCacheability.Memory ? "memory" : "devmem";
            Assert.AreEqual(scans[i]!.Value, (m.Mfn, m.PageCount, m.Gfn, word), entries[i]);
        }

        Assert.IsGreaterThan(300, accepted);
    }
}
