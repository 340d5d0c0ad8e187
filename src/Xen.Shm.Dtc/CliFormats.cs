namespace Xen.Shm.Dtc;

/// <summary>dtc.c guess_input_format and guess_type_by_name.</summary>
public static class CliFormats
{
    /// <summary>"dts"/"dtb"/"yaml" from the file name's suffix, else <paramref name="fallback"/>.</summary>
    public static string? GuessByName(string name, string? fallback = null)
    {
        int dot = name.LastIndexOf('.');
        if (dot < 0) return fallback;
        return name.Substring(dot) switch
        {
            ".dts" => "dts",
            ".dtb" => "dtb",
            ".yaml" => "yaml",
            _ => fallback,
        };
    }

    /// <summary>A folder is "fs", a file starting with the FDT magic is "dtb", else by name, else "dts".</summary>
    public static string GuessInput(string path)
    {
        if (path == "-") return "dts";
        if (Directory.Exists(path)) return "fs";
        if (!File.Exists(path)) return "dts";
        try
        {
            using var f = File.OpenRead(path);
            var magic = new byte[4];
            if (f.Read(magic, 0, 4) == 4 && magic[0] == 0xd0 && magic[1] == 0x0d && magic[2] == 0xfe && magic[3] == 0xed)
                return "dtb";
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return "dts";
        }
        return GuessByName(path, "dts")!;
    }
}
