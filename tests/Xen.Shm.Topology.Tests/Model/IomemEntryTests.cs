using System.Text;
using System.Globalization;
using Xen.Shm.Topology.Tests.Infrastructure;

namespace Xen.Shm.Topology.Tests.Model;

/// <summary>
/// IomemEntry against the reference: glibc sscanf with xl's own format strings (upstream
/// tools/xl/xl_parse.c "%x,%x%n@%x%n" and the Xilinx fork's "…%n,%6s%n"), compiled with gcc.
/// </summary>
[TestClass]
public sealed class IomemEntryTests
{
    // Mirrors the parse_iomem loops of both xl_parse.c versions: accepted only when every byte was used.
    private const string Reference = """
        #include <inttypes.h>
        #include <stdio.h>
        #include <string.h>
        int main(int argc, char **argv) {
            char line[512];
            int xilinx = argc > 1;
            while (fgets(line, sizeof line, stdin)) {
                line[strcspn(line, "\n")] = 0;
                uint64_t start = 0, nr = 0, gfn = 0; int used = 0, ret; char word[7] = "";
                if (xilinx) ret = sscanf(line, "%" SCNx64 ",%" SCNx64 "%n@%" SCNx64 "%n,%6s%n", &start, &nr, &used, &gfn, &used, word, &used);
                else ret = sscanf(line, "%" SCNx64 ",%" SCNx64 "%n@%" SCNx64 "%n", &start, &nr, &used, &gfn, &used);
                int ok = ret >= 2 && line[used] == 0;
                if (ok && ret == 4 && strcmp(word, "memory") && strcmp(word, "devmem")) ok = 0;
                if (ok) printf("ok %" PRIx64 " %" PRIx64 " %s\n", start, nr, ret >= 3 ? "gfn" : "-");
                else printf("bad\n");
            }
            return 0;
        }
        """;

    private static readonly string[] Inputs =
    {
        "0x70000,1", "0x70000,1@0x70000", "0x70000,1@0x70000,memory", "0x70000,1@0x70000,devmem", "0x70000,1,memory",
        "0xFF010,1", "0xFFFF0@0x0,1", "0xffff0,1@0x0", "7ffff,1", "0x7fff0,16", "0X7FFF0,10", " 0x1, 0x2", "0x1,0x2 ",
        "0x1,2@", "0x1,", ",1", "0x1", "", "0x1,2@3,cached", "0x1,2@3,memory ", "zz,1", "0x1;2", "0x1,2@3@4",
    };

    private static Dictionary<string, string> RunReference(bool xilinx)
    {
        if (!Tools.TryFind("gcc", "apt-get install gcc libc6-dev", out string gcc)) return new();
        using var dir = new TempFolder();
        string src = Path.Combine(dir.Path, "iomem.c"), exe = Path.Combine(dir.Path, "iomem");
        File.WriteAllText(src, Reference);
        Tools.Run(gcc, "-O0", "-o", exe, src);
        var run = ToolProcess.Run(exe, xilinx ? new[] { "x" } : Array.Empty<string>(), stdin: Encoding.UTF8.GetBytes(string.Concat(Inputs.Select(i => i + "\n"))));
        var lines = run.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(Inputs.Length, lines);
        return Inputs.Select((input, k) => (input, lines[k])).ToDictionary(x => x.input, x => x.Item2);
    }

    private static string Ours(string input, bool xilinx)
    {
        var e = IomemEntry.TryParse(input, xilinx);
        return e is null ? "bad" : string.Format(CultureInfo.InvariantCulture, "ok {0:x} {1:x} {2}", e.Mfn, e.Pages, e.Gfn is null ? "-" : "gfn");
    }

    [TestMethod]
    [DataRow(false, DisplayName = "upstream xl")]
    [DataRow(true, DisplayName = "Xilinx xl")]
    public void AcceptsExactlyWhatXlsScannerAccepts(bool xilinx)
    {
        var reference = RunReference(xilinx);
        foreach (var input in Inputs)
            Assert.AreEqual(reference[input], Ours(input, xilinx), $"input \"{input}\"");
    }

    [TestMethod]
    public void PageCountIsHex()
    {
        // spec §1.3: "0x7fff0,16" is 22 pages to xl.
        Assert.AreEqual(0x16UL, IomemEntry.TryParse("0x7fff0,16", xilinx: false)!.Pages);
        Assert.AreEqual(new AddressRange(0x7fff0000, 0x16000).ToString(), IomemEntry.TryParse("0x7fff0,16", false)!.GuestRange.ToString());
    }

    [TestMethod]
    public void TrailingNewline_IsLeftOverForXl()
    {
        // xl requires buf[used] == '\0'; a trailing newline is not consumed by %x.
        Assert.IsNull(IomemEntry.TryParse("0x1,2\n", xilinx: false));
        Assert.IsNull(IomemEntry.TryParse("0x1,2@3,memory\n", xilinx: true));
    }
}
