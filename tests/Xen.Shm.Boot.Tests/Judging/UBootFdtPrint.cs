using System.Globalization;
using System.Text;
using Xen.Shm.Boot.Tests.Prerequisites;

namespace Xen.Shm.Boot.Tests.Judging;

/// <summary>One property of a device tree node: the node's path, the property's name, its raw bytes.</summary>
public sealed record FdtProperty(string Node, string Name, byte[] Value)
{
    public override string ToString() =>
        $"{Node}:{Name} = [{string.Join(' ', Value.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)))}]";
}

/// <summary>
/// A subtree as a flat list in structure-block order: every node path (pre-order) and every property with its bytes.
/// Read either from U-Boot's `fdt print &lt;path&gt;` in a serial log (cmd/fdt.c fdt_print/print_data: strings in
/// quotes, cells as &lt;0x%08x …&gt;, other bytes as [%02x …]) or from a DTB with dtc's fdtget (-l, -p, -t bx), so
/// the tree U-Boot built can be compared with what a real tool makes of the same inputs.
/// </summary>
public sealed record FdtSubtree(IReadOnlyList<string> Nodes, IReadOnlyList<FdtProperty> Properties)
{
    /// <summary>The first `fdt print <paramref name="path"/>` block after <paramref name="from"/> in a serial log; null when there is none.</summary>
    public static FdtSubtree? FromUBootPrint(string log, string path, int from = 0)
    {
        var lines = log.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var name = path == "/" ? "/" : path[(path.LastIndexOf('/') + 1)..];
        var parent = path == "/" ? "" : path[..path.LastIndexOf('/')];
        int offset = 0, start = -1;
        for (int i = 0; i < lines.Length; offset += lines[i].Length + 1, i++)
            if (offset >= from && lines[i] == name + " {") { start = i; break; }
        if (start < 0) return null;

        var nodes = new List<string>();
        var props = new List<FdtProperty>();
        var stack = new Stack<string>();
        for (int i = start; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.EndsWith(" {", StringComparison.Ordinal))
            {
                var node = line[..^2];
                var full = stack.Count == 0 ? (parent.Length == 0 && node == "/" ? "/" : parent + "/" + node) : Join(stack.Peek(), node);
                stack.Push(full);
                nodes.Add(full);
            }
            else if (line == "};")
            {
                stack.Pop();
                if (stack.Count == 0) return new FdtSubtree(nodes, props);
            }
            else if (line.EndsWith(';'))
            {
                var eq = line.IndexOf(" = ", StringComparison.Ordinal);
                if (eq < 0) props.Add(new FdtProperty(stack.Peek(), line[..^1], Array.Empty<byte>()));
                else props.Add(new FdtProperty(stack.Peek(), line[..eq], Value(line[(eq + 3)..^1])));
            }
            else throw new InvalidDataException($"not a line of `fdt print`: '{lines[i]}'");
        }
        return null;
    }

    /// <summary>The subtree of <paramref name="dtb"/> at <paramref name="path"/> as fdtget lists it.</summary>
    public static FdtSubtree FromDtb(string fdtget, string dtb, string path)
    {
        var nodes = new List<string>();
        var props = new List<FdtProperty>();
        void Walk(string node)
        {
            nodes.Add(node);
            foreach (var p in Lines(ExternalTool.Check(fdtget, new[] { "-p", dtb, node })))
            {
                var hex = ExternalTool.Check(fdtget, new[] { "-t", "bx", dtb, node, p }).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                props.Add(new FdtProperty(node, p, hex.Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray()));
            }
            foreach (var sub in Lines(ExternalTool.Check(fdtget, new[] { "-l", dtb, node }))) Walk(Join(node, sub));
        }
        Walk(path);
        return new FdtSubtree(nodes, props);
    }

    /// <summary>Differences, one line each (empty when both trees are the same, order included).</summary>
    public IReadOnlyList<string> Diff(FdtSubtree other)
    {
        var d = new List<string>();
        if (!Nodes.SequenceEqual(other.Nodes)) d.Add($"nodes [{string.Join(", ", Nodes)}] vs [{string.Join(", ", other.Nodes)}]");
        var a = Properties.Select(p => p.ToString()).ToList();
        var b = other.Properties.Select(p => p.ToString()).ToList();
        for (int i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var x = i < a.Count ? a[i] : "(none)";
            var y = i < b.Count ? b[i] : "(none)";
            if (x != y) d.Add($"property {i}: {x} vs {y}");
        }
        return d;
    }

    private static string Join(string node, string sub) => node == "/" ? "/" + sub : node + "/" + sub;

    private static IEnumerable<string> Lines(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>print_data's three forms back to bytes.</summary>
    private static byte[] Value(string text)
    {
        var bytes = new List<byte>();
        if (text.StartsWith('"'))
        {
            // "a", "b": each string then its NUL (print_data prints only strings of printable characters).
            foreach (var s in text.Split("\", \"", StringSplitOptions.None))
            {
                bytes.AddRange(Encoding.ASCII.GetBytes(s.Trim('"')));
                bytes.Add(0);
            }
        }
        else if (text.StartsWith('<'))
        {
            foreach (var cell in text.Trim('<', '>').Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var v = uint.Parse(cell.StartsWith("0x", StringComparison.Ordinal) ? cell[2..] : cell, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                bytes.AddRange(new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v });
            }
        }
        else if (text.StartsWith('['))
        {
            foreach (var b in text.Trim('[', ']').Split(' ', StringSplitOptions.RemoveEmptyEntries))
                bytes.Add(byte.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        else throw new InvalidDataException($"`fdt print` value not read: {text} (a long value printed by address?)");
        return bytes.ToArray();
    }
}
