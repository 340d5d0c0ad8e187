using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Xen.Shm.Topology.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Xen.Shm.Topology.Tests.Schema;

/// <summary>
/// schema/xen-shm-topology.schema.json (draft 2020-12) accepts every valid board of the
/// repository and the README's examples, and rejects wrong shapes. YAML → JSON goes through
/// YamlDotNet's RepresentationModel with YAML 1.2 core-schema typing, independent of our loader.
/// </summary>
[TestClass]
public sealed class SchemaTests
{
    private static readonly Lazy<JsonSchema> s_schema = new(() => JsonSchema.FromText(File.ReadAllText(Repo.Schema)));

    private static EvaluationResults Evaluate(string yaml)
    {
        var json = ToJson(yaml) ?? throw new InvalidOperationException("empty YAML document");
        using var doc = JsonDocument.Parse(json.ToJsonString());
        return s_schema.Value.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Errors(EvaluationResults r) =>
        string.Join("\n", (r.Details ?? new List<EvaluationResults>()).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation}: {e.Key}: {e.Value}")));

    // ---- YAML → JSON (YAML 1.2 core schema for plain scalars) ----

    public static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
        YamlScalarNode sc => Scalar(sc),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private static JsonNode? Scalar(YamlScalarNode s)
    {
        string v = s.Value ?? "";
        if (s.Style != YamlDotNet.Core.ScalarStyle.Plain) return JsonValue.Create(v);
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Regex.IsMatch(v, "^[0-9]+$") && ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out ulong d)) return JsonValue.Create(d);
        if (Regex.IsMatch(v, "^0x[0-9a-fA-F]+$") && ulong.TryParse(v[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong h)) return JsonValue.Create(h);
        if (Regex.IsMatch(v, @"^-?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?$")) return JsonValue.Create(double.Parse(v, CultureInfo.InvariantCulture));
        return JsonValue.Create(v);
    }

    // ---- the boards ----

    public static IEnumerable<object[]> ValidBoards() =>
        new[] { "iomem-cacheable", "uio", "static-shm", "mmio-sram", "domain-shm" }.Select(s => new object[] { s });

    [TestMethod]
    [DynamicData(nameof(ValidBoards))]
    public void EveryValidTestAsset_MatchesTheSchema(string scenario)
    {
        string yaml = File.ReadAllText(Repo.Asset(scenario, "board.yaml"));
        Assert.IsFalse(TopologyLoader.Load(Repo.Asset(scenario, "board.yaml")).HasErrors, "the loader accepts it too");
        var r = Evaluate(yaml);
        Assert.IsTrue(r.IsValid, Errors(r));
    }

    [TestMethod]
    public void TheTestsStandardBoard_MatchesTheSchema()
    {
        var r = Evaluate(Boards.With());
        Assert.IsTrue(r.IsValid, Errors(r));
    }

