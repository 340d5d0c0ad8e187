using System.Text;
using Xen.Shm.BootImage.Files;
using Xen.Shm.Devicetree;

namespace Xen.Shm.Dtc;

/// <summary>
/// xdtc's main (dtc.c main): arguments → <see cref="Devicetree.Dtc"/> → output file, stderr text and
/// dtc's exit code (0 ok, 1 usage/parse/fatal errors, 2 failed error-level checks). The output file
/// is written whole or not at all (temp then rename), and never when the run fails.
/// </summary>
public static class Cli
{
    /// <summary>
    /// Runs with the process's standard streams. Messages go to stderr as UTF-8 bytes through
    /// <see cref="StandardError"/>, not Console.Error: setting that up (terminal and charset probing)
    /// is a visible part of a native run's start-up, and a quiet run writes nothing there.
    /// </summary>
    public static int Run(string[] args)
    {
        using var stderr = new StandardError();
        return Run(args, Console.OpenStandardInput(), Console.OpenStandardOutput(), stderr);
    }

    public static int Run(IReadOnlyList<string> args, Stream stdin, Stream stdout, TextWriter stderr, string program = "xdtc")
    {
        var parsed = CliArguments.Parse(args, program);
        if (parsed.ExitCode is int code)
        {
            WriteText(stdout, parsed.Stdout);
            stderr.Write(parsed.Stderr);
            return code;
        }
        var o = parsed.Options!;
        try
        {
            return Compile(o, stdin, stdout, stderr);
        }
        catch (CliFatal e)
        {
            stderr.Write($"FATAL ERROR: {e.Message}\n");
            return 1;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug of ours, not of the input: say so, exit 1, write nothing.
            stderr.Write($"FATAL ERROR: internal error in xdtc, please report: {e}\n");
            return 1;
        }
    }

