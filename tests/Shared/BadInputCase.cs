using System.Globalization;
using System.Text;

namespace Xen.Shm.TestSupport;

/// <summary>
/// One row of a testassets/bad-inputs/*.cases table (format in that folder's README.md):
/// name, expected code, where the error must point, one edit of a base file, then setup steps.
/// The edit's replacement carries the marker '»' where the diagnostic must point, unless the
/// "at" column gives the position itself as file(line,col).
/// </summary>
public sealed class BadInputCase
{
    public const char Marker = '»';

    public required string Table { get; init; }
    public required string Name { get; init; }
    public required string Code { get; init; }
    public required string AtFile { get; init; }
    public (int Line, int Column)? AtPosition { get; init; }
    public required string EditFile { get; init; }
    public required byte[] Find { get; init; }
    public required byte[] Replace { get; init; }
    public required IReadOnlyList<string[]> Setup { get; init; }

    public override string ToString() => $"{Table}/{Name}";

    /// <summary>Every case of every table, in file order.</summary>
    public static IEnumerable<BadInputCase> All(string folder) =>
        Directory.GetFiles(folder, "*.cases").OrderBy(f => f, StringComparer.Ordinal).SelectMany(Read);

    public static IEnumerable<BadInputCase> Read(string path)
    {
        string table = Path.GetFileNameWithoutExtension(path);
        int n = 0;
        foreach (string raw in File.ReadAllLines(path, Encoding.UTF8))
        {
            n++;
            if (raw.Length == 0 || raw[0] == '#') continue;
            var cols = raw.Split('\t');
            if (cols.Length < 4) throw new FormatException($"{path}:{n}: expected name, code, at, edit");
            string at = cols[2];
            (int, int)? position = null;
            int paren = at.IndexOf('(');
            if (paren > 0)
            {
                var lc = at.Substring(paren + 1, at.Length - paren - 2).Split(',');
                position = (int.Parse(lc[0], CultureInfo.InvariantCulture), int.Parse(lc[1], CultureInfo.InvariantCulture));
                at = at.Substring(0, paren);
            }
            string edit = cols[3];
            int colon = edit.IndexOf(": ", StringComparison.Ordinal);
            int arrow = edit.IndexOf(" => ", StringComparison.Ordinal);
            if (colon < 0 || arrow < colon) throw new FormatException($"{path}:{n}: edit must be 'file: find => replace'");
            yield return new BadInputCase
            {
                Table = table,
                Name = cols[0],
                Code = cols[1],
                AtFile = at,
                AtPosition = position,
                EditFile = edit.Substring(0, colon),
                Find = Unescape(edit.Substring(colon + 2, arrow - colon - 2)),
                Replace = Unescape(edit.Substring(arrow + 4)),
                Setup = cols.Skip(4).Where(c => c.Length > 0).Select(c => c.Split(' ', 3)).ToList(),
            };
        }
    }

    /// <summary>\n \t \r \\ \0 \xNN (a raw byte, so invalid UTF-8 can be written); any other \c stays as written; the rest as UTF-8.</summary>
    public static byte[] Unescape(string s)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 == s.Length)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
                continue;
            }
            char e = s[++i];
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case '0': bytes.Add(0); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case 'x': bytes.Add(byte.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); i += 2; break;
                default: bytes.Add((byte)'\\'); bytes.AddRange(Encoding.UTF8.GetBytes(e.ToString())); break; // kept as written (YAML's \" etc.)
            }
        }
        return bytes.ToArray();
    }

    /// <summary>The replacement without its marker, and the marker's 1-based line and column in the edited file.</summary>
    public (byte[] Edited, (int Line, int Column)? Marker) Apply(byte[] original)
    {
        int at = IndexOf(original, Find);
        if (at < 0) throw new InvalidOperationException($"{this}: '{Encoding.UTF8.GetString(Find)}' is not in {EditFile}");
        var marker = Encoding.UTF8.GetBytes(Marker.ToString());
        int m = IndexOf(Replace, marker);
        var replace = m < 0 ? Replace : Replace.Take(m).Concat(Replace.Skip(m + marker.Length)).ToArray();
        var edited = original.Take(at).Concat(replace).Concat(original.Skip(at + Find.Length)).ToArray();
        if (m < 0) return (edited, null);
        // Line and column as editors and YAML parsers count: characters, not bytes.
        int offset = at + m, line = 1, column = 1;
        for (int i = 0; i < offset; i++)
        {
            if (edited[i] == (byte)'\n') { line++; column = 1; }
            else if ((edited[i] & 0xC0) != 0x80) column++;
        }
        return (edited, (line, column));
    }

    /// <summary>
    /// Breaks the board in <paramref name="boardRoot"/>: writes the edit ($OUTSIDE → <paramref name="outside"/>),
    /// then runs the setup steps (fifo, dir, empty, link, write, big; others go to <paramref name="otherStep"/>).
    /// Returns where the diagnostic must point: full path, line, column.
    /// </summary>
    public (string File, int Line, int Column) ApplyTo(string boardRoot, string outside, Action<string[], string>? otherStep = null)
    {
        string editPath = Path.Combine(boardRoot, EditFile);
        byte[] original = File.Exists(editPath) ? File.ReadAllBytes(editPath) : [];
        var (edited, marker) = Apply(original);
        string latin = Encoding.Latin1.GetString(edited).Replace("$OUTSIDE", Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(outside)), StringComparison.Ordinal);
        File.WriteAllBytes(editPath, Encoding.Latin1.GetBytes(latin));
        foreach (var step in Setup)
        {
            string path = Path.Combine(boardRoot, step[1]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            switch (step[0])
            {
                case "fifo": Delete(path); MakeFifo(path); break;
                case "dir": Delete(path); Directory.CreateDirectory(path); break;
                case "empty": Delete(path); File.WriteAllBytes(path, []); break;
                case "link": Delete(path); File.CreateSymbolicLink(path, step[2]); break;
                case "write": File.WriteAllBytes(path, Unescape(step[2])); break;
                case "big":
                    Delete(path);
                    using (var f = File.Create(path)) f.SetLength(long.Parse(step[2], CultureInfo.InvariantCulture)); // sparse
                    break;
                default:
                    (otherStep ?? throw new InvalidOperationException($"{this}: unknown setup step {step[0]}"))(step, path);
                    break;
            }
        }
        // A newer time, as an edit in an editor gives (MSBuild must not skip the steps).
        if (File.Exists(editPath)) File.SetLastWriteTimeUtc(editPath, DateTime.UtcNow.AddSeconds(1));
        var pos = AtPosition ?? marker ?? throw new InvalidOperationException($"{this}: no marker and no position");
        return (Path.Combine(boardRoot, AtFile), pos.Line, pos.Column);
    }

    private static void Delete(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, true);
        else File.Delete(path);
    }

    private static void MakeFifo(string path)
    {
        ToolProcess.Check("mkfifo", [path]);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        if (needle.Length == 0) return 0;
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        return -1;
    }
}
