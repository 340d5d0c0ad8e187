using System.Text.Json.Nodes;

namespace Xen.Shm.Sdk.IntegrationTests.YamlLanguageServer;

/// <summary>A diagnostic as the editor shows it: zero-based line and column (UTF-16), LSP severity (1 = error).</summary>
internal sealed record LspDiagnostic(int Line, int Character, int Severity, string Message)
{
    public override string ToString() => $"{Line + 1}:{Character + 1} [{Severity}] {Message}";
}

/// <summary>A completion item: its label and LSP CompletionItemKind (10 = Property, 7 = the server's required-keys snippet).</summary>
internal sealed record LspCompletion(string Label, int Kind)
{
    public const int Property = 10;

    public override string ToString() => $"{Label} ({Kind})";
}

/// <summary>
/// `yaml-language-server --stdio` driven as VS Code's YAML extension drives it: initialize, initialized,
/// the yaml settings (validation and completion on, no schema associations, so only a file's
/// `# yaml-language-server: $schema=` line picks its schema), then documents and requests.
/// Every answer is awaited at most <see cref="AnswerTimeout"/>; Dispose ends the process.
/// </summary>
internal sealed class YamlServerSession : IDisposable
{
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    // schemaStore off: the extension's default fetches schemastore.org's catalog (network) and only adds
    // file-name associations, which a modeline overrides anyway.
    private static readonly JsonObject s_yamlSettings = new()
    {
        ["validate"] = true,
        ["completion"] = true,
        ["hover"] = true,
        ["schemas"] = new JsonObject(),
        ["schemaStore"] = new JsonObject { ["enable"] = false },
    };

    private readonly JsonRpcConnection _connection;
    private readonly Dictionary<string, Queue<JsonArray>> _diagnostics = new(StringComparer.Ordinal);
    private readonly Dictionary<int, JsonObject> _responses = new();
    private int _nextId;
    private int _version;

    public string ServerVersion { get; }

    private YamlServerSession(InstalledServer server)
    {
        _connection = JsonRpcConnection.Start(server.Node, server.Script, "--stdio");
        var init = Request("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = null,
            ["capabilities"] = new JsonObject
            {
                ["workspace"] = new JsonObject { ["configuration"] = true },
                ["textDocument"] = new JsonObject { ["completion"] = new JsonObject { ["completionItem"] = new JsonObject { ["snippetSupport"] = true } } },
            },
        });
        ServerVersion = init?["serverInfo"]?["version"]?.GetValue<string>() ?? "?";
        Notify("initialized", new JsonObject());
        Notify("workspace/didChangeConfiguration", new JsonObject { ["settings"] = new JsonObject { ["yaml"] = s_yamlSettings.DeepClone() } });
        // A barrier: the server answers codeLens only after the configuration pull that didChangeConfiguration
        // started has been applied, so no document below is validated with the defaults.
        Request("textDocument/codeLens", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = "file:///settings-applied.yaml" } });
    }

    public static YamlServerSession Start() => new(InstalledServer.Require());

    public static string UriOf(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    /// <summary>Opens <paramref name="path"/> with <paramref name="text"/> and returns the diagnostics the server publishes for it.</summary>
    public IReadOnlyList<LspDiagnostic> Open(string path, string text)
    {
        string uri = UriOf(path);
        Notify("textDocument/didOpen", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "yaml", ["version"] = ++_version, ["text"] = text },
        });
        return WaitForDiagnostics(uri);
    }

    /// <summary>Replaces an open document's text (as typing does) and returns the diagnostics published for it.</summary>
    public IReadOnlyList<LspDiagnostic> Change(string path, string text)
    {
        string uri = UriOf(path);
        Notify("textDocument/didChange", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = ++_version },
            ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = text }),
        });
        return WaitForDiagnostics(uri);
    }

    /// <summary>What the server completes at a zero-based line and column of an open document.</summary>
    public IReadOnlyList<LspCompletion> Complete(string path, int line, int character)
    {
        var result = Request("textDocument/completion", new JsonObject
        {
            ["textDocument"] = new JsonObject { ["uri"] = UriOf(path) },
            ["position"] = new JsonObject { ["line"] = line, ["character"] = character },
        });
        var items = result is JsonObject list ? list["items"]!.AsArray() : result?.AsArray() ?? new JsonArray();
        return items.Select(i => new LspCompletion(i!["label"]!.GetValue<string>(), i["kind"]?.GetValue<int>() ?? 0)).ToList();
    }

    private JsonNode? Request(string method, JsonObject parameters)
    {
        int id = ++_nextId;
        _connection.Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        PumpUntil(() => _responses.ContainsKey(id), method);
        var response = _responses[id];
        _responses.Remove(id);
        if (response["error"] is JsonNode error) Assert.Fail($"yaml-language-server answered {method} with {error.ToJsonString()}");
        return response["result"];
    }

    private void Notify(string method, JsonObject parameters) =>
        _connection.Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    private IReadOnlyList<LspDiagnostic> WaitForDiagnostics(string uri)
    {
        PumpUntil(() => _diagnostics.TryGetValue(uri, out var q) && q.Count > 0, "publishDiagnostics for " + uri);
        return _diagnostics[uri].Dequeue().Select(d => new LspDiagnostic(
            d!["range"]!["start"]!["line"]!.GetValue<int>(), d["range"]!["start"]!["character"]!.GetValue<int>(),
            d["severity"]?.GetValue<int>() ?? 1, d["message"]!.GetValue<string>())).ToList();
    }

    /// <summary>Handles what arrives (answers the server's requests, files responses and diagnostics) until <paramref name="done"/>.</summary>
    private void PumpUntil(Func<bool> done, string waitingFor)
    {
        DateTime deadline = DateTime.UtcNow + AnswerTimeout;
        while (!done())
        {
            var message = _connection.Receive(deadline, waitingFor);
            if (message["method"] is JsonNode method && message["id"] is JsonNode id)
                _connection.Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = AnswerServerRequest(method.GetValue<string>(), message["params"]) });
            else if (message["id"] is JsonNode responseId)
                _responses[responseId.GetValue<int>()] = message;
            else if (message["method"]?.GetValue<string>() == "textDocument/publishDiagnostics")
            {
                string uri = message["params"]!["uri"]!.GetValue<string>();
                if (!_diagnostics.TryGetValue(uri, out var queue)) _diagnostics[uri] = queue = new Queue<JsonArray>();
                queue.Enqueue(message["params"]!["diagnostics"]!.AsArray());
            }
        }
    }

    /// <summary>workspace/configuration: the yaml section, nothing for the others (http, editor); null to the rest (registrations).</summary>
    private static JsonNode? AnswerServerRequest(string method, JsonNode? parameters) =>
        method == "workspace/configuration"
            ? new JsonArray(parameters!["items"]!.AsArray().Select(i => i!["section"]?.GetValue<string>() == "yaml" ? s_yamlSettings.DeepClone() : null).ToArray())
            : null;

    public void Dispose() => _connection.Dispose();
}
