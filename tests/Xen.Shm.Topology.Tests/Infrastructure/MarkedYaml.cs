using Xen.Shm.Diagnostics;

namespace Xen.Shm.Topology.Tests.Infrastructure;

/// <summary>
/// YAML text with hand-placed markers '»' just before the values a diagnostic must point at.
/// The markers are removed; their 1-based (line, column) are the expected positions.
/// </summary>
internal sealed class MarkedYaml
{
    public const char Marker = '»';

    public MarkedYaml(string marked)
    {
        var positions = new List<(int Line, int Column)>();
        var text = new System.Text.StringBuilder();
        int line = 1, col = 1;
        foreach (char c in marked.Replace("\r\n", "\n"))
        {
            if (c == Marker)
            {
                positions.Add((line, col));
                continue;
            }
            text.Append(c);
            if (c == '\n') { line++; col = 1; }
            else col++;
        }
        Text = text.ToString();
        Positions = positions;
    }

    public string Text { get; }
    public IReadOnlyList<(int Line, int Column)> Positions { get; }
}

/// <summary>Loads inline topologies next to a scenario's stand-in images, and asserts diagnostics.</summary>
internal static class Topo
{
    /// <summary>Inline YAML "lives" in testassets/uio, so images/xen, images/Image... exist.</summary>
    public static string InlinePath => Repo.Asset("uio", "inline-test.yaml");

    public static TopologyResult Parse(string yaml) => TopologyLoader.Parse(yaml, InlinePath);

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(d => $"  {d.Code} ({d.Span.Line},{d.Span.Column}) {d.Message}"));

    /// <summary>Every diagnostic has <paramref name="code"/>, one per marker, at the markers, in order.</summary>
    public static TopologyResult AssertOnly(string markedYaml, string code)
    {
        var m = new MarkedYaml(markedYaml);
        var result = Parse(m.Text);
        var got = result.Diagnostics;
        string all = Describe(got);
        Assert.AreEqual(m.Positions.Count, got.Count, $"expected {m.Positions.Count} x {code}, got:\n{all}");
        for (int i = 0; i < got.Count; i++)
        {
            Assert.AreEqual(code, got[i].Code, $"diagnostic {i}:\n{all}");
            Assert.AreEqual(m.Positions[i], (got[i].Span.Line, got[i].Span.Column), $"position of diagnostic {i}:\n{all}");
            Assert.AreEqual(InlinePath, got[i].Span.File);
        }
        return result;
    }

    /// <summary>No diagnostics at all (no errors, no warnings).</summary>
    public static TopologyResult AssertClean(string yaml)
    {
        var result = Parse(yaml);
        Assert.AreEqual(0, result.Diagnostics.Count, "expected no diagnostics, got:\n" + Describe(result.Diagnostics));
        Assert.IsNotNull(result.Board);
        return result;
    }
}
