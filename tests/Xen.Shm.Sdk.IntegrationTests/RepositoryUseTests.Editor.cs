using System.Text.Json.Nodes;
using Xen.Shm.Sdk.IntegrationTests.Infrastructure;
using Xen.Shm.Sdk.IntegrationTests.YamlLanguageServer;

namespace Xen.Shm.Sdk.IntegrationTests;

/// <summary>
/// Issue 14's editor support, checked with the YAML language server VS Code's YAML extension runs
/// (yaml-language-server, installed by YamlLanguageServer/prepare.sh): the boards `dotnet new xen-board`
/// makes, once built (the build copies the package's schema to obj/, where their first line points), are
/// clean; a wrong key or a wrong value type is flagged at its line; a domain's key position completes
/// the schema's domain keys.
/// </summary>
public sealed partial class RepositoryUseTests
{
    private const string ModelineSchema = "xen-shm-topology.schema.json";

    [TestMethod]
    public void Template_EveryOptionCombination_HasNoDiagnostics_InTheYamlLanguageServer()
    {
        var boards = BuiltTemplateBoards();
        using var server = YamlServerSession.Start();
        foreach (string board in boards)
        {
            string path = Path.Combine(board, "board.yaml");
            string good = File.ReadAllText(path);
            var diagnostics = server.Open(path, good);
            Assert.IsEmpty(diagnostics, $"{path}:\n{string.Join('\n', diagnostics)}");
            // Control: the schema is in force for this board (a server that ignored the line would be silent too).
            string wrong = Replace(good, "\nhost:\n", "\nhots:\n");
            AssertErrorAt(server.Change(path, wrong), LineOf(wrong, "hots:"), "hots");
        }

        // The README names the server version these checks ran with.
        StringAssert.Contains(File.ReadAllText(RepositoryRoot.Combine("README.md")), "yaml-language-server " + server.ServerVersion);
    }

    [TestMethod]
    public void Template_Board_WithAWrongKey_IsDiagnosedAtThatKey_InTheYamlLanguageServer()
    {
        string path = Path.Combine(DefaultTemplateBoard(), "board.yaml");
        string good = File.ReadAllText(path);
        using var server = YamlServerSession.Start();
        Assert.IsEmpty(server.Open(path, good), "the good board first");

        // An unknown key under a domain, and a misspelt top-level key.
        string underDomain = Replace(good, "    kind: dom0\n", "    kind: dom0\n    kernal: images/Image\n");
        AssertErrorAt(server.Change(path, underDomain), LineOf(underDomain, "    kernal:"), "kernal");
        string topLevel = Replace(good, "\ndomains:\n", "\ndomian:\n");
        AssertErrorAt(server.Change(path, topLevel), LineOf(topLevel, "domian:"), "domian");

        Assert.IsEmpty(server.Change(path, good), "fixed again");
    }

    [TestMethod]
    public void Template_Board_WithAWrongValueType_IsDiagnosed_InTheYamlLanguageServer()
    {
        string path = Path.Combine(DefaultTemplateBoard(), "board.yaml");
        string good = File.ReadAllText(path);
        using var server = YamlServerSession.Start();
        Assert.IsEmpty(server.Open(path, good), "the good board first");

        // A sequence where a size goes, and a string where a boolean goes.
        string memory = Replace(good, "    memory: 1024M\n", "    memory: [1024M]\n");
        AssertOnlyErrorsOnLine(server.Change(path, memory), LineOf(memory, "    memory: [1024M]"));
        string enhanced = Replace(good, "    enhanced: false\n", "    enhanced: \"no\"\n");
        AssertOnlyErrorsOnLine(server.Change(path, enhanced), LineOf(enhanced, "    enhanced: \"no\""));
    }