    private static int Compile(CliOptions o, Stream stdin, Stream stdout, TextWriter stderr)
    {
        // dtc opens the -d file before reading anything; fail as early when its folder is missing.
        if (o.DependencyPath != null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(o.DependencyPath))))
            throw new CliFatal($"Couldn't open dependency file {o.DependencyPath}: No such file or directory");

        string inform = o.InputFormat ?? CliFormats.GuessInput(o.InputPath);
        string outform = o.OutputFormat ?? CliFormats.GuessByName(o.OutputPath) ?? (inform == "dts" ? "dtb" : "dts");
        if (o.Annotate > 0 && (inform != "dts" || outform != "dts"))
            throw new CliFatal("--annotate requires -I dts -O dts");
        if (o.Annotate > 0)
            throw new CliFatal("--annotate (-T) is not supported by xdtc");
        if (inform == "fs")
            throw new CliFatal("input format \"fs\" (/proc/device-tree folders) is not supported by xdtc");
        if (inform != "dts" && inform != "dtb")
            throw new CliFatal($"Unknown input format \"{inform}\"");

        var options = ToLibrary(o, inform, outform);
        DtcResult result;
        var deps = new List<string>();
        if (o.InputPath == "-")
        {
            byte[] input = ReadAll(stdin);
            if (inform == "dtb")
            {
                var tree = DtbReaderForCli.Read(input, "<stdin>", out string? error);
                if (tree == null) throw new CliFatal(error!);
                result = Devicetree.Dtc.Compile(tree, options);
            }
            else
                result = Devicetree.Dtc.Compile(input, "<stdin>", options);
            deps.Add("<stdin>");
            deps.AddRange(result.Dependencies.Where(d => d != "<stdin>"));
        }
        else
        {
            result = Devicetree.Dtc.Compile(o.InputPath, options);
            deps.AddRange(result.Dependencies);
        }

        stderr.Write(result.StandardError);

        // The -d file lists what was read once the input parsed (dtc writes it during parsing and
        // leaves a partial file when parsing fails; we leave none).
        if (o.DependencyPath != null && result.Tree != null)
            WriteFile(o.DependencyPath, Encoding.UTF8.GetBytes(DependencyFile.Format(o.OutputPath, deps)), "dependency");

        if (result.ExitCode != 0 || result.Output == null)
            return result.ExitCode == 0 ? 1 : result.ExitCode;

        // dtc runs the checks before it looks at the output format, so these fail after the messages.
        if (outform == "null") return 0;
        if (outform == "yaml" || outform == "asm")
            throw new CliFatal($"output format \"{outform}\" is not supported by xdtc");
        if (outform != "dtb" && outform != "dts")
            throw new CliFatal($"Unknown output format \"{outform}\"");

        if (o.OutputPath == "-")
        {
            stdout.Write(result.Output, 0, result.Output.Length);
            Zeros.Write(stdout, result.OutputPadding);
            stdout.Flush();
        }
        else
            WriteFile(o.OutputPath, result.Output, "output", result.OutputPadding);
        return 0;
    }

    private static DtcOptions ToLibrary(CliOptions o, string inform, string outform)
    {
        var d = new DtcOptions
        {
            InputFormat = inform == "dtb" ? DtcInputFormat.Dtb : DtcInputFormat.Dts,
            OutputFormat = outform == "dts" ? DtcOutputFormat.Dts : DtcOutputFormat.Dtb,
            OutputName = o.OutputPath,
            Symbols = o.Symbols,
            Aliases = o.AutoAlias,
            // dtc keeps -1 as "not given": `-b -1` guesses too.
            BootCpu = o.BootCpu == -1 ? null : o.BootCpu,
            Version = o.OutputVersion,
            ReserveEntries = o.ReserveEntries,
            SpaceSize = o.MinSize,
            PadSize = o.PadSize,
            Align = o.AlignSize,
            Sort = o.Sort,
            Force = o.Force,
            PhandleFormat = o.PhandleFormat switch { "legacy" => PhandleFormat.Legacy, "both" => PhandleFormat.Both, _ => PhandleFormat.Epapr },
            Quiet = o.Quiet,
            StreamPadding = true,   // -S 0x7fffffff is 2 GiB of zeros: written while saving, never held
        };
        d.IncludeDirs.AddRange(o.IncludeDirs);
        if (o.Cpp) d.Preprocess = CppOptions(o);
        foreach (var (isError, check) in o.CheckSwitches) d.CheckSwitches.Add(new DtcCheckSwitch(isError, check));
        return d;
    }

    private static Preprocessor.PreprocessorOptions CppOptions(CliOptions o)
    {
        var pp = new Preprocessor.PreprocessorOptions();
        pp.IncludeDirs.AddRange(o.CppIncludeDirs);
        foreach (string define in o.CppDefines)
        {
            int eq = define.IndexOf('=');
            pp.Defines.Add(eq < 0 ? new(define, null) : new(define.Substring(0, eq), define.Substring(eq + 1)));
        }
        return pp;
    }

    private static void WriteFile(string path, byte[] bytes, string what, long trailingZeros = 0)
    {
        try
        {
            WriteWhole(path, bytes, trailingZeros);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            string reason = e is UnauthorizedAccessException ? "Permission denied" : e is DirectoryNotFoundException ? "No such file or directory" : e.Message;
            throw new CliFatal($"Couldn't open {what} file {path}: {reason}");
        }
    }

    // The SDK's atomic writer (temp file, rename: a failed run never leaves half a DTB); no fsync (dtc does
    // none): a DTB is a build intermediate (Kbuild, Yocto), and the fsync cost ~0.55 ms of a ~2.6 ms run.
    // dtc opens the output where it is told, so a missing folder stays an error here, and a device
    // (/dev/null, /dev/stdout) is written straight through.
    private static void WriteWhole(string path, byte[] bytes, long trailingZeros)
    {
        string full = Path.GetFullPath(path);
        if (full.StartsWith("/dev/", StringComparison.Ordinal) || full.StartsWith("/proc/", StringComparison.Ordinal))
        {
            using var device = new FileStream(full, FileMode.Open, FileAccess.Write);
            device.Write(bytes, 0, bytes.Length);
            Zeros.Write(device, trailingZeros);
            return;
        }

        if (!Directory.Exists(Path.GetDirectoryName(full))) throw new DirectoryNotFoundException(full);
        AtomicFile.Write(full, stream =>
        {
            stream.Write(bytes, 0, bytes.Length);
            // Extending a regular file reads back as zeros (and stays sparse): no 2 GiB buffer.
            if (trailingZeros > 0) stream.SetLength(bytes.Length + trailingZeros);
        }, durable: false);
    }

    private static byte[] ReadAll(Stream s)
    {
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    private static void WriteText(Stream s, string text)
    {
        if (text.Length == 0) return;
        byte[] b = Encoding.UTF8.GetBytes(text);
        s.Write(b, 0, b.Length);
        s.Flush();
    }

    /// <summary>dtc's die() inside the command line: "FATAL ERROR: …", exit 1.</summary>
    private sealed class CliFatal : Exception
    {
        public CliFatal(string message) : base(message) { }
    }
}
