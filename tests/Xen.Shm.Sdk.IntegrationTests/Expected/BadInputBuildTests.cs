using System.Text.RegularExpressions;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;

namespace Xen.Shm.Sdk.IntegrationTests.Expected;

/// <summary>
/// Issue 17 through a real `dotnet build` of the packed SDK: the issue's own repro, and a subset
/// of the bad-input tables (testassets/bad-inputs/*.cases; all rows run in process in
/// Xen.Shm.Sdk.Tasks.Tests' BadInputSuiteTests). One workspace: the base board is built, then
/// each case breaks it, builds, and must fail with the case's coded line at its file(line,col),
/// no internal error, the boot folder byte for byte as the good build left it, and nothing
/// written beside the workspace.
/// </summary>
[TestClass]
public sealed class BadInputBuildTests : BoardTestBase
{
    private const string Base = "bad-inputs/base";

    // One or more rows of each table and each family: paths, FIFOs/devices, YAML, injection, DTS.
    private static readonly string[] s_subset =
    [
        "paths/issue17-ssh-repro", "paths/xldir-dotdot-evil", "paths/xldir-newline-reboot", "paths/domain-name-dot-ssh",
        "paths/xen-image-named-manifest.json", "paths/kernel-file-name-semicolon", "paths/dom0-kernel-fifo", "paths/dom0-kernel-dev-zero",
        "paths/xen-empty", "paths/host-dt-fifo", "paths/partial-dt-fifo", "paths/kernel-named-like-partial-dtb",
        "yaml/tag-binary", "yaml/utf8-ff-in-bootargs", "yaml/control-nul-in-bootargs", "yaml/duplicate-key",
        "injection/xen-bootargs-newline-reboot", "injection/extra-iomem-semicolon", "injection/uboot-load-name-semicolon",
        "dts/guest-incbin-dev-zero", "dts/guest-include-fifo", "dts/host-syntax-missing-semicolon", "dts/guest-incbin-slice-too-large",
    ];

    private static readonly string[] s_sources = ["board.yaml", "board.dts", "guest.dts"];

    [TestMethod]
    public void Issue17Repro_DotDotXlDirAndDotSshDomain_FailsAtTheYamlBeforeAnyWrite()
    {
        var board = BoardWorkspace.Create(TestContext, Base);
        board.Build().AssertSucceeded();
        var before = BoardWorkspace.Snapshot(board.BootDirectory);
        string outside = Path.GetFullPath(Path.Combine(board.Directory, "..", "..", "outside"));

        // The issue's repro: dom0's xlDir climbs out, an xl domain named .ssh whose kernel is images/authorized_keys.
        File.WriteAllText(Path.Combine(board.Directory, "images", "authorized_keys"), "ssh-ed25519 AAAA attacker\n");
        string yaml = File.ReadAllText(board.YamlPath)
            .Replace("xlDir: /etc/xen", "xlDir: \"/../../../../../../../.." + outside + "/evil\"", StringComparison.Ordinal)
            .Replace("name: guest1", "name: .ssh", StringComparison.Ordinal)
            .Replace("domain: guest1", "domain: .ssh", StringComparison.Ordinal)
            .Replace("kernel: images/Image\n    bootargs: \"console=hvc0\"", "kernel: images/authorized_keys\n    bootargs: \"console=hvc0\"", StringComparison.Ordinal);
        File.WriteAllText(board.YamlPath, yaml);
        board.Touch("board.yaml");

        var run = board.Build();

        run.AssertFailed();
        AssertCoded(run, board.YamlPath, "XSHM1027", 19, 12);
        AssertCoded(run, board.YamlPath, "XSHM1028", 21, 11);
        Assert.IsFalse(Directory.Exists(outside), $"written outside the build: {outside}\n{run}");
        Assert.IsFalse(Directory.Exists(Path.Combine(board.BootDirectory, "etc", "xen", ".ssh")), run.ToString());
        AssertUnchanged(before, board, "issue 17 repro");
    }

    [TestMethod]
    public void BadInputSubset_FailsWithItsCodedLine_AndKeepsThePreviousBootFolder()
    {
        var cases = BadInputCase.All(RepositoryRoot.Combine("testassets", "bad-inputs")).ToDictionary(c => c.ToString());
        var board = BoardWorkspace.Create(TestContext, Base);
        board.Build().AssertSucceeded();
        var before = BoardWorkspace.Snapshot(board.BootDirectory);
        var sources = s_sources.ToDictionary(s => s, s => File.ReadAllBytes(Path.Combine(board.Directory, s)));
        string outside = Path.GetFullPath(Path.Combine(board.Directory, "..", "..", "outside"));

        foreach (string name in s_subset)
        {
            var c = cases[name];
            foreach (var (file, bytes) in sources) File.WriteAllBytes(Path.Combine(board.Directory, file), bytes);
            var (at, line, column) = c.ApplyTo(board.Directory, outside);

            var run = board.Build();

            run.AssertFailed();
            AssertCoded(run, at, c.Code, line, column, name);
            Assert.IsFalse(run.Cli.Output.Contains(" error XSHM9", StringComparison.Ordinal), $"{name}: internal error\n{run}");
            Assert.IsFalse(run.Cli.Output.Contains("MSB4018", StringComparison.Ordinal), $"{name}: a task crashed\n{run}");
            Assert.IsFalse(Directory.Exists(outside), $"{name}: written outside the build\n{run}");
            AssertUnchanged(before, board, name);
        }
    }

    private static void AssertCoded(BuildRun run, string file, string code, int line, int column, string what = "")
    {
        var coded = new Regex("^" + Regex.Escape(file) + $@"\({line},{column}(,\d+,\d+)?\): error {code}: ");
        Assert.IsTrue(run.DiagnosticLines(code).Any(coded.IsMatch), $"{what}: no {code} at {Path.GetFileName(file)}({line},{column})\n{run}");
    }

    private static void AssertUnchanged(SortedDictionary<string, byte[]> before, BoardWorkspace board, string what)
    {
        var after = BoardWorkspace.Snapshot(board.BootDirectory);
        CollectionAssert.AreEqual(before.Keys.ToArray(), after.Keys.ToArray(), what);
        foreach (var key in before.Keys) CollectionAssert.AreEqual(before[key], after[key], $"{what}: {key}");
    }
}
