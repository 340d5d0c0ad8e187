namespace Xen.Shm.Generation.Tests.Infrastructure;

/// <summary>
/// A tree as dtc -O dts prints it (one property per line, "name {" / "};"), as path → ordered
/// properties and path → ordered child names, for comparing two decompiled trees.
/// </summary>
internal sealed class DtsOutline
{
    public Dictionary<string, List<(string Name, string Line)>> Properties { get; } = new();
    public Dictionary<string, List<string>> Children { get; } = new();

    public static DtsOutline Parse(string dts)
    {
        var o = new DtsOutline();
        var stack = new Stack<string>();
        foreach (string raw in dts.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("/dts-v1/", StringComparison.Ordinal) || line.StartsWith("/memreserve/", StringComparison.Ordinal)) continue;
            if (line.EndsWith(" {", StringComparison.Ordinal))
            {
                string name = line[..^2];
                int colon = name.IndexOf(": ", StringComparison.Ordinal);
                if (colon >= 0) name = name[(colon + 2)..];
                string path = stack.Count == 0 ? "/" : (stack.Peek() == "/" ? "/" + name : stack.Peek() + "/" + name);
                if (stack.Count > 0) o.Children[stack.Peek()].Add(path);
                stack.Push(path);
                o.Properties[path] = new();
                o.Children[path] = new();
            }
            else if (line == "};") stack.Pop();
            else
            {
                int eq = line.IndexOf(" = ", StringComparison.Ordinal);
                string name = eq >= 0 ? line[..eq] : line.TrimEnd(';');
                o.Properties[stack.Peek()].Add((name, line));
            }
        }
        return o;
    }
}
