using System.Globalization;

namespace Xen.Shm.Devicetree.Tests;

/// <summary>Reads a case's "// dtc-args: …" first line and maps it to <see cref="DtcOptions"/>.</summary>
internal static class DtcArgs
{
    public static List<string> FromSource(string path, string sourceDir)
    {
        var first = File.ReadLines(path).FirstOrDefault() ?? "";
        const string tag = "// dtc-args:";
        var args = new List<string>();
        if (!first.StartsWith(tag, StringComparison.Ordinal)) return args;
        var parts = first.Substring(tag.Length).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            args.Add(parts[i]);
            if (parts[i] == "-i" && i + 1 < parts.Length) args.Add(Path.Combine(sourceDir, parts[++i]));
        }
        return args;
    }

    public static DtcOptions ToOptions(IReadOnlyList<string> args, string outputName)
    {
        var o = new DtcOptions { OutputName = outputName };
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string Next() => args[++i];
            int Int() => ParseC(Next());
            switch (a)
            {
                case "-@": o.Symbols = true; break;
                case "-A": o.Aliases = true; break;
                case "-s": o.Sort = true; break;
                case "-f": o.Force = true; break;
                case "-q": o.Quiet++; break;
                case "-H":
                    o.PhandleFormat = Next() switch { "legacy" => PhandleFormat.Legacy, "both" => PhandleFormat.Both, _ => PhandleFormat.Epapr };
                    break;
                case "-b": o.BootCpu = ParseC(Next()); break;
                case "-V": o.Version = Int(); break;
                case "-R": o.ReserveEntries = Int(); break;
                case "-S": o.SpaceSize = Int(); break;
                case "-p": o.PadSize = Int(); break;
                case "-a": o.Align = Int(); break;
                case "-i": o.IncludeDirs.Add(Next()); break;
                case "-W": o.Warning(Next()); break;
                case "-E": o.Error(Next()); break;
                default: throw new ArgumentException("unsupported dtc-args option " + a);
            }
        }
        return o;
    }

    // strtol(…, 0): 0x hex, leading 0 octal, else decimal.
    private static int ParseC(string s)
    {
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) return int.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (s.Length > 1 && s[0] == '0') return Convert.ToInt32(s, 8);
        return int.Parse(s, CultureInfo.InvariantCulture);
    }
}
