using System.Diagnostics;
using System.Globalization;
using Xen.Shm.Devicetree;
using Xen.Shm.Diagnostics;
using Xen.Shm.Topology;
using Xen.Shm.Sdk.Tasks.Tests.Infrastructure;

namespace Xen.Shm.Sdk.Tasks.Tests.Fuzz;

/// <summary>
/// Issue 17's fuzz harness for the three parsers hostile input reaches: the YAML loader, the DTS
/// compiler and the DTB reader. Each test mutates the repository's own boards, device trees and
/// blobs with a fixed seed and asserts that no exception escapes and no input takes longer than
/// <see cref="SlowInput"/>. The CI run is a few thousand inputs each; set XSHM_FUZZ_SECONDS (and
/// XSHM_FUZZ_SEED) for a long run (bench/README.md). A failing input is saved under
/// TestResults/fuzz-failures/ for replay.
/// </summary>
[TestClass]
public sealed class FuzzTests
{
    // A hang detector, not a speed target (those live in bench/): generous for a loaded CI machine.
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(30);

    public TestContext TestContext { get; set; } = null!;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("XSHM_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : 17;

    private static TimeSpan? LongRun =>
        double.TryParse(Environment.GetEnvironmentVariable("XSHM_FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? TimeSpan.FromSeconds(s) : null;

    private static List<byte[]> Files(string pattern) =>
        new[] { "testassets", Path.Combine("tests", "Xen.Shm.Devicetree.Tests"), Path.Combine("tests", "Xen.Shm.Topology.Tests") }
            .Select(d => Path.Combine(RepositoryRoot.Path, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, pattern, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();

    [TestMethod]
    [Timeout(600_000)]
    public void YamlLoader_NeverThrowsOrHangs()
    {
        var seeds = Files("board.yaml");
        string yamlPath = Path.Combine(RepositoryRoot.Path, "testassets", "bad-inputs", "base", "board.yaml");
        Fuzz("yaml", seeds, ["&a ", "*a", "!!binary ", "!foo ", "\"\\0\"", "\"\\n\"", "- ", ": ", "{", "}", "[", "]", "0x", "xlDir: /../..", "name: ..", "kernel: /dev/zero",
            "\t", "\n", "---\n", "\xff", "'", "\"", "?", "|", ">", "%YAML 1.1\n", "16M", "0xffffffffffffffff", "dom0", "dom0less", "xl", "mmio-sram", "static-shm", "uio"],
            2000, bytes =>
            {
                string text = System.Text.Encoding.UTF8.GetString(bytes);
                var result = TopologyLoader.Parse(text, yamlPath);
                Assert.IsTrue(result.Board is not null || result.Diagnostics.Count > 0, "no board and no reason");
            });
    }

    [TestMethod]
    [Timeout(600_000)]
    public void DtsCompiler_NeverThrowsOrHangs()
    {
        var seeds = Files("*.dts");
        string name = Path.Combine(RepositoryRoot.Path, "testassets", "bad-inputs", "base", "fuzz.dts");
        Fuzz("dts", seeds, ["/dts-v1/;", "/plugin/;", "/include/ \"/dev/zero\"", "/incbin/(\"/dev/zero\", 0, 16)", "/incbin/(\"board.dts\", 0xffffffff, 4)", "/bits/ 64", "/bits/ 8",
            "/delete-node/ ", "/delete-property/ ", "/memreserve/ ", "&", "&{/}", "<", ">", "[", "]", "{", "}", ";", "=", "\"", "\\x", "'a'", "(1 << 63)", "(1/0)", "(1%0)", "?:",
            "label:", "#address-cells", "reg", "phandle", "0xffffffffffffffff", "\n#line 1 \"x\"\n", "\0"],
            5000, bytes => Dtc.Compile(bytes, name, new DtcOptions()));
    }

    [TestMethod]
    [Timeout(600_000)]
    public void DtbReader_NeverThrowsOrHangs()
    {
        var seeds = Files("*.dts").Take(40).Select(s => Dtc.Compile(s, "seed.dts", new DtcOptions()).Output).OfType<byte[]>().ToList();
        Assert.IsNotEmpty(seeds);
        Fuzz("dtb", seeds, ["\xd0\x0d\xfe\xed", "\0\0\0\x01", "\0\0\0\x02", "\0\0\0\x03", "\0\0\0\x09", "\0\0\0\x04", "\xff\xff\xff\xff", "\0\0\0\0"],
            5000, bytes => DtbReader.Read(bytes, "fuzz.dtb", new DiagnosticBag()));
    }

    private void Fuzz(string what, IReadOnlyList<byte[]> seeds, IEnumerable<string> tokens, int ciInputs, Action<byte[]> target)
    {
        Assert.IsNotEmpty(seeds, $"no {what} seeds");
        var mutator = new Mutator(Seed, seeds, tokens.Select(t => t.Replace("\xff", "\u00ff", StringComparison.Ordinal)));
        var deadline = LongRun is { } run ? Stopwatch.StartNew() : null;
        int n = 0;
        var slowest = TimeSpan.Zero;
        while (deadline is null ? n < ciInputs : deadline.Elapsed < LongRun!.Value)
        {
            var input = n < seeds.Count ? seeds[n] : mutator.Next();
            n++;
            var clock = Stopwatch.StartNew();
            try
            {
                target(input);
            }
            catch (Exception e) when (e is not AssertFailedException)
            {
                Assert.Fail($"{what} input #{n} (seed {Seed}) threw {e.GetType().Name}: {e.Message}; saved as {Save(what, n, input)}\n{e}");
            }
            if (clock.Elapsed > slowest) slowest = clock.Elapsed;
            Assert.IsLessThan(SlowInput, clock.Elapsed, $"{what} input #{n} (seed {Seed}) took {clock.Elapsed}; saved as {Save(what, n, input)}");
        }
        TestContext.WriteLine($"{what}: {n} inputs, seed {Seed}, slowest {slowest.TotalMilliseconds:F0} ms");
    }

    private string Save(string what, int n, byte[] input)
    {
        string dir = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), "fuzz-failures");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"{what}-{Seed}-{n}.bin");
        File.WriteAllBytes(path, input);
        return path;
    }
}
