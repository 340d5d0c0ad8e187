namespace Xen.Shm.Dtc;

/// <summary>
/// Parses arguments the way dtc does: GNU getopt_long over dtc's option table (dtc.c), so bundled
/// short options (-qq), attached values (-ofile), --long=value, unique long prefixes and options
/// after the input file all work, and numbers go through C's strtol(…, 0).
/// </summary>
public static class CliArguments
{
    public const string ShortOptions = "qI:O:o:V:d:R:S:p:a:fb:i:H:sW:E:@AThv";

    private static readonly (string Name, char Short, bool HasArg)[] LongOptions =
    {
        ("quiet", 'q', false), ("in-format", 'I', true), ("out", 'o', true), ("out-format", 'O', true),
        ("out-version", 'V', true), ("out-dependency", 'd', true), ("reserve", 'R', true),
        ("space", 'S', true), ("pad", 'p', true), ("align", 'a', true), ("boot-cpu", 'b', true),
        ("force", 'f', false), ("include", 'i', true), ("sort", 's', false), ("phandle", 'H', true),
        ("warning", 'W', true), ("error", 'E', true), ("symbols", '@', false), ("auto-alias", 'A', false),
        ("annotate", 'T', false), ("help", 'h', false), ("version", 'v', false),
        // xdtc only (issue 15): Kbuild's cpp step in process; not dtc's -I/-i, which mean other things.
        ("cpp", CppOption, false), ("cpp-include", CppIncludeOption, true), ("cpp-define", CppDefineOption, true),
    };

    private const char CppOption = '\u0001', CppIncludeOption = '\u0002', CppDefineOption = '\u0003';

    /// <summary>The outcome: options to run, or an early exit (help, version, usage error, fatal error).</summary>
    public sealed class Result
    {
        public CliOptions? Options { get; init; }

        /// <summary>Set when the run ends here: text for stdout/stderr and the exit code.</summary>
        public int? ExitCode { get; init; }
        public string Stdout { get; init; } = "";
        public string Stderr { get; init; } = "";
    }

    public static Result Parse(IReadOnlyList<string> args, string program = "xdtc")
    {
        var o = new CliOptions();
        var operands = new List<string>();
        var getoptErrors = new System.Text.StringBuilder();

        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                for (i++; i < args.Count; i++) operands.Add(args[i]);
                break;
            }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                string body = a.Substring(2);
                int eq = body.IndexOf('=');
                string name = eq < 0 ? body : body.Substring(0, eq);
                var exact = LongOptions.Where(l => l.Name == name).ToList();
                var matches = exact.Count > 0 ? exact : LongOptions.Where(l => l.Name.StartsWith(name, StringComparison.Ordinal)).ToList();
                if (matches.Count == 0)
                    return Usage(program, $"{program}: unrecognized option '{a}'\n", "unknown option");
                if (matches.Count > 1)
                    return Usage(program, $"{program}: option '{a}' is ambiguous; possibilities:" +
                        string.Concat(matches.Select(m => $" '--{m.Name}'")) + "\n", "unknown option");
                var opt = matches[0];
                string? value = null;
                if (opt.HasArg)
                {
                    if (eq >= 0) value = body.Substring(eq + 1);
                    else if (i + 1 < args.Count) value = args[++i];
                    else return Usage(program, $"{program}: option '--{opt.Name}' requires an argument\n", "unknown option");
                }
                else if (eq >= 0)
                    return Usage(program, $"{program}: option '--{opt.Name}' doesn't allow an argument\n", "unknown option");
                var r = Apply(o, opt.Short, value, program);
                if (r != null) return r;
                continue;
            }
            if (a.Length > 1 && a[0] == '-')
            {
                for (int k = 1; k < a.Length; k++)
                {
                    char c = a[k];
                    int at = c == ':' ? -1 : ShortOptions.IndexOf(c);
                    if (at < 0)
                        return Usage(program, $"{program}: invalid option -- '{c}'\n", "unknown option");
                    bool hasArg = at + 1 < ShortOptions.Length && ShortOptions[at + 1] == ':';
                    string? value = null;
                    if (hasArg)
                    {
                        if (k + 1 < a.Length) value = a.Substring(k + 1);
                        else if (i + 1 < args.Count) value = args[++i];
                        else return Usage(program, $"{program}: option requires an argument -- '{c}'\n", "unknown option");
                        k = a.Length;
                    }
                    var r = Apply(o, c, value, program);
                    if (r != null) return r;
                }
                continue;
            }
            operands.Add(a);
        }

        if (operands.Count > 1)
            return Usage(program, "", "missing files");
        o.InputPath = operands.Count == 1 ? operands[0] : "-";
        if (o.MinSize != 0 && o.PadSize != 0)
            return Fatal("Can't set both -p and -S");
        return new Result { Options = o };
    }

    /// <summary>One option, as dtc.c's switch handles it; returns an early exit or null.</summary>
    private static Result? Apply(CliOptions o, char c, string? v, string program)
    {
        switch (c)
        {
            case 'q': o.Quiet++; break;
            case CppOption: o.Cpp = true; break;
            case CppIncludeOption: o.CppIncludeDirs.Add(v!); break;
            case CppDefineOption: o.CppDefines.Add(v!); break;
            case 'I': o.InputFormat = v; break;
            case 'O': o.OutputFormat = v; break;
            case 'o': o.OutputPath = v!; break;
            case 'V': o.OutputVersion = (int)CNumber.StrToL(v!); break;
            case 'd': o.DependencyPath = v; break;
            case 'R': o.ReserveEntries = (int)CNumber.StrToL(v!); break;
            case 'S': o.MinSize = (int)CNumber.StrToL(v!); break;
            case 'p': o.PadSize = (int)CNumber.StrToL(v!); break;
            case 'a':
                o.AlignSize = (int)CNumber.StrToL(v!);
                if (o.AlignSize <= 0 || (o.AlignSize & (o.AlignSize - 1)) != 0)
                    return Fatal($"Invalid argument \"{o.AlignSize}\" to -a option");
                break;
            case 'b': o.BootCpu = CNumber.StrToL(v!); break;
            case 'f': o.Force = true; break;
            case 'i': o.IncludeDirs.Add(v!); break;
            case 's': o.Sort = true; break;
            case 'H':
                if (v is not ("legacy" or "epapr" or "both"))
                    return Fatal($"Invalid argument \"{v}\" to -H option");
                o.PhandleFormat = v;
                break;
            case 'W': o.CheckSwitches.Add((false, v!)); break;
            case 'E': o.CheckSwitches.Add((true, v!)); break;
            case '@': o.Symbols = true; break;
            case 'A': o.AutoAlias = true; break;
            case 'T': o.Annotate++; break;
            case 'h': return new Result { ExitCode = 0, Stdout = CliUsage.Text(Path.GetFileName(program)) };
            case 'v': return new Result { ExitCode = 0, Stdout = $"Version: DTC {CliUsage.DtcVersion}\n" };
        }
        return null;
    }

    /// <summary>util_usage(errmsg): getopt's complaint, the usage on stderr, then "Error: …", exit 1.</summary>
    private static Result Usage(string program, string getoptMessage, string error) =>
        new() { ExitCode = 1, Stderr = getoptMessage + CliUsage.Text(Path.GetFileName(program)) + $"\nError: {error}\n" };

    /// <summary>dtc's die(): "FATAL ERROR: …", exit 1.</summary>
    public static Result Fatal(string message) => new() { ExitCode = 1, Stderr = $"FATAL ERROR: {message}\n" };
}
