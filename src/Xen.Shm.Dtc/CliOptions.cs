namespace Xen.Shm.Dtc;

/// <summary>What the command line asked for, with dtc's defaults (dtc.c main()).</summary>
public sealed class CliOptions
{
    public int Quiet { get; set; }
    public string? InputFormat { get; set; }
    public string? OutputFormat { get; set; }
    public string OutputPath { get; set; } = "-";
    public int OutputVersion { get; set; } = 17;
    public string? DependencyPath { get; set; }
    public int ReserveEntries { get; set; }
    public int MinSize { get; set; }
    public int PadSize { get; set; }
    public int AlignSize { get; set; }

    /// <summary>-1 means "guess from /cpus" (dtc keeps -1 as its "not given" value, so `-b -1` guesses too).</summary>
    public long BootCpu { get; set; } = -1;
    public bool Force { get; set; }
    public List<string> IncludeDirs { get; } = new();
    public bool Sort { get; set; }

    /// <summary>"legacy", "epapr" or "both"; dtc's default is epapr.</summary>
    public string PhandleFormat { get; set; } = "epapr";

    /// <summary>-W/-E arguments in command-line order: (isError, "name" or "no-name").</summary>
    public List<(bool IsError, string Check)> CheckSwitches { get; } = new();
    public bool Symbols { get; set; }
    public bool AutoAlias { get; set; }
    public int Annotate { get; set; }
    public string InputPath { get; set; } = "-";

    /// <summary>--cpp: preprocess first (cpp -x assembler-with-cpp -undef -nostdinc -D__DTS__).</summary>
    public bool Cpp { get; set; }

    /// <summary>--cpp-include DIR (cpp's -I), in order.</summary>
    public List<string> CppIncludeDirs { get; } = new();

    /// <summary>--cpp-define NAME[=VALUE] (cpp's -D), in order.</summary>
    public List<string> CppDefines { get; } = new();
}