    [TestMethod]
    public void Template_Board_AtADomainsKeyPosition_CompletesTheSchemasDomainKeys_InTheYamlLanguageServer()
    {
        string board = DefaultTemplateBoard();
        string path = Path.Combine(board, "board.yaml");
        // A new domain with its name typed, the cursor on the next line at the key column.
        string text = Replace(File.ReadAllText(path), "\ndomains:\n", "\ndomains:\n  - name: domU9\n    \n");
        int line = LineOf(text, "  - name: domU9") + 1;
        using var server = YamlServerSession.Start();
        server.Open(path, text);

        var items = server.Complete(path, line, 4);

        // Expected from the schema the modeline names: the domain's keys, less the one already written
        // (besides them the server offers a snippet of the required keys, named after the $defs entry).
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(board, "obj", ModelineSchema)))!;
        var expected = schema["$defs"]!["domain"]!["properties"]!.AsObject().Select(p => p.Key).Where(k => k != "name").Order(StringComparer.Ordinal).ToList();
        CollectionAssert.Contains(expected, "kernel");
        var keys = items.Where(i => i.Kind == LspCompletion.Property).Select(i => i.Label).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(expected, keys, string.Join(", ", items));
        Assert.IsFalse(items.Any(i => i.Label is "xen" or "host" or "regions"), "top-level keys are not offered inside a domain: " + string.Join(", ", items));
    }

    [TestMethod]
    public void Template_Board_BeforeTheFirstBuild_HasOnlyTheMissingSchemaError_InTheYamlLanguageServer()
    {
        // What the README and the template's comment promise: until a build copies the schema, one error says so.
        string path = Path.Combine(DefaultTemplateBoard(), "board.yaml");
        string unbuilt = Path.Combine(s_root, "unbuilt-board");
        SdkFeed.TryDelete(unbuilt);
        Directory.CreateDirectory(unbuilt);
        using var server = YamlServerSession.Start();

        var diagnostics = server.Open(Path.Combine(unbuilt, "board.yaml"), File.ReadAllText(path));

        Assert.HasCount(1, diagnostics, string.Join('\n', diagnostics));
        StringAssert.Contains(diagnostics[0].Message, Path.Combine(unbuilt, "obj", ModelineSchema));
    }

    private static IReadOnlyList<string> BuiltTemplateBoards()
    {
        var boards = s_templateBoards.Value;
        Assert.AreEqual(0, boards.Build.ExitCode, boards.Build.ToString());
        foreach (string board in boards.Folders)
            Assert.IsTrue(File.Exists(Path.Combine(board, "obj", ModelineSchema)), "the build copies the schema the modeline names: " + board);
        return boards.Folders;
    }

    /// <summary>`dotnet new xen-board` with the default options (mmio-sram, upstream 4.17): a dom0 and a dom0less domU.</summary>
    private static string DefaultTemplateBoard() => BuiltTemplateBoards().Single(b => Path.GetFileName(b) == "mmio-sram-upstream-4_17");

    private static string Replace(string text, string from, string to)
    {
        Assert.AreEqual(1, text.Split(from).Length - 1, $"`{from.Trim()}` once in the template board");
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static int LineOf(string text, string lineStart) =>
        Array.FindIndex(text.Split('\n'), l => l.StartsWith(lineStart, StringComparison.Ordinal));

    private static void AssertErrorAt(IReadOnlyList<LspDiagnostic> diagnostics, int line, string key)
    {
        string all = string.Join('\n', diagnostics);
        Assert.IsTrue(diagnostics.Any(d => d.Line == line && d.Severity == 1 && d.Message.Contains(key, StringComparison.Ordinal)),
            $"an error naming {key} on line {line + 1}; got:\n{all}");
    }

    private static void AssertOnlyErrorsOnLine(IReadOnlyList<LspDiagnostic> diagnostics, int line)
    {
        string all = string.Join('\n', diagnostics);
        Assert.IsNotEmpty(diagnostics, $"an error on line {line + 1}");
        Assert.IsTrue(diagnostics.All(d => d.Line == line && d.Severity == 1), $"errors on line {line + 1} only; got:\n{all}");
    }
}
