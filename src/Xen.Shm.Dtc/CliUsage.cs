namespace Xen.Shm.Dtc;

/// <summary>dtc 1.6.1's help text (util_usage in util.c), word for word, with our program name.</summary>
public static class CliUsage
{
    /// <summary>The dtc release whose behaviour and bytes xdtc reproduces.</summary>
    public const string DtcVersion = "1.6.1";

    public static string Text(string program) =>
        $"Usage: {program} [options] <input file>\n\nOptions: -[{CliArguments.ShortOptions}]\n" + Options;

    private const string Options =
        "  -q, --quiet                \n" +
        "\tQuiet: -q suppress warnings, -qq errors, -qqq all\n" +
        "  -I, --in-format <arg>      \n" +
        "\tInput formats are:\n" +
        "\t\tdts - device tree source text\n" +
        "\t\tdtb - device tree blob\n" +
        "\t\tfs  - /proc/device-tree style directory\n" +
        "  -o, --out <arg>            \n" +
        "\tOutput file\n" +
        "  -O, --out-format <arg>     \n" +
        "\tOutput formats are:\n" +
        "\t\tdts - device tree source text\n" +
        "\t\tdtb - device tree blob\n" +
        "\t\tyaml - device tree encoded as YAML\n" +
        "\t\tasm - assembler source\n" +
        "  -V, --out-version <arg>    \n" +
        "\tBlob version to produce, defaults to 17 (for dtb and asm output)\n" +
        "  -d, --out-dependency <arg> \n" +
        "\tOutput dependency file\n" +
        "  -R, --reserve <arg>        \n" +
        "\tMake space for <number> reserve map entries (for dtb and asm output)\n" +
        "  -S, --space <arg>          \n" +
        "\tMake the blob at least <bytes> long (extra space)\n" +
        "  -p, --pad <arg>            \n" +
        "\tAdd padding to the blob of <bytes> long (extra space)\n" +
        "  -a, --align <arg>          \n" +
        "\tMake the blob align to the <bytes> (extra space)\n" +
        "  -b, --boot-cpu <arg>       \n" +
        "\tSet the physical boot cpu\n" +
        "  -f, --force                \n" +
        "\tTry to produce output even if the input tree has errors\n" +
        "  -i, --include <arg>        \n" +
        "\tAdd a path to search for include files\n" +
        "  -s, --sort                 \n" +
        "\tSort nodes and properties before outputting (useful for comparing trees)\n" +
        "  -H, --phandle <arg>        \n" +
        "\tValid phandle formats are:\n" +
        "\t\tlegacy - \"linux,phandle\" properties only\n" +
        "\t\tepapr  - \"phandle\" properties only\n" +
        "\t\tboth   - Both \"linux,phandle\" and \"phandle\" properties\n" +
        "  -W, --warning <arg>        \n" +
        "\tEnable/disable warnings (prefix with \"no-\")\n" +
        "  -E, --error <arg>          \n" +
        "\tEnable/disable errors (prefix with \"no-\")\n" +
        "  -@, --symbols              \n" +
        "\tEnable generation of symbols\n" +
        "  -A, --auto-alias           \n" +
        "\tEnable auto-alias of labels\n" +
        "  -T, --annotate             \n" +
        "\tAnnotate output .dts with input source file and line (-T -T for more details)\n" +
        "  -h, --help                 \n" +
        "\tPrint this help and exit\n" +
        "  -v, --version              \n" +
        "\tPrint version and exit\n";
}