    /// <summary>The ```yaml blocks of the format reference: whole boards, or "regions:" lists spliced into the standard board.</summary>
    [TestMethod]
    public void EveryReadmeExample_MatchesTheSchemaAndLoadsWithoutError()
    {
        string readme = File.ReadAllText(Path.Combine(Repo.Root, "src", "Tasks", "Xen.Shm.Topology", "README.md"));
        var blocks = Regex.Matches(readme, "```yaml\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.IsGreaterThanOrEqualTo(6, blocks.Count, "a sample board and one example per mechanism");
        foreach (var block in blocks)
        {
            string board = block.StartsWith("regions:", StringComparison.Ordinal) ? Boards.With(regions: block.TrimEnd()) : block;
            var r = Evaluate(board);
            Assert.IsTrue(r.IsValid, "README example:\n" + block + "\n" + Errors(r));
            // Whole boards name images next to the sample board (testassets/mmio-sram).
            var loaded = TopologyLoader.Parse(board, block.StartsWith("regions:", StringComparison.Ordinal) ? Topo.InlinePath : Repo.Asset("mmio-sram", "readme.yaml"));
            Assert.IsFalse(loaded.HasErrors, "README example:\n" + block + "\n" + Topo.Describe(loaded.Diagnostics));
        }
    }

    // ---- and it rejects wrong shapes ----

    [TestMethod]
    [DataRow("  - { name: guest3, kind: xl, memroy: 512M, kernel: images/Image }", DisplayName = "misspelt key")]
    [DataRow("  - { name: guest3, kind: xl, kernel: images/Image }", DisplayName = "xl without memory")]
    [DataRow("  - { name: guest3, kind: vm, memory: 512M, kernel: images/Image }", DisplayName = "unknown kind")]
    [DataRow("  - { name: guest3, kind: xl, memory: 1.5M, kernel: images/Image }", DisplayName = "fractional size")]
    [DataRow("  - { name: guest3, kind: xl, memory: 512M, kernel: images/Image, directMap: true }", DisplayName = "dom0less key on xl")]
    public void WrongDomain_IsRejected(string domain)
    {
        var r = Evaluate(Boards.With(domains: Boards.DomainsSection + "\n" + domain));
        Assert.IsFalse(r.IsValid);
    }

    [TestMethod]
    [DataRow("  - { id: s, mechanism: static-shm, host: 0x1000, size: 0x1000, peers: [ { domain: guest1, guest: 0x40000000 } ] }", DisplayName = "host on static-shm")]
    [DataRow("  - { id: s, mechanism: uio, size: 0x1000, peers: [ { domain: guest1 } ] }", DisplayName = "uio without host")]
    [DataRow("  - { id: s, mechanism: uio, host: 0x7ffff000, size: 0x1000, peers: [ { domain: guest1, role: owner } ] }", DisplayName = "role on uio peer")]
    [DataRow("  - { id: s, mechanism: mmio-sram, host: 0x7e000000, size: 16M, compatible: x, peers: [ { domain: domU1 } ] }", DisplayName = "compatible on mmio-sram")]
    [DataRow("  - { id: s-1, mechanism: static-shm, size: 0x1000, peers: [ { domain: guest1, guest: 0x40000000 } ] }", DisplayName = "static-shm id with dash")]
    [DataRow("  - { id: s, mechanism: static-shm, size: 0x1000, peers: [ { domain: guest1, guest: 0x40000000, cachePolicy: x86_normal } ] }", DisplayName = "x86_normal")]
    [DataRow("  - { id: s, mechanism: iomem-cacheable, host: 0x70000000, size: 0x1000, peers: [ { domain: guest1, gest: 0x0a000000 } ] }", DisplayName = "misspelt peer key")]
    public void WrongRegion_IsRejected(string region)
    {
        var r = Evaluate(Boards.WithRegion(region));
        Assert.IsFalse(r.IsValid);
    }

    [TestMethod]
    public void UnknownTopLevelKey_IsRejected()
    {
        Assert.IsFalse(Evaluate(Boards.With() + "extra: 1\n").IsValid);
    }

    // The xen-board template's board.yaml (src/Xen.Shm.Templates), rendered as `dotnet new` would: the
    // editor's schema accepts it and flags a misspelt key (the yaml-language-server check, done in .NET).
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void TemplateBoard_IsValid_AndAMisspeltKeyIsNot(bool uio)
    {
        string yaml = TemplateBoard(uio);
        var good = Evaluate(yaml);
        Assert.IsTrue(good.IsValid, Errors(good));
        Assert.IsTrue(yaml.Contains("    memory: 1024M\n", StringComparison.Ordinal));
        Assert.IsFalse(Evaluate(yaml.Replace("    memory: 1024M\n", "    memroy: 1024M\n")).IsValid);
    }

    private static string TemplateBoard(bool uio)
    {
        string path = Path.Combine(Repo.Root, "src", "Xen.Shm.Templates", "templates", "xen-board", "board.yaml");
        var lines = new List<string>();
        bool? branch = null;
        foreach (string line in File.ReadAllLines(path))
        {
            if (line.StartsWith("#if ", StringComparison.Ordinal)) { branch = uio; continue; }
            if (line == "#else") { branch = !uio; continue; }
            if (line == "#endif") { branch = null; continue; }
            if (branch != false) lines.Add(line.Replace("XEN_FLAVOUR", "upstream").Replace("XEN_VERSION", "4.17"));
        }
        return string.Join("\n", lines) + "\n";
    }
}
